const id = (value: string) => encodeURIComponent(value);

/** What a page says was done, on the change's page. */
export type ChangeSaved =
  | 'started'
  | 'notice-sent'
  | 'representation'
  | 'amended'
  | 'not-amended'
  | 'consultation'
  | 'cease-decided'
  | 'certificate'
  | 'appeal'
  | 'appeal-outcome'
  | 'ceased'
  | 'reassessment-requested'
  | 'reassessment-decided';

export const planChangesPaths = {
  /** A maintained plan's changes: amendments, ceasing and re-assessments, each started from here. */
  planChangesRoute: '/plans/:planId/changes',
  planChanges: (planId: string) => `/plans/${id(planId)}/changes`,
  newAmendmentRoute: '/plans/:planId/amendments/new',
  newAmendment: (planId: string, reviewMeetingOn?: string) => `/plans/${id(planId)}/amendments/new${reviewMeetingOn ? `?reviewMeetingOn=${encodeURIComponent(reviewMeetingOn)}` : ''}`,
  newCeasingRoute: '/plans/:planId/ceasing/new',
  newCeasing: (planId: string) => `/plans/${id(planId)}/ceasing/new`,
  newReassessmentRoute: '/plans/:planId/reassessments/new',
  newReassessment: (planId: string) => `/plans/${id(planId)}/reassessments/new`,
  /** One change's page, and its forms beside it. */
  changeRoute: '/plan-changes/:changeId',
  change: (changeId: string) => `/plan-changes/${id(changeId)}`,
  changeSaved: (changeId: string, saved: ChangeSaved) => `/plan-changes/${id(changeId)}?saved=${saved}`,
  actionRoute: '/plan-changes/:changeId/:action',
  action: (changeId: string, action: ChangeAction) => `/plan-changes/${id(changeId)}/${action}`,
  /** The API's. */
  api: {
    amendmentsRoute: '/api/v1/plans/:planId/amendments',
    ceasingRoute: '/api/v1/plans/:planId/ceasing',
    reassessmentsRoute: '/api/v1/plans/:planId/reassessments',
    changeRoute: '/api/v1/plan-changes/:changeId',
    change: (changeId: string) => `/api/v1/plan-changes/${id(changeId)}`,
    actionRoute: '/api/v1/plan-changes/:changeId/:action',
  },
} as const;

/** The forms on a change's page (and the API's operations on a change), by the path they post to. */
export const CHANGE_ACTIONS = [
  'notice',
  'representations',
  'amended-plan',
  'no-amendment',
  'consultations',
  'cease-decision',
  'mediation-certificate',
  'appeal',
  'appeal-outcome',
  'ceased',
  'reassessment-decision',
] as const;
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

export function isChangeAction(value: string): value is ChangeAction {
  return (CHANGE_ACTIONS as readonly string[]).includes(value);
}
