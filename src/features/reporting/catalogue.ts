// The catalogue of the service's measures: each declared once, in the council's words, with the
// regulation or DfE definition it follows, what it counts (the cases behind its numerator and
// denominator) and the national figure to compare it with. The dashboard, the lists behind each
// figure, the downloads and any other feature reading a measure (by its id) all start here.

export type MeasureUnit = 'percent' | 'count';

/**
 * 'monthly': each case counts in the month of the event that settles it (a decision, a plan
 * issued), so a period's figure is its months' added together. 'now': a count of cases as they
 * stand today (open cases, the queue); its months are the count as it stood at the end of each
 * month (today, for the month under way), worked out from the dates the cases hold.
 */
export type MeasureTiming = 'monthly' | 'now';

/** Where the figure for England (or the council's own published figure) comes from. */
export type NationalSource = 'england' | 'council-2024';

export interface MeasureDeclaration {
  readonly id: string;
  /** As the council says it: "Requests decided within 6 weeks". */
  readonly title: string;
  /** What is counted, in a sentence, with the rule it follows. */
  readonly definition: string;
  /** The regulation or DfE definition. */
  readonly basis: string;
  readonly unit: MeasureUnit;
  readonly timing: MeasureTiming;
  /** Whether a higher figure is better. */
  readonly better: 'higher' | 'lower';
  /** The cases counted on top (percent measures only): "decided within 6 weeks". */
  readonly numerator?: string;
  /** The cases it is a share of (percent measures), or the cases counted (count measures). */
  readonly denominator: string;
  /** What the list's dates mean: the day that places a case in its month, and the day its clock started. */
  readonly columns: { readonly on: string; readonly start?: string; readonly end?: string; readonly days?: string; readonly detail?: string };
  /** The national figure for England, where the DfE publishes one (percent), with its source. */
  readonly england?: { readonly value: number; readonly source: string };
  /** What each row counts: a case (the default), or a contact (a complaint, with its child and case where there are ones). */
  readonly subject?: 'case' | 'contact';
  /** The council's own figure for 2024 in the DfE's tables, read from la-profile-2025.csv. */
  readonly council2024?: 'decided-6-weeks' | 'agreed' | 'within-20-weeks' | 'reviews-4-weeks';
}

const SEN2 = 'DfE, Education, health and care plans, England 2025 (SEN2, calendar year 2024)';

export const MEASURES = [
  {
    id: 'requests-decided-in-6-weeks',
    title: 'Requests decided within 6 weeks',
    definition: 'Of the decisions whether to assess made in the month, the share made within 6 weeks of the request being received (on or before the 42nd day after it).',
    basis: 'SEND Regulations 2014 reg. 5(1); SEN2 RequestOutcomeDate against ReceivedDate',
    unit: 'percent',
    timing: 'monthly',
    better: 'higher',
    numerator: 'Decided within 6 weeks',
    denominator: 'Decisions whether to assess',
    columns: { on: 'Decision sent', start: 'Request received', days: 'Days taken', detail: 'Decision' },
    council2024: 'decided-6-weeks',
  },
  {
    id: 'requests-agreed',
    title: 'Requests agreed for assessment',
    definition: 'Of the decisions whether to assess made in the month, the share that agreed to assess.',
    basis: 'Children and Families Act 2014 s.36(8); SEN2 RequestOutcome Y',
    unit: 'percent',
    timing: 'monthly',
    better: 'higher',
    numerator: 'Agreed to assess',
    denominator: 'Decisions whether to assess',
    columns: { on: 'Decision sent', start: 'Request received', days: 'Days taken', detail: 'Decision' },
    england: { value: 65.4, source: SEN2 },
    council2024: 'agreed',
  },
  {
    id: 'plans-in-20-weeks-excluding-exceptions',
    title: 'New plans issued within 20 weeks, excluding exceptions',
    definition:
      'Of the final EHC plans issued for the first time in the month, leaving out those with an exception to the time limits recorded before the plan was issued, the share issued within 20 weeks of the request (on or before the 140th day after it). The DfE’s headline measure.',
    basis: 'SEND Regulations 2014 reg. 13(2) and the exceptions of reg. 13(3); SEN2 Week20',
    unit: 'percent',
    timing: 'monthly',
    better: 'higher',
    numerator: 'Issued within 20 weeks',
    denominator: 'New plans issued without an exception',
    columns: { on: 'Final plan issued', start: 'Request received', days: 'Days taken' },
    england: { value: 46.4, source: SEN2 },
    council2024: 'within-20-weeks',
  },
  {
    id: 'plans-in-20-weeks-including-exceptions',
    title: 'New plans issued within 20 weeks, including exceptions',
    definition: 'Of all the final EHC plans issued for the first time in the month, exceptions or not, the share issued within 20 weeks of the request (on or before the 140th day after it).',
    basis: 'SEND Regulations 2014 reg. 13(2)',
    unit: 'percent',
    timing: 'monthly',
    better: 'higher',
    numerator: 'Issued within 20 weeks',
    denominator: 'New plans issued',
    columns: { on: 'Final plan issued', start: 'Request received', days: 'Days taken', detail: 'Exception recorded' },
  },
  {
    id: 'reviews-decided-in-4-weeks',
    title: 'Annual review decisions within 4 weeks of the meeting',
    definition: 'Of the annual review decisions sent in the month, the share sent within 4 weeks of the review meeting (on or before the 28th day after it). A decision with no meeting recorded counts as late.',
    basis: 'SEND Regulations 2014 reg. 20(10); SEN2 LastReview against ReviewMeeting',
    unit: 'percent',
    timing: 'monthly',
    better: 'higher',
    numerator: 'Decided within 4 weeks of the meeting',
    denominator: 'Annual review decisions',
    columns: { on: 'Decision sent', start: 'Review meeting', days: 'Days after the meeting', detail: 'Decision' },
    england: { value: 44.4, source: SEN2 },
    council2024: 'reviews-4-weeks',
  },
  {
    id: 'reviews-overdue',
    title: 'Annual reviews overdue',
    definition:
      'Plans the council maintains whose annual review was due before today and has not been decided: the review must be within 12 months of the plan being made or of the last review. Month by month: the plans whose 12 months from the plan being issued or the last review decision had run out before the month’s last day, with no review decided since and the plan not ceased.',
    basis: 'Children and Families Act 2014 s.44(1)',
    unit: 'count',
    timing: 'now',
    better: 'lower',
    denominator: 'Plans with a review overdue',
    columns: { on: 'Review was due by' },
  },
  {
    id: 'open-cases',
    title: 'Open cases',
    definition: 'Every open case, from a request received to a plan maintained: the service’s caseload. Month by month: the cases opened by the month’s last day and not closed by then.',
    basis: 'SEND Code of Practice 2015, 9.23',
    unit: 'count',
    timing: 'now',
    better: 'lower',
    denominator: 'Open cases',
    columns: { on: 'Opened', detail: 'Officer' },
  },
  {
    id: 'unallocated-cases',
    title: 'Cases without a named officer',
    definition:
      'Open cases waiting in the unallocated queue for an officer, with how many days each has waited. Month by month: the open cases that had joined the queue by the month’s last day and were not yet given their first officer.',
    basis: 'SEND Code of Practice 2015, 9.23',
    unit: 'count',
    timing: 'now',
    better: 'lower',
    denominator: 'Cases waiting for an officer',
    columns: { on: 'Waiting since', days: 'Days waiting' },
  },
  {
    id: 'appeals-registered',
    title: 'Appeals registered',
    definition: 'Appeals to the First-tier Tribunal (SEND) registered in the month, by the date of the tribunal’s registration letter.',
    basis: 'Children and Families Act 2014 s.51',
    unit: 'count',
    timing: 'monthly',
    better: 'lower',
    denominator: 'Appeals registered',
    columns: { on: 'Registered', start: 'Decision appealed', end: 'Concluded', detail: 'Appeal against' },
  },
  {
    id: 'appeals-concluded',
    title: 'Appeals concluded with the council’s decision standing',
    definition:
      'Of the appeals to the First-tier Tribunal (SEND) concluded in the month, the share where every part appealed was dismissed or withdrawn, so the council’s decision stood. The rest were upheld in whole or part, or conceded.',
    basis: 'Children and Families Act 2014 s.51; Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008 r.17',
    unit: 'percent',
    timing: 'monthly',
    better: 'higher',
    numerator: 'Decision stood',
    denominator: 'Appeals concluded',
    columns: { on: 'Concluded', start: 'Registered', detail: 'Outcome of each part' },
  },
  {
    id: 'appeals-live',
    title: 'Live appeals',
    definition: 'Appeals to the First-tier Tribunal (SEND) registered and not yet concluded. Month by month: those registered by the month’s last day and not concluded by then.',
    basis: 'Children and Families Act 2014 s.51',
    unit: 'count',
    timing: 'now',
    better: 'lower',
    denominator: 'Appeals not concluded',
    columns: { on: 'Registered', detail: 'Where it stands' },
  },
  {
    id: 'phase-transfers-in-time',
    title: 'Phase transfers finalised in time',
    definition:
      'Of the phase transfers finalised in the month (the amended plan naming the next school or college issued, as the phase transfers pages find it), the share finalised on or before the last day the law allows: 14 February for a move to school in the September, 30 March for a move from secondary school to post-16.',
    basis: 'SEND Regulations 2014 reg. 18(1)',
    unit: 'percent',
    timing: 'monthly',
    better: 'higher',
    numerator: 'Finalised by the statutory date',
    denominator: 'Phase transfers finalised',
    columns: { on: 'Amended plan issued', start: 'Statutory last day', detail: 'Move' },
  },
  {
    id: 'complaints-stage-1-in-time',
    title: 'Stage 1 complaints answered within the time limit',
    definition:
      'Of the stage 1 complaint responses sent in the month, the share sent on or before the day the council’s complaints policy set when the complaint was received (its working days for stage 1, 10 unless the council set its own). A complaint with no child or no case is counted all the same.',
    basis: 'The council’s complaints policy: its stage 1 response time, as set for contacts (a council policy, not a statutory time limit)',
    unit: 'percent',
    timing: 'monthly',
    better: 'higher',
    numerator: 'Answered within the time limit',
    denominator: 'Stage 1 responses sent',
    columns: { on: 'Response sent', start: 'Complaint received', days: 'Days taken', detail: 'Response due by' },
    subject: 'contact',
  },
  {
    id: 'complaints-stage-2-in-time',
    title: 'Stage 2 complaints answered within the time limit',
    definition:
      'Of the stage 2 complaint responses sent in the month, the share sent on or before the day the council’s complaints policy set when the request to escalate was received (its working days for stage 2, 20 unless the council set its own). A complaint with no child or no case is counted all the same.',
    basis: 'The council’s complaints policy: its stage 2 response time, as set for contacts (a council policy, not a statutory time limit)',
    unit: 'percent',
    timing: 'monthly',
    better: 'higher',
    numerator: 'Answered within the time limit',
    denominator: 'Stage 2 responses sent',
    columns: { on: 'Response sent', start: 'Escalation received', days: 'Days taken', detail: 'Response due by' },
    subject: 'contact',
  },
] as const satisfies readonly MeasureDeclaration[];

export type MeasureId = (typeof MEASURES)[number]['id'];
export const MEASURE_IDS = MEASURES.map((measure) => measure.id) as readonly MeasureId[];

export function isMeasureId(id: string): id is MeasureId {
  return (MEASURE_IDS as readonly string[]).includes(id);
}

/** The declaration of a measure, or undefined for an id the catalogue does not know. */
export function measure(id: string): MeasureDeclaration | undefined {
  return MEASURES.find((entry) => entry.id === id);
}
