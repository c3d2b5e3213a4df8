export const worklistPaths = {
  myCases: '/cases',
  page: (page: number) => `/cases?page=${page}`,
} as const;
