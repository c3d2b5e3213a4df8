// The measures added to the dashboard, against answers worked out here from the dates the test
// chose (not from the database): complaints answered within the council's policy time limit, and
// the counts of cases as they stand, month by month as they stood at the end of each month. Each
// month's list must hold exactly the cases (or complaints) its figure counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths, type IsoDate } from '../../domain/calendar/index.ts';
import { adjustableClock, fixedClock } from '../../lib/clock.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, aDecisionMaker, anAppealOnRecord, anOfficer, aPlan, aSchool, aSoundPlanContent, aTeam } from '../../test/factories/index.ts';

let testApp: TestApp;
const clock = fixedClock('2026-11-23T10:00:00Z');
const TODAY = '2026-11-23';
const PERIOD = { from: '2026-01', to: '2026-11' };
const MONTHS = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'];

beforeAll(async () => {
  testApp = await createTestApp({ clock });
});
afterAll(async () => {
  await testApp?.close();
});

const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
/** The last day of a month, or today for this one: the day a count of cases as they stand is taken. */
const monthEnd = (month: string) => {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, number, 0)).toISOString().slice(0, 10);
  return last < TODAY ? last : TODAY;
};

describe('complaints answered within the time limit of the council’s complaints policy', () => {
  /**
   * Whether a response was in time, from its days alone: chosen so no reading of working days or
   * bank holidays could change it (10 working days are at least 14 days; 20 at most 34 with the
   * holidays of any month).
   */
  const inTime = (received: string, responded: string, workingDays: number) => {
    const taken = days(received, responded);
    if (taken <= 7) return true;
    if (taken >= Math.ceil(workingDays * 1.4) + 10) return false;
    throw new Error(`Choose a response clearly in time or clearly late, not ${taken} days`);
  };

  it('counts every stage 1 and stage 2 response by the month it was sent, in time or late, and lists each complaint, with a case or without (council complaints policy)', async () => {
    const team = await aTeam(testApp);
    const manager = team.manager;
    const withCase = await aCase(testApp, team.officer.actor, { receivedOn: '2026-01-12' });
    const log = async (receivedOn: string, childId?: string) =>
      (await testApp.services.contacts.logContact(manager.actor, { kind: 'complaint', channel: 'email', source: 'family', fromName: 'A parent', summary: 'About the service', theme: 'delay', receivedOn, ...(childId ? { childId } : {}) })).result.contactId;
    const chosen = [
      { received: '2026-03-02', stage1: '2026-03-05', escalated: '2026-03-10', stage2: '2026-05-20', childId: withCase.childId, caseId: withCase.caseId as string | null },
      { received: '2026-03-09', stage1: '2026-04-20', childId: undefined, caseId: null },
      { received: '2026-04-01', stage1: '2026-04-02', childId: undefined, caseId: null },
      { received: '2026-10-05', stage1: '2026-10-06', escalated: '2026-10-12', stage2: '2026-10-15', childId: withCase.childId, caseId: withCase.caseId },
    ];
    const made: (typeof chosen[number] & { contactId: string })[] = [];
    for (const entry of chosen) {
      const contactId = await log(entry.received, entry.childId);
      await testApp.services.contacts.respond(manager.actor, contactId, { respondedOn: entry.stage1, summary: 'Our answer', outcome: 'not-upheld' });
      if (entry.escalated) {
        await testApp.services.contacts.escalate(manager.actor, contactId, { to: 'stage-2', receivedOn: entry.escalated });
        await testApp.services.contacts.respond(manager.actor, contactId, { respondedOn: entry.stage2!, summary: 'Our answer at stage 2', outcome: 'partly-upheld' });
      }
      made.push({ ...entry, contactId });
    }
    const answers = {
      'complaints-stage-1-in-time': made.map((entry) => ({ contactId: entry.contactId, caseId: entry.caseId, on: entry.stage1, counted: inTime(entry.received, entry.stage1, 10) })),
      'complaints-stage-2-in-time': made.filter((entry) => entry.escalated).map((entry) => ({ contactId: entry.contactId, caseId: entry.caseId, on: entry.stage2!, counted: inTime(entry.escalated!, entry.stage2!, 20) })),
    };
    for (const [measureId, rows] of Object.entries(answers)) {
      const series = await testApp.services.reporting.measureSeries(manager.actor, measureId, PERIOD);
      for (const month of MONTHS) {
        const inMonth = rows.filter((row) => row.on.startsWith(month));
        expect({ measureId, month, numerator: series.find((entry) => entry.month === month)?.numerator, denominator: series.find((entry) => entry.month === month)?.denominator }).toEqual({
          measureId,
          month,
          numerator: inMonth.filter((row) => row.counted).length,
          denominator: inMonth.length,
        });
        if (inMonth.length === 0) continue;
        const listed = await testApp.services.reporting.casesBehind(manager.actor, measureId, { from: month, to: month });
        expect(listed.cases.map((entry) => ({ contactId: entry.contactId, caseId: entry.caseId, counted: entry.counted })).sort((a, b) => a.contactId!.localeCompare(b.contactId!))).toEqual(
          inMonth.map((row) => ({ contactId: row.contactId, caseId: row.caseId, counted: row.counted })).sort((a, b) => a.contactId.localeCompare(b.contactId)),
        );
        expect(listed.total).toBe(inMonth.length);
      }
      const total = await testApp.services.reporting.measureValue(manager.actor, measureId, PERIOD);
      expect({ numerator: total.numerator, denominator: total.denominator }).toEqual({ numerator: rows.filter((row) => row.counted).length, denominator: rows.length });
    }
    // A complaint with no child is listed with its contact and no child; its days taken are from the dates chosen.
    const april = await testApp.services.reporting.casesBehind(manager.actor, 'complaints-stage-1-in-time', { from: '2026-04', to: '2026-04', part: 'not-counted' });
    expect(april.cases).toMatchObject([{ contactId: made[1]!.contactId, childId: null, childName: null, caseId: null, days: days('2026-03-09', '2026-04-20') }]);
    // Under an officer's filter only the complaints about that officer's cases count: a complaint with no case has no officer.
    const officers = await testApp.services.reporting.measureValue(manager.actor, 'complaints-stage-1-in-time', { ...PERIOD, officer: team.officer.user.id });
    expect(officers.denominator).toBe(answers['complaints-stage-1-in-time'].filter((row) => row.caseId !== null).length);
    const officersList = await testApp.services.reporting.casesBehind(manager.actor, 'complaints-stage-1-in-time', { ...PERIOD, officer: team.officer.user.id });
    expect(officersList.total).toBe(officers.denominator);
  });
});

describe('phase transfers finalised in time', () => {
  it('counts each transfer by the month its amended plan naming the next placement was issued, in time when on or before 14 February (school) or 30 March (post-16) of the year of the move (SEND Regulations 2014 reg. 18(1))', async () => {
    const own = await createTestApp({ clock });
    try {
      const officer = await anOfficer(own, { role: 'team_manager' });
      const manager = await aDecisionMaker(own);
      const primary = await aSchool(own.database.db, { name: 'Alderbrook Primary School' });
      const secondary = await aSchool(own.database.db, { name: 'Riverside High School', phase: 'Secondary', type: 'Academy converter' });
      const college = await aSchool(own.database.db, { name: 'Riverside Sixth Form College', phase: '16 plus', type: 'Further education' });
      // Each child born so the move is in the September chosen: Year 7 (primary to secondary) or Year 12 (post-16).
      const chosen = [
        { move: 'school', september: 2026, born: '2015-01-20', from: primary, to: secondary, issued: '2026-02-10' },
        { move: 'school', september: 2026, born: '2014-10-02', from: primary, to: secondary, issued: '2026-02-14' },
        { move: 'school', september: 2026, born: '2015-06-11', from: primary, to: secondary, issued: '2026-02-16' },
        { move: 'post16', september: 2026, born: '2010-02-03', from: secondary, to: college, issued: '2026-03-30' },
        { move: 'post16', september: 2026, born: '2009-11-23', from: secondary, to: college, issued: '2026-03-31' },
        { move: 'school', september: 2027, born: '2016-03-14', from: primary, to: secondary, issued: '2026-11-02' },
      ] as const;
      const made: { caseId: string; issued: string; counted: boolean }[] = [];
      for (const [index, entry] of chosen.entries()) {
        const plan = await aPlan(own, officer.actor, {
          receivedOn: addDays(entry.issued as IsoDate, -150),
          content: { ...aSoundPlanContent(), i: { kind: 'school', urn: entry.to.urn } },
          draftIssuedOn: addDays(entry.issued as IsoDate, -30),
          child: { forename: `Child${index}`, surname: 'Mover', dateOfBirth: entry.born, schoolId: entry.from.id },
        });
        const view = await own.services.plans.versionView(officer.actor, plan.planId);
        await own.services.plans.issueFinal(manager.actor, plan.planId, { issuedOn: entry.issued, overrides: view.findings.map((finding) => ({ findingId: finding.id, reason: 'Issued as it stands' })) });
        // "Before 15 February" and "before 31 March": the last days are 14 February and 30 March.
        const lastDay = entry.move === 'school' ? `${entry.september}-02-14` : `${entry.september}-03-30`;
        made.push({ caseId: plan.caseId, issued: entry.issued, counted: entry.issued <= lastDay });
      }
      const series = await own.services.reporting.measureSeries(officer.actor, 'phase-transfers-in-time', PERIOD);
      for (const month of MONTHS) {
        const inMonth = made.filter((entry) => entry.issued.startsWith(month));
        const found = series.find((entry) => entry.month === month)!;
        expect({ month, numerator: found.numerator, denominator: found.denominator }).toEqual({ month, numerator: inMonth.filter((entry) => entry.counted).length, denominator: inMonth.length });
        if (inMonth.length === 0) continue;
        for (const part of ['counted', 'not-counted'] as const) {
          const listed = await own.services.reporting.casesBehind(officer.actor, 'phase-transfers-in-time', { from: month, to: month, part });
          expect({ month, part, ids: listed.cases.map((entry) => entry.caseId).sort() }).toEqual({ month, part, ids: inMonth.filter((entry) => entry.counted === (part === 'counted')).map((entry) => entry.caseId).sort() });
        }
      }
      const whole = await own.services.reporting.measureValue(officer.actor, 'phase-transfers-in-time', PERIOD);
      expect({ numerator: whole.numerator, denominator: whole.denominator }).toEqual({ numerator: made.filter((entry) => entry.counted).length, denominator: made.length });
      expect(made.filter((entry) => !entry.counted).length).toBe(2);
    } finally {
      await own.close();
    }
  });
});

describe('the counts of cases as they stand, month by month at each month’s end', () => {
  it('open cases: those opened by the month’s last day and not closed by then, each month’s list the cases counted (SEND Code of Practice 2015, 9.23)', async () => {
    const team = await aTeam(testApp);
    const chosen = [
      { received: '2025-11-03' },
      { received: '2026-02-16' },
      { received: '2026-03-02', refused: '2026-04-06' },
      { received: '2026-06-01', refused: '2026-07-06' },
      { received: '2026-09-14' },
    ];
    const made: { caseId: string; opened: string; closed: string | null }[] = [];
    for (const entry of chosen) {
      const created = entry.refused
        ? await aCase(testApp, team.officer.actor, { receivedOn: entry.received, stage: 'closed', stepDates: { 'assessment.refused': entry.refused } })
        : await aCase(testApp, team.officer.actor, { receivedOn: entry.received });
      made.push({ caseId: created.caseId, opened: entry.received, closed: entry.refused ?? null });
    }
    const openAt = (day: string) => made.filter((entry) => entry.opened <= day && (entry.closed === null || entry.closed > day)).map((entry) => entry.caseId).sort();
    await expectMonthEnds(team.manager.actor, 'open-cases', openAt);
    expect((await testApp.services.reporting.measureValue(team.manager.actor, 'open-cases')).value).toBe(openAt(TODAY).length);
  });

  it('live appeals: those registered by the month’s last day and not concluded by then (Children and Families Act 2014 s.51)', async () => {
    const team = await aTeam(testApp);
    const chosen = [
      { registered: '2025-12-01', concluded: '2026-02-10' },
      { registered: '2026-01-12', concluded: '2026-06-30' },
      { registered: '2026-04-20', concluded: null },
      { registered: '2026-10-05', concluded: null },
    ];
    const made: { caseId: string; registered: string; concluded: string | null }[] = [];
    for (const [index, entry] of chosen.entries()) {
      const created = await aCase(testApp, team.officer.actor, { stage: 'plan', receivedOn: '2025-03-03' });
      await anAppealOnRecord(testApp, { authorityId: team.council.id, caseId: created.caseId, childId: created.childId, registered: entry.registered, concluded: entry.concluded, reference: `EH998/26/${index}` });
      made.push({ caseId: created.caseId, ...entry });
    }
    const liveAt = (day: string) => made.filter((entry) => entry.registered <= day && (entry.concluded === null || entry.concluded > day)).map((entry) => entry.caseId).sort();
    await expectMonthEnds(team.manager.actor, 'appeals-live', liveAt);
    expect((await testApp.services.reporting.measureValue(team.manager.actor, 'appeals-live')).value).toBe(liveAt(TODAY).length);
  });

  it('annual reviews overdue: 12 months from the plan or the last review decision ran out before the month’s last day, none decided since (Children and Families Act 2014 s.44(1))', async () => {
    const team = await aTeam(testApp);
    const chosen = [
      { received: '2024-10-01', plan: '2025-02-10' },
      { received: '2024-12-02', plan: '2025-05-19', held: '2026-05-04', decided: '2026-07-20' },
      { received: '2025-01-06', plan: '2025-06-02', held: '2026-04-13', decided: '2026-04-27' },
      { received: '2025-06-02', plan: '2025-10-20' },
    ];
    const made: { caseId: string; starts: string[] }[] = [];
    for (const entry of chosen) {
      const stepDates = { 'plan.issued': entry.plan, ...(entry.held ? { 'review.scheduled': entry.held, 'review.held': entry.held } : {}) };
      const created = await aCase(testApp, team.officer.actor, { receivedOn: entry.received, stage: entry.held ? 'review' : 'plan', stepDates });
      if (entry.decided) await testApp.services.caseProgress.recordStep(team.officer.actor, created.caseId, 'review.decided', entry.decided);
      made.push({ caseId: created.caseId, starts: [entry.plan, ...(entry.decided ? [entry.decided] : [])] });
    }
    // The review is due on the last day of the 12 months beginning with the plan or the last review decided.
    const overdueAt = (day: string) =>
      made
        .filter((entry) => {
          const last = entry.starts.filter((start) => start <= day).at(-1);
          return last !== undefined && addDays(addMonths(last as IsoDate, 12), -1) < day;
        })
        .map((entry) => entry.caseId)
        .sort();
    expect(overdueAt('2026-03-31').length).toBeGreaterThan(0);
    await expectMonthEnds(team.manager.actor, 'reviews-overdue', overdueAt);
    // Today's figure is read from the review deadlines the cases keep: the same cases.
    const today = await testApp.services.reporting.casesBehind(team.manager.actor, 'reviews-overdue', {});
    expect(today.cases.map((entry) => entry.caseId).sort()).toEqual(overdueAt(TODAY));
  });

  it('cases without a named officer: in the queue from the day they joined it to their first allocation (SEND Code of Practice 2015, 9.23)', async () => {
    // Its own council on a clock moved through the year: each case joins the queue, and is given an officer, on the day chosen.
    const moving = adjustableClock('2026-02-10T10:00:00Z');
    const own = await createTestApp({ clock: moving });
    try {
      const team = await aTeam(own);
      const moveTo = (day: string) => moving.advance(Date.parse(`${day}T10:00:00Z`) - moving.now().getTime());
      const chosen = [
        { joined: '2026-02-10', allocated: '2026-06-15' },
        { joined: '2026-04-03', allocated: null },
        { joined: '2026-08-20', allocated: '2026-08-28' },
      ];
      const made: { caseId: string; joined: string; allocated: string | null }[] = [];
      const happenings = [...chosen.map((entry, index) => ({ day: entry.joined, index, what: 'join' as const })), ...chosen.flatMap((entry, index) => (entry.allocated ? [{ day: entry.allocated, index, what: 'allocate' as const }] : []))].sort((a, b) => a.day.localeCompare(b.day));
      for (const happening of happenings) {
        moveTo(happening.day);
        const entry = chosen[happening.index]!;
        if (happening.what === 'join') made[happening.index] = { caseId: (await aCase(own, team.manager.actor, { receivedOn: entry.joined })).caseId, ...entry };
        else await own.services.allocation.allocate(team.manager.actor, { cases: [made[happening.index]!.caseId], officer: team.officer.user.id });
      }
      moveTo(TODAY);
      const waitingAt = (day: string) => made.filter((entry) => entry.joined <= day && (entry.allocated === null || entry.allocated > day)).map((entry) => entry.caseId).sort();
      await expectMonthEnds(team.manager.actor, 'unallocated-cases', waitingAt, own);
      const march = await own.services.reporting.casesBehind(team.manager.actor, 'unallocated-cases', { at: '2026-03' });
      expect(march.cases.map((entry) => entry.days)).toEqual([days('2026-02-10', '2026-03-31')]);
      expect((await own.services.reporting.measureValue(team.manager.actor, 'unallocated-cases')).value).toBe(waitingAt(TODAY).length);
    } finally {
      await own.close();
    }
  });

  it('refuses a month outside the months a period may cover, with a message, for the cases at a month’s end', async () => {
    const team = await aTeam(testApp);
    await expect(testApp.services.reporting.casesBehind(team.manager.actor, 'open-cases', { at: '2019-01' })).rejects.toMatchObject({ problems: [{ field: 'at' }] });
    await expect(testApp.services.reporting.casesBehind(team.manager.actor, 'requests-agreed', { at: '2026-01' })).rejects.toMatchObject({ problems: [{ field: 'at' }] });
  });
});

/** Every month's count equals the answer at the month's end, and each month's list holds exactly those cases. */
async function expectMonthEnds(actor: Parameters<TestApp['services']['reporting']['measureSeries']>[0], measureId: string, answerAt: (day: string) => string[], app: TestApp = testApp) {
  const series = await app.services.reporting.measureSeries(actor, measureId, PERIOD);
  expect(series.map((entry) => entry.month)).toEqual(MONTHS);
  for (const month of MONTHS) {
    const expected = answerAt(monthEnd(month));
    expect({ month, count: series.find((entry) => entry.month === month)!.value }).toEqual({ month, count: expected.length });
    const listed = await app.services.reporting.casesBehind(actor, measureId, { at: month });
    expect({ month, ids: listed.cases.map((entry) => entry.caseId).sort() }).toEqual({ month, ids: expected });
    expect(listed.total).toBe(expected.length);
  }
  expect(new Set(MONTHS.map((month) => answerAt(monthEnd(month)).length)).size).toBeGreaterThan(1);
}
