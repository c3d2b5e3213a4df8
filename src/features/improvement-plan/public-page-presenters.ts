// The public page's figures in words for families, its months as the dashboard draws them (with
// what is withheld left out), and the manager's form's choices.
import { shownValue, withheldAsSmall, type PublicFigure, type TrajectoryStatus } from '../../domain/improvement/index.ts';
import { monthName, type Month } from '../../domain/reporting/index.ts';
import { escapeHtml, govukTagHtml, type TrustedHtml } from '../../web/govuk-markup.ts';
import { longDate } from '../../web/long-date.ts';
import { measure, monthsChartSvg, type MeasureFigures } from '../reporting/index.ts';
import type { PublicMeasureChoice, PublicMeasureView } from './public-page.ts';
import { statusTag } from './presenters.ts';

const FEWER_THAN_5 = 'fewer than 5';

/** A number of the measure's unit: "46.4%" or "120". */
const numberText = (unit: 'percent' | 'count', value: number) => (unit === 'percent' ? `${value.toFixed(1)}%` : value.toLocaleString('en-GB'));

/** The figure as the page says it: "62.5% of 40 cases", "12", "fewer than 5", "Not shown" or "No cases". */
export function publicFigureText(unit: 'percent' | 'count', figure: PublicFigure): string {
  switch (figure.kind) {
    case 'count':
      return numberText('count', figure.value);
    case 'fewer-than-5':
      return FEWER_THAN_5;
    case 'share':
      return `${numberText('percent', figure.value)} of ${figure.of.toLocaleString('en-GB')} cases`;
    case 'share-withheld':
      return figure.reason === 'no-cases' ? 'No cases' : 'Not shown';
    case 'count-withheld':
      return 'Not shown';
  }
  return unit === 'percent' ? 'Not shown' : FEWER_THAN_5;
}

/** Why a figure is not shown, in plain words; undefined when it is. */
export function withheldReason(figure: PublicFigure): string | undefined {
  if (figure.kind === 'count-withheld') return 'One of its months had fewer than 5 cases, which this figure would give away.';
  if (figure.kind !== 'share-withheld') return undefined;
  switch (figure.reason) {
    case 'no-cases':
      return 'There were no cases to count.';
    case 'few-cases':
      return 'It would be a percentage of fewer than 5 cases, few enough to point to a child.';
    case 'few-counted':
      return `Fewer than 5 of the ${figure.of.kind === 'count' ? figure.of.value.toLocaleString('en-GB') : FEWER_THAN_5} cases were counted, or fewer than 5 were not: the percentage would give that number away.`;
    case 'small-month':
      return 'One of its months had fewer than 5 cases, which this figure would give away.';
  }
  return undefined;
}

const TRAJECTORY_WORDS: Record<TrajectoryStatus | 'withheld', { text: string; classes: string }> = {
  met: { text: 'Target met', classes: 'govuk-tag--blue' },
  'on-trajectory': { text: 'On course', classes: 'govuk-tag--green' },
  'off-trajectory': { text: 'Not on course', classes: 'govuk-tag--red' },
  'no-figure': { text: 'No figure yet', classes: 'govuk-tag--grey' },
  withheld: { text: 'Not shown', classes: 'govuk-tag--grey' },
};

const numeric = 'govuk-table__cell--numeric';

/** One measure's part of the page: its figure, target, course and months. */
export function publicMeasureSection(entry: PublicMeasureView) {
  const currentText = publicFigureText(entry.unit, entry.current);
  return {
    entry,
    summary: [
      { key: { text: entry.timing === 'now' ? 'Today' : `Latest (${entry.currentOver})` }, value: { html: `${escapeHtml(currentText)}${withheldReason(entry.current) ? `<br><span class="govuk-body-s">${escapeHtml(withheldReason(entry.current)!)}</span>` : ''}` } },
      { key: { text: 'Target' }, value: { text: `${numberText(entry.unit, entry.targetValue)} by ${longDate(entry.targetOn)} (${entry.better === 'higher' ? 'higher is better' : 'lower is better'})` } },
      { key: { text: 'Where we started' }, value: { text: `${numberText(entry.unit, entry.baselineValue)} on ${longDate(entry.baselineOn)}` } },
      { key: { text: 'On course for the target?' }, value: { html: govukTagHtml(TRAJECTORY_WORDS[entry.trajectory]) } },
    ],
    months: publicMonths(entry),
  };
}

/** The measure's last 12 months: a table (withheld months say so) and, when a month is shown, the dashboard's chart. */
function publicMonths(entry: PublicMeasureView): { chart: TrustedHtml | undefined; table: Record<string, unknown> } | undefined {
  if (entry.months.length === 0) return undefined;
  const declaration = measure(entry.measureId)!;
  const table = {
    caption: `${entry.title}: the last 12 months`,
    captionClasses: 'govuk-table__caption--s',
    firstCellIsHeader: true,
    head: [{ text: 'Month' }, { text: entry.unit === 'percent' ? 'Percentage' : 'Count', classes: 'govuk-table__header--numeric' }],
    rows: entry.months.map((month) => [{ text: monthName(month.month as Month) }, { text: publicFigureText(entry.unit, month.figure), classes: numeric }]),
  };
  // The chart draws the months that are shown; withheld ones have no bar (the table says why).
  const anyShown = entry.months.some((month) => shownValue(month.figure) !== null);
  const figures: MeasureFigures = {
    id: declaration.id as MeasureFigures['id'],
    unit: declaration.unit,
    declaration,
    value: shownValue(entry.current),
    numerator: 0,
    denominator: 0,
    series: entry.months.map((month) => ({ month: month.month as Month, value: shownValue(month.figure), numerator: 0, denominator: 0 })),
    comparison: {},
  };
  return { chart: anyShown ? monthsChartSvg(figures) : undefined, table };
}

/** Whether any figure on the page is withheld, to explain the rule where it matters. */
export function anyWithheld(entries: readonly PublicMeasureView[]): boolean {
  return entries.some((entry) => withheldAsSmall(entry.current) || entry.months.some((month) => withheldAsSmall(month.figure)));
}

/** The areas of the plan: each action's title and status, as a tag. */
export function publicAreas(areas: readonly { title: string; actions: readonly { title: string; status: Parameters<typeof statusTag>[0] }[] }[]) {
  return areas.map((area) => ({ title: area.title, actions: area.actions.map((action) => ({ title: action.title, tag: statusTag(action.status) })) }));
}

/** The manager's form: a checkbox for each measure bound to the plan. */
export function measureCheckboxes(choices: readonly PublicMeasureChoice[], selected: ReadonlySet<string>) {
  return choices.map((choice) => ({
    value: choice.bindingId,
    text: choice.title,
    hint: { text: `Bound to the ${choice.boundTo}. Target ${numberText(choice.unit, choice.targetValue)} by ${longDate(choice.targetOn)}.` },
    checked: selected.has(choice.bindingId),
  }));
}
