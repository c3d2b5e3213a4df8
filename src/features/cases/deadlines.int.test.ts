import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../composition.ts';
import { queryRows, type DatabaseHandle } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { ForbiddenError, ValidationError } from '../../lib/errors.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { createStaff } from '../../test/fixtures.ts';
import { getPage, postForm, signIn } from '../../test/http.ts';
import { systemActor, type Actor } from '../auth/actor.ts';

const PASSWORD = 'A-long-test-password-1';
let testApp: TestApp;
let database: DatabaseHandle;
let services: Services;
let app: FastifyInstance;
let officer: Actor;
let manager: Actor;
let lateCase: { caseId: string; childId: string };
let dueSoonCase: { caseId: string; childId: string };
const clock = fixedClock('2026-11-23T10:00:00Z');

async function deadlineRows() {
  return queryRows<{ case_id: string; deadline_id: string; due_on: string; met_on: string | null }>(
    database.db,
    sql`SELECT case_id, deadline_id, due_on, met_on FROM case_deadline ORDER BY case_id, deadline_id`,
  );
}

beforeAll(async () => {
  testApp = await createTestApp({ clock });
  ({ database, services, app } = testApp);
  const authorityId = testApp.authorityId;
  const officerUser = await createStaff(services, authorityId, 'case_officer', 'officer@test.example');
  officer = { kind: 'user', id: officerUser.id, authorityId, roles: ['case_officer'] };
  const managerUser = await createStaff(services, authorityId, 'team_manager', 'manager@test.example');
  manager = { kind: 'user', id: managerUser.id, authorityId, roles: ['team_manager'] };
  const child = (forename: string) => ({ forename, surname: 'Deadline', dateOfBirth: '2015-01-01', sex: 'M' as const });
  // Received 1 June 2026: 20 weeks ran out on 19 October 2026.
  lateCase = await services.requests.recordRequest(officer, { receivedOn: '2026-06-01', source: 1, child: child('Late') });
  await services.caseProgress.recordStep(officer, lateCase.caseId, 'assessment.agreed', '2026-07-10');
  // Received 20 October 2026: the 6-week decision falls on 1 December 2026, 8 days away.
  dueSoonCase = await services.requests.recordRequest(officer, { receivedOn: '2026-10-20', source: 2, child: child('Soon') });
  await services.requests.recordRequest(manager, { receivedOn: '2026-11-20', source: 2, child: child('Far') });
});
afterAll(async () => {
  await testApp?.close();
});

describe('the team view of deadlines', () => {
  it('lists every open deadline overdue or due in the next 14 days, across officers', async () => {
    const team = await services.deadlines.teamDeadlines(manager);
    expect(team.deadlines.map((row) => [row.childName, row.deadlineId, row.status])).toEqual([
      ['Late Deadline', 'no-plan-decision', 'overdue'],
      ['Late Deadline', 'final-plan', 'overdue'],
      ['Soon Deadline', 'decision-to-assess', 'on-track'],
    ]);
    expect(team.counts).toEqual({ overdue: 2, dueSoon: 1 });
  });

  it('filters by officer, the unallocated queue and stage', async () => {
    expect((await services.deadlines.teamDeadlines(manager, { officer: 'unallocated' })).deadlines).toEqual([]);
    expect((await services.deadlines.teamDeadlines(manager, { stage: 'request' })).counts).toEqual({ overdue: 0, dueSoon: 1 });
    expect((await services.deadlines.teamDeadlines(manager, { officer: officer.id, stage: 'assessment' })).counts.overdue).toBe(2);
    const officersOwn = await services.deadlines.teamDeadlines(manager, { officer: officer.id });
    expect(officersOwn.deadlines.map((row) => [row.childName, row.deadlineId])).toEqual([
      ['Late Deadline', 'no-plan-decision'],
      ['Late Deadline', 'final-plan'],
      ['Soon Deadline', 'decision-to-assess'],
    ]);
    expect((await services.deadlines.teamDeadlines(manager, { officer: officer.id, stage: 'assessment' })).deadlines.map((row) => row.deadlineId)).toEqual(['no-plan-decision', 'final-plan']);
  });

  it('lists the unallocated queue’s deadlines, and only theirs, from those cases', async () => {
    // The officer's case waits in the unallocated queue for this test, then goes back.
    await database.db.execute(sql`UPDATE ehc_case SET officer_id = NULL, unallocated_since = '2026-11-01' WHERE id = ${dueSoonCase.caseId}`);
    try {
      const queue = await services.deadlines.teamDeadlines(manager, { officer: 'unallocated' });
      expect(queue.deadlines.map((row) => [row.childName, row.deadlineId, row.officerName])).toEqual([['Soon Deadline', 'decision-to-assess', null]]);
      expect(queue.counts).toEqual({ overdue: 0, dueSoon: 1 });
      expect((await services.deadlines.teamDeadlines(manager, { officer: 'unallocated', stage: 'assessment' })).deadlines).toEqual([]);
      expect((await services.deadlines.teamDeadlines(manager, { officer: officer.id })).deadlines.map((row) => row.childName)).toEqual(['Late Deadline', 'Late Deadline']);
    } finally {
      await database.db.execute(sql`UPDATE ehc_case SET officer_id = ${officer.id}, unallocated_since = NULL WHERE id = ${dueSoonCase.caseId}`);
    }
  });

  it('drops an officer filter that names no case officer of the council (a stale or altered link)', async () => {
    for (const stale of [manager.id, '01900000-0000-7000-8000-000000000000', 'not-an-id']) {
      const team = await services.deadlines.teamDeadlines(manager, { officer: stale });
      expect(team.filters.officer).toBeUndefined();
      expect(team.counts).toEqual({ overdue: 2, dueSoon: 1 });
      expect(team.deadlines).toHaveLength(3);
    }
  });

  it('is for managers: a case officer is refused by the service', async () => {
    await expect(services.deadlines.teamDeadlines(officer)).rejects.toThrow(ForbiddenError);
    const jar = await signIn(app, 'officer@test.example', PASSWORD);
    expect((await getPage(app, jar, '/team/deadlines')).statusCode).toBe(403);
  });

  it('renders for a manager with the filters', async () => {
    const jar = await signIn(app, 'manager@test.example', PASSWORD);
    const page = await getPage(app, jar, `/team/deadlines?officer=${officer.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Overdue (2)');
    expect(page.body).toContain('<strong>2</strong> overdue');
    expect(page.body).toContain('Late Deadline');
  });
});

describe('exceptions to the time limits (Regs 5(4), 10(4), 13(3), 27(3))', () => {
  it('Regs 13(3): an exception is recorded with reason and evidence and moves no date', async () => {
    const before = await deadlineRows();
    await services.caseProgress.recordException(officer, lateCase.caseId, {
      reason: 'absent-from-area',
      evidence: 'Family abroad 1 August to 15 September 2026; letter from parent on file.',
      startsOn: '2026-08-01',
    });
    expect(await deadlineRows()).toEqual(before);
    const record = await services.children.childRecord(officer, lateCase.childId);
    expect(record.exceptions.map((entry) => entry.reasonTitle)).toHaveLength(1);
    expect(record.events.map((event) => event.type)).toContain('exception.recorded');
  });

  it('SEN2 Week20: a late plan with an exception is left out of the measure; without one it counts as late', async () => {
    await services.caseProgress.recordStep(officer, lateCase.caseId, 'plan.issued', '2026-11-02');
    expect((await services.children.childRecord(officer, lateCase.childId)).week20).toMatchObject({ outcome: 'excluded', counted: false });
    await services.caseProgress.recordStep(officer, dueSoonCase.caseId, 'assessment.agreed', '2026-11-20');
    expect((await services.children.childRecord(officer, dueSoonCase.childId)).week20).toMatchObject({ outcome: 'not-issued' });
  });

  it('refuses an exception without reason, evidence or a real date, writing nothing', async () => {
    const before = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM case_exception`);
    const failure = await services.caseProgress
      .recordException(officer, dueSoonCase.caseId, { reason: 'holiday', evidence: '  ', startsOn: '2026-02-30' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ValidationError);
    expect((failure as ValidationError).problems.map((problem) => problem.field)).toEqual(['reason', 'evidence', 'startsOn']);
    expect(await queryRows(database.db, sql`SELECT count(*)::int AS n FROM case_exception`)).toEqual(before);
  });

  it('the exception form shows an error summary for bad input', async () => {
    const jar = await signIn(app, 'officer@test.example', PASSWORD);
    const url = `/children/${dueSoonCase.childId}/exceptions/new`;
    const response = await postForm(app, jar, url, { evidence: '' }, { csrfFrom: url });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Select the reason for the exception');
    expect(response.body).toContain('href="#startsOn-day"');
  });
});

describe('recording steps', () => {
  it('the step form records a step and the record shows it', async () => {
    const jar = await signIn(app, 'officer@test.example', PASSWORD);
    const url = `/children/${dueSoonCase.childId}/steps/new`;
    const response = await postForm(app, jar, url, { type: 'draft.issued', 'occurredOn-day': '21', 'occurredOn-month': '11', 'occurredOn-year': '2026' }, { csrfFrom: url });
    expect(response.statusCode).toBe(303);
    const record = await services.children.childRecord(officer, dueSoonCase.childId);
    expect(record.openCase?.stage).toBe('draft');
    expect(record.deadlines.find((deadline) => deadline.deadlineId === 'draft-comments')?.dueOn).toBe('2026-12-05');
  });

  it('the step form refuses a missing step and a future date with an error summary', async () => {
    const jar = await signIn(app, 'officer@test.example', PASSWORD);
    const url = `/children/${dueSoonCase.childId}/steps/new`;
    const response = await postForm(app, jar, url, { 'occurredOn-day': '1', 'occurredOn-month': '1', 'occurredOn-year': '2030' }, { csrfFrom: url });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Choose a step');
    expect(response.body).toContain('The date must be today or in the past');
  });
});

describe('review meetings and amendments', () => {
  it('Regs 20: a review meeting may be arranged for a date to come, starting the 2-week invitation deadline', async () => {
    const planned = await services.requests.recordRequest(officer, { receivedOn: '2025-09-01', source: 1, child: { forename: 'Planned', surname: 'Review', dateOfBirth: '2014-04-04', sex: 'F' } });
    await services.caseProgress.recordStep(officer, planned.caseId, 'plan.issued', '2026-01-10');
    await services.caseProgress.recordStep(officer, planned.caseId, 'review.scheduled', '2026-12-14');
    const record = await services.children.childRecord(officer, planned.childId);
    expect(record.deadlines.find((deadline) => deadline.deadlineId === 'invitations')).toMatchObject({ dueOn: '2026-11-30', status: 'due-soon' });
    await expect(services.caseProgress.recordStep(officer, planned.caseId, 'review.held', '2026-12-14')).rejects.toThrow(ValidationError);
    await expect(services.caseProgress.recordStep(officer, planned.caseId, 'review.scheduled', '2028-01-01')).rejects.toThrow(ValidationError);
  });

  it('Regs 22: proposed amendments start the 8-week amended plan; the family’s 15 days are not an authority deadline', async () => {
    const amended = await services.requests.recordRequest(officer, { receivedOn: '2025-05-01', source: 1, child: { forename: 'Amended', surname: 'Plan', dateOfBirth: '2013-03-03', sex: 'M' } });
    await services.caseProgress.recordStep(officer, amended.caseId, 'plan.issued', '2025-09-10');
    await services.caseProgress.recordStep(officer, amended.caseId, 'amendment.proposed', '2026-11-02');
    const record = await services.children.childRecord(officer, amended.childId);
    expect(record.deadlines.find((deadline) => deadline.deadlineId === 'amended-plan')?.dueOn).toBe('2026-12-28');
    expect(record.deadlines.find((deadline) => deadline.deadlineId === 'amendment-comments')).toMatchObject({ dueOn: '2026-11-16', duty: 'family' });
    const team = await services.deadlines.teamDeadlines(manager);
    expect(team.deadlines.some((row) => row.deadlineId === 'amendment-comments')).toBe(false);
  });
});

describe('rebuilding the deadline table', () => {
  it('recomputes every case’s deadlines from its events, restoring a damaged table exactly', async () => {
    const before = await deadlineRows();
    await database.db.execute(sql`DELETE FROM case_deadline WHERE deadline_id = 'final-plan'`);
    await database.db.execute(sql`UPDATE case_deadline SET due_on = '2000-01-01'`);
    const rebuilt = await services.deadlines.rebuildDeadlines(systemActor(officer.authorityId, 'test'));
    expect(rebuilt).toBe(5);
    expect(await deadlineRows()).toEqual(before);
  });

  it('is for administrators only', async () => {
    await expect(services.deadlines.rebuildDeadlines(manager)).rejects.toThrow(ForbiddenError);
  });
});
