// The assessment's decisions' addresses: panels and their agendas, and a case's decision page and
// its forms; the route patterns the routes register and the URLs that link to them.
const id = (value: string) => encodeURIComponent(value);

export const assessmentPaths = {
  panelsRoute: '/panels',
  newPanelRoute: '/panels/new',
  panelRoute: '/panels/:panelId',
  recommendationRoute: '/panels/:panelId/cases/:caseId/recommendation',
  panels: '/panels',
  newPanel: '/panels/new',
  panel: (panelId: string) => `/panels/${id(panelId)}`,
  /** The agenda with the banner saying what was just saved. */
  panelSaved: (panelId: string, saved: 'panel' | 'recommendation') => `/panels/${id(panelId)}?saved=${saved}`,
  recommendation: (panelId: string, caseId: string) => `/panels/${id(panelId)}/cases/${id(caseId)}/recommendation`,

  decisionRoute: '/cases/:caseId/decision',
  bringToPanelRoute: '/cases/:caseId/decision/panel',
  askForViewsRoute: '/cases/:caseId/decision/views/ask',
  recordViewsRoute: '/cases/:caseId/decision/views/new',
  whetherToAssessRoute: '/cases/:caseId/decision/whether-to-assess',
  afterAssessmentRoute: '/cases/:caseId/decision/after-assessment',
  withdrawalRoute: '/cases/:caseId/decision/withdrawal',
  decision: (caseId: string) => `/cases/${id(caseId)}/decision`,
  decisionSaved: (caseId: string, saved: 'panel' | 'views-asked' | 'views' | 'decision' | 'decision-unsent' | 'withdrawal' | 'withdrawal-unsent') => `/cases/${id(caseId)}/decision?saved=${saved}`,
  bringToPanel: (caseId: string) => `/cases/${id(caseId)}/decision/panel`,
  askForViews: (caseId: string) => `/cases/${id(caseId)}/decision/views/ask`,
  recordViews: (caseId: string) => `/cases/${id(caseId)}/decision/views/new`,
  whetherToAssess: (caseId: string) => `/cases/${id(caseId)}/decision/whether-to-assess`,
  afterAssessment: (caseId: string) => `/cases/${id(caseId)}/decision/after-assessment`,
  withdrawal: (caseId: string) => `/cases/${id(caseId)}/decision/withdrawal`,

  /** The API's. */
  api: {
    panelsRoute: '/api/v1/panels',
    panelRoute: '/api/v1/panels/:panelId',
    panelCasesRoute: '/api/v1/panels/:panelId/cases',
    recommendationRoute: '/api/v1/panels/:panelId/cases/:caseId/recommendation',
    decisionsRoute: '/api/v1/cases/:caseId/decisions',
    whetherToAssessRoute: '/api/v1/cases/:caseId/decisions/whether-to-assess',
    afterAssessmentRoute: '/api/v1/cases/:caseId/decisions/after-assessment',
    withdrawalRoute: '/api/v1/cases/:caseId/withdrawal',
    viewsRoute: '/api/v1/cases/:caseId/views',
    viewsRequestsRoute: '/api/v1/cases/:caseId/views-requests',
    panel: (panelId: string) => `/api/v1/panels/${id(panelId)}`,
    decisions: (caseId: string) => `/api/v1/cases/${id(caseId)}/decisions`,
  },
} as const;
