const id = (value: string) => encodeURIComponent(value);

export const youngPersonSharingPaths = {
  recordPattern: '/children/:childId/young-person-choice',
  record: (childId: string) => `/children/${id(childId)}/young-person-choice`,
} as const;
