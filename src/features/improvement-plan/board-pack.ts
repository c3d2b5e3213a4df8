// The improvement board's pack, as at a day: the plan as it stood then (its areas, actions,
// owners, statuses and milestones), each bound measure's figure on the day against its baseline,
// target and trajectory, with its months; what changed since the board's last meeting before the
// day; and the risks and exceptions (actions at risk or off track, actions flagged to the board,
// milestones overdue on the day). Managers and the board read it, and drill from a measure to the
// counts behind its figure (numbers only, never a child). Nothing is saved: each view is logged.
// The titles, findings, places, owners, baselines and targets are those at the end of the day:
// the plan now with the change log's edits after the day undone (src/domain/improvement's
// planAsAt); what the log cannot undo is shown as now, and the pack says so.
import type { Database } from '../../db/database.ts';
import { addDays, checkIsoDate, type IsoDate } from '../../domain/calendar/index.ts';
import { ACTION_STATUS_NAMES, flaggedToBoard, planAsAt, type ActionStatus, type NotRecorded } from '../../domain/improvement/index.ts';
import { monthOf } from '../../domain/reporting/index.ts';
import { londonDateOf, londonMidnight, type Clock } from '../../lib/clock.ts';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import { recordListAccess } from '../audit/index.ts';
import { MANAGER_ROLES, requireRole, type Actor } from '../auth/index.ts';
import { measure, type MeasureAt, type MeasureBreakdown } from '../reporting/index.ts';
import * as repository from './repository.ts';
import { boundMeasureView, type ActionView, type AreaView, type BoundMeasureView, type ChangeView, type MeasureFigures, type MeasureSource, type MilestoneView, type PlanView } from './service.ts';

/** Who reads the pack: managers and the improvement board. */
const PACK_ROLES = [...MANAGER_ROLES, 'board_member'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the pack reads of the reporting feature: a measure as it stood on a day, and the counts behind it. */
export interface PackMeasureSource extends MeasureSource {
  measureAt(actor: Actor, measureId: string, on: IsoDate): Promise<MeasureAt>;
  measureBreakdown(actor: Actor, measureId: string, on: IsoDate): Promise<MeasureBreakdown>;
}

/** A bound measure in the pack, with what it is bound to. */
export interface PackMeasure {
  boundTo: string;
  measure: BoundMeasureView;
}

export interface OverdueMilestone {
  areaTitle: string;
  actionTitle: string;
  ownerName: string;
  milestone: MilestoneView;
}

export interface BoardPack {
  asAt: IsoDate;
  /** When the pack was made. */
  producedAt: string;
  planBegan: IsoDate;
  lastMeeting: { id: string; heldOn: string; snapshotTakenAt: string } | undefined;
  plan: PlanView;
  measures: PackMeasure[];
  /** The change log from the last meeting's record (or the plan's beginning) to the end of the day. */
  changes: ChangeView[];
  /**
   * What the pack shows as it is now, not as it stood on the day, because its history was not
   * recorded (a change after the day the change log cannot undo), in words; empty as a rule.
   */
  notRecorded: string[];
  risks: {
    atRisk: { areaTitle: string; action: ActionView }[];
    flagged: { areaTitle: string; action: ActionView }[];
    overdue: OverdueMilestone[];
  };
}

export class BoardPackService {
  private readonly db: Database;
  private readonly clock: Clock;
  private readonly measures: PackMeasureSource;

  constructor(db: Database, clock: Clock, sources: { measures: PackMeasureSource }) {
    this.db = db;
    this.clock = clock;
    this.measures = sources.measures;
  }

  today(): IsoDate {
    return this.clock.today() as IsoDate;
  }

  /** Refuses anyone but a manager or a board member. */
  requireReader(actor: Actor): void {
    requireRole(actor, ...PACK_ROLES);
  }

  /**
   * The day a pack is asked for, checked: a real day, not in the future and not before the plan
   * began. A ValidationError (field `asAt`) says what is wrong.
   */
  async checkDay(actor: Actor, value: string | undefined): Promise<{ asAt: IsoDate; planBegan: IsoDate }> {
    this.requireReader(actor);
    const raw = (value ?? '').trim();
    if (!raw) throw new ValidationError([{ field: 'asAt', message: 'Enter the day the pack is to be as at' }]);
    const checked = checkIsoDate(raw);
    if (!checked.ok || raw < '2000-01-01') throw new ValidationError([{ field: 'asAt', message: 'Enter the day the pack is to be as at as a real date, like 1 12 2026' }]);
    const began = await repository.planBeganAt(this.db, actor.authorityId);
    if (!began) throw new ValidationError([{ field: 'asAt', message: 'The plan has nothing in it yet: add an area before making a pack' }]);
    const planBegan = londonDateOf(began) as IsoDate;
    if (checked.date > this.today()) throw new ValidationError([{ field: 'asAt', message: 'The day the pack is as at cannot be in the future' }]);
    if (checked.date < planBegan) throw new ValidationError([{ field: 'asAt', message: `The day the pack is as at cannot be before the plan began, on ${planBegan}` }]);
    return { asAt: checked.date, planBegan };
  }

  /** The pack as at the day, logged as viewed. */
  async pack(actor: Actor, asAtText: string | undefined, view = 'board-pack'): Promise<BoardPack> {
    const { asAt, planBegan } = await this.checkDay(actor, asAtText);
    const pack = await this.build(actor, asAt, planBegan);
    await recordListAccess(this.db, this.clock, actor, view, [], `the board pack as at ${asAt}`);
    return pack;
  }

  /**
   * The counts behind one bound measure's figure on the day, by team, primary need, age band and
   * month: no child, case or name, ever. Logged as viewed.
   */
  async drill(actor: Actor, bindingId: string, asAtText: string | undefined): Promise<{ asAt: IsoDate; boundTo: string; binding: repository.MeasureRow; breakdown: MeasureBreakdown }> {
    const { asAt } = await this.checkDay(actor, asAtText);
    if (!UUID.test(bindingId)) throw new NotFoundError('No such measure of the plan');
    const binding = await repository.findMeasure(this.db, actor.authorityId, bindingId);
    if (!binding || binding.createdAt >= endOf(asAt)) throw new NotFoundError('No such measure of the plan on that day');
    // What it is bound to, by its title on the day: an area's title as it stood then (an action's does not change).
    let boundTo = '';
    if (binding.areaId) {
      const [area, after] = await Promise.all([repository.findArea(this.db, actor.authorityId, binding.areaId), repository.listChangesFrom(this.db, actor.authorityId, endOf(asAt), [binding.areaId])]);
      if (area) boundTo = planAsAt({ areas: [area], actions: [], measures: [] }, after, endOf(asAt)).areas[0]!.title;
    } else boundTo = (await repository.findAction(this.db, actor.authorityId, binding.actionId!))?.title ?? '';
    const breakdown = await this.measures.measureBreakdown(actor, binding.measureId, asAt);
    await recordListAccess(this.db, this.clock, actor, 'board-pack-drill', [], `the counts behind ${binding.measureId} as at ${asAt}`);
    return { asAt, boundTo, binding, breakdown };
  }

  private async build(actor: Actor, asAt: IsoDate, planBegan: IsoDate): Promise<BoardPack> {
    const end = endOf(asAt);
    const [areaRows, actionRows, measureRows, updates, meeting, after] = await Promise.all([
      repository.listAreas(this.db, actor.authorityId),
      repository.listActions(this.db, actor.authorityId),
      repository.listMeasures(this.db, actor.authorityId),
      repository.listStatusUpdatesBefore(this.db, actor.authorityId, end),
      repository.lastMeetingBy(this.db, actor.authorityId, asAt, end),
      repository.listChangesFrom(this.db, actor.authorityId, end),
    ]);
    // The titles, findings, places, owners, baselines and targets as they stood at the end of the
    // day: the plan now with the change log's edits after the day undone.
    const then = planAsAt({ areas: areaRows, actions: actionRows, measures: measureRows }, after, end);
    // What existed by the end of the day, in the plan's order then.
    const areas = then.areas.filter((row) => row.createdAt < end).sort((a, b) => a.position - b.position);
    const actions = then.actions.filter((row) => row.createdAt < end && areas.some((area) => area.id === row.areaId));
    const bound = then.measures.filter((row) => row.createdAt < end);
    // Since the meeting was recorded (the plan kept as it stood): after its entry in the change log.
    const recorded = meeting ? ((await repository.meetingRecordedEntry(this.db, actor.authorityId, meeting.id)) ?? { at: meeting.snapshotTakenAt, id: '' }) : undefined;
    const [milestoneRows, changes] = await Promise.all([
      repository.listMilestones(this.db, actor.authorityId, actions.map((row) => row.id)),
      repository.listChangesBetween(this.db, actor.authorityId, recorded, end),
    ]);
    const latest = new Map<string, repository.StatusUpdateRow>();
    for (const update of updates) latest.set(update.actionId, update);

    const figures = new Map<string, MeasureAt>();
    for (const measureId of new Set(bound.map((row) => row.measureId))) {
      if (measure(measureId)) figures.set(measureId, await this.measures.measureAt(actor, measureId, asAt));
    }
    const measureView = (row: repository.MeasureRow) => boundMeasureView(row, figuresOn(row.measureId, figures.get(row.measureId), asAt), asAt);
    const milestoneView = (row: repository.MilestoneRow): MilestoneView => ({ id: row.id, title: row.title, dueOn: row.dueOn, doneOn: row.doneOn !== null && row.doneOn <= asAt ? row.doneOn : null });

    const areaViews = areas.map((area): AreaView => ({
      id: area.id,
      position: area.position,
      title: area.title,
      finding: area.finding,
      measures: bound.filter((row) => row.areaId === area.id).map(measureView),
      actions: actions
        .filter((row) => row.areaId === area.id)
        .map((row): ActionView => {
          const measures = bound.filter((entry) => entry.actionId === row.id).map(measureView);
          const update = latest.get(row.id);
          const status = (update?.status ?? 'not-started') as ActionStatus;
          return {
            id: row.id,
            areaId: row.areaId,
            title: row.title,
            description: row.description,
            ownerId: row.ownerId,
            ownerName: row.ownerName,
            status,
            statusName: ACTION_STATUS_NAMES[status],
            statusNote: update?.note ?? '',
            statusAt: (update?.at ?? row.createdAt).toISOString(),
            meetingId: row.meetingId,
            measures,
            milestones: milestoneRows.filter((entry) => entry.actionId === row.id && entry.createdAt < end).map(milestoneView),
            flagged: flaggedToBoard(status, measures.filter((entry) => entry.figuresShown).map((entry) => entry.trend)),
          };
        }),
    }));
    const plan: PlanView = {
      asAt,
      areas: areaViews,
      flagged: areaViews.flatMap((area) => area.actions.filter((action) => action.flagged).map((action) => ({ areaTitle: area.title, action }))),
    };
    const withArea = areaViews.flatMap((area) => area.actions.map((action) => ({ areaTitle: area.title, action })));
    return {
      asAt,
      producedAt: this.clock.now().toISOString(),
      planBegan,
      lastMeeting: meeting ? { id: meeting.id, heldOn: meeting.heldOn, snapshotTakenAt: meeting.snapshotTakenAt.toISOString() } : undefined,
      plan,
      measures: areaViews.flatMap((area) => [
        ...area.measures.map((entry) => ({ boundTo: `Area ${area.position}: ${area.title}`, measure: entry })),
        ...area.actions.flatMap((action) => action.measures.map((entry) => ({ boundTo: `Action: ${action.title}`, measure: entry }))),
      ]),
      changes: changes.map((row) => ({ at: row.at.toISOString(), byName: row.byName, subject: row.subject, what: row.what, before: row.before, after: row.after, reason: row.reason })),
      notRecorded: notRecordedText(then.notRecorded, areaViews),
      risks: {
        atRisk: withArea.filter((entry) => entry.action.status === 'at-risk' || entry.action.status === 'off-track'),
        flagged: plan.flagged,
        overdue: withArea.flatMap((entry) =>
          entry.action.milestones.filter((milestone) => milestone.doneOn === null && milestone.dueOn < asAt).map((milestone) => ({ areaTitle: entry.areaTitle, actionTitle: entry.action.title, ownerName: entry.action.ownerName, milestone })),
        ),
      },
    };
  }
}

/**
 * What is shown as now for want of its history, in words, for the things the pack shows on the day
 * (an area, action or measure added after the day is not in it, nor said to be).
 */
function notRecordedText(entries: readonly NotRecorded[], areas: readonly AreaView[]): string[] {
  const names = new Map<string, string>();
  for (const area of areas) {
    names.set(area.id, `area ${area.position}, “${area.title}”`);
    for (const bound of area.measures) names.set(bound.id, `the measure “${bound.title}” of area ${area.position}`);
    for (const action of area.actions) {
      names.set(action.id, `the action “${action.title}”`);
      for (const bound of action.measures) names.set(bound.id, `the measure “${bound.title}” of the action “${action.title}”`);
    }
  }
  return entries.flatMap((entry) => {
    const name = names.get(entry.entityId);
    if (!name) return [];
    return entry.field === 'details'
      ? [`${name.charAt(0).toUpperCase()}${name.slice(1)} is shown as it is now: it was changed after the day, and the change log does not hold that change.`]
      : [`The ${entry.field} of ${name} is shown as it is now: the change log does not hold what it was before the day.`];
  });
}

/** The first moment after the day, in Europe/London. */
const endOf = (day: IsoDate) => londonMidnight(addDays(day, 1));

/**
 * A measure's figures on the day, as a bound measure's view reads them: a monthly measure's month
 * under way on the day is not over, so its trend reads the months before it.
 */
function figuresOn(measureId: string, found: MeasureAt | undefined, asAt: IsoDate): MeasureFigures | undefined {
  const declaration = measure(measureId);
  if (!declaration || !found) return undefined;
  const month = monthOf(asAt);
  return {
    declaration,
    value: found.value,
    over: found.over,
    months: found.series.map((entry) => ({ month: entry.month, value: entry.value, numerator: entry.numerator, denominator: entry.denominator })),
    trendMonths: found.series.filter((entry) => declaration.timing !== 'monthly' || entry.month !== month).map((entry) => entry.value),
  };
}
