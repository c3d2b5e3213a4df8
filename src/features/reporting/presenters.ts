// The dashboard's tables and charts, and the same tables for download: each table is built once as
// rows of values (`*Sheet`), shown on the page as a GOV.UK table with links, and written as CSV or
// as an Excel workbook from the same rows, so a download holds what the page shows.
import { PassThrough, type Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { monthName, shortMonthName, type MonthPeriod } from '../../domain/reporting/index.ts';
import { escapeHtml, govukTable, trusted, withSecondaryLine, type TableCell, type TrustedHtml } from '../../web/govuk-markup.ts';
import { longDate } from '../../web/long-date.ts';
import { childLink } from '../children/index.ts';
import { contactsPaths } from '../contacts/index.ts';
import type { MeasureDeclaration } from './catalogue.ts';
import type { Comparison } from './comparisons.ts';
import { filtersOf, reportingPaths, type CasesQuery, type ReportQuery } from './paths.ts';
import type { CaseBehind, MeasureFigures, MeasurePart, MonthValue } from './service.ts';

const numeric = 'govuk-table__cell--numeric';
const numericHeader = 'govuk-table__header--numeric';

/** A figure as people read it: "46.4%", "12", or "No cases" for a share of none. */
export function figureText(unit: MeasureDeclaration['unit'], value: number | null): string {
  if (value === null) return 'No cases';
  return unit === 'percent' ? `${value.toFixed(1)}%` : value.toLocaleString('en-GB');
}

const link = (href: string, text: string, label: string) => `<a class="govuk-link" href="${escapeHtml(href)}" aria-label="${escapeHtml(label)}">${escapeHtml(text)}</a>`;

/** The figure and, for a share, its "n of d", each count linked to the cases behind it. */
function figureCell(entry: { unit: MeasureDeclaration['unit']; value: number | null; numerator: number; denominator: number }, declaration: MeasureDeclaration, query: CasesQuery, canSeeCases: boolean, when: string): TableCell {
  const text = figureText(entry.unit, entry.value);
  if (entry.unit === 'count') {
    return { html: canSeeCases ? link(reportingPaths.cases(declaration.id, query), text, `${text}: the cases behind ${declaration.title}, ${when}`) : escapeHtml(text), classes: numeric };
  }
  if (entry.denominator === 0) return { text, classes: numeric };
  const counted = canSeeCases ? link(reportingPaths.cases(declaration.id, { ...query, part: 'counted' }), String(entry.numerator), `${entry.numerator} cases ${declaration.numerator?.toLowerCase()}, ${when}`) : escapeHtml(entry.numerator);
  const all = canSeeCases ? link(reportingPaths.cases(declaration.id, query), String(entry.denominator), `${entry.denominator} cases: ${declaration.denominator.toLowerCase()}, ${when}`) : escapeHtml(entry.denominator);
  return { html: `<strong>${escapeHtml(text)}</strong><br><span class="govuk-body-s">${counted} of ${all}</span>`, classes: numeric };
}

function comparisonText(comparison: Comparison): string {
  const parts: string[] = [];
  if (comparison.england) parts.push(`England ${comparison.england.value.toFixed(1)}%`);
  if (comparison.council2024) parts.push(`this council in 2024 ${comparison.council2024.value.toFixed(1)}%`);
  return parts.length ? parts.join('; ') : 'None published';
}

/** Every measure for the period: its figure (linked to the cases), and the national figure. */
export function dashboardTable(measures: readonly MeasureFigures[], query: ReportQuery, period: MonthPeriod, canSeeCases: boolean): TrustedHtml {
  const when = period.from === period.to ? monthName(period.from) : `${monthName(period.from)} to ${monthName(period.to)}`;
  return govukTable({
    caption: 'The service’s measures',
    captionClasses: 'govuk-table__caption--m',
    head: [{ text: 'Measure' }, { text: 'Figure', classes: numericHeader }, { text: 'Over' }, { text: 'To compare' }],
    rows: measures.map((entry): TableCell[] => [
      withSecondaryLine(link(reportingPaths.measure(entry.id, query), entry.declaration.title, `${entry.declaration.title}: month by month`), entry.declaration.better === 'higher' ? 'Higher is better' : 'Lower is better'),
      figureCell(entry, entry.declaration, entry.declaration.timing === 'now' ? filtersOf(query) : query, canSeeCases, entry.declaration.timing === 'now' ? 'today' : when),
      { text: entry.declaration.timing === 'now' ? 'Today' : when },
      { text: comparisonText(entry.comparison) },
    ]),
  });
}

/** How a measure's months are read: a count of cases as they stand is counted at each month's end. */
export const monthsCaption = (declaration: MeasureDeclaration) => `${declaration.title}, ${declaration.timing === 'now' ? 'at the end of each month' : 'month by month'}`;

/**
 * A measure month by month, each month's figure linked to that month's cases: for a count of
 * cases as they stand, those counted at the month's end (`at`), under the same filters.
 */
export function monthsTable(figures: MeasureFigures, query: ReportQuery, canSeeCases: boolean): TrustedHtml {
  const { declaration } = figures;
  const series = figures.series ?? [];
  const standing = declaration.timing === 'now';
  const filters: CasesQuery = { ...query, from: undefined, to: undefined };
  return govukTable({
    caption: monthsCaption(declaration),
    captionClasses: 'govuk-table__caption--s',
    head: [{ text: standing ? 'At the end of' : 'Month' }, { text: declaration.unit === 'percent' ? 'Share' : 'Cases', classes: numericHeader }],
    rows: series.map((month): TableCell[] => [
      { text: monthName(month.month) },
      figureCell({ ...month, unit: figures.unit }, declaration, standing ? { ...filters, at: month.month } : { ...query, from: month.month, to: month.month }, canSeeCases, standing ? `at the end of ${monthName(month.month)}` : monthName(month.month)),
    ]),
  });
}

const CHART = { width: 720, height: 300, left: 48, right: 16, top: 24, bottom: 56 };

/**
 * The measure's months as a bar chart, drawn on the server: an image with a title and a
 * description saying what it shows; the figures themselves are in the table beside it.
 */
export function monthsChartSvg(figures: MeasureFigures): TrustedHtml {
  const { declaration } = figures;
  const series: readonly MonthValue[] = figures.series ?? [];
  const { width, height, left, right, top, bottom } = CHART;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const percent = figures.unit === 'percent';
  const england = figures.comparison.england?.value;
  const highest = Math.max(1, ...series.map((month) => month.value ?? 0));
  const max = percent ? 100 : niceCeiling(highest);
  const y = (value: number) => top + plotHeight - Math.round((value / max) * plotHeight);
  const slot = series.length ? plotWidth / series.length : plotWidth;
  const barWidth = Math.max(4, Math.floor(slot * 0.6));
  const id = `chart-${declaration.id}`;
  let marks = '';
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    const value = Math.round(max * tick);
    marks += `<line x1="${left}" y1="${y(value)}" x2="${width - right}" y2="${y(value)}" stroke="#b1b4b6" stroke-width="1"></line>`;
    marks += `<text x="${left - 6}" y="${y(value) + 4}" text-anchor="end" font-size="12" fill="#0b0c0c">${value}${percent ? '%' : ''}</text>`;
  }
  series.forEach((month, index) => {
    const x = Math.round(left + index * slot + (slot - barWidth) / 2);
    if (month.value !== null) {
      const top = y(month.value);
      marks += `<rect x="${x}" y="${top}" width="${barWidth}" height="${Math.max(0, y(0) - top)}" fill="#1d70b8"></rect>`;
    }
    if (series.length <= 24 || index % Math.ceil(series.length / 12) === 0) {
      const label = shortMonthName(month.month);
      marks += `<text x="${x + barWidth / 2}" y="${height - bottom + 16}" text-anchor="end" font-size="11" fill="#0b0c0c" transform="rotate(-45 ${x + barWidth / 2} ${height - bottom + 16})">${escapeHtml(label)}</text>`;
    }
  });
  if (percent && england !== undefined) {
    marks += `<line x1="${left}" y1="${y(england)}" x2="${width - right}" y2="${y(england)}" stroke="#0b0c0c" stroke-width="2" stroke-dasharray="6 4"></line>`;
    marks += `<text x="${width - right}" y="${y(england) - 6}" text-anchor="end" font-size="12" fill="#0b0c0c">England ${england.toFixed(1)}%</text>`;
  }
  const shown = series.filter((month) => month.value !== null);
  const description =
    shown.length === 0
      ? 'No cases in any month of the period.'
      : `${series.length} months. ${percent ? 'Each bar is the month’s share' : declaration.timing === 'now' ? 'Each bar is the count at the month’s end (today, for this month)' : 'Each bar is the month’s count'}; the lowest ${figureText(figures.unit, Math.min(...shown.map((month) => month.value!)))}, the highest ${figureText(figures.unit, Math.max(...shown.map((month) => month.value!)))}.${percent && england !== undefined ? ` The dashed line is England’s figure, ${england.toFixed(1)}%.` : ''} The same figures are in the table beside the chart.`;
  return trusted(
    `<svg class="app-chart" role="img" aria-labelledby="${id}-title ${id}-description" viewBox="0 0 ${width} ${height}" width="100%" xmlns="http://www.w3.org/2000/svg">` +
      `<title id="${id}-title">${escapeHtml(monthsCaption(declaration))}</title>` +
      `<desc id="${id}-description">${escapeHtml(description)}</desc>` +
      marks +
      `</svg>`,
  );
}

function niceCeiling(value: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 4, 5, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}

/** Which cases a list holds, in words. */
export function partHeading(declaration: MeasureDeclaration, part: MeasurePart): string {
  if (declaration.unit === 'count' || part === 'all') return declaration.denominator;
  if (part === 'counted') return `${declaration.denominator}: ${declaration.numerator!.toLowerCase()}`;
  return `${declaration.denominator}: not ${declaration.numerator!.toLowerCase()}`;
}

const dateText = (date: string | null) => (date ? longDate(date) : 'Not recorded');

/** The cases behind a figure, each child linked to their record. */
export function casesTable(declaration: MeasureDeclaration, cases: readonly CaseBehind[], caption: string): TrustedHtml {
  const { columns } = declaration;
  const contacts = declaration.subject === 'contact';
  const head = [
    ...(contacts ? [{ text: 'Complaint' }] : []),
    { text: 'Child' },
    { text: columns.on },
    ...(columns.start ? [{ text: columns.start }] : []),
    ...(columns.days ? [{ text: columns.days, classes: numericHeader }] : []),
    ...(declaration.unit === 'percent' ? [{ text: declaration.numerator! }] : []),
    ...(columns.detail ? [{ text: columns.detail }] : []),
    { text: contacts ? 'Complaint owner' : 'Officer' },
  ];
  return govukTable({
    caption,
    captionClasses: 'govuk-visually-hidden',
    head,
    rows:
      cases.length === 0
        ? [[{ text: 'No cases.', colspan: head.length }]]
        : cases.map((entry): TableCell[] => [
            ...(contacts ? [{ html: entry.contactId ? `<a class="govuk-link" href="${escapeHtml(contactsPaths.contact(entry.contactId))}">${escapeHtml(entry.contactReference ?? 'The complaint')}</a>` : '' }] : []),
            childCell(entry),
            { text: dateText(entry.on) },
            ...(columns.start ? [{ text: dateText(entry.start) }] : []),
            ...(columns.days ? [{ text: entry.days ?? '', classes: numeric }] : []),
            ...(declaration.unit === 'percent' ? [{ text: entry.counted ? 'Yes' : 'No' }] : []),
            ...(columns.detail ? [{ text: detailText(declaration, entry.detail) }] : []),
            { text: entry.officerName ?? 'Waiting for an officer' },
          ]),
  });
}

/** The child, linked to their record, with the case's reference and stage; a complaint with no child or case says so. */
function childCell(entry: CaseBehind): TableCell {
  const caseLine = entry.reference !== null ? `${entry.reference} · ${entry.stageName ?? ''}` : 'No case';
  if (entry.childId === null || entry.childName === null) return withSecondaryLine(escapeHtml('No child recorded'), caseLine);
  return withSecondaryLine(childLink(entry.childId, entry.childName), caseLine);
}

const APPEAL_TYPES: Record<string, string> = {
  'refusal-to-assess': 'Refusal to assess',
  'refusal-to-reassess': 'Refusal to re-assess',
  'refusal-to-issue': 'Refusal to issue a plan',
  'plan-content': 'The plan’s content',
  'refusal-to-amend': 'Refusal to amend',
  cease: 'Ceasing the plan',
};
const APPEAL_STATUSES: Record<string, string> = { registered: 'Registered', defending: 'Defending', conceded: 'Conceded', concluded: 'Concluded' };

function detailText(declaration: MeasureDeclaration, detail: string | null): string {
  if (detail === null) return '';
  if (declaration.id === 'appeals-registered') return APPEAL_TYPES[detail] ?? detail;
  if (declaration.id === 'appeals-live') return APPEAL_STATUSES[detail] ?? detail;
  if (declaration.subject === 'contact') return longDate(detail);
  return detail;
}

// --- Downloads -------------------------------------------------------------------------------

/** A table for download: its column names and rows of text and numbers (dates as YYYY-MM-DD). */
export interface Sheet {
  name: string;
  columns: string[];
  rows: (string | number | null)[][];
}

export function dashboardSheet(measures: readonly MeasureFigures[], period: MonthPeriod): Sheet {
  return {
    name: 'Measures',
    columns: ['Measure', 'Measure id', 'Over', 'Figure', 'Unit', 'Counted', 'Of', 'England', 'This council in 2024', 'Better'],
    rows: measures.map((entry) => [
      entry.declaration.title,
      entry.id,
      entry.declaration.timing === 'now' ? 'today' : `${period.from} to ${period.to}`,
      entry.value,
      entry.unit === 'percent' ? '%' : 'cases',
      entry.unit === 'percent' ? entry.numerator : null,
      entry.denominator,
      entry.comparison.england?.value ?? null,
      entry.comparison.council2024?.value ?? null,
      entry.declaration.better,
    ]),
  };
}

export function monthsSheet(figures: MeasureFigures): Sheet {
  const percent = figures.unit === 'percent';
  const standing = figures.declaration.timing === 'now';
  return {
    name: 'Months',
    columns: [standing ? 'At the end of (month)' : 'Month', percent ? 'Share (%)' : standing ? 'Cases at the month’s end (today, for this month)' : 'Cases', ...(percent ? [figures.declaration.numerator!, figures.declaration.denominator] : [])],
    rows: (figures.series ?? []).map((month) => [month.month, month.value, ...(percent ? [month.numerator, month.denominator] : [])]),
  };
}

export function casesSheet(declaration: MeasureDeclaration, cases: readonly CaseBehind[]): Sheet {
  const { columns } = declaration;
  const contacts = declaration.subject === 'contact';
  return {
    name: 'Cases',
    columns: [
      ...(contacts ? ['Complaint reference'] : []),
      'Child',
      'Case reference',
      'Stage',
      columns.on,
      ...(columns.start ? [columns.start] : []),
      ...(columns.days ? [columns.days] : []),
      ...(declaration.unit === 'percent' ? [declaration.numerator!] : []),
      ...(columns.detail ? [columns.detail] : []),
      contacts ? 'Complaint owner' : 'Officer',
    ],
    rows: cases.map((entry) => [
      ...(contacts ? [entry.contactReference] : []),
      entry.childName ?? '',
      entry.reference ?? '',
      entry.stageName ?? '',
      entry.on,
      ...(columns.start ? [entry.start] : []),
      ...(columns.days ? [entry.days] : []),
      ...(declaration.unit === 'percent' ? [entry.counted ? 'yes' : 'no'] : []),
      ...(columns.detail ? [contacts ? entry.detail : detailText(declaration, entry.detail)] : []),
      entry.officerName ?? '',
    ]),
  };
}

/**
 * CSV for a spreadsheet: UTF-8 with a byte-order mark, a header row, and any cell starting =, +,
 * - or @ written after a ' so a spreadsheet never runs it as a formula.
 */
export function sheetCsv(sheet: Sheet): string {
  return stringify(
    sheet.rows.map((row) => row.map((value) => value ?? '')),
    { bom: true, header: true, columns: sheet.columns, escape_formulas: true, record_delimiter: 'windows' },
  );
}

/**
 * An Excel workbook of one sheet, written as it streams (ExcelJS's streaming writer: a long list
 * is never held whole as a workbook). Text is written as text cells, never as formulas.
 */
export function sheetXlsx(sheet: Sheet): Readable {
  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  worksheet.columns = sheet.columns.map((header) => ({ header, width: Math.min(40, Math.max(12, header.length + 2)) }));
  worksheet.getRow(1).font = { bold: true };
  worksheet.getRow(1).commit();
  void (async () => {
    try {
      for (const row of sheet.rows) worksheet.addRow(row.map((value) => value ?? null)).commit();
      worksheet.commit();
      await workbook.commit();
    } catch (error) {
      stream.destroy(error as Error);
    }
  })();
  return stream;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Links for the chart's and table's downloads, and the query they carry. */
export const casesQuery = (query: ReportQuery, part: MeasurePart, page?: number): CasesQuery => ({ ...query, part, page });

type Choices = {
  teams: { id: string; name: string }[];
  officers: { id: string; name: string }[];
  schools: { urn: number; name: string }[];
  needs: { code: string; name: string }[];
  stages: { stage: string; name: string }[];
  months: string[];
};

/** The filter form's selects, each with the value asked for selected. */
export function filterSelects(choices: Choices, values: ReportQuery, period: MonthPeriod) {
  const item = (value: string, text: string, selected: boolean) => ({ value, text, selected });
  const from = values.from || period.from;
  const to = values.to || period.to;
  return {
    from: choices.months.map((month) => item(month, monthName(month as never), month === from)),
    to: choices.months.map((month) => item(month, monthName(month as never), month === to)),
    team: [item('', 'All teams', !values.team), ...choices.teams.map((entry) => item(entry.id, entry.name, entry.id === values.team))],
    officer: [item('', 'All officers', !values.officer), ...choices.officers.map((entry) => item(entry.id, entry.name, entry.id === values.officer))],
    school: [item('', 'All schools and settings', !values.school), ...choices.schools.map((entry) => item(String(entry.urn), `${entry.name} (${entry.urn})`, String(entry.urn) === String(values.school ?? '')))],
    need: [item('', 'All primary needs', !values.need), ...choices.needs.map((entry) => item(entry.code, entry.name, entry.code === values.need))],
    stage: [item('', 'All stages', !values.stage), ...choices.stages.map((entry) => item(entry.stage, entry.name, entry.stage === values.stage))],
  };
}
