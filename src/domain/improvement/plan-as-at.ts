// The plan as it stood at a past moment, rebuilt from the plan as it stands now and its change log
// after that moment: each edit logs what a field was before it and after it, so undoing the edits
// after the moment, the latest first, leaves each field as it was. The same module writes the
// log's words for an edit and reads them back, so the two cannot drift apart.
//
// What the log says of a field it cannot be read back from (an entry with no "from", or words of a
// target this module does not read) leaves the field as it is now, and says so; so does a row
// changed (its `updatedAt`) after the moment and after its last entry in the log (an edit logs its
// entry after it changes the row): an edit not logged.

/** What an entry of the change log records, by kind of thing and field. */
export const CHANGE_WHAT = {
  areaAdded: 'Area added',
  areaTitle: 'Title',
  areaFinding: 'Finding',
  areaPlace: 'Place in the plan',
  actionAdded: 'Action added',
  actionOwner: 'Owner',
  measureTarget: 'Target',
  measureBaseline: 'Baseline',
} as const;

/** A figure as the change log says it: "46.4%" or "120". */
export function loggedFigure(unit: 'percent' | 'count', value: number): string {
  return unit === 'percent' ? `${value}%` : String(value);
}

/** A target as the change log says it: "46.4% by 2027-03-31". */
export const loggedTarget = (unit: 'percent' | 'count', value: number, on: string) => `${loggedFigure(unit, value)} by ${on}`;

/** A baseline as the change log says it: "40% on 2026-06-01". */
export const loggedBaseline = (unit: 'percent' | 'count', value: number, on: string) => `${loggedFigure(unit, value)} on ${on}`;

/** A target's or baseline's words read back: its value and day; undefined for words it does not read. */
export function readLoggedFigure(words: string | null, joiner: 'by' | 'on'): { value: number; on: string } | undefined {
  const found = new RegExp(`^(\\d{1,7}(?:\\.\\d)?)%? ${joiner} (\\d{4}-\\d{2}-\\d{2})$`).exec(words ?? '');
  return found ? { value: Number(found[1]), on: found[2]! } : undefined;
}

/** An entry of the change log, as the rebuild reads it. */
export interface LoggedChange {
  entityType: string;
  entityId: string;
  what: string;
  before: string | null;
  /** When, for the order of entries logged together: the log's order is its moment, then its id. */
  at: Date;
  id: string;
}

export interface AreaNow {
  id: string;
  title: string;
  finding: string;
  position: number;
  updatedAt: Date;
}
export interface ActionNow {
  id: string;
  ownerId: string;
  ownerName: string;
  updatedAt: Date;
}
export interface MeasureNow {
  id: string;
  baselineValue: number;
  baselineOn: string;
  targetValue: number;
  targetOn: string;
  updatedAt: Date;
}

/** A field shown as it is now because its history was not recorded. */
export interface NotRecorded {
  entityType: 'area' | 'action' | 'measure';
  entityId: string;
  /** The field, in words: "title", "finding", "owner", "target", "baseline", or "details" for a row changed without a log entry. */
  field: string;
}

const KINDS: readonly NotRecorded['entityType'][] = ['area', 'action', 'measure'];

export interface PlanAsAt<A extends AreaNow, C extends ActionNow, M extends MeasureNow> {
  areas: A[];
  actions: C[];
  measures: M[];
  notRecorded: NotRecorded[];
}

/**
 * The plan's rows as they stood at `moment`, from the rows now and every entry of the change log
 * at or after it (in any order). Rows are given back in the order given, with their fields as they
 * were; an owner given back as it was has its name only (the log names the owner, and `ownerId` is
 * then empty). Areas are numbered as they were when any was added or moved after the moment. Rows
 * that did not exist yet are not taken out here: their creation moments say that.
 */
export function planAsAt<A extends AreaNow, C extends ActionNow, M extends MeasureNow>(now: { areas: readonly A[]; actions: readonly C[]; measures: readonly M[] }, after: readonly LoggedChange[], moment: Date): PlanAsAt<A, C, M> {
  const newestFirst = [...after].filter((entry) => entry.at >= moment).sort((a, b) => b.at.getTime() - a.at.getTime() || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0));
  const areas = new Map(now.areas.map((row) => [row.id, { ...row }]));
  const actions = new Map(now.actions.map((row) => [row.id, { ...row }]));
  const measures = new Map(now.measures.map((row) => [row.id, { ...row }]));
  const notRecorded = new Map<string, NotRecorded>();
  const unknown = (entityType: NotRecorded['entityType'], entityId: string, field: string) => notRecorded.set(`${entityId} ${field}`, { entityType, entityId, field });
  // The latest entry after the moment for each row: an edit logs its entry after it changes the row.
  const lastLogged = new Map<string, Date>();
  // The areas in their order now; undoing an addition or a move changes it.
  let order = [...now.areas].sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((row) => row.id);
  let reordered = false;

  for (const entry of newestFirst) {
    if (!lastLogged.has(entry.entityId)) lastLogged.set(entry.entityId, entry.at);
    if (entry.entityType === 'area') {
      const area = areas.get(entry.entityId);
      if (entry.what === CHANGE_WHAT.areaAdded) {
        order = order.filter((id) => id !== entry.entityId);
        reordered = true;
      } else if (entry.what === CHANGE_WHAT.areaPlace) {
        const place = Number(entry.before);
        if (Number.isInteger(place) && place >= 1) {
          order = order.filter((id) => id !== entry.entityId);
          order.splice(Math.min(place - 1, order.length), 0, entry.entityId);
          reordered = true;
        } else unknown('area', entry.entityId, 'place in the plan');
      } else if (area && entry.what === CHANGE_WHAT.areaTitle) {
        if (entry.before !== null) area.title = entry.before;
        else unknown('area', entry.entityId, 'title');
      } else if (area && entry.what === CHANGE_WHAT.areaFinding) {
        if (entry.before !== null) area.finding = entry.before;
        else unknown('area', entry.entityId, 'finding');
      }
    } else if (entry.entityType === 'action') {
      const action = actions.get(entry.entityId);
      if (action && entry.what === CHANGE_WHAT.actionOwner) {
        if (entry.before !== null) {
          action.ownerName = entry.before;
          action.ownerId = '';
        } else unknown('action', entry.entityId, 'owner');
      }
    } else if (entry.entityType === 'measure') {
      const bound = measures.get(entry.entityId);
      if (bound && entry.what === CHANGE_WHAT.measureTarget) {
        const was = readLoggedFigure(entry.before, 'by');
        if (was) Object.assign(bound, { targetValue: was.value, targetOn: was.on });
        else unknown('measure', entry.entityId, 'target');
      } else if (bound && entry.what === CHANGE_WHAT.measureBaseline) {
        const was = readLoggedFigure(entry.before, 'on');
        if (was) Object.assign(bound, { baselineValue: was.value, baselineOn: was.on });
        else unknown('measure', entry.entityId, 'baseline');
      }
    }
  }

  // A row changed after the moment and after its last entry in the log: an edit the log does not hold.
  const unlogged = (row: { id: string; updatedAt: Date }) => row.updatedAt >= moment && row.updatedAt > (lastLogged.get(row.id) ?? moment);
  for (const row of now.areas) if (unlogged(row)) unknown('area', row.id, 'details');
  for (const row of now.actions) if (unlogged(row)) unknown('action', row.id, 'details');
  for (const row of now.measures) if (unlogged(row)) unknown('measure', row.id, 'details');

  if (reordered) {
    const places = new Map(order.map((id, index) => [id, index + 1]));
    for (const area of areas.values()) area.position = places.get(area.id) ?? area.position;
  }
  return {
    areas: now.areas.map((row) => areas.get(row.id)!),
    actions: now.actions.map((row) => actions.get(row.id)!),
    measures: now.measures.map((row) => measures.get(row.id)!),
    // Areas first, then actions, then measures: the order of the plan.
    notRecorded: [...notRecorded.values()].sort((a, b) => KINDS.indexOf(a.entityType) - KINDS.indexOf(b.entityType)),
  };
}
