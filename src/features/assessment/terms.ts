// The assessment's decisions in the council's words: the two questions a panel and a decision
// answer, what a panel may recommend, whose views are asked for, and who may withdraw a request.

/** Whether to assess (SEND Regs 2014 reg. 5), or after the assessment whether to issue a plan (reg. 10). */
export const QUESTIONS = ['assess', 'issue-plan'] as const;
export type Question = (typeof QUESTIONS)[number];

export const QUESTION_NAMES: Record<Question, string> = {
  assess: 'Whether to assess',
  'issue-plan': 'Whether to issue an EHC plan',
};

/** The outcomes of each question, as the API and the forms name them. */
export const OUTCOMES = {
  assess: ['assess', 'do-not-assess'],
  'issue-plan': ['issue-plan', 'do-not-issue-plan'],
} as const satisfies Record<Question, readonly [string, string]>;
export type AssessOutcome = (typeof OUTCOMES.assess)[number];
export type PlanOutcome = (typeof OUTCOMES)['issue-plan'][number];
export type DecisionOutcome = AssessOutcome | PlanOutcome;

export const OUTCOME_NAMES: Record<DecisionOutcome, string> = {
  assess: 'Assess',
  'do-not-assess': 'Do not assess',
  'issue-plan': 'Issue an EHC plan',
  'do-not-issue-plan': 'Do not issue an EHC plan',
};

/** What a panel may recommend on each question; deferring (for more evidence, say) on either. */
export const RECOMMENDATIONS = ['assess', 'do-not-assess', 'issue-plan', 'do-not-issue-plan', 'defer'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

export const RECOMMENDATIONS_FOR: Record<Question, readonly Recommendation[]> = {
  assess: ['assess', 'do-not-assess', 'defer'],
  'issue-plan': ['issue-plan', 'do-not-issue-plan', 'defer'],
};

export const RECOMMENDATION_NAMES: Record<Recommendation, string> = {
  ...OUTCOME_NAMES,
  defer: 'Defer (bring back to a later panel)',
};

/** Whose views are recorded on a request. */
export const VIEWS_PARTIES = ['parent', 'young-person', 'school'] as const;
export type ViewsParty = (typeof VIEWS_PARTIES)[number];

/** Whose views are asked for by letter: the young person's own address is not held, so their views come through their parent or in person. */
export const ASKED_PARTIES = ['parent', 'school'] as const satisfies readonly ViewsParty[];
export type AskedParty = (typeof ASKED_PARTIES)[number];

export const PARTY_NAMES: Record<ViewsParty, string> = {
  parent: 'The parent or carer',
  'young-person': 'The young person',
  school: 'The school or setting',
};

/** Who withdrew a request. */
export const WITHDRAWN_BY = ['parent', 'young-person', 'school', 'other'] as const;
export type WithdrawnBy = (typeof WITHDRAWN_BY)[number];

export const WITHDRAWN_BY_NAMES: Record<WithdrawnBy, string> = {
  parent: 'The parent or carer',
  'young-person': 'The young person',
  school: 'The school or setting',
  other: 'Someone else',
};

/** Free text: a decision's reasons, views in summary, a withdrawal's reason, a panel's note. */
export const TEXT_LIMIT = 5000;

export const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T => typeof value === 'string' && (values as readonly string[]).includes(value);
