// The team's tables (the unallocated queue, the caseloads, the cases behind a figure) and the caseloads chart, as GOV.UK markup built in code like the service's other lists.
import { formatTenths, type CaseWeight, type LoadAgainstCapacity } from '../../domain/caseload/index.ts';
import type { DeadlineStatusResult } from '../../domain/clocks/status.ts';
import { deadlineTagHtml } from '../../web/deadline-tag.ts';
import { escapeHtml, govukTable, govukTagHtml, trusted, withSecondaryLine, type TableCell, type TrustedHtml } from '../../web/govuk-markup.ts';
import { longDate } from '../../web/long-date.ts';
import { childLink } from '../children/index.ts';
import { coverPaths } from '../cover/index.ts';
import { caseloadPaths, type CaseloadCasesQuery, type CaseloadQuery } from './paths.ts';

export interface UnallocatedEntry {
  childId: string;
  childName: string;
  reference: string;
  stageName: string;
  unallocatedSince: string;
  daysWaiting: number;
  deadline?: ({ title: string; dueOn: string } & DeadlineStatusResult) | undefined;
}

/** One row a case waiting for an officer, the longest waiting first. */
export function unallocatedTable(caption: string, cases: readonly UnallocatedEntry[], captionClasses = 'govuk-table__caption--m'): TrustedHtml {
  return govukTable({
    caption,
    captionClasses,
    head: [{ text: 'Child' }, { text: 'Waiting since' }, { text: 'Next deadline' }],
    rows:
      cases.length === 0
        ? [[{ text: 'No case is waiting for an officer.', colspan: 3 }]]
        : cases.map((entry): TableCell[] => [
            withSecondaryLine(childLink(entry.childId, entry.childName), `${entry.reference} · ${entry.stageName}`),
            withSecondaryLine(escapeHtml(longDate(entry.unallocatedSince)), entry.daysWaiting === 1 ? '1 day' : `${entry.daysWaiting} days`),
            { html: entry.deadline ? `${escapeHtml(entry.deadline.title)}: ${escapeHtml(longDate(entry.deadline.dueOn))}<br>${deadlineTagHtml(entry.deadline)}` : 'None running' },
          ]),
  });
}

/** An officer's row of the caseloads page, as the service gives it. */
export interface CaseloadOfficer {
  id: string;
  name: string;
  active: boolean;
  /** The last working day of someone leaving; null if not leaving. */
  leavingOn: string | null;
  fte: string;
  openCases: number;
  load: LoadAgainstCapacity;
  casesOverdue: number;
  casesDueThisWeek: number;
  /** Leave running today or to come, with the colleague covering it. */
  leave?: { coverName: string; startsOn: string; endsOn: string; current: boolean } | undefined;
}

export interface CaseloadQueue {
  openCases: number;
  load: number;
  casesOverdue: number;
  casesDueThisWeek: number;
  longWaiting: number;
}

export interface CaseloadTotals {
  openCases: number;
  load: number;
  capacity: number;
  casesOverdue: number;
  casesDueThisWeek: number;
}

const numeric = 'govuk-table__cell--numeric';

/** A figure as a link to the cases behind it; 0 is said plainly, as there is nothing behind it. */
function figureLink(count: number, href: string, hidden: string, text: string = String(count)): TableCell {
  return { html: count === 0 ? '0' : `<a class="govuk-link" href="${escapeHtml(href)}">${escapeHtml(text)}<span class="govuk-visually-hidden"> ${escapeHtml(hidden)}</span></a>`, classes: numeric };
}

/** "On leave until 12 December 2026, covered by Sam Patel", or the leave to come with its dates. */
export function leaveHtml(leave: NonNullable<CaseloadOfficer['leave']>): string {
  const cover = `covered by <span dir="auto">${escapeHtml(leave.coverName)}</span>`;
  return leave.current
    ? `On leave until ${escapeHtml(longDate(leave.endsOn))}, ${cover}`
    : `Leave from ${escapeHtml(longDate(leave.startsOn))} to ${escapeHtml(longDate(leave.endsOn))}, ${cover}`;
}

const overTag = govukTagHtml({ text: 'Over capacity', classes: 'govuk-tag--red' });

/**
 * Every officer's caseload, a row an officer, then the queue and the totals. Every figure of cases
 * links to the cases behind it, under the same filters.
 */
export function caseloadsTable(officers: readonly CaseloadOfficer[], queue: CaseloadQueue, totals: CaseloadTotals, filters: CaseloadQuery): TrustedHtml {
  const behind = (officer: string | undefined, show: CaseloadCasesQuery['show']) => caseloadPaths.casesBehind({ officer, show, ...filters });
  const rows = officers.map((officer): TableCell[] => [
    {
      html:
        `<span dir="auto">${escapeHtml(officer.name)}</span>${officer.active ? '' : ` ${govukTagHtml({ text: 'Deactivated', classes: 'govuk-tag--grey' })}`}` +
        (officer.leavingOn ? `<br><span class="govuk-body-s">Leaving ${escapeHtml(longDate(officer.leavingOn))}</span>` : '') +
        (officer.active ? `<br><a class="govuk-link govuk-body-s" href="${escapeHtml(caseloadPaths.handover(officer.id))}">Leaving date and hand-over<span class="govuk-visually-hidden"> for <span dir="auto">${escapeHtml(officer.name)}</span></span></a>` : '') +
        `<br><span class="govuk-body-s app-secondary">${officer.leave ? `${leaveHtml(officer.leave)}. ` : ''}` +
        `<a class="govuk-link" href="${escapeHtml(coverPaths.newCover(officer.id))}">Set cover<span class="govuk-visually-hidden"> for ${escapeHtml(officer.name)}</span></a></span>`,
    },
    figureLink(officer.openCases, behind(officer.id, 'open'), `open cases of ${officer.name}`),
    figureLink(officer.openCases, behind(officer.id, 'open'), `weighted load of ${officer.name}, case by case`, formatTenths(officer.load.loadTenths)),
    { text: `${formatTenths(officer.load.capacityTenths)} (${officer.fte} FTE)`, classes: numeric },
    { html: `${escapeHtml(`${officer.load.percent}%`)}${officer.load.over ? `<br>${overTag}` : ''}`, classes: numeric },
    figureLink(officer.casesOverdue, behind(officer.id, 'overdue'), `cases of ${officer.name} with a deadline missed`),
    figureLink(officer.casesDueThisWeek, behind(officer.id, 'due-this-week'), `cases of ${officer.name} with a deadline due this week`),
  ]);
  rows.push([
    { text: 'Unallocated' },
    figureLink(queue.openCases, behind('unallocated', 'open'), 'cases without an officer'),
    figureLink(queue.openCases, behind('unallocated', 'open'), 'weighted load of the cases without an officer, case by case', formatTenths(queue.load)),
    { text: 'None', classes: numeric },
    { text: '', classes: numeric },
    figureLink(queue.casesOverdue, behind('unallocated', 'overdue'), 'cases without an officer with a deadline missed'),
    figureLink(queue.casesDueThisWeek, behind('unallocated', 'due-this-week'), 'cases without an officer with a deadline due this week'),
  ]);
  const bold = 'govuk-!-font-weight-bold';
  rows.push([
    { text: 'All open cases', classes: bold },
    { ...figureLink(totals.openCases, behind(undefined, 'open'), 'open cases'), classes: `${numeric} ${bold}` },
    { text: formatTenths(totals.load + queue.load), classes: `${numeric} ${bold}` },
    { text: formatTenths(totals.capacity), classes: `${numeric} ${bold}` },
    { text: totals.capacity > 0 ? `${Math.floor((totals.load * 100) / totals.capacity)}%` : '', classes: `${numeric} ${bold}` },
    { ...figureLink(totals.casesOverdue + queue.casesOverdue, behind(undefined, 'overdue'), 'open cases with a deadline missed'), classes: `${numeric} ${bold}` },
    { ...figureLink(totals.casesDueThisWeek + queue.casesDueThisWeek, behind(undefined, 'due-this-week'), 'open cases with a deadline due this week'), classes: `${numeric} ${bold}` },
  ]);
  return govukTable({
    caption: 'Caseloads by officer',
    captionClasses: 'govuk-table__caption--m',
    head: [
      { text: 'Officer' },
      { text: 'Open cases', classes: 'govuk-table__header--numeric' },
      { text: 'Weighted load', classes: 'govuk-table__header--numeric' },
      { text: 'Capacity', classes: 'govuk-table__header--numeric' },
      { text: 'Load against capacity', classes: 'govuk-table__header--numeric' },
      { text: 'Cases with a deadline missed', classes: 'govuk-table__header--numeric' },
      { text: 'Cases with a deadline due this week', classes: 'govuk-table__header--numeric' },
    ],
    rows,
  });
}

/** The chart's own figures, beside it: what a screen reader reads instead of the picture. */
export function caseloadChartTable(officers: readonly CaseloadOfficer[]): TrustedHtml {
  return govukTable({
    caption: 'Load against capacity, by officer',
    captionClasses: 'govuk-table__caption--s',
    head: [{ text: 'Officer' }, { text: 'Weighted load of capacity', classes: 'govuk-table__header--numeric' }],
    rows:
      officers.length === 0
        ? [[{ text: 'No officers hold cases.', colspan: 2 }]]
        : officers.map((officer): TableCell[] => [
            { html: `<span dir="auto">${escapeHtml(officer.name)}</span>` },
            { html: `${escapeHtml(officer.load.text)}${officer.load.over ? `<br>${overTag}` : ''}`, classes: numeric },
          ]),
  });
}

// Drawn at about the size of the half-width column it sits in, so its text reads at body size.
const CHART = { width: 450, labelWidth: 140, barHeight: 20, rowHeight: 32, top: 26, bottom: 12 } as const;

/**
 * A bar an officer, their weighted load as a share of their capacity, with a line at 100%: drawn on
 * the server as SVG, with a title and a description a screen reader announces (role="img"); its
 * figures are in the table beside it. Colours are SVG attributes, which the content security
 * policy allows (inline styles it does not).
 */
export function caseloadChartSvg(officers: readonly CaseloadOfficer[]): TrustedHtml {
  const { width, labelWidth, barHeight, rowHeight, top, bottom } = CHART;
  const plotWidth = width - labelWidth - 56;
  const maxPercent = Math.max(150, ...officers.map((officer) => officer.load.percent));
  const scale = (percent: number) => Math.round((percent / maxPercent) * plotWidth);
  const height = top + Math.max(1, officers.length) * rowHeight + bottom;
  const over = officers.filter((officer) => officer.load.over).length;
  const description =
    officers.length === 0
      ? 'No officers to show.'
      : `${officers.length} officer${officers.length === 1 ? '' : 's'}; ${over} over capacity. Each bar is an officer’s weighted load as a percentage of their capacity; the line marks 100%. The same figures are in the table beside the chart.`;
  let bars = '';
  officers.forEach((officer, index) => {
    const y = top + index * rowHeight;
    const barWidth = Math.max(officer.load.percent > 0 ? 2 : 0, scale(officer.load.percent));
    const name = officer.name.length > 17 ? `${officer.name.slice(0, 16)}…` : officer.name;
    bars +=
      `<text x="${labelWidth - 8}" y="${y + barHeight - 4}" text-anchor="end" font-size="15" fill="#0b0c0c">${escapeHtml(name)}</text>` +
      `<rect x="${labelWidth}" y="${y}" width="${barWidth}" height="${barHeight}" fill="${officer.load.over ? '#d4351c' : '#1d70b8'}"></rect>` +
      `<text x="${labelWidth + barWidth + 6}" y="${y + barHeight - 4}" font-size="15" fill="#0b0c0c">${officer.load.percent}%</text>`;
  });
  const hundred = labelWidth + scale(100);
  const markup =
    `<svg class="app-chart" role="img" aria-labelledby="caseload-chart-title caseload-chart-description" viewBox="0 0 ${width} ${height}" width="100%" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="caseload-chart-title">Weighted load against capacity, by officer</title>` +
    `<desc id="caseload-chart-description">${escapeHtml(description)}</desc>` +
    bars +
    `<line x1="${hundred}" y1="${top - 8}" x2="${hundred}" y2="${height - bottom + 4}" stroke="#0b0c0c" stroke-width="2" stroke-dasharray="4 3"></line>` +
    `<text x="${hundred}" y="${top - 10}" text-anchor="middle" font-size="13" fill="#0b0c0c">100%</text>` +
    `</svg>`;
  return trusted(markup);
}

export interface CaseloadCaseEntry {
  childId: string;
  childName: string;
  reference: string;
  stageName: string;
  unallocatedSince: string | null;
  deadline?: ({ title: string; dueOn: string } & DeadlineStatusResult) | undefined;
  weight: CaseWeight;
}

/** The open cases behind a figure, each with its weight explained. */
export function caseloadCasesTable(caption: string, cases: readonly CaseloadCaseEntry[]): TrustedHtml {
  return govukTable({
    caption,
    captionClasses: 'govuk-visually-hidden',
    head: [{ text: 'Child' }, { text: 'Caseload weight' }, { text: 'Next deadline' }],
    rows:
      cases.length === 0
        ? [[{ text: 'No open case matches.', colspan: 3 }]]
        : cases.map((entry): TableCell[] => [
            withSecondaryLine(childLink(entry.childId, entry.childName), `${entry.reference} · ${entry.stageName}${entry.unallocatedSince ? ` · unallocated since ${longDate(entry.unallocatedSince)}` : ''}`),
            withSecondaryLine(`<strong>${escapeHtml(formatTenths(entry.weight.tenths))}</strong>`, entry.weight.parts.map((part) => `${part.name} ${formatTenths(part.tenths)}`).join(', ')),
            { html: entry.deadline ? `${escapeHtml(entry.deadline.title)}: ${escapeHtml(longDate(entry.deadline.dueOn))}<br>${deadlineTagHtml(entry.deadline)}` : 'None running' },
          ]),
  });
}
