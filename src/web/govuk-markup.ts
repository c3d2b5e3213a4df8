// GOV.UK Frontend markup written by hand for the long lists: the worklist and the team's
// deadlines. Rendering a 50-row table through Nunjucks loops and macros cost about 14 µs a row
// (most of a page's render time); building the string in code costs a small fraction of that.
// The output is held to the macros' own output for the same parameters by
// govuk-markup.test.ts, so the pages look and behave exactly as the design system says.
// Text is escaped here exactly as Nunjucks' autoescape would; `html` must already be safe.
import nunjucks from 'nunjucks';

// Nunjucks' own escape, the one its autoescape applies (its types do not declare it). Most text
// on a page (names, references, dates) has nothing to escape, and a test for that is a sixth of
// the cost of the escape's replace: about 45 ns a value against 170 ns, 250 values a page.
const nunjucksEscape = (nunjucks.lib as unknown as { escape(value: string): string }).escape;
const NEEDS_ESCAPING = /[&"'<>\\]/;
const SafeString = nunjucks.runtime.SafeString;

/** Markup built here, passed to a template that prints it as it is. */
export type TrustedHtml = nunjucks.runtime.SafeString & { readonly val: string };

export function trusted(markup: string): TrustedHtml {
  return new SafeString(markup) as TrustedHtml;
}

/** Escapes text for HTML with Nunjucks' autoescape itself; TrustedHtml passes unchanged. */
export function escapeHtml(value: unknown): string {
  if (typeof value === 'string') return NEEDS_ESCAPING.test(value) ? nunjucksEscape(value) : value;
  if (value === undefined || value === null) return '';
  if (value instanceof SafeString) return (value as TrustedHtml).val;
  return escapeHtml(String(value));
}

/** A cell or caption's content, as the macros take it: `html` printed as it is, or `text` escaped. */
export type Content = { html: string } | { text: string | number };

const contentHtml = (content: Content) => ('html' in content ? content.html : escapeHtml(content.text));
const classList = (base: string, classes: string | undefined) => (classes ? `${base} ${escapeHtml(classes)}` : base);

export interface TagParams {
  text: string;
  classes?: string;
}

/** The govukTag macro's markup. */
export function govukTagHtml(params: TagParams): string {
  return `<strong class="${classList('govuk-tag', params.classes)}">${escapeHtml(params.text)}</strong>`;
}

export type TableCell = Content & { classes?: string; colspan?: number };

export interface TableParams {
  caption?: string;
  captionClasses?: string;
  head: { text: string; classes?: string }[];
  rows: TableCell[][];
}

/** The govukTable macro's markup, for the options the service uses. */
export function govukTable(params: TableParams): TrustedHtml {
  let markup = '<table class="govuk-table">';
  if (params.caption !== undefined) markup += `<caption class="${classList('govuk-table__caption', params.captionClasses)}">${escapeHtml(params.caption)}</caption>`;
  markup += '<thead class="govuk-table__head"><tr class="govuk-table__row">';
  for (const header of params.head) markup += `<th scope="col" class="${classList('govuk-table__header', header.classes)}">${escapeHtml(header.text)}</th>`;
  markup += '</tr></thead><tbody class="govuk-table__body">';
  for (const row of params.rows) {
    markup += '<tr class="govuk-table__row">';
    for (const cell of row) {
      markup += `<td class="${classList('govuk-table__cell', cell.classes)}"${cell.colspan ? ` colspan="${cell.colspan}"` : ''}>${contentHtml(cell)}</td>`;
    }
    markup += '</tr>';
  }
  return trusted(`${markup}</tbody></table>`);
}

/** A row of a summary list: its key as text, its value as text or markup. */
export interface SummaryListRow {
  key: string;
  value: Content;
}

/** The govukSummaryList macro's markup, for rows without actions (no card, no classes). */
export function govukSummaryList(rows: readonly SummaryListRow[]): TrustedHtml {
  let markup = '<dl class="govuk-summary-list">';
  for (const row of rows) {
    markup += `<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">${escapeHtml(row.key)}</dt><dd class="govuk-summary-list__value">${'html' in row.value ? row.value.html.trim() : escapeHtml(row.value.text)}</dd></div>`;
  }
  return trusted(`${markup}</dl>`);
}

/** A cell's main line (markup) over a smaller secondary line (text). */
export const withSecondaryLine = (mainHtml: string, secondary: string): TableCell => ({
  html: `${mainHtml}<br><span class="govuk-body-s app-secondary">${escapeHtml(secondary)}</span>`,
});
