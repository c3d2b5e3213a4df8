// Allocation through the API: POST /api/v1/allocations gives cases in the unallocated queue to an
// officer (the same rules as the page, each refusal problem+json with nothing saved, answered once
// for an Idempotency-Key), and GET /api/v1/caseload gives managers each officer's open cases and
// the queue with the day each case joined it.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { apiTestbed } from '../../test/api.ts';
import { aCase, anApiToken, anOfficer, type TestOfficer } from '../../test/factories/index.ts';
import { expectProblem } from '../../test/problems.ts';

const clock = fixedClock('2026-11-23T10:00:00Z');
const bed = apiTestbed(clock);
let manager: TestOfficer;
let managerToken: string;

beforeAll(async () => {
  manager = await anOfficer(bed.testApp, { role: 'team_manager' });
  managerToken = await anApiToken(bed.testApp, manager);
});

const post = (payload: unknown, options: { bearer?: string; key?: string } = {}) =>
  bed.testApp.app.inject({
    method: 'POST',
    url: '/api/v1/allocations',
    headers: { authorization: `Bearer ${options.bearer ?? managerToken}`, 'content-type': 'application/json', ...(options.key ? { 'idempotency-key': options.key } : {}) },
    payload: JSON.stringify(payload),
  });
const aWaitingCase = () => aCase(bed.testApp, manager.actor, { receivedOn: '2026-11-02' });

async function written(caseId: string) {
  const [row] = await queryRows<Record<string, unknown>>(
    bed.testApp.database.db,
    sql`SELECT (SELECT officer_id FROM ehc_case WHERE authority_id = ${bed.testApp.authorityId} AND id = ${caseId}) AS officer,
               (SELECT count(*)::int FROM case_holder WHERE authority_id = ${bed.testApp.authorityId} AND case_id = ${caseId}) AS spells,
               (SELECT count(*)::int FROM case_event WHERE authority_id = ${bed.testApp.authorityId} AND case_id = ${caseId}) AS events`,
  );
  return row!;
}

describe('POST /api/v1/allocations', () => {
  it('allocates the cases: 201, where the caseload is, and each case moved with its event and spell; a retry with the same key is replayed', async () => {
    const first = await aWaitingCase();
    const second = await aWaitingCase();
    const body = { cases: [first.caseId, second.caseId], officer: bed.officer.user.id };
    const response = await post(body, { key: 'alloc-api-1' });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.headers.location).toBe('/api/v1/caseload');
    const answer = response.json();
    expect(answer).toMatchObject({ officer: { id: bed.officer.user.id, name: bed.officer.user.name }, unsent: 2 });
    expect(answer.cases.map((entry: { caseId: string; previousOfficerId: string | null }) => [entry.caseId, entry.previousOfficerId])).toEqual([
      [first.caseId, null],
      [second.caseId, null],
    ]);
    expect(await written(first.caseId)).toEqual({ officer: bed.officer.user.id, spells: 2, events: 2 });

    const again = await post(body, { key: 'alloc-api-1' });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(answer);
    expect(await written(first.caseId)).toEqual({ officer: bed.officer.user.id, spells: 2, events: 2 });
    expectProblem(await post({ ...body, cases: [first.caseId] }, { key: 'alloc-api-1' }), 422, { field: 'Idempotency-Key' });
  });

  it('refuses as problem+json, nothing saved: no case or officer (400 naming each), an inactive or unknown officer (400), a case of no one’s (404), a case already allocated (409), a case officer (403)', async () => {
    const waiting = await aWaitingCase();
    const before = await written(waiting.caseId);
    expectProblem(await post({ cases: [], officer: '' }), 400, {
      errors: [
        { field: 'cases', message: 'Select the cases to allocate' },
        { field: 'officer', message: 'Select the officer to allocate the cases to' },
      ],
    });
    expectProblem(await post({ cases: [waiting.caseId], officer: '01937a40-2c1d-7e3f-8a9b-0c1d2e3f4a5b' }), 400, { field: 'officer' });
    expectProblem(await post({ cases: [waiting.caseId, '01937a40-2c1d-7e3f-8a9b-0c1d2e3f4a5b'], officer: bed.officer.user.id }), 404, { detail: 'No such case' });
    expectProblem(await post({ cases: ['not-a-case'], officer: bed.officer.user.id }), 400);
    expectProblem(await post({ cases: [waiting.caseId], officer: bed.officer.user.id }, { bearer: bed.token }), 403);
    expect(await written(waiting.caseId)).toEqual(before);

    const held = await aCase(bed.testApp, bed.officer.actor);
    expectProblem(await post({ cases: [waiting.caseId, held.caseId], officer: bed.officer.user.id }), 409, {
      detail: `Case ${held.reference} is already allocated to ${bed.officer.user.name} since 2026-11-23. Nothing was allocated`,
    });
    expect(await written(waiting.caseId)).toEqual(before);
  });
});

describe('GET /api/v1/caseload', () => {
  it('gives a manager each officer’s open cases and the queue with the day each case joined it; a case officer and a board member are refused', async () => {
    const waiting = await aWaitingCase();
    const response = await bed.testApp.app.inject({ method: 'GET', url: '/api/v1/caseload', headers: { authorization: `Bearer ${managerToken}` } });
    expect(response.statusCode, response.body).toBe(200);
    const caseload = response.json();
    expect(caseload.officers).toContainEqual({ id: bed.officer.user.id, name: bed.officer.user.name, openCases: expect.any(Number), team: null, cover: null });
    expect(caseload.unallocated.cases).toContainEqual({ caseId: waiting.caseId, reference: waiting.reference, childId: waiting.childId, stage: 'request', unallocatedSince: '2026-11-23' });
    expect(caseload.unallocated.total).toBe(caseload.unallocated.cases.length);
    for (const bearer of [bed.token, bed.boardToken]) {
      expectProblem(await bed.testApp.app.inject({ method: 'GET', url: '/api/v1/caseload', headers: { authorization: `Bearer ${bearer}` } }), 403);
    }
  });
});

describe('the hand-over through the API', () => {
  it('gives the suggestion, then hands over as sent: 201, replayed for the same key; over a cap without a reason is a problem, nothing saved', async () => {
    const leaving = await anOfficer(bed.testApp, { name: 'Leah Api' });
    const receiving = await anOfficer(bed.testApp, { name: 'Rita Api' });
    const held = await aCase(bed.testApp, leaving.actor);
    const suggestion = await bed.testApp.app.inject({ method: 'GET', url: `/api/v1/handovers/${leaving.user.id}/suggestion`, headers: { authorization: `Bearer ${managerToken}` } });
    expect(suggestion.statusCode, suggestion.body).toBe(200);
    const plan = suggestion.json();
    expect(plan.officer).toEqual({ id: leaving.user.id, name: 'Leah Api', leavingOn: null });
    expect(plan.cases).toEqual([expect.objectContaining({ caseId: held.caseId, liveAppeal: false, suggestion: expect.objectContaining({ overCap: false, explanation: expect.any(String) }) })]);
    expectProblem(await bed.testApp.app.inject({ method: 'GET', url: `/api/v1/handovers/${leaving.user.id}/suggestion`, headers: { authorization: `Bearer ${bed.token}` } }), 403);

    const send = (payload: unknown, key: string) =>
      bed.testApp.app.inject({ method: 'POST', url: '/api/v1/handovers', headers: { authorization: `Bearer ${managerToken}`, 'content-type': 'application/json', 'idempotency-key': key }, payload: JSON.stringify(payload) });
    const admin = await anOfficer(bed.testApp, { role: 'admin' });
    const { user } = await bed.testApp.services.users.user(admin.actor, receiving.user.id);
    await bed.testApp.services.users.setCapacity(admin.actor, receiving.user.id, { version: user.version, fte: '0.1' });
    const extra = [held, await aCase(bed.testApp, leaving.actor), await aCase(bed.testApp, leaving.actor), await aCase(bed.testApp, leaving.actor), await aCase(bed.testApp, leaving.actor)];
    const before = await written(held.caseId);
    expectProblem(await send({ from: leaving.user.id, cases: extra.map((entry) => ({ caseId: entry.caseId, officerId: receiving.user.id })) }, 'handover-api-0'), 400, { field: 'overCapReason' });
    expect(await written(held.caseId)).toEqual(before);

    const body = { from: leaving.user.id, cases: extra.map((entry) => ({ caseId: entry.caseId, officerId: receiving.user.id })), overCapReason: 'Rita knows these families' };
    const response = await send(body, 'handover-api-1');
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ from: { id: leaving.user.id, name: 'Leah Api' }, recipients: [{ id: receiving.user.id, name: 'Rita Api' }] });
    expect(await written(held.caseId)).toMatchObject({ officer: receiving.user.id, spells: Number(before.spells) + 1, events: Number(before.events) + 1 });
    const again = await send(body, 'handover-api-1');
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
  });
});

/** An officer at 0.1 of full time: a capacity of 4.0 under the default cap of 40.0, so two cases without a school (2.5 each) go over it. */
async function aPartTimeOfficer(name: string) {
  const partTime = await anOfficer(bed.testApp, { name });
  await bed.testApp.database.db.execute(sql`UPDATE staff_user SET fte = 0.1 WHERE id = ${partTime.user.id}`);
  return partTime;
}

describe('the cap per officer through the API (issue 16: allocation respects the council’s cap)', () => {
  it('POST /api/v1/allocations refuses cases that take the officer over their cap without a reason: 422 naming overCapReason, nothing saved; with the reason they are allocated', async () => {
    const small = await aPartTimeOfficer('Sol Small');
    const cases = [await aWaitingCase(), await aWaitingCase()];
    const before = await written(cases[0]!.caseId);
    expectProblem(await post({ cases: cases.map((entry) => entry.caseId), officer: small.user.id }), 422, {
      field: 'overCapReason',
      detail: 'Sol Small would be at 5.0 of 4.0, over the cap: give the reason for going over it, or choose another officer',
    });
    expect(await written(cases[0]!.caseId)).toEqual(before);
    const response = await post({ cases: cases.map((entry) => entry.caseId), officer: small.user.id, overCapReason: 'Sol asked for these two families' });
    expect(response.statusCode, response.body).toBe(201);
    expect(await written(cases[0]!.caseId)).toMatchObject({ officer: small.user.id });
  });
});

describe('PUT /api/v1/cases/{caseId}/officer', () => {
  const put = (caseId: string, payload: unknown, options: { bearer?: string; key?: string } = {}) =>
    bed.testApp.app.inject({
      method: 'PUT',
      url: `/api/v1/cases/${caseId}/officer`,
      headers: { authorization: `Bearer ${options.bearer ?? managerToken}`, 'content-type': 'application/json', ...(options.key ? { 'idempotency-key': options.key } : {}) },
      payload: JSON.stringify(payload),
    });

  it('changes the officer from the one the manager saw: 200 with the case moved, its spell keeping the reason; a retry with the same key is replayed, another request under it is 422', async () => {
    const receiving = await anOfficer(bed.testApp, { name: 'Rex Receiving' });
    const held = await aCase(bed.testApp, bed.officer.actor);
    const before = await written(held.caseId);
    const body = { officer: receiving.user.id, reason: 'Keeps the school’s pupils together', currentOfficer: bed.officer.user.id };
    const response = await put(held.caseId, body, { key: 'officer-put-1' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ officer: { id: receiving.user.id, name: 'Rex Receiving' }, cases: [{ caseId: held.caseId, officerId: receiving.user.id, previousOfficerId: bed.officer.user.id }] });
    expect(await written(held.caseId)).toEqual({ officer: receiving.user.id, spells: Number(before.spells) + 1, events: Number(before.events) + 1 });
    const [spell] = await queryRows<{ reason: string; change: string }>(bed.testApp.database.db, sql`SELECT reason, change FROM case_holder WHERE case_id = ${held.caseId} AND held_to IS NULL`);
    expect(spell).toEqual({ reason: 'Keeps the school’s pupils together', change: 'reallocated' });

    const again = await put(held.caseId, body, { key: 'officer-put-1' });
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await written(held.caseId)).toMatchObject({ spells: Number(before.spells) + 1 });
    expectProblem(await put(held.caseId, { ...body, reason: 'Another reason' }, { key: 'officer-put-1' }), 422, { field: 'Idempotency-Key' });
  });

  it('two managers changing the same case at once: one wins, the other is told 409 and nothing of theirs is saved', async () => {
    const first = await anOfficer(bed.testApp, { name: 'Fay First' });
    const second = await anOfficer(bed.testApp, { name: 'Sid Second' });
    const otherManager = await anOfficer(bed.testApp, { role: 'service_lead' });
    const otherToken = await anApiToken(bed.testApp, otherManager);
    const held = await aCase(bed.testApp, bed.officer.actor);
    const seen = bed.officer.user.id;
    const answers = await Promise.all([
      put(held.caseId, { officer: first.user.id, reason: 'Balancing the team', currentOfficer: seen }, { key: 'race-a' }),
      put(held.caseId, { officer: second.user.id, reason: 'Balancing the team', currentOfficer: seen }, { key: 'race-b', bearer: otherToken }),
    ]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409]);
    const winner = answers.find((answer) => answer.statusCode === 200)!.json().officer.id;
    const loser = answers.find((answer) => answer.statusCode === 409)!;
    expectProblem(loser, 409, { detail: expect.stringContaining('while you were choosing. Nothing was changed') });
    expect(await written(held.caseId)).toMatchObject({ officer: winner });
    const [{ open }] = (await queryRows<{ open: number }>(bed.testApp.database.db, sql`SELECT count(*)::int AS open FROM case_holder WHERE case_id = ${held.caseId} AND held_to IS NULL`)) as [{ open: number }];
    expect(open).toBe(1);
  });

  it('refuses as problem+json, nothing saved: no reason (400), an unknown case (404), a case officer (403), over the cap without a reason (422 naming overCapReason)', async () => {
    const small = await aPartTimeOfficer('Sue Small');
    await aCase(bed.testApp, small.actor);
    const held = await aCase(bed.testApp, bed.officer.actor);
    const before = await written(held.caseId);
    expectProblem(await put(held.caseId, { officer: small.user.id, reason: '', currentOfficer: bed.officer.user.id }), 400, { field: 'reason' });
    expectProblem(await put('01937a40-2c1d-7e3f-8a9b-0c1d2e3f4a5b', { officer: small.user.id, reason: 'Why', currentOfficer: null }), 404);
    expectProblem(await put(held.caseId, { officer: small.user.id, reason: 'Why', currentOfficer: bed.officer.user.id }, { bearer: bed.token }), 403);
    expectProblem(await put(held.caseId, { officer: small.user.id, reason: 'Why', currentOfficer: bed.officer.user.id }), 422, {
      field: 'overCapReason',
      detail: 'Sue Small would be at 5.0 of 4.0, over the cap: give the reason for going over it, or choose another officer',
    });
    expect(await written(held.caseId)).toEqual(before);
    const response = await put(held.caseId, { officer: small.user.id, reason: 'Why', currentOfficer: bed.officer.user.id, overCapReason: 'Only Sue speaks Polish' });
    expect(response.statusCode, response.body).toBe(200);
    const [spell] = await queryRows<{ reason: string }>(bed.testApp.database.db, sql`SELECT reason FROM case_holder WHERE case_id = ${held.caseId} AND held_to IS NULL`);
    expect(spell!.reason).toBe('Why. Over the cap: Only Sue speaks Polish');
  });
});
