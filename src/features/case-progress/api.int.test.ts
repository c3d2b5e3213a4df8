// Steps, exceptions, corrections and a case's history through the API: the same service calls as
// the pages, so the same order of the process, the same access rules and the same corrections;
// each refusal is problem+json naming the field.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { aCase, anApiToken, anOfficer } from '../../test/factories/index.ts';
import { apiTestbed } from '../../test/api.ts';
import { expectProblem } from '../../test/problems.ts';
import { listAccessFor } from '../audit/index.ts';

const clock = fixedClock('2026-11-23T10:00:00Z');
const bed = apiTestbed(clock);
/** A team manager's token: the decisions, and their corrections, are theirs. */
let managerToken: string;

beforeAll(async () => {
  managerToken = await anApiToken(bed.testApp, await anOfficer(bed.testApp, { role: 'team_manager' }));
});

const post = (url: string, payload: unknown, bearer = bed.token) =>
  bed.testApp.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
const get = (url: string, bearer = bed.token) => bed.testApp.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${bearer}` } });
const events = (caseId: string) => `/api/v1/cases/${caseId}/events`;

async function eventCount(caseId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(bed.testApp.database.db, sql`SELECT count(*)::int AS n FROM case_event WHERE case_id = ${caseId}`);
  return row!.n;
}


/** A step posted that the order of the process refuses: 400 naming the field, and nothing saved. */
async function refusedStep(caseId: string, type: string, occurredOn: string, field: string, message: string | RegExp) {
  const before = await eventCount(caseId);
  const response = await post(events(caseId), { type, occurredOn });
  expectProblem(response, 400, { title: 'Bad request', field });
  const [first] = response.json().errors as { field: string; message: string }[];
  expect(first!.field).toBe(field);
  if (typeof message === 'string') expect(first!.message).toBe(message);
  else expect(first!.message).toMatch(message);
  expect(await eventCount(caseId), 'nothing saved').toBe(before);
}

describe('POST /api/v1/cases/{caseId}/events: a step', () => {
  it('records it, moves the case and answers 201 with the event and where it is', async () => {
    const created = await aCase(bed.testApp, bed.officer.actor, { stage: 'assessment', receivedOn: '2026-09-01', stepDates: { 'assessment.agreed': '2026-10-01' } });
    const response = await post(events(created.caseId), { type: 'draft.issued', occurredOn: '2026-11-05' });
    expect(response.statusCode, response.body).toBe(201);
    const event = response.json();
    expect(event).toEqual({
      id: expect.any(String),
      caseId: created.caseId,
      type: 'draft.issued',
      title: 'Draft EHC plan issued',
      occurredOn: '2026-11-05',
      recordedAt: '2026-11-23T10:00:00.000Z',
      corrected: false,
      correctsEventId: null,
      replacesEventId: null,
    });
    expect(response.headers.location).toBe(`/api/v1/cases/${created.caseId}/events/${event.id}`);
    const found = await get(response.headers.location as string);
    expect(found.statusCode).toBe(200);
    expect(found.json()).toEqual(event);
    const record = await bed.testApp.services.children.childRecord(bed.officer.actor, created.childId);
    expect(record.openCase?.stage).toBe('draft');
    expect(record.deadlines.find((deadline) => deadline.deadlineId === 'draft-comments')?.dueOn).toBe('2026-11-19');
  });

  it('a final plan on a new request is refused, naming the draft plan it needs (CFA 2014 s.38; SEND Regs 2014 reg. 13)', async () => {
    const created = await aCase(bed.testApp, bed.officer.actor, { receivedOn: '2026-10-01' });
    await refusedStep(created.caseId, 'plan.issued', '2026-11-20', 'type', 'Record the draft plan before the final plan');
  });

  it('the decisions are not steps (SEND Regs 2014 regs 5 and 10): the schema refuses them, and /decisions takes them with their reasons', async () => {
    const created = await aCase(bed.testApp, bed.officer.actor, { receivedOn: '2026-10-01' });
    for (const type of ['assessment.agreed', 'assessment.refused', 'plan.refused', 'request.withdrawn']) {
      expectProblem(await post(events(created.caseId), { type, occurredOn: '2026-11-20' }), 400, { field: 'type' });
    }
    expect(await eventCount(created.caseId)).toBe(1);
  });

  it('a review meeting on a case with no plan is refused (CFA 2014 s.44; SEND Regs 2014 reg. 20)', async () => {
    const created = await aCase(bed.testApp, bed.officer.actor, { stage: 'assessment', receivedOn: '2026-09-01' });
    await refusedStep(created.caseId, 'review.held', '2026-11-20', 'type', 'Record the final plan before its annual review');
  });

  it('a second final plan is refused (CFA 2014 s.39(5))', async () => {
    const created = await aCase(bed.testApp, bed.officer.actor, { stage: 'plan', receivedOn: '2026-01-05' });
    await refusedStep(created.caseId, 'plan.issued', '2026-11-20', 'type', 'A final plan is already issued: to change it, propose amendments');
  });

  it('a final plan inside the family’s 15 days to comment on the draft is refused, with the first day it may be issued (SEND Regs 2014 reg. 13(1)(a))', async () => {
    const created = await aCase(bed.testApp, bed.officer.actor, { stage: 'draft', receivedOn: '2026-07-01', stepDates: { 'draft.issued': '2026-11-10' } });
    await refusedStep(
      created.caseId,
      'plan.issued',
      '2026-11-23',
      'occurredOn',
      'The family have until 2026-11-24 to comment on the draft plan (at least 15 days, SEND Regs 2014 reg. 13(1)(a)): the final plan can be issued from 2026-11-25',
    );
  });

  it('a step the catalogue does not let an officer record, a date in the future and a body with other fields are refused by the schema', async () => {
    const created = await aCase(bed.testApp, bed.officer.actor, { receivedOn: '2026-10-01' });
    expectProblem(await post(events(created.caseId), { type: 'step.corrected', occurredOn: '2026-11-05' }), 400, { field: 'type', errors: [{ field: 'type', message: expect.stringMatching(/^type must be one of: draft\.issued, /) }] });
    expectProblem(await post(events(created.caseId), { type: 'draft.issued', occurredOn: '2026-11-24' }), 400, { field: 'occurredOn', errors: [{ field: 'occurredOn', message: 'The date must be today or in the past' }] });
    expectProblem(await post(events(created.caseId), { type: 'draft.issued', occurredOn: '5 November' }), 400, { field: 'occurredOn' });
    expectProblem(await post(events(created.caseId), { type: 'draft.issued', occurredOn: '2026-11-05', officer: 'me' }), 400, {
      errors: [{ field: 'officer', message: 'officer is not a field this API takes' }],
    });
    expect(await eventCount(created.caseId)).toBe(1);
  });

  it('a closed case is a conflict, an unknown case is not found, and a board member may not record', async () => {
    const closed = await aCase(bed.testApp, bed.officer.actor, { stage: 'closed', receivedOn: '2026-09-01' });
    expectProblem(await post(events(closed.caseId), { type: 'draft.issued', occurredOn: '2026-11-05' }), 409, { detail: 'This case is closed' });
    expectProblem(await post(events(uuidv7()), { type: 'draft.issued', occurredOn: '2026-11-05' }), 404, { detail: 'No such case' });
    const open = await aCase(bed.testApp, bed.officer.actor, { receivedOn: '2026-10-01' });
    expectProblem(await post(events(open.caseId), { type: 'draft.issued', occurredOn: '2026-11-05' }, bed.boardToken), 403, { title: 'Forbidden' });
  });

  it('a restricted child’s case answers 404 exactly as an unknown one, and the refusal is logged', async () => {
    const created = await aCase(bed.testApp, bed.officer.actor, { stage: 'assessment', receivedOn: '2026-09-01', stepDates: { 'assessment.agreed': '2026-10-01' } });
    await queryRows(bed.testApp.database.db, sql`UPDATE child SET sensitive = true WHERE id = ${created.childId}`);
    const step = { type: 'draft.issued', occurredOn: '2026-11-05' };
    const refused = await post(events(created.caseId), step, bed.outsiderToken);
    const unknown = await post(events(uuidv7()), step, bed.outsiderToken);
    expect(refused.statusCode).toBe(404);
    expect(refused.json()).toEqual(unknown.json());
    expect((await get(events(created.caseId), bed.outsiderToken)).json()).toEqual((await get(events(uuidv7()), bed.outsiderToken)).json());
    const access = await listAccessFor(bed.testApp.database.db, bed.testApp.authorityId, created.childId);
    expect(access.map((entry) => entry.view)).toEqual(expect.arrayContaining(['refused:case-progress', 'refused:api:history']));
    // The bed.officer who holds the case still can.
    expect((await post(events(created.caseId), step)).statusCode).toBe(201);
  });
});

describe('POST /api/v1/cases/{caseId}/exceptions: an exception to the time limits', () => {
  it('records it with its reason and answers 201 with the event and where it is', async () => {
    const created = await aCase(bed.testApp, bed.officer.actor, { receivedOn: '2026-10-01' });
    const response = await post(`/api/v1/cases/${created.caseId}/exceptions`, { reason: 'exceptional-personal-circumstances', evidence: 'Abroad for a bereavement', startsOn: '2026-11-16' });
    expect(response.statusCode, response.body).toBe(201);
    const event = response.json();
    expect(event).toMatchObject({ type: 'exception.recorded', occurredOn: '2026-11-16', exception: { id: expect.any(String), reason: 'exceptional-personal-circumstances' } });
    expect(response.headers.location).toBe(`/api/v1/cases/${created.caseId}/events/${event.id}`);
    const record = await bed.testApp.services.children.childRecord(bed.officer.actor, created.childId);
    expect(record.exceptions).toEqual([expect.objectContaining({ id: event.exception.id, evidence: 'Abroad for a bereavement', withdrawn: false })]);
  });

  it('refuses what the exception form refuses, with the same messages', async () => {
    const created = await aCase(bed.testApp, bed.officer.actor, { receivedOn: '2026-10-01' });
    const url = `/api/v1/cases/${created.caseId}/exceptions`;
    expectProblem(await post(url, { reason: 'exceptional-personal-circumstances', evidence: '  ', startsOn: '2026-11-16' }), 400, {
      errors: [{ field: 'evidence', message: 'Describe the evidence that the exception applies' }],
    });
    expectProblem(await post(url, { reason: 'exceptional-personal-circumstances', evidence: 'x'.repeat(2001), startsOn: '2026-11-16' }), 400, {
      errors: [{ field: 'evidence', message: 'The evidence must be 2,000 characters or fewer' }],
    });
    expectProblem(await post(url, { reason: 'exceptional-personal-circumstances', evidence: 'Abroad', startsOn: '2026-09-01' }), 400, {
      errors: [{ field: 'startsOn', message: 'The date must be on or after the request was received' }],
    });
    expectProblem(await post(url, { reason: 'staff-shortage', evidence: 'Abroad', startsOn: '2026-11-16' }), 400, { field: 'reason' });
    expect(await eventCount(created.caseId)).toBe(1);
  });
});

describe('POST /api/v1/cases/{caseId}/events/{eventId}/corrections: a correction', () => {
  const history = async (caseId: string) => (await get(events(caseId))).json() as { events: { id: string; type: string; corrected: boolean; occurredOn: string }[] };

  it('gives a step the date it really happened: the correction names it, the history keeps both, and the new event replaces it', async () => {
    const created = await aCase(bed.testApp, bed.officer.actor, { stage: 'assessment', receivedOn: '2026-09-01', stepDates: { 'assessment.agreed': '2026-10-20' } });
    const decision = (await history(created.caseId)).events.find((event) => event.type === 'assessment.agreed')!;
    // A decision is corrected by those who may make it.
    expectProblem(await post(`${events(created.caseId)}/${decision.id}/corrections`, { change: 'redate', occurredOn: '2026-10-06', reason: 'The letter went on 6 October' }), 403);
    const response = await post(`${events(created.caseId)}/${decision.id}/corrections`, { change: 'redate', occurredOn: '2026-10-06', reason: 'The letter went on 6 October' }, managerToken);
    expect(response.statusCode, response.body).toBe(201);
    const correction = response.json();
    expect(correction).toMatchObject({
      type: 'step.corrected',
      title: 'Correction',
      occurredOn: '2026-11-23',
      correctsEventId: decision.id,
      correction: { change: 'redate', reason: 'The letter went on 6 October', newDate: '2026-10-06', replacementEventId: expect.any(String) },
    });
    expect(response.headers.location).toBe(`/api/v1/cases/${created.caseId}/events/${correction.id}`);

    const after = await get(events(created.caseId));
    expect(after.statusCode).toBe(200);
    const body = after.json();
    expect(body).toMatchObject({ caseId: created.caseId, childId: created.childId, reference: created.reference });
    // Newest first: by the date each happened.
    expect(body.events.map((event: { type: string; occurredOn: string; corrected: boolean }) => [event.type, event.occurredOn, event.corrected])).toEqual([
      ['step.corrected', '2026-11-23', false],
      ['assessment.agreed', '2026-10-20', true],
      ['assessment.agreed', '2026-10-06', false],
      ['request.received', '2026-09-01', false],
    ]);
    const replacement = body.events.find((event: { id: string }) => event.id === correction.correction.replacementEventId);
    expect(replacement).toMatchObject({ occurredOn: '2026-10-06', replacesEventId: decision.id, corrected: false });
    const record = await bed.testApp.services.children.childRecord(bed.officer.actor, created.childId);
    expect(record.deadlines.find((deadline) => deadline.deadlineId === 'decision-to-assess')?.metOn).toBe('2026-10-06');
  });

  it('withdraws an exception, and refuses a second correction of it as a conflict', async () => {
    const created = await aCase(bed.testApp, bed.officer.actor, { receivedOn: '2026-10-01' });
    const recorded = (await post(`/api/v1/cases/${created.caseId}/exceptions`, { reason: 'school-closure', evidence: 'Closed for flooding', startsOn: '2026-11-02' })).json();
    const url = `${events(created.caseId)}/${recorded.id}/corrections`;
    expect((await post(url, { change: 'withdraw', reason: 'Recorded on the wrong case' })).statusCode).toBe(201);
    expect((await get(`${events(created.caseId)}/${recorded.id}`)).json()).toMatchObject({ corrected: true });
    expectProblem(await post(url, { change: 'withdraw', reason: 'Again' }), 409, { detail: 'This has already been corrected' });
  });

  it('refuses what the correction form refuses: no reason, a redate without a date, an exception re-dated, a history left out of order', async () => {
    const created = await aCase(bed.testApp, bed.officer.actor, { stage: 'draft', receivedOn: '2026-07-01' });
    const all = (await history(created.caseId)).events;
    const decision = all.find((event) => event.type === 'assessment.agreed')!;
    const url = `${events(created.caseId)}/${decision.id}/corrections`;
    const before = await eventCount(created.caseId);
    expectProblem(await post(url, { change: 'withdraw', reason: ' ' }, managerToken), 400, { errors: [{ field: 'reason', message: 'Say why the record is being corrected' }] });
    expectProblem(await post(url, { change: 'redate', reason: 'Wrong day' }, managerToken), 400, { errors: [{ field: 'occurredOn', message: 'Enter the date it happened as a real date' }] });
    expectProblem(await post(url, { change: 'delete', reason: 'Wrong day' }, managerToken), 400, { field: 'change' });
    // Withdrawing the decision would leave the draft with no decision to assess before it.
    expectProblem(await post(url, { change: 'withdraw', reason: 'Not decided' }, managerToken), 400, { field: 'change', detail: expect.stringContaining('out of order') });
    expectProblem(await post(`${events(created.caseId)}/${uuidv7()}/corrections`, { change: 'withdraw', reason: 'Unknown' }, managerToken), 404, { detail: 'No such step on this case' });
    expect(await eventCount(created.caseId)).toBe(before);
  });
});

describe('GET /api/v1/cases/{caseId}/events: the history', () => {
  it('is newest first, each view written to the access log; an event of another case is not found', async () => {
    const created = await aCase(bed.testApp, bed.officer.actor, { stage: 'draft', receivedOn: '2026-07-01' });
    const response = await get(events(created.caseId));
    expect(response.statusCode).toBe(200);
    expect(response.json().events.map((event: { type: string }) => event.type)).toEqual(['draft.issued', 'assessment.agreed', 'request.received']);
    const access = await listAccessFor(bed.testApp.database.db, bed.testApp.authorityId, created.childId);
    expect(access.map((entry) => entry.view)).toContain('api:history');
    const other = await aCase(bed.testApp, bed.officer.actor);
    const otherEvent = (await get(events(other.caseId))).json().events[0].id;
    expectProblem(await get(`${events(created.caseId)}/${otherEvent}`), 404, { detail: 'No such event on this case' });
    expectProblem(await get(events('not-a-case')), 400, { field: 'caseId' });
  });
});

describe('a case’s deadlines through the API, counted as the law counts', () => {
  // "Within N weeks of" a day does not count that day (the general rule): it ends N weeks after it.
  // "N days beginning with" a day counts it as day 1. The answer gives each rule in its basis.
  it('SEND Regs 2014 regs 5(1), 13(2) and 13(1)(a): 6 and 20 weeks after the request; 15 days beginning with the day the draft is served', async () => {
    const created = await aCase(bed.testApp, bed.officer.actor, { stage: 'draft', receivedOn: '2026-06-10', stepDates: { 'assessment.agreed': '2026-07-15', 'draft.issued': '2026-10-01' } });
    const response = await get(`/api/v1/children/${created.childId}`);
    expect(response.statusCode).toBe(200);
    const deadlines = Object.fromEntries((response.json().deadlines as { id: string; due: string; basis: string }[]).map((deadline) => [deadline.id, deadline]));
    expect(deadlines['decision-to-assess']).toMatchObject({ due: '2026-07-22', basis: expect.stringContaining('reg. 5(1): 6 weeks (42 days) from the request received on 2026-06-10') });
    expect(deadlines['final-plan']).toMatchObject({ due: '2026-10-28', basis: expect.stringContaining('reg. 13(2): 20 weeks (140 days) from the request received on 2026-06-10') });
    expect(deadlines['draft-comments']).toMatchObject({ due: '2026-10-15', basis: expect.stringContaining('A period beginning with a day counts that day as day 1, so day 15 is 2026-10-15') });
  });
});
