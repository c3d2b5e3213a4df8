// A subject access request's export of everything held about a child.
const id = (value: string) => encodeURIComponent(value);

export const subjectAccessPaths = {
  exportRoute: '/children/:childId/subject-access.zip',
  export: (childId: string) => `/children/${id(childId)}/subject-access.zip`,
} as const;
