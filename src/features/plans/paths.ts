import type { PlanSection } from '../../domain/plans/index.ts';

const id = (value: string) => encodeURIComponent(value);

/** What a page says was saved, on the plan's page. */
export type PlanSaved = 'started' | 'section' | 'item' | 'removed' | 'advice' | 'draft-issued' | 'final-issued';

export const plansPaths = {
  /** A case's plan: the plan's page once started, else the page that starts the draft. */
  casePlanRoute: '/cases/:caseId/plan',
  casePlan: (caseId: string) => `/cases/${id(caseId)}/plan`,
  /** The plan's current version: the working version while there is one, else the latest issued. */
  planRoute: '/plans/:planId',
  plan: (planId: string) => `/plans/${id(planId)}`,
  planSaved: (planId: string, saved: PlanSaved) => `/plans/${id(planId)}?saved=${saved}`,
  /** One version, as it was issued (or as it stands, for the working version). Renderings of it sit beside it. */
  versionRoute: '/plans/:planId/versions/:number',
  version: (planId: string, number: number) => `/plans/${id(planId)}/versions/${number}`,
  versionPdfRoute: '/plans/:planId/versions/:number/pdf',
  versionPdf: (planId: string, number: number) => `/plans/${id(planId)}/versions/${number}/pdf`,
  versionDocxRoute: '/plans/:planId/versions/:number/docx',
  versionDocx: (planId: string, number: number) => `/plans/${id(planId)}/versions/${number}/docx`,
  sectionRoute: '/plans/:planId/sections/:section',
  section: (planId: string, section: PlanSection) => `/plans/${id(planId)}/sections/${section}`,
  newItemRoute: '/plans/:planId/sections/:section/items/new',
  newItem: (planId: string, section: PlanSection) => `/plans/${id(planId)}/sections/${section}/items/new`,
  itemRoute: '/plans/:planId/sections/:section/items/:itemId',
  item: (planId: string, section: PlanSection, itemId: string) => `/plans/${id(planId)}/sections/${section}/items/${id(itemId)}`,
  removeItemRoute: '/plans/:planId/sections/:section/items/:itemId/remove',
  removeItem: (planId: string, section: PlanSection, itemId: string) => `/plans/${id(planId)}/sections/${section}/items/${id(itemId)}/remove`,
  fillAdviceRoute: '/plans/:planId/advice',
  fillAdvice: (planId: string) => `/plans/${id(planId)}/advice`,
  checkRoute: '/plans/:planId/check',
  check: (planId: string) => `/plans/${id(planId)}/check`,
  issueDraftRoute: '/plans/:planId/issue-draft',
  issueDraft: (planId: string) => `/plans/${id(planId)}/issue-draft`,
  issueFinalRoute: '/plans/:planId/issue-final',
  issueFinal: (planId: string) => `/plans/${id(planId)}/issue-final`,
  compareRoute: '/plans/:planId/compare',
  compare: (planId: string, from?: number, to?: number) => `/plans/${id(planId)}/compare${from !== undefined && to !== undefined ? `?from=${from}&to=${to}` : ''}`,
  /** The API's: a case's plan started, the plan, its sections edited, its issues and the difference between versions. */
  api: {
    casePlanRoute: '/api/v1/cases/:caseId/plan',
    planRoute: '/api/v1/plans/:planId',
    plan: (planId: string) => `/api/v1/plans/${id(planId)}`,
    issueDraftRoute: '/api/v1/plans/:planId/draft-issue',
    issueFinalRoute: '/api/v1/plans/:planId/final-issue',
    differenceRoute: '/api/v1/plans/:planId/difference',
  },
} as const;
