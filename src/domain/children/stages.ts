import type { CaseEventType } from '../clocks/case-deadlines.ts';

// The stages of an EHC case as officers speak of them, with what the officer does next.

export const CASE_STAGES = ['request', 'assessment', 'draft', 'plan', 'review', 'closed'] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

export const STAGE_INFO: Record<CaseStage, { name: string; nextAction: string }> = {
  request: { name: 'Request received', nextAction: 'Decide whether to assess' },
  assessment: { name: 'Needs assessment', nextAction: 'Gather advice and decide whether to issue a plan' },
  draft: { name: 'Draft plan', nextAction: 'Consider comments and consult schools, then issue the final plan' },
  plan: { name: 'EHC plan maintained', nextAction: 'Hold the annual review' },
  review: { name: 'Annual review', nextAction: 'Decide to maintain, amend or cease the plan' },
  closed: { name: 'Closed', nextAction: 'None' },
};

/** SEN2 RequestSource codes (mandatory from 2026). */
export const REQUEST_SOURCES = {
  1: 'Parent or young person',
  2: 'School or other education setting',
  3: 'Health service',
  4: 'Social care',
  5: 'Other',
} as const;
export type RequestSource = keyof typeof REQUEST_SOURCES;

/** The stage a case is in after each step: one map for the app and the synthetic data alike. */
export const STAGE_AFTER_STEP: Readonly<Record<CaseEventType, CaseStage>> = {
  'request.received': 'request',
  'assessment.agreed': 'assessment',
  'assessment.refused': 'closed',
  'draft.issued': 'draft',
  'plan.issued': 'plan',
  'review.scheduled': 'review',
  'review.held': 'review',
  'review.decided': 'plan',
  'amendment.proposed': 'review',
  'plan.amended': 'plan',
};
