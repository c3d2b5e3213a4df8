import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { ForbiddenError } from '../../lib/errors.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, anOfficer, aTeam, type TestCase, type TestOfficer } from '../../test/factories/index.ts';
import { getPage, signIn } from '../../test/http.ts';
import { systemActor } from '../auth/index.ts';

let testApp: TestApp;
const clock = fixedClock('2026-11-23T10:00:00Z');

beforeAll(async () => {
  testApp = await createTestApp({ clock });
});
afterAll(async () => {
  await testApp?.close();
});


describe('the team view of deadlines', () => {
  let officer: TestOfficer;
  let manager: TestOfficer;
  let dueSoonCase: TestCase;

  beforeEach(async () => {
    ({ officer, manager } = await aTeam(testApp));
    // Received 1 June 2026: 20 weeks ran out on 19 October 2026.
    await aCase(testApp, officer.actor, { stage: 'assessment', receivedOn: '2026-06-01', stepDates: { 'assessment.agreed': '2026-07-10' }, child: { forename: 'Late', surname: 'Deadline' } });
    // Received 20 October 2026: the 6-week decision falls on 1 December 2026, 8 days away.
    dueSoonCase = await aCase(testApp, officer.actor, { receivedOn: '2026-10-20', source: 2, child: { forename: 'Soon', surname: 'Deadline' } });
    await aCase(testApp, manager.actor, { receivedOn: '2026-11-20', source: 2, child: { forename: 'Far', surname: 'Deadline' } });
  });

  it('lists every open deadline overdue or due in the next 14 days, across officers', async () => {
    const team = await testApp.services.deadlines.teamDeadlines(manager.actor);
    expect(team.deadlines.map((row) => [row.childName, row.deadlineId, row.status])).toEqual([
      ['Late Deadline', 'no-plan-decision', 'overdue'],
      ['Late Deadline', 'final-plan', 'overdue'],
      ['Soon Deadline', 'decision-to-assess', 'on-track'],
    ]);
    expect(team.counts).toEqual({ overdue: 2, dueSoon: 1 });
  });

  it('filters by officer, the unallocated queue and stage', async () => {
    const { deadlines } = testApp.services;
    expect((await deadlines.teamDeadlines(manager.actor, { officer: 'unallocated' })).deadlines).toEqual([]);
    expect((await deadlines.teamDeadlines(manager.actor, { stage: 'request' })).counts).toEqual({ overdue: 0, dueSoon: 1 });
    expect((await deadlines.teamDeadlines(manager.actor, { officer: officer.actor.id, stage: 'assessment' })).counts.overdue).toBe(2);
    const officersOwn = await deadlines.teamDeadlines(manager.actor, { officer: officer.actor.id });
    expect(officersOwn.deadlines.map((row) => [row.childName, row.deadlineId])).toEqual([
      ['Late Deadline', 'no-plan-decision'],
      ['Late Deadline', 'final-plan'],
      ['Soon Deadline', 'decision-to-assess'],
    ]);
    expect((await deadlines.teamDeadlines(manager.actor, { officer: officer.actor.id, stage: 'assessment' })).deadlines.map((row) => row.deadlineId)).toEqual(['no-plan-decision', 'final-plan']);
  });

  it('lists the unallocated queue’s deadlines, and only theirs, from those cases', async () => {
    // The officer's case waits in the unallocated queue.
    await testApp.database.db.execute(sql`UPDATE ehc_case SET officer_id = NULL, unallocated_since = '2026-11-01' WHERE id = ${dueSoonCase.caseId}`);
    const { deadlines } = testApp.services;
    const queue = await deadlines.teamDeadlines(manager.actor, { officer: 'unallocated' });
    expect(queue.deadlines.map((row) => [row.childName, row.deadlineId, row.officerName])).toEqual([['Soon Deadline', 'decision-to-assess', null]]);
    expect(queue.counts).toEqual({ overdue: 0, dueSoon: 1 });
    expect((await deadlines.teamDeadlines(manager.actor, { officer: 'unallocated', stage: 'assessment' })).deadlines).toEqual([]);
    expect((await deadlines.teamDeadlines(manager.actor, { officer: officer.actor.id })).deadlines.map((row) => row.childName)).toEqual(['Late Deadline', 'Late Deadline']);
  });

  it('drops an officer filter that names no case officer of the council (a stale or altered link)', async () => {
    for (const stale of [manager.actor.id, '01900000-0000-7000-8000-000000000000', 'not-an-id']) {
      const team = await testApp.services.deadlines.teamDeadlines(manager.actor, { officer: stale });
      expect(team.filters.officer).toBeUndefined();
      expect(team.counts).toEqual({ overdue: 2, dueSoon: 1 });
      expect(team.deadlines).toHaveLength(3);
    }
  });

  it('is for managers: a case officer is refused by the service', async () => {
    await expect(testApp.services.deadlines.teamDeadlines(officer.actor)).rejects.toThrow(ForbiddenError);
    const jar = await signIn(testApp.app, officer.user.email, officer.password);
    const page = await getPage(testApp.app, jar, '/team/deadlines');
    expect(page.statusCode).toBe(403);
    // The page says what it is for, who the person is, and whom to ask.
    expect(page.body).toContain('You do not have access to this page');
    expect(page.body).toContain('This is only for these roles: Team manager, Service lead');
    expect(page.body).toContain('with the role Case officer');
    expect(page.body).toContain('ask your team manager or the service’s administrator');
  });

  it('renders for a manager with the filters', async () => {
    const jar = await signIn(testApp.app, manager.user.email, manager.password);
    const page = await getPage(testApp.app, jar, `/team/deadlines?officer=${officer.actor.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Overdue (2)');
    expect(page.body).toContain('<strong>2</strong> overdue');
    expect(page.body).toContain('Late Deadline');
  });
});

describe('rebuilding the deadline table', () => {
  it('recomputes every case’s deadlines from its events, restoring a damaged table exactly', async () => {
    const { council, officer, manager } = await aTeam(testApp);
    const deadlineRows = () =>
      queryRows<{ case_id: string; deadline_id: string; due_on: string; met_on: string | null }>(
        testApp.database.db,
        sql`SELECT case_id, deadline_id, due_on, met_on FROM case_deadline WHERE authority_id = ${council.id} ORDER BY case_id, deadline_id`,
      );
    const { caseProgress } = testApp.services;
    // A late plan with an exception, a draft, a request in the unallocated queue, a review arranged and amendments proposed.
    const late = await aCase(testApp, officer.actor, { stage: 'plan', receivedOn: '2026-06-01', stepDates: { 'assessment.agreed': '2026-07-10', 'plan.issued': '2026-11-02' } });
    await caseProgress.recordException(officer.actor, late.caseId, { reason: 'absent-from-area', evidence: 'Family abroad; letter from parent on file.', startsOn: '2026-08-01' });
    await aCase(testApp, officer.actor, { stage: 'draft', receivedOn: '2026-10-20', stepDates: { 'assessment.agreed': '2026-11-20', 'draft.issued': '2026-11-21' } });
    await aCase(testApp, manager.actor, { receivedOn: '2026-11-20' });
    const planned = await aCase(testApp, officer.actor, { stage: 'plan', receivedOn: '2025-09-01', stepDates: { 'plan.issued': '2026-01-10' } });
    await caseProgress.recordStep(officer.actor, planned.caseId, 'review.scheduled', '2026-12-14');
    const amended = await aCase(testApp, officer.actor, { stage: 'plan', receivedOn: '2025-05-01', stepDates: { 'plan.issued': '2025-09-10' } });
    await caseProgress.recordStep(officer.actor, amended.caseId, 'amendment.proposed', '2026-11-02');

    const before = await deadlineRows();
    await testApp.database.db.execute(sql`DELETE FROM case_deadline WHERE authority_id = ${council.id} AND deadline_id = 'final-plan'`);
    await testApp.database.db.execute(sql`UPDATE case_deadline SET due_on = '2000-01-01' WHERE authority_id = ${council.id}`);
    const rebuilt = await testApp.services.deadlines.rebuildDeadlines(systemActor(council.id, 'test'));
    expect(rebuilt).toBe(5);
    expect(await deadlineRows()).toEqual(before);
  });

  it('is for administrators only', async () => {
    const manager = await anOfficer(testApp, { role: 'team_manager' });
    await expect(testApp.services.deadlines.rebuildDeadlines(manager.actor)).rejects.toThrow(ForbiddenError);
  });
});
