const id = (childId: string) => encodeURIComponent(childId);

export const caseProgressPaths = {
  newStepRoute: '/children/:childId/steps/new',
  newExceptionRoute: '/children/:childId/exceptions/new',
  newStep: (childId: string) => `/children/${id(childId)}/steps/new`,
  newException: (childId: string) => `/children/${id(childId)}/exceptions/new`,
  correctRoute: '/cases/:caseId/events/:eventId/correct',
  correct: (caseId: string, eventId: string) => `/cases/${id(caseId)}/events/${id(eventId)}/correct`,
} as const;
