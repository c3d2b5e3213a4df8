// The child's record's addresses: the route patterns the routes register and the URLs that link to them.
const id = (childId: string) => encodeURIComponent(childId);

export const childrenPaths = {
  recordRoute: '/children/:childId',
  editRoute: '/children/:childId/edit',
  record: (childId: string) => `/children/${id(childId)}`,
  /** The record with the banner saying what was just saved. */
  recordSaved: (childId: string, saved: 'request' | 'step' | 'exception' | 'details' | 'correction' | 'document' | 'person-added' | 'person-changed' | 'person-removed' | 'young-person-choice') => `/children/${id(childId)}?saved=${saved}`,
  edit: (childId: string) => `/children/${id(childId)}/edit`,
  /** The API's: the child's record, and their details changed. */
  api: {
    childRoute: '/api/v1/children/:childId',
    child: (childId: string) => `/api/v1/children/${id(childId)}`,
  },
} as const;
