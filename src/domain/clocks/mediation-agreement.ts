// SEND Regulations 2014 reg. 42: what a mediation agreement binds the council to, and by when. On
// an issue the family could have appealed, the same limits as a tribunal order (42(2)); on
// anything else, 2 weeks from the agreement (42(3)); either way, unless the parties agreed another
// timescale in writing (42(5)).
import { addWeeks, type IsoDate } from '../calendar/dates.ts';
import { LAW, makeDeadline, staysPutNote, type Deadline } from './deadline.ts';
import { tribunalOrderDeadlines, type TribunalOrder } from './tribunal-orders.ts';

export const AGREEMENT_OTHER_WEEKS = 2;

export type AgreementAction =
  /** An issue that could have been appealed: the order it is treated as (reg. 42(2)). */
  | { readonly kind: 'appealable'; readonly order: TribunalOrder }
  /** Anything else: a meeting, a letter, a service to arrange (reg. 42(3)). */
  | { readonly kind: 'other' }
  /** A timescale the parties agreed in writing (reg. 42(5)). */
  | { readonly kind: 'agreed'; readonly due: IsoDate };

/**
 * The day an action of a mediation agreement is due. For an appealable issue it is the last of the
 * limits an order of the same kind would carry (the action is done when all of it is done).
 *
 * @param agreedOn the day the agreement was made.
 */
export function mediationActionDeadline(agreedOn: IsoDate, action: AgreementAction): Deadline {
  switch (action.kind) {
    case 'appealable': {
      const limits = tribunalOrderDeadlines(agreedOn, action.order);
      const last = limits.reduce((latest, limit) => (limit.due > latest.due ? limit : latest));
      return makeDeadline('mediation-action', last.title, last.due, [
        `${LAW.regs} reg. 42(2): an agreement on an issue that could have been appealed is carried out within the limits that apply to a tribunal order of the same kind (reg. 44), counted from the agreement on ${agreedOn}.`,
        ...limits.map((limit) => `${limit.title}: ${limit.due}.`),
        staysPutNote(last.due),
      ]);
    }
    case 'other': {
      const due = addWeeks(agreedOn, AGREEMENT_OTHER_WEEKS);
      return makeDeadline('mediation-action', 'Do what the mediation agreement says', due, [
        `${LAW.regs} reg. 42(3): within ${AGREEMENT_OTHER_WEEKS} weeks of the agreement on ${agreedOn}, which is ${due}.`,
        staysPutNote(due),
      ]);
    }
    case 'agreed':
      return makeDeadline('mediation-action', 'Do what the mediation agreement says', action.due, [
        `${LAW.regs} reg. 42(5): by ${action.due}, the timescale the parties agreed in writing.`,
      ]);
  }
}

/**
 * The day the council must carry out a tribunal order by (reg. 44): the last of its limits, and
 * every limit with its own day, for the order's page.
 */
export function tribunalOrderCompletion(orderDate: IsoDate, order: TribunalOrder): { due: IsoDate; basis: string; limits: Deadline[] } {
  const limits = tribunalOrderDeadlines(orderDate, order);
  const last = limits.reduce((latest, limit) => (limit.due > latest.due ? limit : latest));
  return { due: last.due, basis: limits.map((limit) => `${limit.title} by ${limit.due}: ${limit.basis}`).join(' '), limits };
}
