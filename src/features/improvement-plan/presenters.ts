// The plan's tables as the govukTable macro takes them, its tags, and each measure's months as the
// dashboard draws them (its chart and table, shared with the reporting feature).
import { ACTION_STATUS_NAMES, ACTION_STATUSES, type ActionStatus, type Trend, type TrajectoryStatus } from '../../domain/improvement/index.ts';
import type { Month } from '../../domain/reporting/index.ts';
import { escapeHtml, govukTagHtml, type TrustedHtml } from '../../web/govuk-markup.ts';
import { longDate, longMoment, withLongDates } from '../../web/long-date.ts';
import { figureText, measure, monthsChartSvg, monthsTable, type MeasureFigures, type MeasureDeclaration } from '../reporting/index.ts';
import { improvementPlanPaths } from './paths.ts';
import type { AreaView, BoundMeasureView, PlanView } from './service.ts';

type Cell = { text: string; classes?: string } | { html: string; classes?: string };
export interface TableParams {
  caption: string;
  captionClasses: string;
  firstCellIsHeader: boolean;
  head: { text: string; classes?: string }[];
  rows: Cell[][];
}

const STATUS_TAG: Record<ActionStatus, string> = {
  'not-started': 'govuk-tag--grey',
  'on-track': 'govuk-tag--green',
  'at-risk': 'govuk-tag--yellow',
  'off-track': 'govuk-tag--red',
  complete: 'govuk-tag--blue',
};

export const statusTag = (status: ActionStatus) => govukTagHtml({ text: ACTION_STATUS_NAMES[status], classes: STATUS_TAG[status] });

const TRAJECTORY: Record<TrajectoryStatus, { text: string; classes: string }> = {
  met: { text: 'Target met', classes: 'govuk-tag--blue' },
  'on-trajectory': { text: 'On trajectory', classes: 'govuk-tag--green' },
  'off-trajectory': { text: 'Off trajectory', classes: 'govuk-tag--red' },
  'no-figure': { text: 'No figure', classes: 'govuk-tag--grey' },
};

export const trajectoryTag = (status: TrajectoryStatus) => govukTagHtml(TRAJECTORY[status]);

export const TREND_TEXT: Record<Trend, string> = {
  'towards-target': 'Moving towards the target',
  'away-from-target': 'Moving away from the target',
  flat: 'Not moving',
  'not-enough-months': 'Too few months to tell',
};

export const FLAG_TAG = govukTagHtml({ text: 'Flagged to the board', classes: 'govuk-tag--orange' });

const numeric = 'govuk-table__cell--numeric';
const link = (href: string, text: string) => `<a class="govuk-link" href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;

/** A figure of a bound measure: "46.4%" or "120". */
export const valueText = (unit: BoundMeasureView['unit'], value: number) => figureText(unit, value);

/**
 * The measures bound to an area or an action: baseline, target, the figure now, where the line to
 * the target says it should be, whether it is on trajectory and which way it is moving.
 */
export function measuresTable(measures: readonly BoundMeasureView[], caption: string, options: { manage: boolean; links?: boolean }): TableParams {
  return {
    caption,
    captionClasses: 'govuk-table__caption--s',
    firstCellIsHeader: true,
    head: [
      { text: 'Measure' },
      { text: 'Baseline' },
      { text: 'Target' },
      { text: 'Now', classes: 'govuk-table__header--numeric' },
      { text: 'Expected now', classes: 'govuk-table__header--numeric' },
      { text: 'Trajectory' },
      { text: 'Last 3 months' },
    ],
    rows: measures.map((entry): Cell[] => [
      {
        html:
          `${escapeHtml(entry.title)}<br><span class="govuk-body-s">${entry.better === 'higher' ? 'Higher is better' : 'Lower is better'}</span>` +
          (options.manage && options.links !== false
            ? `<br><span class="govuk-body-s"><a class="govuk-link" href="${escapeHtml(improvementPlanPaths.target(entry.id))}">Change the target<span class="govuk-visually-hidden"> of ${escapeHtml(entry.title)}</span></a></span>`
            : ''),
      },
      { text: `${valueText(entry.unit, entry.baselineValue)} on ${longDate(entry.baselineOn)}` },
      { text: `${valueText(entry.unit, entry.targetValue)} by ${longDate(entry.targetOn)}` },
      entry.figuresShown ? { html: `${escapeHtml(figureText(entry.unit, entry.current))}<br><span class="govuk-body-s">${escapeHtml(entry.currentOver)}</span>`, classes: numeric } : { text: 'Not shown to you', classes: numeric },
      { text: valueText(entry.unit, entry.expected), classes: numeric },
      { html: entry.figuresShown ? trajectoryTag(entry.trajectory) : '' },
      { text: entry.figuresShown ? TREND_TEXT[entry.trend] : '' },
    ]),
  };
}

/** An area's actions: owner, status (with its flag) and the measures each is bound to. */
export function actionsTable(area: Pick<AreaView, 'title' | 'actions'>, options: { links: boolean }): TableParams {
  return {
    caption: `Actions: ${area.title}`,
    captionClasses: 'govuk-table__caption--s',
    firstCellIsHeader: true,
    head: [{ text: 'Action' }, { text: 'Owner' }, { text: 'Status' }, { text: 'Measures' }],
    rows: area.actions.map((action): Cell[] => [
      { html: options.links ? link(improvementPlanPaths.action(action.id), action.title) : escapeHtml(action.title) },
      { text: action.ownerName },
      { html: `${statusTag(action.status)}${action.flagged ? `<br>${FLAG_TAG}` : ''}<br><span class="govuk-body-s">${escapeHtml(action.statusNote)}</span>` },
      {
        html:
          action.measures.length === 0
            ? 'None bound'
            : action.measures
                .map((entry) => `${escapeHtml(entry.title)}: ${entry.figuresShown ? `${escapeHtml(figureText(entry.unit, entry.current))} ${trajectoryTag(entry.trajectory)}` : escapeHtml(`target ${valueText(entry.unit, entry.targetValue)}`)}`)
                .join('<br>'),
      },
    ]),
  };
}

/** Each area of a plan (live or a meeting's snapshot) with its two tables. */
export function planSections(plan: PlanView, options: { manage: boolean; links: boolean }) {
  return plan.areas.map((area) => ({
    area,
    href: options.links ? improvementPlanPaths.area(area.id) : undefined,
    measures: area.measures.length > 0 ? measuresTable(area.measures, `Measures: ${area.title}`, { manage: options.manage, links: options.links }) : undefined,
    actions: area.actions.length > 0 ? actionsTable(area, { links: options.links }) : undefined,
  }));
}

/** The flagged actions, for the warning at the top of the plan. */
export function flaggedList(plan: PlanView, links: boolean) {
  return plan.flagged.map((entry) => {
    const away = entry.action.measures.filter((bound) => bound.trend === 'away-from-target').map((bound) => `“${bound.title}”`);
    return {
      html: `${links ? link(improvementPlanPaths.action(entry.action.id), entry.action.title) : escapeHtml(entry.action.title)} (${escapeHtml(entry.areaTitle)}), owned by ${escapeHtml(entry.action.ownerName)}: on track, but ${escapeHtml(away.join(' and '))} ${away.length === 1 ? 'is' : 'are'} moving away from the target`,
    };
  });
}

/** A bound measure's months as the dashboard draws them: the chart and, beside it, the table. */
export function measureMonths(entry: BoundMeasureView): { chart: TrustedHtml; table: TrustedHtml } | undefined {
  const declaration = measure(entry.measureId);
  if (!declaration || !entry.figuresShown || entry.months.length === 0) return undefined;
  const figures: MeasureFigures = {
    id: declaration.id as MeasureFigures['id'],
    unit: declaration.unit,
    declaration,
    value: entry.current,
    numerator: 0,
    denominator: 0,
    series: entry.months.map((month) => ({ ...month, month: month.month as Month })),
    comparison: {},
  };
  return { chart: monthsChartSvg(figures), table: monthsTable(figures, {}, false) };
}

/** Each measure of an area or an action with its months, for their pages. */
export function measureDetails(measures: readonly BoundMeasureView[]) {
  return measures.map((entry) => ({ entry, months: measureMonths(entry) }));
}

export function statusItems(selected: string | undefined) {
  return ACTION_STATUSES.map((status) => ({ value: status, text: ACTION_STATUS_NAMES[status], checked: status === selected }));
}

export function ownerOptions(owners: readonly { id: string; name: string }[], selected: string | undefined) {
  return [{ value: '', text: 'Select the owner' }, ...owners.map((owner) => ({ value: owner.id, text: owner.name, selected: owner.id === selected }))];
}

export function measureOptions(catalogue: readonly MeasureDeclaration[], selected: string | undefined) {
  return [
    { value: '', text: 'Select a measure' },
    ...catalogue.map((entry) => ({ value: entry.id, text: `${entry.title} (${entry.unit === 'percent' ? 'a share' : 'a count'}, ${entry.better} is better)`, selected: entry.id === selected })),
  ];
}

export function meetingOptions(meetings: readonly { id: string; heldOn: string }[], selected: string | undefined) {
  return [{ value: '', text: 'None' }, ...meetings.map((meeting) => ({ value: meeting.id, text: `The board meeting of ${longDate(meeting.heldOn)}`, selected: meeting.id === selected }))];
}

/** The change log as a table. */
export function changesTable(changes: readonly { at: string; byName: string; subject: string; what: string; before: string | null; after: string | null; reason: string | null }[], caption: string): TableParams {
  return {
    caption,
    captionClasses: 'govuk-table__caption--m',
    firstCellIsHeader: false,
    head: [{ text: 'When' }, { text: 'Who' }, { text: 'What' }, { text: 'From' }, { text: 'To' }, { text: 'Why' }],
    rows: changes.map((change): Cell[] => [
      { text: longMoment(change.at) },
      { text: change.byName },
      { html: `${escapeHtml(change.what)}<br><span class="govuk-body-s">${escapeHtml(change.subject)}</span>` },
      { text: withLongDates(change.before ?? '') },
      { text: withLongDates(change.after ?? '') },
      { text: change.reason ?? '' },
    ]),
  };
}

