// A case's statutory deadlines, derived from its dated events by the catalogue's declarations: the
// same events always give the same deadlines, so the deadline table can be rebuilt at any time
// (after a bank-holiday import, say) and never needs editing by hand.
import { isIsoDate, type IsoDate } from '../calendar/dates.ts';
import type { Deadline } from '../clocks/deadline.ts';
import { CASE_DEADLINES, CASE_EVENT_TYPES, caseEvent } from './catalogue.ts';

export interface DatedEvent {
  type: string;
  occurredOn: IsoDate;
  /** Set when a later event corrects this one; corrected events are ignored. */
  corrected?: boolean;
  /** What the event carries: a 'carried' deadline is read from `deadlines[id]` (due and basis). */
  payload?: Readonly<Record<string, unknown>>;
}

/** A deadline an event carries in its payload, worked out when it was recorded. */
function carried(event: DatedEvent, id: string): { due: IsoDate; basis: string } | undefined {
  const deadlines = event.payload?.['deadlines'];
  if (typeof deadlines !== 'object' || deadlines === null) return undefined;
  const entry = (deadlines as Record<string, unknown>)[id];
  if (typeof entry !== 'object' || entry === null) return undefined;
  const { due, basis } = entry as { due?: unknown; basis?: unknown };
  return isIsoDate(due) && typeof basis === 'string' ? { due, basis } : undefined;
}

export interface CaseDeadline extends Deadline {
  /** The date the step was done, if it has been. */
  met?: IsoDate;
  /**
   * Whose time limit it is. The authority's are its duties (on the worklist, overdue when missed);
   * a family's is a window the authority must leave open (the draft plan's 15 days to comment).
   */
  duty: 'authority' | 'family';
}

function runsOnClosedCase(id: string): boolean {
  const rule = (CASE_DEADLINES as Record<string, { runsOnClosedCase?: boolean }>)[id];
  return rule?.runsOnClosedCase === true;
}

const PROCESS_ORDER = new Map<string, number>(CASE_EVENT_TYPES.map((type, index) => [type, index]));
const processOrder = (type: string) => PROCESS_ORDER.get(type) ?? CASE_EVENT_TYPES.length;

/** Every deadline the events have started, each marked met by the event that fulfils it. */
export function caseDeadlines(events: readonly DatedEvent[]): CaseDeadline[] {
  // Same-day events are taken in the order of the process, whatever order they were recorded or listed in.
  const ordered = events
    .filter((event) => !event.corrected)
    .sort((a, b) => (a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : processOrder(a.type) - processOrder(b.type)));
  const deadlines = new Map<string, CaseDeadline>();
  let requestReceived: IsoDate | undefined;
  for (const event of ordered) {
    const declaration = caseEvent(event.type);
    if (!declaration) continue;
    if (event.type === 'request.received') requestReceived = event.occurredOn;
    for (const id of declaration.meets) {
      const deadline = deadlines.get(id);
      if (deadline && !deadline.met) deadlines.set(id, { ...deadline, met: event.occurredOn });
    }
    for (const start of declaration.starts) {
      const from = start.from === 'request' ? requestReceived : event.occurredOn;
      // A deadline counted from the request cannot start on a case whose request is not recorded.
      if (!from) continue;
      const rule = CASE_DEADLINES[start.deadline];
      const computed = rule.compute(from);
      const kept = start.from === 'carried' ? carried(event, start.deadline) : undefined;
      deadlines.set(start.deadline, { ...computed, ...(kept ? { due: kept.due, basis: kept.basis } : {}), duty: rule.duty });
    }
    for (const id of declaration.ends) deadlines.delete(id);
  }
  return [...deadlines.values()];
}

/**
 * The deadlines a case keeps once it is closed (no assessment, or the plan ceased): no duty of the
 * authority's runs on a closed case, so its unmet duties end with it. Met ones stay for the record;
 * the family's windows (to appeal a refusal or a cessation) stay open, and so do the duties a
 * dispute brings (mediation, an appeal and its order), which most often follow a refusal that
 * closed the case.
 */
export function deadlinesOfClosedCase<T extends Pick<CaseDeadline, 'id' | 'met' | 'duty'>>(deadlines: readonly T[]): T[] {
  return deadlines.filter((deadline) => deadline.met !== undefined || deadline.duty === 'family' || runsOnClosedCase(deadline.id));
}
