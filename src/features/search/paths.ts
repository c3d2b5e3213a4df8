export const searchPaths = {
  search: '/search',
  results: (q: string) => `/search?q=${encodeURIComponent(q)}`,
} as const;
