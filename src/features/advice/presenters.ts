// How requests for advice read on the pages: where each stands as a GOV.UK tag, its due date's
// basis in words, and the choices of the forms.
import {
  ADVICE_BODIES,
  ADVICE_BODY_INFO,
  ADVICE_EXCEPTION_GROUNDS,
  ADVICE_EXCEPTION_INFO,
  ADVICE_KINDS,
  ADVICE_KIND_INFO,
  type AdviceDueBasis,
  type AdviceStanding,
} from '../../domain/clocks/index.ts';
import { londonDateOf } from '../../lib/clock.ts';
import { longDate, withLongDates } from '../../web/long-date.ts';
import type { AdviceRequestView } from './service.ts';

const days = (count: number) => `${count} ${count === 1 ? 'day' : 'days'}`;

/** Where a request stands, as a GOV.UK tag. */
export function standingTag(standing: AdviceStanding): { text: string; classes: string } {
  switch (standing.state) {
    case 'late':
      return { text: `Late by ${days(standing.daysLate)}`, classes: 'govuk-tag--red' };
    case 'due-soon':
      return { text: standing.daysRemaining === 0 ? 'Due today' : `Due in ${days(standing.daysRemaining)}`, classes: 'govuk-tag--orange' };
    case 'awaited':
      return { text: 'Awaited', classes: 'govuk-tag--blue' };
    case 'excepted':
      return { text: 'Exception recorded', classes: 'govuk-tag--grey' };
    case 'received':
      return standing.daysLate > 0 ? { text: `Received ${days(standing.daysLate)} late`, classes: 'govuk-tag--yellow' } : { text: 'Received on time', classes: 'govuk-tag--green' };
    case 'declined':
      return { text: 'Declined', classes: 'govuk-tag--grey' };
    case 'withdrawn':
      return { text: 'Withdrawn', classes: 'govuk-tag--grey' };
  }
}

/** Whether the due date is the law or guidance, said plainly. */
export function dueBasisName(basis: AdviceDueBasis): string {
  return basis === 'statutory' ? 'Statutory: SEND Regulations 2014 reg. 8(1)' : 'Guidance: SEND Code of Practice, not law';
}

/** A request as the case's advice page shows it. */
export function adviceCard(request: AdviceRequestView) {
  return {
    ...request,
    tag: standingTag(request.standing),
    dueBasisName: dueBasisName(request.dueBasis),
    dueBasisText: withLongDates(request.dueBasisText),
    sentBy: request.channel === 'email' ? 'e-mail' : 'post',
    addressLines: request.address.split('\n'),
    receipt: request.receivedByBodyOn ? `${longDate(request.receivedByBodyOn)} (as recorded)` : `Taken as ${longDate(request.receiptOn)}: no day of receipt recorded`,
    awaited: request.status === 'requested',
    chases: request.chases.map((chase) => ({ ...chase, sentOn: londonDateOf(new Date(chase.sentAt)) })),
  };
}

export const KIND_ITEMS = ADVICE_KINDS.map((kind) => ({ value: kind, text: ADVICE_KIND_INFO[kind].title, hint: `${ADVICE_KIND_INFO[kind].description} (${ADVICE_KIND_INFO[kind].citation})` }));

export const BODY_ITEMS = ADVICE_BODIES.map((body) => ({ value: body, text: ADVICE_BODY_INFO[body].title, hint: ADVICE_BODY_INFO[body].hint }));

export const GROUND_ITEMS = ADVICE_EXCEPTION_GROUNDS.map((ground) => ({
  value: ground,
  text: ADVICE_EXCEPTION_INFO[ground].title,
  hint: `${ADVICE_EXCEPTION_INFO[ground].description} (${ADVICE_EXCEPTION_INFO[ground].citation})`,
}));
