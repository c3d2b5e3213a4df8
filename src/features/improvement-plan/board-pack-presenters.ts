// The board pack as the page shows it and as its PDF lays it out (the plans' rendering model, so
// the PDF is made as a plan's is: tagged, in the document thread). Both read the same BoardPack,
// section by section in the same order: risks and exceptions, what changed since the last meeting,
// the measures, the plan.
import { monthName, type Month } from '../../domain/reporting/index.ts';
import { longDate, longMoment, withLongDates } from '../../web/long-date.ts';
import type { DocumentBlock, DocumentSection, RenderedDocument } from '../plans/index.ts';
import { figureText } from '../reporting/index.ts';
import type { BoardPack, PackMeasure } from './board-pack.ts';
import { improvementPlanPaths as paths } from './paths.ts';
import { TREND_TEXT } from './presenters.ts';
import type { ActionView, BoundMeasureView, ChangeView } from './service.ts';

export const PACK_TITLE = 'Improvement board pack';

const TRAJECTORY_TEXT: Record<BoundMeasureView['trajectory'], string> = {
  met: 'Target met',
  'on-trajectory': 'On trajectory',
  'off-trajectory': 'Off trajectory',
  'no-figure': 'No figure',
};
export const trajectoryText = (entry: BoundMeasureView) => TRAJECTORY_TEXT[entry.trajectory];

const value = (entry: BoundMeasureView, figure: number | null) => figureText(entry.unit, figure);

/** "As at 30 November 2026". */
export const packStatus = (pack: BoardPack) => `As at ${longDate(pack.asAt)}`;

/** The pack's facts: the day, when it was made, when the plan began, the last meeting. */
export function packFacts(pack: BoardPack): { label: string; value: string }[] {
  return [
    { label: 'As at', value: longDate(pack.asAt) },
    { label: 'Made', value: longMoment(pack.producedAt) },
    { label: 'The plan began', value: longDate(pack.planBegan) },
    { label: 'Last board meeting before the day', value: pack.lastMeeting ? longDate(pack.lastMeeting.heldOn) : 'None' },
  ];
}

/** Where the changes listed start from. */
export function changesSince(pack: BoardPack): string {
  return pack.lastMeeting
    ? `Every change to the plan since the board meeting of ${longDate(pack.lastMeeting.heldOn)} was recorded (${longMoment(pack.lastMeeting.snapshotTakenAt)}), to the end of ${longDate(pack.asAt)}.`
    : `No board meeting was held before the day: every change to the plan from its beginning to the end of ${longDate(pack.asAt)}.`;
}

export const changeRow = (change: ChangeView) => [longMoment(change.at), change.byName, `${change.what}: ${change.subject}`, withLongDates(change.before ?? ''), withLongDates(change.after ?? ''), change.reason ?? ''];
export const CHANGE_COLUMNS = ['When', 'Who', 'What', 'From', 'To', 'Why'];

export const riskRow = (entry: { areaTitle: string; action: ActionView }) => [entry.action.title, entry.areaTitle, entry.action.ownerName, entry.action.statusName, entry.action.statusNote];
export const RISK_COLUMNS = ['Action', 'Area', 'Owner', 'Status', 'Note'];

export const flaggedText = (entry: { areaTitle: string; action: ActionView }) => {
  const away = entry.action.measures.filter((bound) => bound.trend === 'away-from-target').map((bound) => `“${bound.title}”`);
  return `${entry.action.title} (${entry.areaTitle}), owned by ${entry.action.ownerName}: on track, but ${away.join(' and ')} ${away.length === 1 ? 'is' : 'are'} moving away from the target`;
};

export const overdueRow = (entry: BoardPack['risks']['overdue'][number]) => [entry.milestone.title, entry.actionTitle, entry.ownerName, longDate(entry.milestone.dueOn)];
export const OVERDUE_COLUMNS = ['Milestone', 'Action', 'Owner', 'Due'];

/** A bound measure's facts on the day. */
export function measureFacts(entry: PackMeasure): { label: string; value: string }[] {
  const bound = entry.measure;
  return [
    { label: 'Bound to', value: entry.boundTo },
    { label: 'Figure on the day', value: `${value(bound, bound.current)} (${withLongDates(bound.currentOver)})` },
    { label: 'Baseline', value: `${value(bound, bound.baselineValue)} on ${longDate(bound.baselineOn)}` },
    { label: 'Target', value: `${value(bound, bound.targetValue)} by ${longDate(bound.targetOn)}` },
    { label: 'Expected on the day', value: value(bound, bound.expected) },
    { label: 'Trajectory', value: trajectoryText(bound) },
    { label: 'Last 3 months', value: TREND_TEXT[bound.trend] },
    { label: 'Better', value: bound.better === 'higher' ? 'Higher is better' : 'Lower is better' },
  ];
}

/** A month's figure; a share with its "counted" and "of". */
export const monthColumns = (bound: BoundMeasureView) => [bound.timing === 'now' ? 'At the end of' : 'Month', ...(bound.unit === 'percent' ? ['Share', 'Counted', 'Of'] : ['Cases'])];
export const monthRow = (bound: BoundMeasureView, month: BoundMeasureView['months'][number]) => [
  monthName(month.month as Month),
  value(bound, month.value),
  ...(bound.unit === 'percent' ? [String(month.numerator), String(month.denominator)] : []),
];

export const ACTION_COLUMNS = ['Action', 'Owner', 'Status', 'Milestones'];
export const milestonesText = (action: ActionView) =>
  action.milestones.length === 0 ? 'None' : action.milestones.map((entry) => `${entry.title}: due ${longDate(entry.dueOn)}, ${entry.doneOn ? `done ${longDate(entry.doneOn)}` : 'not done'}`).join('\n');
export const actionRow = (action: ActionView) => [action.title, action.ownerName, `${action.statusName}${action.flagged ? ' (flagged to the board)' : ''}${action.statusNote ? `\n${action.statusNote}` : ''}`, milestonesText(action)];

/** The heading over what the pack shows as it is now for want of its history (none as a rule). */
export const NOT_RECORDED_HEADING = 'Shown as it is now';

/** The pack as the plans' rendering model lays it out, for the PDF. */
export function packDocument(pack: BoardPack): RenderedDocument {
  const risks: DocumentBlock[] = [{ kind: 'subheading', text: 'Actions at risk or off track' }];
  risks.push(pack.risks.atRisk.length ? { kind: 'table', caption: 'Actions at risk or off track on the day', columns: RISK_COLUMNS, rows: pack.risks.atRisk.map(riskRow) } : { kind: 'paragraph', text: 'None.' });
  risks.push({ kind: 'subheading', text: 'On track, but a measure is moving the wrong way' });
  risks.push(pack.risks.flagged.length ? { kind: 'list', items: pack.risks.flagged.map(flaggedText) } : { kind: 'paragraph', text: 'None.' });
  risks.push({ kind: 'subheading', text: 'Milestones overdue' });
  risks.push(pack.risks.overdue.length ? { kind: 'table', caption: 'Milestones overdue on the day', columns: OVERDUE_COLUMNS, rows: pack.risks.overdue.map(overdueRow) } : { kind: 'paragraph', text: 'None.' });

  const changes: DocumentBlock[] = [{ kind: 'paragraph', text: changesSince(pack) }];
  changes.push(pack.changes.length ? { kind: 'table', caption: 'Changes to the plan', columns: CHANGE_COLUMNS, rows: pack.changes.map(changeRow) } : { kind: 'paragraph', text: 'No change.' });

  const measures: DocumentBlock[] = pack.measures.length
    ? pack.measures.flatMap((entry): DocumentBlock[] => {
        const bound = entry.measure;
        const points = bound.months.map((month) => ({ label: monthName(month.month as Month), value: month.value }));
        return [
          { kind: 'subheading', text: bound.title },
          { kind: 'facts', items: measureFacts(entry) },
          ...(points.length
            ? ([
                { kind: 'chart', description: `Line chart of ${bound.title}, month by month, from ${points[0]!.label} to ${points.at(-1)!.label}, with the target of ${value(bound, bound.targetValue)} dashed. The figures are in the table that follows.`, unit: bound.unit, points, target: bound.targetValue },
                { kind: 'table', caption: `${bound.title}, month by month`, columns: monthColumns(bound), rows: bound.months.map((month) => monthRow(bound, month)) },
              ] satisfies DocumentBlock[])
            : []),
        ];
      })
    : [{ kind: 'paragraph', text: 'No measure was bound to the plan on the day.' }];

  const plan: DocumentBlock[] = pack.plan.areas.length
    ? pack.plan.areas.flatMap((area): DocumentBlock[] => [
        { kind: 'subheading', text: `${area.position}. ${area.title}` },
        { kind: 'paragraph', text: area.finding },
        area.actions.length ? { kind: 'table', caption: `Actions: ${area.title}`, columns: ACTION_COLUMNS, rows: area.actions.map(actionRow) } : { kind: 'paragraph', text: 'No actions on the day.' },
      ])
    : [{ kind: 'paragraph', text: 'The plan had no areas on the day.' }];

  const sections: DocumentSection[] = [
    ...(pack.notRecorded.length ? [{ id: 'not-recorded', heading: NOT_RECORDED_HEADING, blocks: [{ kind: 'list', items: pack.notRecorded } satisfies DocumentBlock] }] : []),
    { id: 'risks', heading: 'Risks and exceptions', blocks: risks },
    { id: 'changes', heading: 'What changed since the last meeting', blocks: changes },
    { id: 'measures', heading: 'Measures', blocks: measures },
    { id: 'plan', heading: 'The plan', blocks: plan },
  ];
  return { title: PACK_TITLE, language: 'en-GB', status: packStatus(pack), facts: packFacts(pack), sections };
}

/** The PDF's file name. */
export const packFileName = (pack: BoardPack) => `Improvement board pack ${pack.asAt}.pdf`;

/** The pack's address as at a day (its page, its PDF, a measure's counts). */
export const packQuery = (asAt: string) => `?asAt=${encodeURIComponent(asAt)}`;
export const packLinks = (pack: BoardPack) => ({
  pdf: `${paths.boardPackPdf}${packQuery(pack.asAt)}`,
  drill: (bindingId: string) => `${paths.boardPackMeasure(bindingId)}${packQuery(pack.asAt)}`,
});
