import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, anOfficer, type TestOfficer } from '../../test/factories/index.ts';
import { getPage, postForm, signIn, type CookieJar } from '../../test/http.ts';
import { DECISION_CORRECTION, DECISION_PAGE_ONLY } from './index.ts';

let testApp: TestApp;
let officer: TestOfficer;
let otherOfficer: TestOfficer;
let manager: TestOfficer;
let jar: CookieJar;
const clock = fixedClock('2026-11-23T10:00:00Z');

async function eventCount(caseId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(testApp.database.db, sql`SELECT count(*)::int AS n FROM case_event WHERE case_id = ${caseId}`);
  return row!.n;
}

async function refusal(caseId: string, type: Parameters<TestApp['services']['caseProgress']['recordStep']>[2], on: string): Promise<ValidationError> {
  const before = await eventCount(caseId);
  const error = await testApp.services.caseProgress.recordStep(officer.actor, caseId, type, on).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ValidationError);
  expect(await eventCount(caseId), 'nothing saved').toBe(before);
  return error as ValidationError;
}

/** The step form refuses the step with the GOV.UK error summary, and nothing is saved. */
async function refusedOnPage(created: { childId: string; caseId: string }, type: string, on: string, message: string): Promise<string> {
  const before = await eventCount(created.caseId);
  const url = `/children/${created.childId}/steps/new`;
  const [year, month, day] = on.split('-');
  const response = await postForm(testApp.app, jar, url, { type, 'occurredOn-day': String(Number(day)), 'occurredOn-month': String(Number(month)), 'occurredOn-year': year! }, { csrfFrom: url });
  expect(response.statusCode).toBe(400);
  expect(response.body).toContain('There is a problem');
  expect(response.body).toContain(message);
  expect(await eventCount(created.caseId), 'nothing saved').toBe(before);
  return response.body;
}

const record = (childId: string) => testApp.services.children.childRecord(officer.actor, childId);
const eventOf = async (childId: string, type: string) => (await record(childId)).events.find((event) => event.type === type && !event.correctsEventId)!;
const correct = (caseId: string, eventId: string, input: { change: string; occurredOn?: string; reason: string }, actor = officer.actor) =>
  testApp.services.caseProgress.correctEvent(actor, caseId, eventId, input);

beforeAll(async () => {
  testApp = await createTestApp({ clock });
  officer = await anOfficer(testApp);
  otherOfficer = await anOfficer(testApp);
  manager = await anOfficer(testApp, { role: 'team_manager' });
  jar = await signIn(testApp.app, officer.user.email, officer.password);
});
afterAll(async () => {
  await testApp?.close();
});

describe('steps in the order of the process, refused with what is missing and nothing saved', () => {
  it('a final plan on a case at "request received" names the draft plan it needs (CFA 2014 s.38; SEND Regs 2014 reg. 13), on the service and the page', async () => {
    const created = await aCase(testApp, officer.actor, { receivedOn: '2026-10-01' });
    expect((await refusal(created.caseId, 'plan.issued', '2026-11-20')).problems).toEqual([{ field: 'type', message: 'Record the draft plan before the final plan' }]);
    await refusedOnPage(created, 'plan.issued', '2026-11-20', 'Record the draft plan before the final plan');
    expect((await record(created.childId)).openCase?.stage).toBe('request');
  });

  it('the decision whether to assess is not a step (SEND Regs 2014 reg. 5): the step form points to the decision page, where it is made with its reasons', async () => {
    const created = await aCase(testApp, officer.actor, { stage: 'assessment', receivedOn: '2026-09-01' });
    expect((await refusal(created.caseId, 'assessment.agreed', '2026-11-20')).problems).toEqual([{ field: 'type', message: DECISION_PAGE_ONLY }]);
    expect((await refusal(created.caseId, 'assessment.refused', '2026-11-20')).problems).toEqual([{ field: 'type', message: DECISION_PAGE_ONLY }]);
  });

  it('a review meeting on a case with no plan is refused (CFA 2014 s.44; SEND Regs 2014 reg. 20)', async () => {
    const created = await aCase(testApp, officer.actor, { stage: 'assessment', receivedOn: '2026-09-01' });
    expect((await refusal(created.caseId, 'review.scheduled', '2026-12-10')).problems[0]!.message).toBe('Record the final plan before arranging its annual review');
    expect((await refusal(created.caseId, 'review.held', '2026-11-20')).problems[0]!.message).toBe('Record the final plan before its annual review');
    await refusedOnPage(created, 'review.scheduled', '2026-12-10', 'Record the final plan before arranging its annual review');
    await refusedOnPage(created, 'review.held', '2026-11-20', 'Record the final plan before its annual review');
    expect((await record(created.childId)).openCase?.stage).toBe('assessment');
  });

  it('a second final plan is refused (CFA 2014 s.39(5))', async () => {
    const created = await aCase(testApp, officer.actor, { stage: 'plan', receivedOn: '2026-01-05' });
    expect((await refusal(created.caseId, 'plan.issued', '2026-11-20')).problems[0]!.message).toBe('A final plan is already issued: to change it, propose amendments');
    await refusedOnPage(created, 'plan.issued', '2026-11-20', 'A final plan is already issued: to change it, propose amendments');
  });

  it('a final plan inside the family’s 15 days to comment on the draft is refused, with the first day it may be issued (SEND Regs 2014 reg. 13(1)(a))', async () => {
    const created = await aCase(testApp, officer.actor, { stage: 'draft', receivedOn: '2026-07-01', stepDates: { 'draft.issued': '2026-11-10' } });
    expect((await refusal(created.caseId, 'plan.issued', '2026-11-23')).problems).toEqual([
      {
        field: 'occurredOn',
        message: 'The family have until 2026-11-24 to comment on the draft plan (at least 15 days, SEND Regs 2014 reg. 13(1)(a)): the final plan can be issued from 2026-11-25',
      },
    ]);
    const page = await refusedOnPage(created, 'plan.issued', '2026-11-23', 'The family have until 24 November 2026 to comment on the draft plan');
    expect(page).toContain('href="#occurredOn-day"');
  });
});

describe('corrections: a new event naming the one it corrects, with a reason; nothing deleted', () => {
  it('withdraws a final plan recorded by mistake: the stage and deadlines are worked out again, and the history shows both', async () => {
    const created = await aCase(testApp, officer.actor, { stage: 'plan', receivedOn: '2026-05-01' });
    const plan = await eventOf(created.childId, 'plan.issued');
    const before = await eventCount(created.caseId);
    await correct(created.caseId, plan.id, { change: 'withdraw', reason: 'Recorded on the wrong child' });
    expect(await eventCount(created.caseId)).toBe(before + 1);
    const after = await record(created.childId);
    expect(after.openCase?.stage).toBe('draft');
    expect(after.deadlines.find((deadline) => deadline.deadlineId === 'final-plan')?.metOn).toBeNull();
    expect(after.deadlines.some((deadline) => deadline.deadlineId === 'review-due')).toBe(false);
    expect(after.history.find((entry) => entry.id === plan.id)).toMatchObject({ corrected: true, correctable: false });
    expect(after.history.find((entry) => entry.correction)?.correction).toMatchObject({ title: 'Final EHC plan issued', change: 'withdraw', reason: 'Recorded on the wrong child' });

    const page = await getPage(testApp.app, jar, `/children/${created.childId}`);
    expect(page.body).toMatch(/<del><strong>[^<]+<\/strong><br>Final EHC plan issued<\/del>/);
    expect(page.body).toContain('Reason: Recorded on the wrong child');
    // Recorded again, properly, once the correction stands.
    await testApp.services.caseProgress.recordStep(officer.actor, created.caseId, 'plan.issued', '2026-11-20');
    expect((await record(created.childId)).openCase?.stage).toBe('plan');
    await expect(correct(created.caseId, plan.id, { change: 'withdraw', reason: 'again' })).rejects.toThrow(ConflictError);
  });

  it('gives a step the date it really happened, and its deadlines follow (SEND Regs 2014 reg. 5(1))', async () => {
    const created = await aCase(testApp, officer.actor, { stage: 'assessment', receivedOn: '2026-09-01', stepDates: { 'assessment.agreed': '2026-10-20' } });
    const decision = await eventOf(created.childId, 'assessment.agreed');
    await correct(created.caseId, decision.id, { change: 'redate', occurredOn: '2026-10-06', reason: 'The letter went on 6 October' }, manager.actor);
    const after = await record(created.childId);
    expect(after.deadlines.find((deadline) => deadline.deadlineId === 'decision-to-assess')).toMatchObject({ metOn: '2026-10-06', status: 'met-on-time' });
    expect(after.history.filter((entry) => entry.title === 'Decided to assess').map((entry) => [entry.occurredOn, entry.corrected])).toEqual([
      ['2026-10-20', true],
      ['2026-10-06', false],
    ]);
  });

  it('gives the request the date it was received: the case, the request and the 20 weeks follow (SEND Regs 2014 regs 5(1), 13(2))', async () => {
    const created = await aCase(testApp, officer.actor, { receivedOn: '2026-10-20' });
    const request = await eventOf(created.childId, 'request.received');
    await expect(correct(created.caseId, request.id, { change: 'withdraw', reason: 'x' })).rejects.toThrow(/A request cannot be withdrawn/);
    await correct(created.caseId, request.id, { change: 'redate', occurredOn: '2026-10-13', reason: 'Date-stamped a week earlier by the post room' });
    const after = await record(created.childId);
    expect(after.openCase?.openedOn).toBe('2026-10-13');
    expect(after.deadlines.find((deadline) => deadline.deadlineId === 'final-plan')?.dueOn).toBe('2027-03-02');
    const [row] = await queryRows<{ received_on: string }>(testApp.database.db, sql`SELECT received_on FROM assessment_request WHERE case_id = ${created.caseId}`);
    expect(row?.received_on).toBe('2026-10-13');
  });

  it('is refused when it would leave a later step out of order, with what it would break', async () => {
    const created = await aCase(testApp, officer.actor, { stage: 'plan', receivedOn: '2026-05-01' });
    const draft = await eventOf(created.childId, 'draft.issued');
    const before = await eventCount(created.caseId);
    const error = (await correct(created.caseId, draft.id, { change: 'withdraw', reason: 'Not sent' }).catch((caught: unknown) => caught)) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.problems[0]!.message).toMatch(/^This would leave “Final EHC plan issued” \(\d{4}-\d{2}-\d{2}\) out of order: Record the draft plan before the final plan$/);
    expect(await eventCount(created.caseId)).toBe(before);
  });

  it('withdraws a decision not to assess recorded in error, opening the case again', async () => {
    const created = await aCase(testApp, officer.actor, { stage: 'closed', receivedOn: '2026-09-01' });
    const [refused] = await queryRows<{ id: string }>(testApp.database.db, sql`SELECT id FROM case_event WHERE case_id = ${created.caseId} AND type = 'assessment.refused'`);
    expect((await record(created.childId)).openCase).toBeUndefined();
    await correct(created.caseId, refused!.id, { change: 'withdraw', reason: 'The panel agreed to assess; the wrong outcome was keyed' }, manager.actor);
    const after = await record(created.childId);
    expect(after.openCase).toMatchObject({ stage: 'request' });
    expect(after.deadlines.find((deadline) => deadline.deadlineId === 'decision-to-assess')?.metOn).toBeNull();
  });

  it('withdraws an exception recorded in error: kept on the record, counted for nothing (SEND Regs 2014 reg. 13(3))', async () => {
    const created = await aCase(testApp, officer.actor, { stage: 'draft', receivedOn: '2026-05-01', stepDates: { 'draft.issued': '2026-09-01' } });
    await testApp.services.caseProgress.recordException(officer.actor, created.caseId, { reason: 'absent-from-area', evidence: 'Abroad in August', startsOn: '2026-08-01' });
    await testApp.services.caseProgress.recordStep(officer.actor, created.caseId, 'plan.issued', '2026-11-02');
    expect((await record(created.childId)).week20).toMatchObject({ outcome: 'excluded' });
    const exception = await eventOf(created.childId, 'exception.recorded');
    await expect(correct(created.caseId, exception.id, { change: 'redate', occurredOn: '2026-08-02', reason: 'x' })).rejects.toThrow(/cannot be given another date/);
    await correct(created.caseId, exception.id, { change: 'withdraw', reason: 'The family were here all summer' });
    const after = await record(created.childId);
    expect(after.week20).toMatchObject({ outcome: 'late' });
    expect(after.exceptions).toEqual([expect.objectContaining({ withdrawn: true, evidence: 'Abroad in August' })]);
    expect((await getPage(testApp.app, jar, `/children/${created.childId}`)).body).toContain('(withdrawn as recorded in error)');
  });

  it('a decision on the assessment is corrected only by a team manager or service lead: a case officer is refused, and not offered the link', async () => {
    const created = await aCase(testApp, officer.actor, { stage: 'assessment', receivedOn: '2026-09-01' });
    const decision = await eventOf(created.childId, 'assessment.agreed');
    const before = await eventCount(created.caseId);
    await expect(correct(created.caseId, decision.id, { change: 'withdraw', reason: 'x' })).rejects.toThrow(DECISION_CORRECTION);
    await expect(testApp.services.caseProgress.correctionOf(officer.actor, created.caseId, decision.id)).rejects.toThrow(DECISION_CORRECTION);
    expect(await eventCount(created.caseId)).toBe(before);
    const page = await getPage(testApp.app, jar, `/children/${created.childId}`);
    expect(page.body).not.toContain(`/cases/${created.caseId}/events/${decision.id}/correct`);
    expect((await getPage(testApp.app, jar, `/cases/${created.caseId}/events/${decision.id}/correct`)).statusCode).toBe(403);
    const managerJar = await signIn(testApp.app, manager.user.email, manager.password);
    expect((await getPage(testApp.app, managerJar, `/children/${created.childId}`)).body).toContain(`/cases/${created.caseId}/events/${decision.id}/correct`);
  });

  it('the correction form shows an error summary for each missing answer, and saves nothing', async () => {
    const created = await aCase(testApp, officer.actor, { stage: 'draft', receivedOn: '2026-09-01' });
    const draft = await eventOf(created.childId, 'draft.issued');
    const url = `/cases/${created.caseId}/events/${draft.id}/correct`;
    const form = await getPage(testApp.app, jar, url);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Correct the record');
    const before = await eventCount(created.caseId);
    const empty = await postForm(testApp.app, jar, url, { reason: ' ' }, { csrfFrom: url });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Select what was wrong');
    expect(empty.body).toContain('Say why the record is being corrected');
    const badDate = await postForm(testApp.app, jar, url, { change: 'redate', 'occurredOn-day': '31', 'occurredOn-month': '2', 'occurredOn-year': '2026', reason: 'Wrong day' }, { csrfFrom: url });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.body).toContain('Enter the date it happened as a real date');
    expect(await eventCount(created.caseId)).toBe(before);
    const saved = await postForm(testApp.app, jar, url, { change: 'withdraw', reason: 'Keyed on the wrong case' }, { csrfFrom: url });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/children/${created.childId}?saved=correction`);
  });

  it('is refused on a restricted record the officer may not see, as if it did not exist', async () => {
    const created = await aCase(testApp, officer.actor, { stage: 'assessment', receivedOn: '2026-09-01' });
    await queryRows(testApp.database.db, sql`UPDATE child SET sensitive = true WHERE id = ${created.childId}`);
    const decision = await eventOf(created.childId, 'assessment.agreed');
    await expect(correct(created.caseId, decision.id, { change: 'withdraw', reason: 'x' }, otherOfficer.actor)).rejects.toThrow(NotFoundError);
    await expect(testApp.services.caseProgress.correctionOf(otherOfficer.actor, created.caseId, decision.id)).rejects.toThrow(NotFoundError);
  });
});
