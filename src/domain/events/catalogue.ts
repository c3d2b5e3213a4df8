// The catalogue of case events: everything the service knows about each kind of event on an EHC
// case, declared once. The history's wording, the stage a case moves to, the label on the step
// form, the statutory deadlines the event starts, meets or ends, and what it means for the DfE's
// SEN2 return all come from here; nothing else lists event types.
import type { IsoDate } from '../calendar/dates.ts';
import type { CaseStage } from '../children/stages.ts';
import { decisionToAssessDeadline, draftCommentsDeadline, finalPlanDeadline, noPlanDecisionDeadline } from '../clocks/assessment.ts';
import { amendedPlanDeadline, amendmentCommentsDeadline } from '../clocks/amendment.ts';
import { reviewDueDeadline, reviewMeetingDeadlines } from '../clocks/annual-review.ts';
import { LAW, makeDeadline, type Deadline } from '../clocks/deadline.ts';
import { transferInDeadlines } from '../clocks/transfer-in.ts';
import { NO_BANK_HOLIDAYS } from '../calendar/bank-holidays.ts';
import { reassessmentDecisionDeadline, reassessmentFinalPlanDeadline } from '../clocks/reassessment.ts';
import { mediationMeetingDeadline } from '../clocks/disagreement.ts';
import { addWeeks } from '../calendar/dates.ts';

/**
 * The deadlines a case can carry, each with how it is computed and whose time limit it is. The
 * authority's are its duties (on the worklist, overdue when missed); a family's is a window the
 * authority must leave open (the 15 days to comment on a draft or on proposed amendments).
 */
export const CASE_DEADLINES = {
  'decision-to-assess': { duty: 'authority', compute: decisionToAssessDeadline },
  'final-plan': { duty: 'authority', compute: finalPlanDeadline },
  'no-plan-decision': { duty: 'authority', compute: noPlanDecisionDeadline },
  'draft-comments': { duty: 'family', compute: draftCommentsDeadline },
  'review-due': { duty: 'authority', compute: reviewDueDeadline },
  invitations: { duty: 'authority', compute: (meeting: IsoDate) => reviewMeetingDeadline(meeting, 'invitations') },
  'advice-circulated': { duty: 'authority', compute: (meeting: IsoDate) => reviewMeetingDeadline(meeting, 'advice-circulated') },
  'review-report': { duty: 'authority', compute: (meeting: IsoDate) => reviewMeetingDeadline(meeting, 'review-report') },
  'review-decision': { duty: 'authority', compute: (meeting: IsoDate) => reviewMeetingDeadline(meeting, 'review-decision') },
  'amendment-comments': { duty: 'family', compute: amendmentCommentsDeadline },
  'amended-plan': { duty: 'authority', compute: amendedPlanDeadline },
  // Reg. 15 counts the plan's sending in working days from the day the council learnt of the move;
  // the event carries the day worked out with the bank holidays (see DeadlineStart 'carried'), and
  // this, the day of the move itself, is what is read when it carries none.
  'transfer-plan': {
    duty: 'authority',
    compute: (moveDate: IsoDate) =>
      makeDeadline('transfer-plan', 'Send the EHC plan to the new council', moveDate, [`${LAW.regs} reg. 15: the plan goes to the new council on the day of the move, ${moveDate}.`]),
  },
  'transfer-notify': { duty: 'authority', compute: (moveDate: IsoDate) => transferInDeadlines({ moveDate, lastReview: moveDate }, NO_BANK_HOLIDAYS).find((deadline) => deadline.id === 'transfer-notify')! },
  'reassessment-decision': { duty: 'authority', compute: reassessmentDecisionDeadline },
  // The re-assessment's own id, so it never replaces the first plan's 20-week deadline.
  'reassessment-plan': { duty: 'authority', compute: (decision: IsoDate) => ({ ...reassessmentFinalPlanDeadline(decision), id: 'reassessment-plan' }) },
  // Regs 36-38: arranged within 30 days of the council hearing that the family want mediation.
  'mediation-meeting': { duty: 'authority', compute: mediationMeetingDeadline, runsOnClosedCase: true },
  // The tribunal's own date from its registration letter is always carried; this is read only when
  // none is (HESC r.21: the response by the date the tribunal sets, usually 30 working days after
  // the appeal is sent to the council, taken here as 6 weeks).
  'appeal-response': {
    duty: 'authority',
    runsOnClosedCase: true,
    compute: (registered: IsoDate) =>
      makeDeadline('appeal-response', 'Send the council’s response to the tribunal', addWeeks(registered, 6), [`${LAW.hesc} r.21: the response by the date in the tribunal’s registration letter of ${registered}.`]),
  },
  // Regs 44: the order's own limits are carried (tribunalOrderDeadlines); the last of them is the
  // day the order must be carried out by. An order to cease takes effect the day it is made.
  'appeal-order': {
    duty: 'authority',
    runsOnClosedCase: true,
    compute: (ordered: IsoDate) => makeDeadline('appeal-order', 'Carry out the tribunal’s order', ordered, [`${LAW.regs} reg. 44: the order made on ${ordered}.`]),
  },
} as const satisfies Record<string, { duty: 'authority' | 'family'; compute: (from: IsoDate) => Deadline; runsOnClosedCase?: boolean }>;
export type CaseDeadlineId = keyof typeof CASE_DEADLINES;

function reviewMeetingDeadline(meeting: IsoDate, id: string): Deadline {
  return reviewMeetingDeadlines(meeting).find((deadline) => deadline.id === id)!;
}

/**
 * What a step needs of the case's history before it (only events that still stand count, up to
 * the step's own day). `since` narrows the history to what followed the last of those events (a
 * review's decision needs a meeting held since the last decision).
 *  - after: one of `events` must have happened ("Record the draft plan before the final plan").
 *  - once: none of `events` may have happened already ("decided to assess" twice).
 *  - after-window: the family's window that the last of `events` opened must have closed; the
 *    message may name the window's last day, {closes}, and the first day allowed, {from}.
 */
// Event types are named as strings here (the catalogue cannot refer to its own keys while it is
// declared); a test holds every name to an event the catalogue declares.
export type StepNeed =
  | { readonly kind: 'after' | 'once'; readonly events: readonly string[]; readonly since?: readonly string[]; readonly message: string }
  | { readonly kind: 'after-window'; readonly events: readonly string[]; readonly since?: readonly string[]; readonly deadline: CaseDeadlineId; readonly message: string };

/**
 * A deadline an event starts, counted from the event's own date or from the request's; or
 * 'carried': worked out when the event was recorded, from more than one date or with the bank
 * holidays, and kept in its payload (`deadlines[id]`: due and basis), the event's own date read
 * as `from` when it carries none.
 */
export interface DeadlineStart {
  readonly deadline: CaseDeadlineId;
  readonly from: 'event' | 'request' | 'carried';
}

export interface CaseEventDeclaration {
  /** How the event reads in the child's history. */
  readonly title: string;
  /** The stage the case is in after the event; absent when the event does not move the case. */
  readonly stage?: CaseStage;
  /** The label on the step form; absent for events the service records itself. */
  readonly formLabel?: string;
  /**
   * Recorded only on the case's decision page: a decision, with its reasons, by an officer with the
   * authority to make it (and corrected only by one); or a request's withdrawal, with who withdrew
   * it and why. Never a step on the step form, so no path records one without them.
   */
  readonly decisionPage?: 'decision' | 'withdrawal';
  /** Recorded ahead of the day it names (a meeting booked for a date to come). */
  readonly datedAhead?: boolean;
  /** What must (or must not) have happened before it: the order of the process (see StepNeed). */
  readonly needs?: readonly StepNeed[];
  /** A correction can withdraw it or give it another date (steps and exceptions; not the service's own records). */
  readonly correctable?: 'withdraw-or-redate' | 'redate' | 'withdraw';
  /** Deadlines this event fulfils (the date it happened is the date met). */
  readonly meets: readonly CaseDeadlineId[];
  /** Deadlines this event starts; one already running with the same id is replaced. */
  readonly starts: readonly DeadlineStart[];
  /** Deadlines this event ends, met or not, because the duty no longer applies. */
  readonly ends: readonly CaseDeadlineId[];
  /** What the event is in the SEN2 return: the element it fills and how. */
  readonly sen2?: { readonly field: string; readonly meaning: string };
  /** The provision that makes the event matter. */
  readonly basis: string;
}

/**
 * In the order of the statutory process: events on the same day are applied in this order,
 * whatever order they were recorded in (a request is received before it is decided on).
 * Effects apply as meets, then starts, then ends.
 */
export const CASE_EVENTS = {
  'request.received': {
    title: 'Request for an EHC needs assessment received',
    stage: 'request',
    correctable: 'redate',
    meets: [],
    starts: [
      { deadline: 'decision-to-assess', from: 'event' },
      { deadline: 'final-plan', from: 'event' },
    ],
    ends: [],
    sen2: { field: 'Requests/ReceivedDate', meaning: 'a request received; its date starts the 20 weeks' },
    basis: 'CFA 2014 s.36(1); SEND Regs 2014 regs 5(1) and 13(2)',
  },
  'assessment.agreed': {
    title: 'Decided to assess',
    stage: 'assessment',
    decisionPage: 'decision',
    needs: [
      { kind: 'after', events: ['request.received'], message: 'Record the request before the decision on whether to assess' },
      { kind: 'once', events: ['assessment.agreed', 'assessment.refused', 'request.withdrawn'], message: 'The decision on whether to assess is already recorded. If it is wrong, correct it in the case’s history' },
    ],
    correctable: 'withdraw-or-redate',
    meets: ['decision-to-assess'],
    starts: [{ deadline: 'no-plan-decision', from: 'request' }],
    ends: [],
    sen2: { field: 'Requests/RequestOutcome', meaning: 'Y, dated by RequestOutcomeDate' },
    basis: 'CFA 2014 s.36(8); SEND Regs 2014 regs 5(1) and 10(1)',
  },
  'advice.requested': {
    title: 'Advice requested for the assessment',
    // One event per request for advice; the request itself (to whom, its due date) is kept beside
    // the case. The service records it when the officer asks; it moves nothing.
    needs: [{ kind: 'after', events: ['assessment.agreed'], message: 'Record the decision to assess before asking for advice for the assessment' }],
    meets: [],
    starts: [],
    ends: [],
    basis: 'SEND Regs 2014 regs 6(1) and 8(1)',
  },
  'advice.received': {
    title: 'Advice received for the assessment',
    needs: [{ kind: 'after', events: ['advice.requested'], message: 'Record the request for advice before the advice received' }],
    meets: [],
    starts: [],
    ends: [],
    basis: 'SEND Regs 2014 regs 6(1), 7 and 8(1)',
  },
  'assessment.refused': {
    title: 'Decided not to assess',
    stage: 'closed',
    decisionPage: 'decision',
    needs: [
      { kind: 'after', events: ['request.received'], message: 'Record the request before the decision on whether to assess' },
      { kind: 'once', events: ['assessment.agreed', 'assessment.refused', 'request.withdrawn'], message: 'The decision on whether to assess is already recorded. If it is wrong, correct it in the case’s history' },
    ],
    correctable: 'withdraw-or-redate',
    meets: ['decision-to-assess'],
    starts: [],
    ends: ['final-plan'],
    sen2: { field: 'Requests/RequestOutcome', meaning: 'N, dated by RequestOutcomeDate' },
    basis: 'CFA 2014 s.36(5); SEND Regs 2014 reg. 5(1)',
  },
  'request.withdrawn': {
    title: 'Request withdrawn',
    stage: 'closed',
    decisionPage: 'withdrawal',
    // Withdrawn before the decision on whether to assess, or during the assessment; not once the
    // assessment has ended in a decision on the plan.
    needs: [
      { kind: 'after', events: ['request.received'], message: 'Record the request before its withdrawal' },
      {
        kind: 'once',
        events: ['assessment.refused', 'request.withdrawn', 'plan.agreed', 'plan.refused', 'draft.issued', 'plan.issued'],
        message: 'The request can no longer be withdrawn: it was refused, withdrawn already, or the assessment has ended in a decision on the plan',
      },
    ],
    correctable: 'withdraw-or-redate',
    meets: [],
    starts: [],
    // The case closes, so every duty of the authority's still running ends with it (unmet ones are
    // dropped from a closed case); the decision to assess, if it was met, stays met.
    ends: ['no-plan-decision', 'final-plan'],
    sen2: { field: 'Requests/RequestOutcome', meaning: 'W before the decision on whether to assess; after it, AssessmentOutcome W; dated by the withdrawal' },
    basis: 'CFA 2014 s.36(1): the request is the family’s (or the school’s) to withdraw; DfE SEN2 guide: RequestOutcome or AssessmentOutcome W (withdrawn)',
  },
  'plan.agreed': {
    title: 'Decided to issue an EHC plan (a draft to follow)',
    decisionPage: 'decision',
    // The answer to the week-16 question: no plan will be refused. It has no time limit of its
    // own but must leave the draft's 15 days and the consultations before week 20.
    needs: [
      { kind: 'after', events: ['assessment.agreed'], message: 'Record the decision to assess before the decision after the assessment' },
      {
        kind: 'once',
        events: ['plan.agreed', 'plan.refused', 'draft.issued', 'plan.issued'],
        message: 'The decision after the assessment is already recorded (or a draft plan issued). If it is wrong, correct it in the case’s history',
      },
    ],
    correctable: 'withdraw-or-redate',
    meets: ['no-plan-decision'],
    starts: [],
    ends: [],
    sen2: { field: 'Assessment/AssessmentOutcome', meaning: 'Y, dated by AssessmentOutcomeDate' },
    basis: 'CFA 2014 s.37(1); SEND Regs 2014 regs 10(1) and 13(1)-(2)',
  },
  'plan.refused': {
    title: 'Decided not to issue an EHC plan',
    stage: 'closed',
    decisionPage: 'decision',
    needs: [
      { kind: 'after', events: ['assessment.agreed'], message: 'Record the decision to assess before the decision after the assessment' },
      {
        kind: 'once',
        events: ['plan.agreed', 'plan.refused', 'draft.issued', 'plan.issued'],
        message: 'The decision after the assessment is already recorded (or a draft plan issued). If it is wrong, correct it in the case’s history',
      },
    ],
    correctable: 'withdraw-or-redate',
    meets: ['no-plan-decision'],
    starts: [],
    ends: ['final-plan'],
    sen2: { field: 'Assessment/AssessmentOutcome', meaning: 'N, dated by AssessmentOutcomeDate' },
    basis: 'CFA 2014 s.36(9); SEND Regs 2014 regs 10(1) and 10(3)',
  },
  'draft.issued': {
    title: 'Draft EHC plan issued',
    stage: 'draft',
    formLabel: 'Draft EHC plan issued',
    // Issuing a draft is the decision to make a plan: the 16-week "no plan" decision is answered.
    needs: [
      { kind: 'after', events: ['assessment.agreed'], message: 'Record the decision to assess before the draft plan' },
      { kind: 'once', events: ['plan.issued'], message: 'The final plan is already issued: to change it, propose amendments' },
    ],
    correctable: 'withdraw-or-redate',
    meets: ['no-plan-decision'],
    starts: [{ deadline: 'draft-comments', from: 'event' }],
    ends: [],
    sen2: { field: 'Assessment/AssessmentOutcome', meaning: 'Y when no decision to issue a plan was recorded before it, dated by the draft' },
    basis: 'CFA 2014 s.38; SEND Regs 2014 regs 10(1) and 13(1)(a)',
  },
  'plan.issued': {
    title: 'Final EHC plan issued',
    stage: 'plan',
    formLabel: 'Final EHC plan issued',
    // A final plan answers the no-plan decision even when no draft was recorded.
    needs: [
      { kind: 'after', events: ['draft.issued'], message: 'Record the draft plan before the final plan' },
      { kind: 'once', events: ['plan.issued'], message: 'A final plan is already issued: to change it, propose amendments' },
      {
        kind: 'after-window',
        events: ['draft.issued'],
        deadline: 'draft-comments',
        message: 'The family have until {closes} to comment on the draft plan (at least 15 days, SEND Regs 2014 reg. 13(1)(a)): the final plan can be issued from {from}',
      },
    ],
    correctable: 'withdraw-or-redate',
    meets: ['final-plan', 'no-plan-decision', 'draft-comments'],
    starts: [{ deadline: 'review-due', from: 'event' }],
    ends: [],
    sen2: { field: 'NamedPlan/StartDate', meaning: 'the plan made; Week20 is 1 when within 20 weeks of ReceivedDate' },
    basis: 'CFA 2014 s.39(5); SEND Regs 2014 reg. 13(2); CFA 2014 s.44(1)',
  },
  'review.scheduled': {
    title: 'Annual review meeting arranged',
    stage: 'review',
    formLabel: 'Annual review meeting arranged (enter the meeting’s date)',
    datedAhead: true,
    // The meeting's date: invitations and advice must go out at least 2 weeks before it.
    needs: [
      { kind: 'after', events: ['plan.issued', 'transfer-in.recorded'], message: 'Record the final plan before arranging its annual review' },
    ],
    correctable: 'withdraw-or-redate',
    meets: [],
    starts: [
      { deadline: 'invitations', from: 'event' },
      { deadline: 'advice-circulated', from: 'event' },
    ],
    ends: [],
    basis: 'SEND Regs 2014 reg. 20(3) and (4)',
  },
  'review.held': {
    title: 'Annual review meeting held',
    stage: 'review',
    formLabel: 'Annual review meeting held',
    needs: [
      // A meeting held is recorded whether or not its arrangement was (a meeting called at short notice).
      { kind: 'after', events: ['plan.issued', 'transfer-in.recorded'], message: 'Record the final plan before its annual review' },
    ],
    correctable: 'withdraw-or-redate',
    meets: ['invitations', 'advice-circulated'],
    starts: [
      { deadline: 'review-report', from: 'event' },
      { deadline: 'review-decision', from: 'event' },
    ],
    ends: [],
    sen2: { field: 'ActivePlans/ReviewMeeting', meaning: 'the date of the review meeting' },
    basis: 'SEND Regs 2014 regs 20(7) and (10)',
  },
  'review.reported': {
    title: 'Annual review report received',
    // Recorded by the reviews pages with the report itself, never on the step form.
    needs: [
      { kind: 'after', events: ['review.held'], since: ['review.decided'], message: 'Record the review meeting before its report' },
    ],
    correctable: 'withdraw-or-redate',
    meets: ['review-report'],
    starts: [],
    ends: [],
    basis: 'SEND Regs 2014 reg. 20(7) to (9): the report within 2 weeks of the meeting, sent to everyone invited',
  },
  'review.decided': {
    title: 'Annual review decision sent',
    stage: 'plan',
    formLabel: 'Annual review decision sent',
    needs: [
      { kind: 'after', events: ['review.held'], since: ['review.decided'], message: 'Record the review meeting before the decision that follows it' },
    ],
    correctable: 'withdraw-or-redate',
    meets: ['review-report', 'review-decision'],
    // The next period runs from this review (CFA s.44(1)); the decision date is used, as SEN2's LastReview is.
    starts: [{ deadline: 'review-due', from: 'event' }],
    ends: ['review-report', 'review-decision', 'invitations', 'advice-circulated'],
    sen2: { field: 'ActivePlans/LastReview', meaning: 'the date the authority wrote with its decision' },
    basis: 'CFA 2014 s.44(1); SEND Regs 2014 reg. 20(10)',
  },
  'amendment.proposed': {
    title: 'Proposed amendments sent to the family',
    stage: 'review',
    formLabel: 'Proposed amendments sent to the family',
    // Regs 22: the family's 15 days to comment, then the amended plan within 8 weeks of the notice.
    needs: [
      { kind: 'after', events: ['plan.issued', 'transfer-in.recorded'], message: 'Record the final plan before proposing amendments to it' },
    ],
    correctable: 'withdraw-or-redate',
    meets: [],
    starts: [
      { deadline: 'amendment-comments', from: 'event' },
      { deadline: 'amended-plan', from: 'event' },
    ],
    ends: [],
    basis: 'SEND Regs 2014 reg. 22(2) and (3)',
  },
  'plan.amended': {
    title: 'Final amended EHC plan issued',
    stage: 'plan',
    formLabel: 'Final amended EHC plan issued',
    needs: [
      { kind: 'after', events: ['amendment.proposed'], since: ['plan.amended', 'amendment.declined'], message: 'Send the proposed amendments to the family before issuing the amended plan' },
      {
        kind: 'after-window',
        events: ['amendment.proposed'],
        since: ['plan.amended', 'amendment.declined'],
        deadline: 'amendment-comments',
        message: 'The family have until {closes} to comment on the proposed amendments (at least 15 days, SEND Regs 2014 reg. 22(2)): the amended plan can be issued from {from}',
      },
    ],
    correctable: 'withdraw-or-redate',
    // After a re-assessment the plan is amended through the same notice and 15 days (Regs 27).
    meets: ['amended-plan', 'amendment-comments', 'reassessment-plan'],
    starts: [],
    ends: [],
    basis: 'SEND Regs 2014 reg. 22(3); reg. 27 after a re-assessment',
  },
  'amendment.declined': {
    title: 'Decision not to amend the plan sent',
    stage: 'plan',
    // Regs 22(4): after the family's representations, within the same 8 weeks, with reasons.
    needs: [
      { kind: 'after', events: ['amendment.proposed'], since: ['plan.amended', 'amendment.declined'], message: 'Send the proposed amendments to the family before deciding not to amend' },
      {
        kind: 'after-window',
        events: ['amendment.proposed'],
        since: ['plan.amended', 'amendment.declined'],
        deadline: 'amendment-comments',
        message: 'The family have until {closes} to comment on the proposed amendments (at least 15 days, SEND Regs 2014 reg. 22(2)): the decision can be made from {from}',
      },
    ],
    correctable: 'withdraw-or-redate',
    meets: ['amended-plan', 'amendment-comments'],
    starts: [],
    ends: [],
    basis: 'SEND Regs 2014 reg. 22(4)',
  },
  'reassessment.requested': {
    title: 'Request to re-assess received',
    needs: [{ kind: 'after', events: ['plan.issued'], message: 'Record the final plan before a request to re-assess it' }],
    correctable: 'withdraw-or-redate',
    meets: [],
    starts: [{ deadline: 'reassessment-decision', from: 'event' }],
    ends: [],
    basis: 'CFA 2014 s.44(2); SEND Regs 2014 regs 24 and 25(1)',
  },
  'reassessment.agreed': {
    title: 'Decision to re-assess sent',
    correctable: 'withdraw-or-redate',
    meets: ['reassessment-decision'],
    starts: [{ deadline: 'reassessment-plan', from: 'event' }],
    ends: [],
    basis: 'SEND Regs 2014 regs 25(1) and 27; CFA 2014 s.44(3)',
  },
  'reassessment.refused': {
    title: 'Decision not to re-assess sent, with the right of appeal',
    correctable: 'withdraw-or-redate',
    meets: ['reassessment-decision'],
    starts: [],
    ends: [],
    basis: 'SEND Regs 2014 reg. 25(1) and (2); CFA 2014 s.51(2)(a)',
  },
  'cease.decided': {
    title: 'Decision to cease the plan sent, with the right of appeal',
    needs: [{ kind: 'after', events: ['plan.issued'], message: 'Record the final plan before deciding to cease it' }],
    correctable: 'withdraw-or-redate',
    meets: [],
    starts: [],
    ends: [],
    basis: 'CFA 2014 s.45; SEND Regs 2014 regs 29 and 31(2) and (3)',
  },
  'plan.ceased': {
    title: 'EHC plan ceased',
    stage: 'closed',
    needs: [{ kind: 'after', events: ['cease.decided'], message: 'Record the decision to cease the plan before it ceases' }],
    correctable: 'withdraw-or-redate',
    meets: [],
    starts: [],
    ends: ['review-due', 'amended-plan', 'amendment-comments', 'reassessment-decision', 'reassessment-plan'],
    sen2: { field: 'NamedPlan/CeaseDate', meaning: 'the day the plan ended (not the decision), with its CeaseReason' },
    basis: 'CFA 2014 s.45(4)',
  },
  'mediation.requested': {
    title: 'Family asked for mediation',
    // Mediation and appeal events are the register's own records, kept with its rows: corrected
    // there, never withdrawn from the history alone.
    // The day the council heard from the mediation adviser that the family want mediation; the
    // mediation itself is kept beside the case (its certificate, outcome and agreement).
    meets: [],
    starts: [{ deadline: 'mediation-meeting', from: 'event' }],
    ends: [],
    basis: 'CFA 2014 s.53; SEND Regs 2014 regs 36-38: mediation arranged within 30 days',
  },
  'mediation.held': {
    title: 'Mediation held',
    needs: [{ kind: 'after', events: ['mediation.requested'], message: 'Record that the family asked for mediation before the mediation held' }],
    meets: ['mediation-meeting'],
    starts: [],
    ends: [],
    basis: 'SEND Regs 2014 regs 37-39 and 42',
  },
  'appeal.registered': {
    title: 'Appeal to the tribunal registered',
    // Dated by the tribunal's registration letter, which gives the day the response is due.
    meets: [],
    starts: [{ deadline: 'appeal-response', from: 'carried' }],
    ends: [],
    basis: 'CFA 2014 s.51; Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008 r.21',
  },
  'appeal.decided': {
    title: 'Decided to defend or concede the appeal, and told the tribunal',
    needs: [{ kind: 'after', events: ['appeal.registered'], message: 'Record the appeal’s registration before the decision to defend or concede it' }],
    meets: ['appeal-response'],
    starts: [],
    ends: [],
    basis: 'CFA 2014 s.51; Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008 rr.17 and 21',
  },
  'appeal.concluded': {
    title: 'Appeal concluded',
    needs: [{ kind: 'after', events: ['appeal.registered'], message: 'Record the appeal’s registration before its outcome' }],
    meets: [],
    starts: [],
    ends: ['appeal-response'],
    basis: 'CFA 2014 s.51; Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008 r.17 (withdrawal)',
  },
  'appeal.order-made': {
    title: 'Tribunal order made',
    needs: [{ kind: 'after', events: ['appeal.registered'], message: 'Record the appeal’s registration before the tribunal’s order' }],
    meets: [],
    starts: [{ deadline: 'appeal-order', from: 'carried' }],
    ends: ['appeal-response'],
    basis: 'SEND Regs 2014 reg. 44',
  },
  'appeal.order-complied': {
    title: 'Tribunal order carried out',
    needs: [{ kind: 'after', events: ['appeal.order-made'], message: 'Record the tribunal’s order before carrying it out' }],
    meets: ['appeal-order'],
    starts: [],
    ends: [],
    basis: 'SEND Regs 2014 reg. 44',
  },
  'transfer-in.recorded': {
    title: 'EHC plan received from another council on a move',
    stage: 'plan',
    // Dated on the day of the move: the plan transferred with the child becomes this council's.
    needs: [{ kind: 'once', events: ['transfer-in.recorded', 'request.received'], message: 'This case already has its start: a plan received on a move opens a case of its own' }],
    correctable: 'redate',
    meets: [],
    starts: [
      { deadline: 'transfer-notify', from: 'event' },
      // The later of 12 months beginning with the last review and 3 months beginning with the transfer.
      { deadline: 'review-due', from: 'carried' },
    ],
    ends: [],
    basis: 'SEND Regs 2014 reg. 15: the plan is treated as made by the new council; the family told within 6 weeks, the review within the later of 12 months of the last review and 3 months of the transfer',
  },
  'transfer-in.family-told': {
    title: 'Family told how the council will meet the plan received',
    needs: [{ kind: 'after', events: ['transfer-in.recorded'], message: 'Record the plan received from the other council before telling the family' }],
    correctable: 'withdraw-or-redate',
    meets: ['transfer-notify'],
    starts: [],
    ends: [],
    basis: 'SEND Regs 2014 reg. 15: within 6 weeks of the transfer, whether the council will assess again and how it will secure the provision meanwhile',
  },
  'transfer-out.recorded': {
    title: 'Move to another council recorded',
    // Dated on the day the council learnt of the move: the plan is due on the move, or within 15
    // working days beginning with that day when it learnt less than 15 working days before.
    needs: [
      { kind: 'after', events: ['plan.issued', 'transfer-in.recorded'], message: 'Only a case with a plan the council maintains moves to another council with it: record the final plan first' },
      { kind: 'once', events: ['transfer-out.recorded'], message: 'The move to another council is already recorded: correct it in the case’s history' },
    ],
    correctable: 'withdraw-or-redate',
    meets: [],
    starts: [{ deadline: 'transfer-plan', from: 'carried' }],
    ends: [],
    basis: 'SEND Regs 2014 reg. 15: the plan is transferred on the day of the move, or within 15 working days beginning with the day the council learnt of it',
  },
  'transfer-out.plan-sent': {
    title: 'EHC plan sent to the new council: case closed as transferred',
    stage: 'closed',
    needs: [{ kind: 'after', events: ['transfer-out.recorded'], message: 'Record the move to another council before sending the plan' }],
    correctable: 'withdraw-or-redate',
    meets: ['transfer-plan'],
    starts: [],
    ends: [],
    basis: 'SEND Regs 2014 reg. 15: the new council maintains the plan from the transfer; this council’s duties end',
  },
  'case.allocated': {
    title: 'Named officer allocated',
    meets: [],
    starts: [],
    ends: [],
    basis: 'SEND Code of Practice 2015, 9.23',
  },
  'case.reallocated': {
    // The case moved from one named officer to another, with the manager's reason; the family is
    // told who their new officer is. Moves nothing else: the deadlines run on as they were.
    title: 'Named officer changed',
    meets: [],
    starts: [],
    ends: [],
    basis: 'SEND Code of Practice 2015, 9.23',
  },
  'views.received': {
    // The family's views, interests and aspirations sent through the portal, kept for section A of
    // the plan; received at any stage, after a final plan too (they inform the review). Moves nothing.
    title: 'Views for section A received from the family',
    meets: [],
    starts: [],
    ends: [],
    basis: 'SEND Regs 2014 reg. 12(1)(a); CFA 2014 s.19(a)-(c): the views, wishes and feelings of the child and parent, or the young person',
  },
  'young-person.sharing-recorded': {
    // An officer recorded what the young person told them (by phone, at a meeting, in writing):
    // whether their parents and carers may see the case on the family portal. Moves nothing else.
    title: 'Young person’s choice recorded: whether their family sees the case on the portal',
    meets: [],
    starts: [],
    ends: [],
    basis: 'CFA 2014 ss.67(2) and 83(2): over compulsory school age, the decisions are the young person’s own',
  },
  'exception.recorded': {
    title: 'Exception to the time limits recorded',
    correctable: 'withdraw',
    meets: [],
    starts: [],
    ends: [],
    sen2: { field: 'Assessment/Week20', meaning: 'a late plan with an exception counts within "20 weeks excluding exceptions"' },
    basis: 'SEND Regs 2014 regs 5(4), 10(4), 13(3)',
  },
  'step.corrected': {
    title: 'Correction',
    // Names the event it corrects (corrects_event_id), which then no longer counts: the stage and
    // deadlines are worked out again without it. Nothing is deleted; the history shows both.
    meets: [],
    starts: [],
    ends: [],
    basis: 'The record kept as the authority’s own (UK GDPR art. 5(1)(d): accurate, and corrected without delay)',
  },
} as const satisfies Record<string, CaseEventDeclaration>;

export type CaseEventType = keyof typeof CASE_EVENTS;
export const CASE_EVENT_TYPES = Object.keys(CASE_EVENTS) as CaseEventType[];

export function isCaseEventType(type: string): type is CaseEventType {
  return Object.hasOwn(CASE_EVENTS, type);
}

/** The declaration of an event type, or undefined for a type the catalogue does not know. */
export function caseEvent(type: string): CaseEventDeclaration | undefined {
  return isCaseEventType(type) ? CASE_EVENTS[type] : undefined;
}

/** How an event reads in a history (its type itself when unknown, so nothing is hidden). */
export function eventTitle(type: string): string {
  return caseEvent(type)?.title ?? type;
}

/** Recorded only on the case's decision page, with reasons and by whom (see `decisionPage`). */
export function isDecisionPageEvent(type: string): boolean {
  return caseEvent(type)?.decisionPage !== undefined;
}

/** A decision of the council's on the assessment: made, and corrected, only by an officer with the authority. */
export function isDecisionEvent(type: string): boolean {
  return caseEvent(type)?.decisionPage === 'decision';
}

/** The steps an officer records on the step form, in the order the law takes them. */
export const RECORDABLE_STEPS: readonly { value: CaseEventType; text: string }[] = CASE_EVENT_TYPES.flatMap((type) => {
  const label = (CASE_EVENTS[type] as CaseEventDeclaration).formLabel;
  return label ? [{ value: type, text: label }] : [];
});

/** The stage a case is in after each event that moves it: for the service and the synthetic data alike. */
export const STAGE_AFTER_EVENT: Readonly<Partial<Record<CaseEventType, CaseStage>>> = Object.fromEntries(
  CASE_EVENT_TYPES.flatMap((type) => {
    const stage = (CASE_EVENTS[type] as CaseEventDeclaration).stage;
    return stage ? [[type, stage]] : [];
  }),
);
