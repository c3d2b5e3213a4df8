// A case's statutory deadlines, derived from its dated events: the same events always give the
// same deadlines, so the deadline table can be rebuilt at any time (after a bank-holiday import,
// say) and never needs editing by hand.
import type { IsoDate } from '../calendar/dates.ts';
import { decisionToAssessDeadline, draftCommentsDeadline, finalPlanDeadline, noPlanDecisionDeadline } from './assessment.ts';
import { reviewDueDeadline, reviewMeetingDeadlines } from './annual-review.ts';
import type { Deadline } from './deadline.ts';

export const CASE_EVENT_TYPES = [
  'request.received',
  'assessment.agreed',
  'assessment.refused',
  'draft.issued',
  'plan.issued',
  'review.held',
  'review.decided',
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
}

/** Every deadline the events have started, each marked met by the event that fulfils it. */
export function caseDeadlines(events: readonly DatedEvent[]): CaseDeadline[] {
  const ordered = events.filter((event) => !event.corrected).sort((a, b) => (a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : 0));
  const deadlines = new Map<string, CaseDeadline>();
  const meet = (id: string, on: IsoDate) => {
    const deadline = deadlines.get(id);
    if (deadline && !deadline.met) deadlines.set(id, { ...deadline, met: on });
  };
  let requestReceived: IsoDate | undefined;
  for (const event of ordered) {
    switch (event.type) {
      case 'request.received':
        requestReceived = event.occurredOn;
        deadlines.set('decision-to-assess', decisionToAssessDeadline(event.occurredOn));
        deadlines.set('final-plan', finalPlanDeadline(event.occurredOn));
        break;
      case 'assessment.agreed':
        meet('decision-to-assess', event.occurredOn);
        if (requestReceived) deadlines.set('no-plan-decision', noPlanDecisionDeadline(requestReceived));
        break;
      case 'assessment.refused':
        meet('decision-to-assess', event.occurredOn);
        deadlines.delete('final-plan');
        break;
      case 'draft.issued':
        // Issuing a draft is the decision to make a plan: the 16-week "no plan" decision is answered.
        meet('no-plan-decision', event.occurredOn);
        deadlines.set('draft-comments', draftCommentsDeadline(event.occurredOn));
        break;
      case 'plan.issued':
        meet('final-plan', event.occurredOn);
        meet('no-plan-decision', event.occurredOn);
        meet('draft-comments', event.occurredOn);
        deadlines.set('review-due', reviewDueDeadline(event.occurredOn));
        break;
      case 'review.held':
        for (const deadline of reviewMeetingDeadlines(event.occurredOn)) {
          if (deadline.id === 'review-report' || deadline.id === 'review-decision') deadlines.set(deadline.id, deadline);
        }
        break;
      case 'review.decided':
        meet('review-report', event.occurredOn);
        meet('review-decision', event.occurredOn);
        // The next period runs from this review (CFA s.44(1)); the decision date is used, as SEN2's LastReview is.
        deadlines.set('review-due', reviewDueDeadline(event.occurredOn));
        deadlines.delete('review-report');
        deadlines.delete('review-decision');
        break;
      default:
        break;
    }
  }
  return [...deadlines.values()];
}
