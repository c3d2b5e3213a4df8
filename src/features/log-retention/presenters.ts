// The retention page's table: each log, how long it is kept, the months held and the next to go.
import type { Month } from '../../domain/retention/index.ts';
import { govukTable, withSecondaryLine, escapeHtml, type TableCell, type TrustedHtml } from '../../web/govuk-markup.ts';
import { longDate } from '../../web/long-date.ts';
import type { LogRetentionView } from './service.ts';

/** "2026-01" → "January 2026". */
export function monthName(month: Month): string {
  return longDate(`${month}-01`).replace(/^1 /, '');
}

const withLine = (main: string, secondary: string): TableCell => (secondary ? withSecondaryLine(escapeHtml(main), secondary) : { text: main });

const years = (count: number) => `${count} year${count === 1 ? '' : 's'}`;

function heldText(log: LogRetentionView): string {
  const count = log.monthsHeld.length;
  if (count === 0) return 'None yet';
  const span = count === 1 ? monthName(log.monthsHeld[0]!) : `${monthName(log.monthsHeld[0]!)} to ${monthName(log.monthsHeld.at(-1)!)}`;
  return `${count} month${count === 1 ? '' : 's'}: ${span}`;
}

export function retentionTable(logs: readonly LogRetentionView[]): TrustedHtml {
  return govukTable({
    caption: 'The logs and how long they are kept',
    captionClasses: 'govuk-table__caption--m',
    head: [{ text: 'Log' }, { text: 'Your council keeps it' }, { text: 'Months held' }, { text: 'Next month to go' }],
    rows: logs.map((log): TableCell[] => [
      withLine(log.name, log.holds),
      withLine(years(log.years), log.isDefault ? 'The default' : log.keptYears > log.years ? `Kept for ${years(log.keptYears)}: another council keeps it longer` : 'Set by your council'),
      withLine(heldText(log), log.readyUntil ? `Ready until ${monthName(log.readyUntil)}` : ''),
      { text: log.nextToGo ? `${monthName(log.nextToGo.month)}, on ${longDate(log.nextToGo.on.toISOString())}` : 'None' },
    ]),
  });
}
