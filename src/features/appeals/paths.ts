const id = (value: string) => encodeURIComponent(value);

export const APPEAL_ACTIONS = ['dates', 'position', 'outcome'] as const;
export type AppealAction = (typeof APPEAL_ACTIONS)[number];
export const isAppealAction = (value: string): value is AppealAction => (APPEAL_ACTIONS as readonly string[]).includes(value);
export const MEDIATION_ACTIONS = ['held', 'certificate', 'actions'] as const;
export type MediationAction = (typeof MEDIATION_ACTIONS)[number];
export const isMediationAction = (value: string): value is MediationAction => (MEDIATION_ACTIONS as readonly string[]).includes(value);

export const appealsPaths = {
  /** The register of appeals: live and closed, filtered and paged. */
  registerRoute: '/appeals',
  register: (query: Record<string, string | undefined> = {}) => {
    const search = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => Boolean(entry[1])));
    const text = search.toString();
    return text ? `/appeals?${text}` : '/appeals';
  },
  triageRoute: '/appeals/triage',
  triage: () => '/appeals/triage',
  reportRoute: '/appeals/report',
  report: () => '/appeals/report',
  reportCsvRoute: '/appeals/report.csv',
  reportCsv: (from: string, to: string) => `/appeals/report.csv?from=${id(from)}&to=${id(to)}`,
  /** A case's mediation and appeals, with the forms to start them. */
  caseRoute: '/cases/:caseId/appeals',
  ofCase: (caseId: string) => `/cases/${id(caseId)}/appeals`,
  newAppealRoute: '/cases/:caseId/appeals/new',
  newAppeal: (caseId: string) => `/cases/${id(caseId)}/appeals/new`,
  newMediationRoute: '/cases/:caseId/mediations/new',
  newMediation: (caseId: string) => `/cases/${id(caseId)}/mediations/new`,
  appealRoute: '/appeals/:appealId',
  appeal: (appealId: string) => `/appeals/${id(appealId)}`,
  settle: (appealId: string) => `/appeals/${id(appealId)}?settle=1#position`,
  appealSaved: (appealId: string, saved: string) => `/appeals/${id(appealId)}?saved=${id(saved)}`,
  appealActionRoute: '/appeals/:appealId/:action',
  appealAction: (appealId: string, action: AppealAction) => `/appeals/${id(appealId)}/${action}`,
  orderCompliedRoute: '/appeal-orders/:orderId/complied',
  orderComplied: (orderId: string) => `/appeal-orders/${id(orderId)}/complied`,
  mediationRoute: '/mediations/:mediationId',
  mediation: (mediationId: string) => `/mediations/${id(mediationId)}`,
  mediationSaved: (mediationId: string, saved: string) => `/mediations/${id(mediationId)}?saved=${id(saved)}`,
  mediationActionRoute: '/mediations/:mediationId/:action',
  mediationAction: (mediationId: string, action: MediationAction) => `/mediations/${id(mediationId)}/${action}`,
  actionDoneRoute: '/mediation-actions/:actionId/done',
  actionDone: (actionId: string) => `/mediation-actions/${id(actionId)}/done`,
  /** The API. */
  apiListRoute: '/api/v1/appeals',
  apiRegisterRoute: '/api/v1/cases/:caseId/appeals',
  apiOutcomeRoute: '/api/v1/appeals/:appealId/outcome',
  apiOrderCompliedRoute: '/api/v1/appeal-orders/:orderId/complied',
};
