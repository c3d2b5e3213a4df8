export const requestsPaths = {
  newRequest: '/requests/new',
  /** The request form for a child already known to the service. */
  newRequestFor: (childId: string) => `/requests/new?childId=${encodeURIComponent(childId)}`,
} as const;
