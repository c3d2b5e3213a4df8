import { describe, expect, it } from 'vitest';
import { CHANGE_WHAT, loggedBaseline, loggedTarget, planAsAt, readLoggedFigure, type LoggedChange } from './plan-as-at.ts';

const moment = new Date('2026-10-20T23:00:00Z');
const before = new Date('2026-10-01T10:00:00Z');
const later = (minutes: number) => new Date(moment.getTime() + minutes * 60_000);
let sequence = 0;
const entry = (entityType: string, entityId: string, what: string, was: string | null, at: Date): LoggedChange => ({ entityType, entityId, what, before: was, at, id: `0000${(sequence += 1).toString().padStart(4, '0')}` });

const area = (id: string, position: number, title = `Area ${id}`, updatedAt = before) => ({ id, title, finding: `Finding ${id}`, position, updatedAt });
const action = { id: 'c1', ownerId: 'owner-now', ownerName: 'Priya Now', updatedAt: later(5) };
const measure = { id: 'm1', baselineValue: 12, baselineOn: '2026-09-01', targetValue: 4, targetOn: '2027-09-01', updatedAt: later(5), measureId: 'open-cases' };

describe('the words the change log keeps for a target and a baseline', () => {
  it('are read back to the figure and the day they were written from, a share or a count', () => {
    expect(readLoggedFigure(loggedTarget('percent', 46.4, '2027-03-31'), 'by')).toEqual({ value: 46.4, on: '2027-03-31' });
    expect(readLoggedFigure(loggedBaseline('count', 120, '2026-06-01'), 'on')).toEqual({ value: 120, on: '2026-06-01' });
    expect(loggedTarget('percent', 80, '2027-03-31')).toBe('80% by 2027-03-31');
  });

  it('are not read when they are not a target’s or a baseline’s words, or are missing', () => {
    expect(readLoggedFigure('about half by spring', 'by')).toBeUndefined();
    expect(readLoggedFigure(loggedTarget('count', 2, '2027-06-01'), 'on')).toBeUndefined();
    expect(readLoggedFigure(null, 'by')).toBeUndefined();
  });
});

describe('the plan as it stood at a moment, from the plan now and the change log after it', () => {
  it('gives back a title, a finding, an owner, a target and a baseline as they were, undoing the edits after the moment the latest first', () => {
    const log = [
      entry('area', 'a1', CHANGE_WHAT.areaTitle, 'First title', later(5)),
      entry('area', 'a1', CHANGE_WHAT.areaTitle, 'Second title', later(30)),
      entry('area', 'a1', CHANGE_WHAT.areaFinding, 'Found first', later(5)),
      entry('action', 'c1', CHANGE_WHAT.actionOwner, 'Sam Then', later(10)),
      entry('measure', 'm1', CHANGE_WHAT.measureTarget, loggedTarget('count', 2, '2027-06-01'), later(10)),
      entry('measure', 'm1', CHANGE_WHAT.measureBaseline, loggedBaseline('count', 10, '2026-06-01'), later(10)),
    ];
    const now = { areas: [area('a1', 1, 'Third title', later(30))], actions: [action], measures: [measure] };
    const then = planAsAt(now, log, moment);
    expect(then.areas[0]).toMatchObject({ title: 'First title', finding: 'Found first', position: 1 });
    expect(then.actions[0]).toMatchObject({ ownerName: 'Sam Then', ownerId: '' });
    expect(then.measures[0]).toEqual({ ...measure, baselineValue: 10, baselineOn: '2026-06-01', targetValue: 2, targetOn: '2027-06-01' });
    expect(then.notRecorded).toEqual([]);
    // The rows given are left as they are.
    expect(now.areas[0]!.title).toBe('Third title');
  });

  it('leaves a field as it is now when the entry was logged before the moment (an edit on the day itself is kept)', () => {
    const log = [entry('area', 'a1', CHANGE_WHAT.areaTitle, 'Old title', new Date(moment.getTime() - 1))];
    expect(planAsAt({ areas: [area('a1', 1, 'New title')], actions: [], measures: [] }, log, moment).areas[0]!.title).toBe('New title');
  });

  it('numbers the areas as they were: an area added after the moment is taken out, and one moved is put back', () => {
    // At the moment: A 1, B 2. After it B is moved to 1 (B, A), then C is added at 1 (C, B, A).
    const now = { areas: [area('a', 3), area('b', 2), area('c', 1)], actions: [], measures: [] };
    const log = [entry('area', 'b', CHANGE_WHAT.areaPlace, '2', later(1)), entry('area', 'c', CHANGE_WHAT.areaAdded, null, later(2))];
    const then = planAsAt(now, log, moment);
    expect(then.areas.filter((row) => row.id !== 'c').map((row) => [row.id, row.position])).toEqual([['a', 1], ['b', 2]]);
    // With no addition or move after the moment, the places are the rows' own.
    expect(planAsAt(now, [], moment).areas.map((row) => row.position)).toEqual([3, 2, 1]);
  });

  it('says a field is shown as now when its entry has no "from" or words it does not read', () => {
    const log = [
      entry('area', 'a1', CHANGE_WHAT.areaTitle, null, later(5)),
      entry('action', 'c1', CHANGE_WHAT.actionOwner, null, later(5)),
      entry('measure', 'm1', CHANGE_WHAT.measureTarget, 'two, next June', later(5)),
    ];
    const then = planAsAt({ areas: [area('a1', 1, 'Title now', later(5))], actions: [action], measures: [measure] }, log, moment);
    expect(then.areas[0]!.title).toBe('Title now');
    expect(then.actions[0]!.ownerName).toBe('Priya Now');
    expect(then.measures[0]!.targetValue).toBe(4);
    expect(then.notRecorded).toEqual([
      { entityType: 'area', entityId: 'a1', field: 'title' },
      { entityType: 'action', entityId: 'c1', field: 'owner' },
      { entityType: 'measure', entityId: 'm1', field: 'target' },
    ]);
  });

  it('says a row is shown as now when it was changed after the moment and after its last entry in the log', () => {
    const then = planAsAt({ areas: [area('a1', 1, 'Edited without a log entry', later(90))], actions: [action], measures: [] }, [], moment);
    expect(then.notRecorded).toEqual([
      { entityType: 'area', entityId: 'a1', field: 'details' },
      { entityType: 'action', entityId: 'c1', field: 'details' },
    ]);
    // Logged at or after its change: nothing to say; changed again later without an entry: said.
    const logged = [entry('area', 'a1', CHANGE_WHAT.areaTitle, 'Old title', later(90)), entry('action', 'c1', CHANGE_WHAT.actionOwner, 'Sam Then', later(30))];
    expect(planAsAt({ areas: [area('a1', 1, 'New title', later(90))], actions: [{ ...action, updatedAt: later(60) }], measures: [] }, logged, moment).notRecorded).toEqual([{ entityType: 'action', entityId: 'c1', field: 'details' }]);
  });
});
