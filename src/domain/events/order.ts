// The order of the statutory process: what must have happened before each step, what must not
// have happened already, and the family's windows a step must wait for. Declared beside each
// event in the catalogue (`needs`); applied here, to a new step and to a whole history replayed
// (a correction must leave a history every step of which still stands).
import { addDays, type IsoDate } from '../calendar/dates.ts';
import type { CaseStage } from '../children/stages.ts';
import { CASE_DEADLINES, CASE_EVENT_TYPES, caseEvent, eventTitle, type CaseEventType, type StepNeed } from './catalogue.ts';

export interface HistoryEvent {
  readonly type: string;
  readonly occurredOn: IsoDate;
  /** Set when a correction has withdrawn this event: it no longer counts. */
  readonly corrected?: boolean;
}

export interface StepRefusal {
  readonly field: 'type' | 'occurredOn';
  readonly message: string;
}

const PROCESS_ORDER = new Map<string, number>(CASE_EVENT_TYPES.map((type, index) => [type, index]));
const processOrder = (type: string) => PROCESS_ORDER.get(type) ?? CASE_EVENT_TYPES.length;

/** Date order; events of one day in the order of the process (a request comes before its decision). */
export function compareInProcess(a: HistoryEvent, b: HistoryEvent): number {
  return a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : processOrder(a.type) - processOrder(b.type);
}

/** The events that count, in the order of the statutory steps. */
export function standingEvents<T extends HistoryEvent>(events: readonly T[]): T[] {
  return events.filter((event) => !event.corrected).sort(compareInProcess);
}

/** The last event of one of these types in the history before the step, if any. */
function lastOf(before: readonly HistoryEvent[], types: readonly string[]): HistoryEvent | undefined {
  for (let index = before.length - 1; index >= 0; index--) if (types.includes(before[index]!.type)) return before[index];
  return undefined;
}

function refusalOfNeed(need: StepNeed, before: readonly HistoryEvent[], later: readonly HistoryEvent[], occurredOn: IsoDate): StepRefusal | undefined {
  const since = need.since ? lastOf(before, need.since) : undefined;
  const window = since ? before.slice(before.indexOf(since) + 1) : before;
  switch (need.kind) {
    case 'after': {
      if (lastOf(window, need.events)) return undefined;
      // Recorded, but on a later day: the step's date is what is wrong.
      const dated = later.find((event) => need.events.includes(event.type));
      if (dated) return { field: 'occurredOn', message: `The date must be on or after ${dated.occurredOn}, the date of “${eventTitle(dated.type)}”` };
      return { field: 'type', message: need.message };
    }
    case 'once':
      return lastOf(window, need.events) ? { field: 'type', message: need.message } : undefined;
    case 'after-window': {
      const opened = lastOf(window, need.events);
      if (!opened) return undefined;
      const closes = CASE_DEADLINES[need.deadline].compute(opened.occurredOn).due;
      return occurredOn > closes ? undefined : { field: 'occurredOn', message: need.message.replace('{closes}', closes).replace('{from}', addDays(closes, 1)) };
    }
  }
}

/**
 * Why a step cannot be recorded on a case with this history, or undefined when it can. The
 * history's corrected events do not count; a step dated before events already recorded is judged
 * on the events up to its own day.
 */
export function refusalOfStep(history: readonly HistoryEvent[], step: { type: CaseEventType; occurredOn: IsoDate }): StepRefusal | undefined {
  const declaration = caseEvent(step.type)!;
  const standing = standingEvents(history);
  const before = standing.filter((event) => compareInProcess(event, step) <= 0);
  const later = standing.filter((event) => compareInProcess(event, step) > 0);
  for (const need of declaration.needs ?? []) {
    const refusal = refusalOfNeed(need, before, later, step.occurredOn);
    if (refusal) return refusal;
  }
  return undefined;
}

/**
 * The first event of a history that could not have been recorded after the ones before it, with
 * why; undefined when every step stands. A correction is refused when it would leave one.
 */
export function firstOutOfOrder<T extends HistoryEvent>(history: readonly T[]): { event: T; refusal: StepRefusal } | undefined {
  const standing = standingEvents(history);
  for (let index = 0; index < standing.length; index++) {
    const event = standing[index]!;
    if (!caseEvent(event.type)) continue;
    const refusal = refusalOfStep(standing.slice(0, index), { type: event.type as CaseEventType, occurredOn: event.occurredOn });
    if (refusal) return { event, refusal };
  }
  return undefined;
}

/** The stage a history leaves a case in, and the day it closed if it did: its last standing event that moves a case. */
export function stageOfHistory(history: readonly HistoryEvent[]): { stage: CaseStage; closedOn: IsoDate | null } {
  let stage: CaseStage = 'request';
  let closedOn: IsoDate | null = null;
  for (const event of standingEvents(history)) {
    const moves = caseEvent(event.type)?.stage;
    if (!moves) continue;
    stage = moves;
    closedOn = moves === 'closed' ? event.occurredOn : null;
  }
  return { stage, closedOn };
}
