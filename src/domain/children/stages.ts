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

/** The stage's name and next action; undefined for a stage this code does not know. */
export function stageInfo(stage: string | null | undefined): { name: string; nextAction: string } | undefined {
  return stage && Object.hasOwn(STAGE_INFO, stage) ? STAGE_INFO[stage as CaseStage] : undefined;
}
