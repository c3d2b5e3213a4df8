// The import pages' tables and words: the runs, a run's counts and its refused rows.
import { stringify } from 'csv-stringify/sync';
import type { ImportRefusal } from '../../domain/imports/cases.ts';
import { escapeHtml, govukTable, govukTagHtml, type TableCell, type TrustedHtml } from '../../web/govuk-markup.ts';
import { longMoment } from '../../web/long-date.ts';
import { casesImportPaths } from './paths.ts';
import type { ImportRunRow } from './repository.ts';
import type { CaseImportCounts } from './service.ts';

const STATES: Record<string, { text: string; classes: string }> = {
  queued: { text: 'Waiting', classes: 'govuk-tag--grey' },
  running: { text: 'Running', classes: 'govuk-tag--blue' },
  finished: { text: 'Finished', classes: 'govuk-tag--green' },
  failed: { text: 'Failed', classes: 'govuk-tag--red' },
};

export const stateTag = (status: string) => govukTagHtml(STATES[status] ?? { text: status, classes: 'govuk-tag--grey' });
export const modeText = (mode: string) => (mode === 'apply' ? 'Import' : 'Dry run');
const numeric = 'govuk-table__cell--numeric';
const number = (value: number) => value.toLocaleString('en-GB');

/** A run's counts as written on its record (empty until it has taken a batch). */
export function countsOf(run: Pick<ImportRunRow, 'counts'>): CaseImportCounts {
  const counts = run.counts as Partial<CaseImportCounts>;
  return { created: counts.created ?? 0, updated: counts.updated ?? 0, unchanged: counts.unchanged ?? 0, refused: counts.refused ?? 0, rows: counts.rows ?? {}, ...(counts.officers ? { officers: counts.officers } : {}) };
}

/** "1,500 of 20,000 children", or as many as are known. */
export function progressText(done: number, total: number | null): string {
  return total === null ? `${number(done)} children` : `${number(done)} of ${number(total)} ${total === 1 ? 'child' : 'children'}`;
}

/** The council's runs, newest first: when, who, what kind, which files, what it did, and its state. */
export function runsTable(runs: readonly ImportRunRow[]): TrustedHtml {
  return govukTable({
    caption: 'Import runs',
    captionClasses: 'govuk-table__caption--m',
    head: [
      { text: 'Started' },
      { text: 'By' },
      { text: 'Kind' },
      { text: 'Files' },
      { text: 'New', classes: 'govuk-table__header--numeric' },
      { text: 'Updated', classes: 'govuk-table__header--numeric' },
      { text: 'Unchanged', classes: 'govuk-table__header--numeric' },
      { text: 'Refused', classes: 'govuk-table__header--numeric' },
      { text: 'State' },
    ],
    rows:
      runs.length === 0
        ? [[{ text: 'No imports yet.', colspan: 9 }]]
        : runs.map((run): TableCell[] => {
            const counts = countsOf(run);
            return [
              { html: `<a class="govuk-link" href="${escapeHtml(casesImportPaths.run(run.id))}">${escapeHtml(longMoment(run.startedAt))}</a>` },
              { html: `<span dir="auto">${escapeHtml(run.ranBy)}</span>` },
              { text: modeText(run.mode) },
              { html: `<span dir="auto">${escapeHtml(run.source)}</span>` },
              { text: number(counts.created), classes: numeric },
              { text: number(counts.updated), classes: numeric },
              { text: number(counts.unchanged), classes: numeric },
              { text: number(counts.refused), classes: numeric },
              { html: stateTag(run.status) },
            ];
          }),
  });
}

/** The refused rows: file, line, field, value and why. */
export function refusalsTable(refusals: readonly ImportRefusal[]): TrustedHtml {
  return govukTable({
    caption: 'Refused rows',
    captionClasses: 'govuk-visually-hidden',
    head: [{ text: 'File' }, { text: 'Line', classes: 'govuk-table__header--numeric' }, { text: 'Field' }, { text: 'Value' }, { text: 'Why' }],
    rows: refusals.map((refusal): TableCell[] => [
      { text: refusal.file },
      { text: String(refusal.line), classes: numeric },
      { text: refusal.field },
      { html: `<span dir="auto">${escapeHtml(refusal.value)}</span>` },
      { text: refusal.why },
    ]),
  });
}

/**
 * The refused rows as CSV for a spreadsheet: UTF-8 with a byte-order mark, and any cell starting
 * =, +, - or @ prefixed with ' so a spreadsheet never runs it as a formula.
 */
export function refusalsCsv(refusals: readonly ImportRefusal[]): string {
  return stringify(
    refusals.map((refusal) => [refusal.file, refusal.line, refusal.field, refusal.value, refusal.why]),
    { bom: true, header: true, columns: ['file', 'line', 'field', 'value', 'why'], escape_formulas: true, record_delimiter: 'windows' },
  );
}
