const id = (value: string) => encodeURIComponent(value);

/** What a page says was saved, on the case's consultations page. */
export type ConsultationSaved = 'consulted' | 'answered' | 'chased' | 'withdrawn' | 'representation';

export const consultationsPaths = {
  caseConsultationsRoute: '/cases/:caseId/consultations',
  caseConsultations: (caseId: string) => `/cases/${id(caseId)}/consultations`,
  caseConsultationsSaved: (caseId: string, saved: ConsultationSaved) => `/cases/${id(caseId)}/consultations?saved=${saved}`,
  newConsultationRoute: '/cases/:caseId/consultations/new',
  newConsultation: (caseId: string) => `/cases/${id(caseId)}/consultations/new`,
  familyResponseRoute: '/cases/:caseId/consultations/family-response',
  familyResponse: (caseId: string) => `/cases/${id(caseId)}/consultations/family-response`,
  responseRoute: '/consultations/:consultationId/response',
  response: (consultationId: string) => `/consultations/${id(consultationId)}/response`,
  chaseRoute: '/consultations/:consultationId/chase',
  chase: (consultationId: string) => `/consultations/${id(consultationId)}/chase`,
  withdrawRoute: '/consultations/:consultationId/withdraw',
  withdraw: (consultationId: string) => `/consultations/${id(consultationId)}/withdraw`,
  overdue: '/consultations/overdue',
  /** The API's: a case's consultations and the family's response, and where each is posted. */
  api: {
    caseConsultationsRoute: '/api/v1/cases/:caseId/consultations',
    caseConsultations: (caseId: string) => `/api/v1/cases/${id(caseId)}/consultations`,
    representationsRoute: '/api/v1/cases/:caseId/draft-representations',
    responseRoute: '/api/v1/consultations/:consultationId/response',
    chaseRoute: '/api/v1/consultations/:consultationId/chase',
  },
} as const;
