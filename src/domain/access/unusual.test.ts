import { describe, expect, it } from 'vitest';
import { checkBurstThreshold, DEFAULT_BURST, findBursts, isOutsideCaseload, isRestrictedView, unusualViews, type ViewFact } from './unusual.ts';

const MINUTE = 60_000;
let next = 0;
function aView(overrides: Partial<ViewFact> = {}): ViewFact {
  next += 1;
  return {
    id: `v${String(next).padStart(4, '0')}`,
    at: 0,
    viewerId: 'officer',
    viewerRole: 'case_officer',
    childId: `child-${next}`,
    view: 'record',
    restricted: false,
    caseHeld: true,
    viewerHoldsCase: true,
    viewerInHoldersTeam: false,
    ...overrides,
  };
}

describe('a child outside the viewer’s caseload and team', () => {
  it('is a case officer’s view of a case another officer, outside their team, holds', () => {
    expect(isOutsideCaseload(aView({ viewerHoldsCase: false }))).toBe(true);
    expect(isOutsideCaseload(aView({ viewerRole: 'team_manager', viewerHoldsCase: false }))).toBe(true);
  });

  it('is not their own case, nor a case held in their team or the team they manage', () => {
    expect(isOutsideCaseload(aView())).toBe(false);
    expect(isOutsideCaseload(aView({ viewerHoldsCase: false, viewerInHoldersTeam: true }))).toBe(false);
  });

  it('is never a service lead’s or administrator’s view: they work across the whole service', () => {
    expect(isOutsideCaseload(aView({ viewerRole: 'service_lead', viewerHoldsCase: false }))).toBe(false);
    expect(isOutsideCaseload(aView({ viewerRole: 'admin', viewerHoldsCase: false }))).toBe(false);
  });

  it('is not a child whose case nobody held at the time (unallocated, or no case)', () => {
    expect(isOutsideCaseload(aView({ caseHeld: false, viewerHoldsCase: false }))).toBe(false);
  });
});

describe('a restricted record viewed', () => {
  it('is every view of a restricted record, refusals included, whoever looked', () => {
    expect(isRestrictedView(aView({ restricted: true }))).toBe(true);
    expect(isRestrictedView(aView({ restricted: true, viewerRole: 'admin', view: 'refused:record' }))).toBe(true);
    expect(isRestrictedView(aView())).toBe(false);
  });
});

describe('many records in a short time', () => {
  it('finds more than N distinct children within M minutes, and not N exactly', () => {
    const threshold = { children: 3, minutes: 10 };
    const four = [0, 1, 2, 3].map((i) => aView({ at: i * MINUTE }));
    expect(findBursts(four.slice(0, 3), threshold)).toEqual([]);
    const bursts = findBursts(four, threshold);
    expect(bursts).toHaveLength(1);
    expect(bursts[0]).toMatchObject({ viewerId: 'officer', from: 0, to: 3 * MINUTE, children: 4 });
  });

  it('counts a child viewed again once', () => {
    const same = [0, 1, 2, 3, 4].map((i) => aView({ at: i * MINUTE, childId: i % 2 === 0 ? 'a' : 'b' }));
    expect(findBursts(same, { children: 1, minutes: 10 })).toMatchObject([{ children: 2 }]);
    expect(findBursts(same, { children: 2, minutes: 10 })).toEqual([]);
  });

  it('does not count views further apart than the window', () => {
    const spread = [0, 11, 22, 33].map((i) => aView({ at: i * MINUTE }));
    expect(findBursts(spread, { children: 1, minutes: 10 })).toEqual([]);
    expect(findBursts(spread, { children: 1, minutes: 11 })).toHaveLength(1);
  });

  it('reports one stretch per run of overlapping windows, and each viewer apart', () => {
    const run = [0, 1, 2, 3, 4, 5, 6].map((i) => aView({ at: i * MINUTE }));
    const later = [100, 101, 102].map((i) => aView({ at: i * MINUTE }));
    const other = [0, 1].map((i) => aView({ at: i * MINUTE, viewerId: 'colleague' }));
    const bursts = findBursts([...later, ...run, ...other], { children: 2, minutes: 5 });
    expect(bursts.map((burst) => [burst.viewerId, burst.from / MINUTE, burst.to / MINUTE, burst.children])).toEqual([
      ['officer', 0, 6, 7],
      ['officer', 100, 102, 3],
    ]);
  });

  it('has sensible defaults: more than 20 children in 10 minutes', () => {
    expect(DEFAULT_BURST).toEqual({ children: 20, minutes: 10 });
  });
});

describe('the unusual views', () => {
  it('names each view’s reasons, newest first, and leaves ordinary views out', () => {
    const ordinary = aView({ at: 3 });
    const outside = aView({ at: 1, viewerHoldsCase: false });
    const both = aView({ at: 2, viewerHoldsCase: false, restricted: true });
    expect(unusualViews([ordinary, outside, both]).map((found) => [found.view.id, found.reasons])).toEqual([
      [both.id, ['outside-caseload', 'restricted']],
      [outside.id, ['outside-caseload']],
    ]);
  });
});

describe('a threshold as typed', () => {
  it('takes the defaults for empty boxes and whole numbers within the limits', () => {
    expect(checkBurstThreshold({})).toEqual({ ok: true, threshold: DEFAULT_BURST });
    expect(checkBurstThreshold({ children: ' 5 ', minutes: '60' })).toEqual({ ok: true, threshold: { children: 5, minutes: 60 } });
  });

  it('refuses what is not a whole number or is out of range, naming the box', () => {
    const checked = checkBurstThreshold({ children: '1', minutes: 'ten' });
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.problems.map((problem) => problem.field)).toEqual(['children', 'minutes']);
    expect(checkBurstThreshold({ minutes: '1441' }).ok).toBe(false);
  });
});
