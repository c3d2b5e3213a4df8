import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { ValidationError } from '../../lib/errors.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, anOfficer, type TestOfficer } from '../../test/factories/index.ts';
import { postForm, signIn } from '../../test/http.ts';

let testApp: TestApp;
let officer: TestOfficer;
let manager: TestOfficer;
const clock = fixedClock('2026-11-23T10:00:00Z');

async function deadlineRows() {
  return queryRows<{ case_id: string; deadline_id: string; due_on: string; met_on: string | null }>(
    testApp.database.db,
    sql`SELECT case_id, deadline_id, due_on, met_on FROM case_deadline ORDER BY case_id, deadline_id`,
  );
}

/** Received 1 June 2026 and agreed for assessment on 10 July: the 20 weeks ran out on 19 October 2026. */
const aLateCase = () =>
  aCase(testApp, officer.actor, { stage: 'assessment', receivedOn: '2026-06-01', stepDates: { 'assessment.agreed': '2026-07-10' }, child: { forename: 'Late', surname: 'Deadline' } });
/** Received 20 October 2026: the 6-week decision falls on 1 December 2026, 8 days away. */
const aCaseDueSoon = (options: Parameters<typeof aCase>[2] = {}) =>
  aCase(testApp, officer.actor, { receivedOn: '2026-10-20', source: 2, child: { forename: 'Soon', surname: 'Deadline' }, ...options });

beforeAll(async () => {
  testApp = await createTestApp({ clock });
  officer = await anOfficer(testApp);
  manager = await anOfficer(testApp, { role: 'team_manager' });
});
afterAll(async () => {
  await testApp?.close();
});

describe('recording steps', () => {
  it('moves with the statutory steps: deciding to assess meets the 6-week deadline', async () => {
    const created = await aCase(testApp, officer.actor, { receivedOn: '2026-09-01', child: { forename: 'Stepping', surname: 'Along' } });
    await testApp.services.decisions.decideWhetherToAssess(manager.actor, created.caseId, { outcome: 'assess', decidedOn: '2026-10-05', reasons: 'Needs the school cannot meet' });
    const record = await testApp.services.children.childRecord(officer.actor, created.childId);
    expect(record.openCase?.stage).toBe('assessment');
    expect(record.deadlines.find((deadline) => deadline.deadlineId === 'decision-to-assess')).toMatchObject({ metOn: '2026-10-05', status: 'met-on-time' });
    await expect(testApp.services.caseProgress.recordStep(officer.actor, created.caseId, 'plan.issued', '2026-12-01')).rejects.toThrow(ValidationError);
  });

  it('the step form records a step and the record shows it', async () => {
    const { childId } = await aCaseDueSoon({ stage: 'assessment', stepDates: { 'assessment.agreed': '2026-11-20' } });
    const jar = await signIn(testApp.app, officer.user.email, officer.password);
    const url = `/children/${childId}/steps/new`;
    const response = await postForm(testApp.app, jar, url, { type: 'draft.issued', 'occurredOn-day': '21', 'occurredOn-month': '11', 'occurredOn-year': '2026' }, { csrfFrom: url });
    expect(response.statusCode).toBe(303);
    const record = await testApp.services.children.childRecord(officer.actor, childId);
    expect(record.openCase?.stage).toBe('draft');
    expect(record.deadlines.find((deadline) => deadline.deadlineId === 'draft-comments')?.dueOn).toBe('2026-12-05');
  });

  it('the step form refuses a missing step and a future date with an error summary', async () => {
    const { childId } = await aCaseDueSoon();
    const jar = await signIn(testApp.app, officer.user.email, officer.password);
    const url = `/children/${childId}/steps/new`;
    const response = await postForm(testApp.app, jar, url, { 'occurredOn-day': '1', 'occurredOn-month': '1', 'occurredOn-year': '2030' }, { csrfFrom: url });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Choose a step');
    expect(response.body).toContain('The date must be today or in the past');
  });
});

describe('exceptions to the time limits (Regs 5(4), 10(4), 13(3), 27(3))', () => {
  it('Regs 13(3): an exception is recorded with reason and evidence and moves no date', async () => {
    const lateCase = await aLateCase();
    const before = await deadlineRows();
    await testApp.services.caseProgress.recordException(officer.actor, lateCase.caseId, {
      reason: 'absent-from-area',
      evidence: 'Family abroad 1 August to 15 September 2026; letter from parent on file.',
      startsOn: '2026-08-01',
    });
    expect(await deadlineRows()).toEqual(before);
    const record = await testApp.services.children.childRecord(officer.actor, lateCase.childId);
    expect(record.exceptions.map((entry) => entry.reasonTitle)).toHaveLength(1);
    expect(record.events.map((event) => event.type)).toContain('exception.recorded');
  });

  it('SEN2 Week20: a late plan with an exception is left out of the measure; without one it counts as late', async () => {
    const lateCase = await aLateCase();
    await testApp.services.caseProgress.recordException(officer.actor, lateCase.caseId, {
      reason: 'absent-from-area',
      evidence: 'Family abroad 1 August to 15 September 2026; letter from parent on file.',
      startsOn: '2026-08-01',
    });
    await testApp.services.caseProgress.recordStep(officer.actor, lateCase.caseId, 'draft.issued', '2026-10-12');
    await testApp.services.caseProgress.recordStep(officer.actor, lateCase.caseId, 'plan.issued', '2026-11-02');
    expect((await testApp.services.children.childRecord(officer.actor, lateCase.childId)).week20).toMatchObject({ outcome: 'excluded', counted: false });
    const dueSoonCase = await aCaseDueSoon();
    await testApp.services.decisions.decideWhetherToAssess(manager.actor, dueSoonCase.caseId, { outcome: 'assess', decidedOn: '2026-11-20', reasons: 'Needs the school cannot meet' });
    expect((await testApp.services.children.childRecord(officer.actor, dueSoonCase.childId)).week20).toMatchObject({ outcome: 'not-issued' });
  });

  it('refuses an exception without reason, evidence or a real date, writing nothing', async () => {
    const dueSoonCase = await aCaseDueSoon();
    const before = await queryRows<{ n: number }>(testApp.database.db, sql`SELECT count(*)::int AS n FROM case_exception`);
    const failure = await testApp.services.caseProgress
      .recordException(officer.actor, dueSoonCase.caseId, { reason: 'holiday', evidence: '  ', startsOn: '2026-02-30' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ValidationError);
    expect((failure as ValidationError).problems.map((problem) => problem.field)).toEqual(['reason', 'evidence', 'startsOn']);
    expect(await queryRows(testApp.database.db, sql`SELECT count(*)::int AS n FROM case_exception`)).toEqual(before);
  });

  it('the exception form shows an error summary for bad input', async () => {
    const { childId } = await aCaseDueSoon();
    const jar = await signIn(testApp.app, officer.user.email, officer.password);
    const url = `/children/${childId}/exceptions/new`;
    const response = await postForm(testApp.app, jar, url, { evidence: '' }, { csrfFrom: url });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Select the reason for the exception');
    expect(response.body).toContain('href="#startsOn-day"');
  });
});

describe('an exception starting before the request was received', () => {
  const exceptions = async () => (await queryRows<{ exceptions: number; events: number }>(testApp.database.db, sql`SELECT (SELECT count(*)::int FROM case_exception) AS exceptions, (SELECT count(*)::int FROM case_event) AS events`))[0]!;
  const evidence = 'Family abroad for six weeks; letter from the parent on file.';

  it('Regs 5(4) and 13(3): is refused by the service, the page and the API, writing nothing', async () => {
    // Received 20 October 2026: an exception from 19 October is before the case began.
    const { caseId, childId } = await aCaseDueSoon();
    const before = await exceptions();
    const failure = await testApp.services.caseProgress.recordException(officer.actor, caseId, { reason: 'absent-from-area', evidence, startsOn: '2026-10-19' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ValidationError);
    expect((failure as ValidationError).problems).toEqual([{ field: 'startsOn', message: 'The date must be on or after the request was received' }]);

    const jar = await signIn(testApp.app, officer.user.email, officer.password);
    const url = `/children/${childId}/exceptions/new`;
    const page = await postForm(testApp.app, jar, url, { reason: 'absent-from-area', evidence, 'startsOn-day': '19', 'startsOn-month': '10', 'startsOn-year': '2026' }, { csrfFrom: url });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('The date must be on or after the request was received');
    expect(page.body).toContain('href="#startsOn-day"');

    const token = (await testApp.services.auth.issueApiToken(officer.actor, officer.actor.id, 'test')).token;
    const api = await testApp.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/exceptions`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ reason: 'absent-from-area', evidence, startsOn: '2026-10-19' }),
    });
    expect(api.statusCode).toBe(400);
    expect(api.headers['content-type']).toContain('application/problem+json');
    expect(api.json()).toMatchObject({ field: 'startsOn', detail: expect.stringContaining('on or after the request was received') });
    expect(await exceptions()).toEqual(before);
  });
});

describe('review meetings and amendments', () => {
  it('Regs 20: a review meeting may be arranged for a date to come, starting the 2-week invitation deadline', async () => {
    const planned = await aCase(testApp, officer.actor, {
      stage: 'plan',
      receivedOn: '2025-09-01',
      stepDates: { 'plan.issued': '2026-01-10' },
      child: { forename: 'Planned', surname: 'Review', dateOfBirth: '2014-04-04', sex: 'F' },
    });
    await testApp.services.caseProgress.recordStep(officer.actor, planned.caseId, 'review.scheduled', '2026-12-14');
    const record = await testApp.services.children.childRecord(officer.actor, planned.childId);
    expect(record.deadlines.find((deadline) => deadline.deadlineId === 'invitations')).toMatchObject({ dueOn: '2026-11-30', status: 'due-soon' });
    await expect(testApp.services.caseProgress.recordStep(officer.actor, planned.caseId, 'review.held', '2026-12-14')).rejects.toThrow(ValidationError);
    await expect(testApp.services.caseProgress.recordStep(officer.actor, planned.caseId, 'review.scheduled', '2028-01-01')).rejects.toThrow(ValidationError);
  });

  it('Regs 22: proposed amendments start the 8-week amended plan; the family’s 15 days are not an authority deadline', async () => {
    const amended = await aCase(testApp, officer.actor, {
      stage: 'plan',
      receivedOn: '2025-05-01',
      stepDates: { 'plan.issued': '2025-09-10' },
      child: { forename: 'Amended', surname: 'Plan', dateOfBirth: '2013-03-03', sex: 'M' },
    });
    await testApp.services.caseProgress.recordStep(officer.actor, amended.caseId, 'amendment.proposed', '2026-11-02');
    const record = await testApp.services.children.childRecord(officer.actor, amended.childId);
    expect(record.deadlines.find((deadline) => deadline.deadlineId === 'amended-plan')?.dueOn).toBe('2026-12-28');
    expect(record.deadlines.find((deadline) => deadline.deadlineId === 'amendment-comments')).toMatchObject({ dueOn: '2026-11-16', duty: 'family' });
    const team = await testApp.services.deadlines.teamDeadlines(manager.actor);
    expect(team.deadlines.some((row) => row.deadlineId === 'amendment-comments')).toBe(false);
  });
});
