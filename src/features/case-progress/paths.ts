const id = (childId: string) => encodeURIComponent(childId);

export const caseProgressPaths = {
  newStepRoute: '/children/:childId/steps/new',
  newExceptionRoute: '/children/:childId/exceptions/new',
  newStep: (childId: string) => `/children/${id(childId)}/steps/new`,
  newException: (childId: string) => `/children/${id(childId)}/exceptions/new`,
  correctRoute: '/cases/:caseId/events/:eventId/correct',
  correct: (caseId: string, eventId: string) => `/cases/${id(caseId)}/events/${id(eventId)}/correct`,
  /** The API's: a case's history and each of its events, and where steps, exceptions and corrections are posted. */
  api: {
    eventsRoute: '/api/v1/cases/:caseId/events',
    eventRoute: '/api/v1/cases/:caseId/events/:eventId',
    exceptionsRoute: '/api/v1/cases/:caseId/exceptions',
    correctionsRoute: '/api/v1/cases/:caseId/events/:eventId/corrections',
    events: (caseId: string) => `/api/v1/cases/${id(caseId)}/events`,
    event: (caseId: string, eventId: string) => `/api/v1/cases/${id(caseId)}/events/${id(eventId)}`,
  },
} as const;
