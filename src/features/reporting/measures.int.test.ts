// Correct by construction: a council's cases generated from a seeded random stream, each with
// dates the test chooses (a request and its decision, the plan, an exception, an annual review),
// recorded through the services as officers would. The answer for every measure, month and
// filter is then worked out here from those chosen dates alone (not from the database), and each
// figure of the dashboard must equal it; and each figure's list of cases must hold exactly the
// cases the answer names, so the figure and its list cannot disagree.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { addDays, type IsoDate } from '../../domain/calendar/index.ts';
import { fixedClock } from '../../lib/clock.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, anAppealOnRecord, anOfficer, aTeam, type TestOfficer } from '../../test/factories/index.ts';
import type { ReportInput } from './service.ts';

let testApp: TestApp;
const clock = fixedClock('2026-11-23T10:00:00Z');
const TODAY = '2026-11-23';
const PERIOD = { from: '2024-01', to: '2026-11' };

beforeAll(async () => {
  testApp = await createTestApp({ clock });
});
afterAll(async () => {
  await testApp?.close();
});

/** A small seeded generator (mulberry32): the same cases on every run. */
function seeded(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { int: (low: number, high: number) => low + Math.floor(next() * (high - low + 1)), chance: (p: number) => next() < p };
}

/** What the test chose for a case: every date the answers are worked out from. */
interface Chosen {
  caseId: string;
  childId: string;
  holder: 'alpha' | 'beta' | 'queue';
  received: string;
  decision?: { on: string; agreed: boolean };
  planOn?: string;
  exceptionFrom?: string;
  review?: { held: string; decided?: string };
}

const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
const inMonth = (date: string | undefined, month: string) => date !== undefined && date.startsWith(month);
const monthsOfPeriod = () => {
  const months: string[] = [];
  for (let year = 2024, month = 1; `${year}-${String(month).padStart(2, '0')}` <= PERIOD.to; month === 12 ? ((year += 1), (month = 1)) : (month += 1)) {
    months.push(`${year}-${String(month).padStart(2, '0')}`);
  }
  return months;
};

/**
 * Each measure's answer for one month, worked out from the chosen dates: the cases counted on top
 * and all the cases counted, by id.
 */
function answerFor(measureId: string, month: string, cases: readonly Chosen[]): { counted: string[]; all: string[] } {
  const pick = (rows: { id: string; counted: boolean }[]) => ({ counted: rows.filter((row) => row.counted).map((row) => row.id).sort(), all: rows.map((row) => row.id).sort() });
  switch (measureId) {
    case 'requests-decided-in-6-weeks':
      return pick(cases.filter((entry) => inMonth(entry.decision?.on, month)).map((entry) => ({ id: entry.caseId, counted: days(entry.received, entry.decision!.on) <= 42 })));
    case 'requests-agreed':
      return pick(cases.filter((entry) => inMonth(entry.decision?.on, month)).map((entry) => ({ id: entry.caseId, counted: entry.decision!.agreed })));
    case 'plans-in-20-weeks-including-exceptions':
      return pick(cases.filter((entry) => inMonth(entry.planOn, month)).map((entry) => ({ id: entry.caseId, counted: days(entry.received, entry.planOn!) <= 140 })));
    case 'plans-in-20-weeks-excluding-exceptions':
      return pick(cases.filter((entry) => inMonth(entry.planOn, month) && entry.exceptionFrom === undefined).map((entry) => ({ id: entry.caseId, counted: days(entry.received, entry.planOn!) <= 140 })));
    case 'reviews-decided-in-4-weeks':
      return pick(cases.filter((entry) => inMonth(entry.review?.decided, month)).map((entry) => ({ id: entry.caseId, counted: days(entry.review!.held, entry.review!.decided!) <= 28 })));
    default:
      throw new Error(`No answer for ${measureId}`);
  }
}

const MONTHLY_PERCENT = ['requests-decided-in-6-weeks', 'requests-agreed', 'plans-in-20-weeks-including-exceptions', 'plans-in-20-weeks-excluding-exceptions', 'reviews-decided-in-4-weeks'];

interface Council {
  manager: TestOfficer;
  alpha: TestOfficer;
  beta: TestOfficer;
  cases: Chosen[];
}

let council: Council;

/** Twenty cases from the seeded stream, recorded through the services on the days chosen. */
async function aGeneratedCouncil(): Promise<Council> {
  const team = await aTeam(testApp);
  const alpha = team.officer;
  const beta = await anOfficer(testApp, { authorityId: team.council.id });
  const random = seeded(20261123);
  const cases: Chosen[] = [];
  for (let index = 0; index < 20; index += 1) {
    const holder = index % 7 === 6 ? 'queue' : index % 2 === 0 ? 'alpha' : 'beta';
    const actor = holder === 'queue' ? team.manager.actor : holder === 'alpha' ? alpha.actor : beta.actor;
    const received = addDays('2024-01-08' as IsoDate, random.int(0, 640));
    const decidedOn = addDays(received, random.int(20, 60));
    const kind = decidedOn > TODAY ? 'request' : random.chance(0.25) ? 'refused' : 'plan';
    const chosen: Chosen = { caseId: '', childId: '', holder, received };
    if (kind === 'request') {
      const made = await aCase(testApp, actor, { receivedOn: received });
      Object.assign(chosen, made);
    } else if (kind === 'refused') {
      const made = await aCase(testApp, actor, { receivedOn: received, stage: 'closed', stepDates: { 'assessment.refused': decidedOn } });
      Object.assign(chosen, made, { decision: { on: decidedOn, agreed: false } });
    } else {
      const drafted = addDays(decidedOn, random.int(20, 70));
      const planOn = addDays(drafted, random.int(15, 60));
      const heldOn = addDays(planOn, random.int(330, 380));
      const reviewed = heldOn <= addDays(TODAY as IsoDate, -3);
      const stepDates = { 'assessment.agreed': decidedOn, 'draft.issued': drafted, 'plan.issued': planOn, ...(reviewed ? { 'review.scheduled': heldOn, 'review.held': heldOn } : {}) };
      if (planOn > TODAY) {
        const made = await aCase(testApp, actor, { receivedOn: received, stage: 'draft', stepDates: { 'assessment.agreed': decidedOn, 'draft.issued': drafted > TODAY ? TODAY : drafted } });
        Object.assign(chosen, made, { decision: { on: decidedOn, agreed: true } });
      } else {
        const made = await aCase(testApp, actor, { receivedOn: received, stage: reviewed ? 'review' : 'plan', stepDates });
        Object.assign(chosen, made, { decision: { on: decidedOn, agreed: true }, planOn });
        if (reviewed) {
          chosen.review = { held: heldOn };
          const decided = addDays(heldOn, random.int(5, 50));
          if (decided <= TODAY) {
            await testApp.services.caseProgress.recordStep(holder === 'queue' ? alpha.actor : actor, chosen.caseId, 'review.decided', decided);
            chosen.review.decided = decided;
          }
        }
        if (random.chance(0.3)) {
          chosen.exceptionFrom = addDays(received, 10);
          await testApp.services.caseProgress.recordException(holder === 'queue' ? alpha.actor : actor, chosen.caseId, { reason: 'exceptional-personal-circumstances', evidence: 'A letter from the family’s GP.', startsOn: chosen.exceptionFrom });
        }
      }
    }
    cases.push(chosen);
  }
  // A plan recorded on the wrong day and corrected: it counts on its corrected day only.
  const redated = cases.find((entry) => entry.planOn !== undefined && entry.review === undefined)!;
  const [event] = await queryRows<{ id: string }>(testApp.database.db, sql`SELECT id FROM case_event WHERE case_id = ${redated.caseId} AND type = 'plan.issued'`);
  const newDay = addDays(redated.planOn as IsoDate, 1);
  await testApp.services.caseProgress.correctEvent(redated.holder === 'beta' ? beta.actor : alpha.actor, redated.caseId, event!.id, { change: 'redate', occurredOn: newDay, reason: 'Recorded a day early.' });
  redated.planOn = newDay;
  return { manager: team.manager, alpha, beta, cases };
}

describe('each measure equals the answer worked out from the cases’ own dates', () => {
  beforeAll(async () => {
    council = await aGeneratedCouncil();
  }, 120_000);

  it('has cases of every kind to count', () => {
    expect(council.cases.filter((entry) => entry.decision).length).toBeGreaterThan(10);
    expect(council.cases.filter((entry) => entry.planOn).length).toBeGreaterThan(5);
    expect(council.cases.filter((entry) => entry.exceptionFrom).length).toBeGreaterThan(0);
    expect(council.cases.filter((entry) => entry.review?.decided).length).toBeGreaterThan(0);
  });

  for (const measureId of MONTHLY_PERCENT) {
    it(`${measureId}: every month’s numerator and denominator, and the period’s share`, async () => {
      const series = await testApp.services.reporting.measureSeries(council.manager.actor, measureId, PERIOD);
      const months = monthsOfPeriod();
      expect(series.map((entry) => entry.month)).toEqual(months);
      let counted = 0;
      let all = 0;
      for (const entry of series) {
        const answer = answerFor(measureId, entry.month, council.cases);
        expect({ month: entry.month, numerator: entry.numerator, denominator: entry.denominator }).toEqual({ month: entry.month, numerator: answer.counted.length, denominator: answer.all.length });
        counted += answer.counted.length;
        all += answer.all.length;
      }
      const value = await testApp.services.reporting.measureValue(council.manager.actor, measureId, PERIOD);
      expect(value).toEqual({ id: measureId, unit: 'percent', numerator: counted, denominator: all, value: all === 0 ? null : Math.round((counted / all) * 1000) / 10 });
    });

    it(`${measureId}: the cases behind each month’s figures are exactly the cases the answer names`, async () => {
      for (const month of monthsOfPeriod()) {
        const answer = answerFor(measureId, month, council.cases);
        if (answer.all.length === 0) continue;
        for (const [part, expected] of [
          ['all', answer.all],
          ['counted', answer.counted],
          ['not-counted', answer.all.filter((id) => !answer.counted.includes(id))],
        ] as const) {
          const found = await testApp.services.reporting.casesBehind(council.manager.actor, measureId, { from: month, to: month, part });
          expect({ month, part, ids: found.cases.map((entry) => entry.caseId).sort() }).toEqual({ month, part, ids: [...expected].sort() });
          expect(found.total).toBe(expected.length);
        }
      }
    });
  }

  it('the dashboard, which counts the measures that read the same rows in one pass (decisions; plans with and without exceptions), gives each month the answer worked out from the cases', async () => {
    const board = await testApp.services.reporting.dashboard(council.manager.actor, PERIOD);
    for (const measureId of MONTHLY_PERCENT) {
      const figures = board.measures.find((entry) => entry.id === measureId)!;
      expect(figures.series!.map((entry) => ({ month: entry.month, numerator: entry.numerator, denominator: entry.denominator }))).toEqual(
        monthsOfPeriod().map((month) => {
          const answer = answerFor(measureId, month, council.cases);
          return { month, numerator: answer.counted.length, denominator: answer.all.length };
        }),
      );
    }
  });

  it('counts an officer’s cases only under the officer filter, and the queue’s cases under none', async () => {
    for (const holder of ['alpha', 'beta'] as const) {
      const input: ReportInput = { ...PERIOD, officer: council[holder].user.id };
      const value = await testApp.services.reporting.measureValue(council.manager.actor, 'requests-decided-in-6-weeks', input);
      const mine = council.cases.filter((entry) => entry.holder === holder && entry.decision);
      expect(value.denominator).toBe(mine.length);
      expect(value.numerator).toBe(mine.filter((entry) => days(entry.received, entry.decision!.on) <= 42).length);
    }
  });

  it('counts the open cases and those waiting for an officer as they stand today', async () => {
    const open = council.cases.filter((entry) => !(entry.decision && !entry.decision.agreed));
    expect((await testApp.services.reporting.measureValue(council.manager.actor, 'open-cases')).value).toBe(open.length);
    const waiting = open.filter((entry) => entry.holder === 'queue');
    const unallocated = await testApp.services.reporting.measureValue(council.manager.actor, 'unallocated-cases');
    expect(unallocated.value).toBe(waiting.length);
    const listed = await testApp.services.reporting.casesBehind(council.manager.actor, 'unallocated-cases', {});
    expect(listed.cases.map((entry) => entry.caseId).sort()).toEqual(waiting.map((entry) => entry.caseId).sort());
  });

  it('filters by the stage a case is at now', async () => {
    const value = await testApp.services.reporting.measureValue(council.manager.actor, 'open-cases', { stage: 'review' });
    expect(value.value).toBe(council.cases.filter((entry) => entry.review && !entry.review.decided).length);
  });
});

describe('the appeals’ measures equal the appeals as registered and concluded', () => {
  /** Appeals written as the register keeps them, against each case's final plan: registered, concluded and each part's outcome chosen here. */
  const APPEALS = [
    { registered: '2026-01-12', concluded: '2026-06-03', outcomes: ['dismissed'] },
    { registered: '2026-02-02', concluded: '2026-06-20', outcomes: ['dismissed', 'upheld'] },
    { registered: '2026-03-09', concluded: '2026-07-01', outcomes: ['withdrawn'] },
    { registered: '2026-04-20', concluded: null, outcomes: [null] },
    { registered: '2026-10-05', concluded: null, outcomes: [null] },
  ] as const;

  it('counts appeals registered and live, and the share concluded with the council’s decision standing, month by month, each with its list', async () => {
    const team = await aTeam(testApp);
    const made: { caseId: string; registered: string; concluded: string | null; stood: boolean }[] = [];
    for (const [index, entry] of APPEALS.entries()) {
      const created = await aCase(testApp, team.officer.actor, { stage: 'plan', receivedOn: '2025-03-03' });
      await anAppealOnRecord(testApp, { authorityId: team.council.id, caseId: created.caseId, childId: created.childId, registered: entry.registered, concluded: entry.concluded, outcomes: entry.outcomes, reference: `EH999/26/${index}` });
      made.push({ caseId: created.caseId, registered: entry.registered, concluded: entry.concluded, stood: entry.outcomes.every((outcome) => outcome === 'dismissed' || outcome === 'withdrawn') });
    }
    const period = { from: '2026-01', to: '2026-11' };
    const concluded = await testApp.services.reporting.measureSeries(team.manager.actor, 'appeals-concluded', period);
    const registered = await testApp.services.reporting.measureSeries(team.manager.actor, 'appeals-registered', period);
    for (const month of monthsOfPeriod().filter((entry) => entry >= period.from)) {
      const ended = made.filter((entry) => entry.concluded?.startsWith(month));
      expect(concluded.find((entry) => entry.month === month)).toMatchObject({ numerator: ended.filter((entry) => entry.stood).length, denominator: ended.length });
      expect(registered.find((entry) => entry.month === month)?.denominator).toBe(made.filter((entry) => entry.registered.startsWith(month)).length);
      if (ended.length > 0) {
        const stood = await testApp.services.reporting.casesBehind(team.manager.actor, 'appeals-concluded', { from: month, to: month, part: 'counted' });
        expect(stood.cases.map((entry) => entry.caseId).sort()).toEqual(ended.filter((entry) => entry.stood).map((entry) => entry.caseId).sort());
      }
    }
    const june = await testApp.services.reporting.casesBehind(team.manager.actor, 'appeals-concluded', { from: '2026-06', to: '2026-06' });
    expect(june.cases.map((entry) => entry.detail)).toEqual(['F: dismissed', 'F: dismissed, I: upheld']);
    expect((await testApp.services.reporting.measureValue(team.manager.actor, 'appeals-concluded', period)).value).toBe(66.7);
    expect((await testApp.services.reporting.measureValue(team.manager.actor, 'appeals-live')).value).toBe(made.filter((entry) => entry.concluded === null).length);
  });
});
