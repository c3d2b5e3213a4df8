// The access log's tables: each view said in words, the child and the member of staff linked to
// their own pages of the access log.
import type { UnusualReason } from '../../domain/access/index.ts';
import { londonDateOf } from '../../lib/clock.ts';
import { escapeHtml, govukTable, withSecondaryLine, type TableCell, type TrustedHtml } from '../../web/govuk-markup.ts';
import { longMoment } from '../../web/long-date.ts';
import type { AccessView, UnusualRow } from './access-service.ts';
import { auditPaths, type TrailQuery } from './paths.ts';
import { describeEntry } from './presenters.ts';
import type { Named } from './service.ts';

/** What a view was, in the audit trails' words. */
export function describeView(view: AccessView): string {
  return describeEntry({
    kind: view.kind === 'record' ? 'view' : 'list',
    id: view.id,
    at: view.at,
    actor: {},
    action: null,
    view: view.view,
    query: view.query,
    childCount: view.childCount,
    details: null,
  });
}

const childLink = (child: Named, query: TrailQuery = {}) => `<a class="govuk-link" href="${escapeHtml(auditPaths.accessChild(child.id, query))}">${escapeHtml(child.name)}</a>`;
const staffLink = (staff: Named, query: TrailQuery = {}) => `<a class="govuk-link" href="${escapeHtml(auditPaths.accessStaff(staff.id, query))}">${escapeHtml(staff.name)}</a>`;

function whoHtml(view: AccessView): string {
  if (view.staff) return `${staffLink(view.staff)}${view.throughToken ? '<br><span class="govuk-body-s app-secondary">through an API token</span>' : ''}`;
  if (view.actorKind === 'portal') return 'Someone signed in to the portal';
  return 'The service';
}

const whenCell = (at: string): TableCell => ({ text: longMoment(at) });
const empty = (columns: number): TableCell[][] => [[{ text: 'Nothing in these dates.', colspan: columns }]];

/** Who viewed a child: when, who, and what (their record, a document, a list they were on). */
export function childViewsTable(caption: string, views: readonly AccessView[]): TrustedHtml {
  return govukTable({
    caption,
    captionClasses: 'govuk-visually-hidden',
    head: [{ text: 'When' }, { text: 'Who' }, { text: 'What' }],
    rows: views.length === 0 ? empty(3) : views.map((view): TableCell[] => [whenCell(view.at), { html: whoHtml(view) }, { text: describeView(view) }]),
  });
}

/** What a member of staff viewed: when, what, and whose record. */
export function staffViewsTable(caption: string, views: readonly AccessView[]): TrustedHtml {
  return govukTable({
    caption,
    captionClasses: 'govuk-visually-hidden',
    head: [{ text: 'When' }, { text: 'What' }, { text: 'Child' }],
    rows:
      views.length === 0
        ? empty(3)
        : views.map((view): TableCell[] => [
            whenCell(view.at),
            view.throughToken ? withSecondaryLine(escapeHtml(describeView(view)), 'through an API token') : { text: describeView(view) },
            { html: view.child ? childLink(view.child) : '' },
          ]),
  });
}

const REASONS: Record<UnusualReason, string> = {
  'many-records': 'Many records in a short time',
  'outside-caseload': 'A child outside their caseload and team',
  restricted: 'A restricted record',
};

/** The day a moment fell on in England, as the access log's date boxes take it. */
function dayQuery(at: string): TrailQuery {
  const [year, month, day] = londonDateOf(new Date(at)).split('-');
  const parts = { day: String(Number(day)), month: String(Number(month)), year: year! };
  return { 'from-day': parts.day, 'from-month': parts.month, 'from-year': parts.year, 'to-day': parts.day, 'to-month': parts.month, 'to-year': parts.year };
}

/** The report's rows: why, when, who and whom, each linked to the access log on that day. */
export function unusualTable(caption: string, rows: readonly UnusualRow[]): TrustedHtml {
  return govukTable({
    caption,
    head: [{ text: 'Why' }, { text: 'When' }, { text: 'Who' }, { text: 'Child' }],
    rows:
      rows.length === 0
        ? [[{ text: 'Nothing unusual in these dates.', colspan: 4 }]]
        : rows.map((row): TableCell[] => [
            { text: row.reasons.map((reason) => REASONS[reason]).join('; ') },
            { text: row.until ? `${longMoment(row.at)} to ${longMoment(row.until)}` : longMoment(row.at) },
            { html: staffLink(row.staff, dayQuery(row.at)) },
            row.child ? { html: childLink(row.child, dayQuery(row.at)) } : { text: `${row.childCount ?? 0} children` },
          ]),
  });
}
