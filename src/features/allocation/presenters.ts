// Allocation's pages as GOV.UK components' parameters: the queue's boxes, the officers to choose
// from, and a case's holders over time.
import { escapeHtml, govukTable, type TableCell, type TrustedHtml } from '../../web/govuk-markup.ts';
import { longDate } from '../../web/long-date.ts';
import type { HolderSpell } from './service.ts';

interface QueueEntry {
  caseId: string;
  childName: string;
  reference: string;
  stageName: string;
  unallocatedSince: string;
  daysWaiting: number;
}

/** A box for each case waiting, its child's name as written (dir="auto"), its reference, and how long it has waited. */
export function caseItems(cases: readonly QueueEntry[], chosen: ReadonlySet<string>) {
  return cases.map((entry) => ({
    value: entry.caseId,
    html: `<span dir="auto">${escapeHtml(entry.childName)}</span>, ${escapeHtml(entry.reference)}`,
    hint: { text: `${entry.stageName}. Waiting since ${longDate(entry.unallocatedSince)} (${entry.daysWaiting === 1 ? '1 day' : `${entry.daysWaiting} days`})` },
    checked: chosen.has(entry.caseId),
  }));
}

/** The officers to choose from, each with what they hold, after a first choice that is no officer. */
export function officerItems(officers: readonly { id: string; name: string; openCases: number }[], selected: string | undefined) {
  return [
    { value: '', text: 'Choose an officer', selected: !selected },
    ...officers.map((officer) => ({
      value: officer.id,
      text: `${officer.name} (${officer.openCases === 1 ? '1 open case' : `${officer.openCases} open cases`})`,
      selected: officer.id === selected,
    })),
  ];
}

const CHANGES: Record<string, string> = {
  'request-recorded': 'Request recorded',
  allocated: 'Allocated from the queue',
  reallocated: 'Officer changed',
  unallocated: 'Put in the queue',
  'carried-over': 'Held before this history was kept',
};

/** Who has held the case, the latest first: each spell with its officer (or the queue), its days, how it began and why. */
export function holdersTable(holders: readonly HolderSpell[]): TrustedHtml {
  return govukTable({
    caption: 'Who has held the case, the latest first',
    captionClasses: 'govuk-table__caption--m',
    head: [{ text: 'Officer' }, { text: 'From' }, { text: 'To' }, { text: 'How and why' }],
    rows:
      holders.length === 0
        ? [[{ text: 'No change of officer is recorded.', colspan: 4 }]]
        : holders.map((spell): TableCell[] => [
            { html: spell.officerName ? `<span dir="auto">${escapeHtml(spell.officerName)}</span>` : 'Waiting in the unallocated queue' },
            { text: longDate(spell.from) },
            { text: spell.to ? longDate(spell.to) : 'Now' },
            {
              html: `${escapeHtml(CHANGES[spell.change] ?? spell.change)}${spell.change === 'carried-over' ? '' : `, by <span dir="auto">${escapeHtml(spell.recordedBy)}</span>`}${
                spell.reason ? `<br><span class="govuk-body-s">Reason: <span dir="auto">${escapeHtml(spell.reason)}</span></span>` : ''
              }`,
            },
          ]),
  });
}
