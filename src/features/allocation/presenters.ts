// Allocation's pages as GOV.UK components' parameters: the queue's boxes, the officers to choose
// from, and a case's holders over time.
import { escapeHtml, govukTable, type TableCell, type TrustedHtml } from '../../web/govuk-markup.ts';
import { formatTenths } from '../../domain/caseload/index.ts';
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
  reopened: 'Case reopened (its closing withdrawn)',
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

interface HandoverRow {
  caseId: string;
  reference: string;
  childName: string;
  stageName: string;
  school: { name: string } | null;
  weight: { tenths: number; explanation: string };
  suggestion: { officerId: string; overCap: boolean; explanation: string } | null;
}

/**
 * The leaving officer's cases, each with a choice of recipient filled in with the suggestion (or
 * what the manager chose before an error) and why it was suggested. The select is written here,
 * not by the macro, as it sits in a table cell with a label only screen readers need.
 */
export function handoverTable(
  cases: readonly HandoverRow[],
  recipients: readonly { id: string; name: string }[],
  chosen: Readonly<Record<string, string>>,
  errors: readonly { field: string; text: string }[] = [],
): TrustedHtml {
  const problems = new Map(errors.map((error) => [error.field, error.text]));
  return govukTable({
    caption: 'The cases and who receives each',
    captionClasses: 'govuk-table__caption--m',
    head: [{ text: 'Child and case' }, { text: 'School or setting' }, { text: 'Weight' }, { text: 'Officer to receive it' }],
    rows: cases.map((entry): TableCell[] => {
      const field = `to-${entry.caseId}`;
      const selected = chosen[field] ?? entry.suggestion?.officerId ?? '';
      const problem = problems.get(field);
      const options = [
        `<option value=""${selected === '' ? ' selected' : ''}>Choose an officer</option>`,
        ...recipients.map((officer) => `<option value="${escapeHtml(officer.id)}"${officer.id === selected ? ' selected' : ''}>${escapeHtml(officer.name)}</option>`),
      ].join('');
      const why = entry.suggestion ? `${entry.suggestion.overCap ? 'Over the cap. ' : ''}Suggested: ${entry.suggestion.explanation}` : 'No officer can receive cases: add or reactivate a case officer';
      return [
        { html: `<span dir="auto">${escapeHtml(entry.childName)}</span><br><span class="govuk-body-s">${escapeHtml(entry.reference)}, ${escapeHtml(entry.stageName)}</span>` },
        { html: entry.school ? `<span dir="auto">${escapeHtml(entry.school.name)}</span>` : 'None recorded' },
        { text: entry.weight.explanation },
        {
          html:
            `<div class="govuk-form-group govuk-!-margin-bottom-0${problem ? ' govuk-form-group--error' : ''}">` +
            `<label class="govuk-label govuk-visually-hidden" for="${escapeHtml(field)}">Officer to receive case ${escapeHtml(entry.reference)}</label>` +
            `<div class="govuk-hint govuk-body-s" id="${escapeHtml(field)}-hint">${escapeHtml(why)}</div>` +
            (problem ? `<p class="govuk-error-message" id="${escapeHtml(field)}-error"><span class="govuk-visually-hidden">Error:</span> ${escapeHtml(problem)}</p>` : '') +
            `<select class="govuk-select${problem ? ' govuk-select--error' : ''}" id="${escapeHtml(field)}" name="${escapeHtml(field)}" aria-describedby="${escapeHtml(field)}-hint${problem ? ` ${escapeHtml(field)}-error` : ''}">${options}</select>` +
            `<input type="hidden" name="cases" value="${escapeHtml(entry.caseId)}"></div>`,
        },
      ];
    }),
  });
}

/** The officers who may receive cases: their load now, and with the suggestion taken. */
export function recipientsTable(recipients: readonly { name: string; loadTenths: number; capacityTenths: number; suggestedLoadTenths: number }[]): TrustedHtml {
  const numeric = 'govuk-table__cell--numeric';
  return govukTable({
    caption: 'The officers who may receive cases',
    captionClasses: 'govuk-table__caption--m',
    head: [{ text: 'Officer' }, { text: 'Weighted load now', classes: 'govuk-table__header--numeric' }, { text: 'With the suggestion', classes: 'govuk-table__header--numeric' }, { text: 'Capacity', classes: 'govuk-table__header--numeric' }],
    rows:
      recipients.length === 0
        ? [[{ text: 'No active case officer who is not leaving.', colspan: 4 }]]
        : recipients.map((officer): TableCell[] => [
            { html: `<span dir="auto">${escapeHtml(officer.name)}</span>` },
            { text: formatTenths(officer.loadTenths), classes: numeric },
            { html: `${escapeHtml(formatTenths(officer.suggestedLoadTenths))}${officer.suggestedLoadTenths > officer.capacityTenths ? ' <strong class="govuk-tag govuk-tag--red">Over the cap</strong>' : ''}`, classes: numeric },
            { text: formatTenths(officer.capacityTenths), classes: numeric },
          ]),
  });
}
