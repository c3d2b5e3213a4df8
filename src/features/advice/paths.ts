const id = (value: string) => encodeURIComponent(value);

/** What a page says was saved, on the case's advice page. */
export type AdviceSaved = 'requested' | 'received' | 'declined' | 'withdrawn' | 'exception';

export const advicePaths = {
  caseAdviceRoute: '/cases/:caseId/advice',
  caseAdvice: (caseId: string) => `/cases/${id(caseId)}/advice`,
  caseAdviceSaved: (caseId: string, saved: AdviceSaved) => `/cases/${id(caseId)}/advice?saved=${saved}`,
  newRequestRoute: '/cases/:caseId/advice/new',
  newRequest: (caseId: string) => `/cases/${id(caseId)}/advice/new`,
  receivedRoute: '/advice/:requestId/received',
  received: (requestId: string) => `/advice/${id(requestId)}/received`,
  closeRoute: '/advice/:requestId/close',
  close: (requestId: string) => `/advice/${id(requestId)}/close`,
  exceptionRoute: '/advice/:requestId/exception',
  exception: (requestId: string) => `/advice/${id(requestId)}/exception`,
  late: '/advice/late',
  lateFrom: (organisation: string) => `/advice/late?organisation=${encodeURIComponent(organisation)}`,
  /** The API's: a case's requests for advice, each request, and where advice, exceptions and closures are posted. */
  api: {
    caseRequestsRoute: '/api/v1/cases/:caseId/advice-requests',
    caseRequests: (caseId: string) => `/api/v1/cases/${id(caseId)}/advice-requests`,
    requestRoute: '/api/v1/advice-requests/:requestId',
    request: (requestId: string) => `/api/v1/advice-requests/${id(requestId)}`,
    adviceRoute: '/api/v1/advice-requests/:requestId/advice',
    exceptionRoute: '/api/v1/advice-requests/:requestId/exception',
    closureRoute: '/api/v1/advice-requests/:requestId/closure',
    late: '/api/v1/late-advice',
  },
} as const;
