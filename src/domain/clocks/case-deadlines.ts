// A case's statutory deadlines, derived from its dated events: the same events always give the
// same deadlines, so the deadline table can be rebuilt at any time (after a bank-holiday import,
// say) and never needs editing by hand.
import type { IsoDate } from '../calendar/dates.ts';
import { decisionToAssessDeadline, draftCommentsDeadline, finalPlanDeadline, noPlanDecisionDeadline } from './assessment.ts';
import { amendedPlanDeadline, amendmentCommentsDeadline } from './amendment.ts';
import { reviewDueDeadline, reviewMeetingDeadlines } from './annual-review.ts';
import type { Deadline } from './deadline.ts';

export const CASE_EVENT_TYPES = [
  'request.received',
  'assessment.agreed',
  'assessment.refused',
  'draft.issued',
  'plan.issued',
  'review.scheduled',
  'review.held',
  'review.decided',
  'amendment.proposed',
  'plan.amended',
] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

export interface DatedEvent {
  type: string;
  occurredOn: IsoDate;
  /** Set when a later event corrects this one; corrected events are ignored. */
  corrected?: boolean;
}

export interface CaseDeadline extends Deadline {
  /** The date the step was done, if it has been. */
  met?: IsoDate;
  /**
   * Whose time limit it is. The authority's are its duties (on the worklist, overdue when missed);
   * a family's is a window the authority must leave open (the draft plan's 15 days to comment).
   */
  duty: 'authority' | 'family';
}

/** Every deadline the events have started, each marked met by the event that fulfils it. */
export function caseDeadlines(events: readonly DatedEvent[]): CaseDeadline[] {
  // Same-day events are taken in the order of the process (a request is received before it is
  // decided on), whatever order they were recorded or listed in.
  const processOrder = (type: string) => {
    const index = (CASE_EVENT_TYPES as readonly string[]).indexOf(type);
    return index === -1 ? CASE_EVENT_TYPES.length : index;
  };
  const ordered = events
    .filter((event) => !event.corrected)
    .sort((a, b) => (a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : processOrder(a.type) - processOrder(b.type)));
  const deadlines = new Map<string, CaseDeadline>();
  const set = (deadline: Deadline, duty: CaseDeadline['duty'] = 'authority') => deadlines.set(deadline.id, { ...deadline, duty });
  const meet = (id: string, on: IsoDate) => {
    const deadline = deadlines.get(id);
    if (deadline && !deadline.met) deadlines.set(id, { ...deadline, met: on });
  };
  let requestReceived: IsoDate | undefined;
  for (const event of ordered) {
    switch (event.type) {
      case 'request.received':
        requestReceived = event.occurredOn;
        set(decisionToAssessDeadline(event.occurredOn));
        set(finalPlanDeadline(event.occurredOn));
        break;
      case 'assessment.agreed':
        meet('decision-to-assess', event.occurredOn);
        if (requestReceived) set(noPlanDecisionDeadline(requestReceived));
        break;
      case 'assessment.refused':
        meet('decision-to-assess', event.occurredOn);
        deadlines.delete('final-plan');
        break;
      case 'draft.issued':
        // Issuing a draft is the decision to make a plan: the 16-week "no plan" decision is answered.
        meet('no-plan-decision', event.occurredOn);
        set(draftCommentsDeadline(event.occurredOn), 'family');
        break;
      case 'plan.issued':
        meet('final-plan', event.occurredOn);
        meet('no-plan-decision', event.occurredOn);
        meet('draft-comments', event.occurredOn);
        set(reviewDueDeadline(event.occurredOn));
        break;
      case 'review.scheduled':
        // The meeting's date: invitations and advice must go out at least 2 weeks before it.
        for (const deadline of reviewMeetingDeadlines(event.occurredOn)) {
          if (deadline.id === 'invitations' || deadline.id === 'advice-circulated') set(deadline);
        }
        break;
      case 'review.held':
        meet('invitations', event.occurredOn);
        meet('advice-circulated', event.occurredOn);
        for (const deadline of reviewMeetingDeadlines(event.occurredOn)) {
          if (deadline.id === 'review-report' || deadline.id === 'review-decision') set(deadline);
        }
        break;
      case 'review.decided':
        meet('review-report', event.occurredOn);
        meet('review-decision', event.occurredOn);
        // The next period runs from this review (CFA s.44(1)); the decision date is used, as SEN2's LastReview is.
        set(reviewDueDeadline(event.occurredOn));
        deadlines.delete('review-report');
        deadlines.delete('review-decision');
        deadlines.delete('invitations');
        deadlines.delete('advice-circulated');
        break;
      case 'amendment.proposed':
        // Regs 22: the family's 15 days to comment, then the amended plan within 8 weeks of the notice.
        set(amendmentCommentsDeadline(event.occurredOn), 'family');
        set(amendedPlanDeadline(event.occurredOn));
        break;
      case 'plan.amended':
        meet('amended-plan', event.occurredOn);
        meet('amendment-comments', event.occurredOn);
        break;
      default:
        break;
    }
  }
  return [...deadlines.values()];
}

/**
 * The deadlines a case keeps once it is closed (no assessment, or the plan ceased): no duty of the
 * authority's runs on a closed case, so its unmet duties end with it. Met ones stay for the record;
 * the family's windows (to appeal a refusal or a cessation) stay open.
 */
export function deadlinesOfClosedCase<T extends Pick<CaseDeadline, 'met' | 'duty'>>(deadlines: readonly T[]): T[] {
  return deadlines.filter((deadline) => deadline.met !== undefined || deadline.duty === 'family');
}
