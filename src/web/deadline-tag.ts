import type { DeadlineStatusResult } from '../domain/clocks/status.ts';
import { govukTagHtml, trusted, type TrustedHtml } from './govuk-markup.ts';

const plural = (count: number, one: string, many: string) => (count === 1 ? one : many);

type DeadlineState = Pick<DeadlineStatusResult, 'status' | 'daysRemaining' | 'daysLate'>;

/** The words and colour of a deadline's status, as a GOV.UK tag. */
export function deadlineTagParams(deadline: DeadlineState): { text: string; classes: string } {
  const remaining = deadline.daysRemaining ?? 0;
  switch (deadline.status) {
    case 'overdue':
      return { text: `Overdue by ${-remaining} ${plural(-remaining, 'day', 'days')}`, classes: 'govuk-tag--red' };
    case 'due-soon':
      return { text: remaining === 0 ? 'Due today' : `Due in ${remaining} ${plural(remaining, 'day', 'days')}`, classes: 'govuk-tag--orange' };
    case 'on-track':
      return { text: 'On track', classes: 'govuk-tag--blue' };
    case 'met-on-time':
      return { text: 'Met on time', classes: 'govuk-tag--green' };
    case 'met-late':
      return { text: `Met ${deadline.daysLate ?? 0} ${plural(deadline.daysLate ?? 0, 'day', 'days')} late`, classes: 'govuk-tag--yellow' };
  }
}

export function deadlineTagHtml(deadline: DeadlineState): string {
  return govukTagHtml(deadlineTagParams(deadline));
}

/** For templates: `{{ deadlineTag(deadline) }}`. */
export function deadlineTag(deadline: DeadlineState): TrustedHtml {
  return trusted(deadlineTagHtml(deadline));
}
