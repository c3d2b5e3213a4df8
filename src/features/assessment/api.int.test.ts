// The assessment's decisions through the API: the same rules as the pages, each refusal
// problem+json naming the field with nothing saved, and every write answered once for an
// Idempotency-Key however often it is retried.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { apiTestbed } from '../../test/api.ts';
import { aCase, anApiToken, anOfficer, aPerson } from '../../test/factories/index.ts';
import { expectProblem } from '../../test/problems.ts';

const clock = fixedClock('2026-11-23T10:00:00Z');
const bed = apiTestbed(clock);
let managerToken: string;

beforeAll(async () => {
  managerToken = await anApiToken(bed.testApp, await anOfficer(bed.testApp, { role: 'team_manager' }));
});

const post = (url: string, payload: unknown, options: { bearer?: string; key?: string } = {}) =>
  bed.testApp.app.inject({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${options.bearer ?? bed.token}`, 'content-type': 'application/json', ...(options.key ? { 'idempotency-key': options.key } : {}) },
    payload: JSON.stringify(payload),
  });
const get = (url: string, bearer = bed.token) => bed.testApp.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${bearer}` } });
const aRequest = () => aCase(bed.testApp, bed.officer.actor, { receivedOn: '2026-10-01' });
const REASONS = 'The school’s evidence shows needs it cannot meet from its own resources.';

async function written(caseId: string) {
  const [row] = await queryRows<Record<string, number>>(
    bed.testApp.database.db,
    sql`SELECT (SELECT count(*)::int FROM assessment_decision WHERE authority_id = ${bed.testApp.authorityId} AND case_id = ${caseId}) AS decisions,
               (SELECT count(*)::int FROM request_withdrawal WHERE authority_id = ${bed.testApp.authorityId} AND case_id = ${caseId}) AS withdrawals,
               (SELECT count(*)::int FROM case_event WHERE authority_id = ${bed.testApp.authorityId} AND case_id = ${caseId}) AS events,
               (SELECT count(*)::int FROM outbox_message WHERE authority_id = ${bed.testApp.authorityId} AND case_id = ${caseId}) AS letters`,
  );
  return row!;
}

describe('POST /api/v1/cases/{caseId}/decisions/whether-to-assess', () => {
  it('records the decision of a team manager: 201, where the case’s decisions are, and the decision as the case’s decisions then give it', async () => {
    const created = await aRequest();
    const response = await post(`/api/v1/cases/${created.caseId}/decisions/whether-to-assess`, { outcome: 'do-not-assess', decidedOn: '2026-11-20', reasons: REASONS }, { bearer: managerToken });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.headers.location).toBe(`/api/v1/cases/${created.caseId}/decisions`);
    const decision = response.json();
    expect(decision).toMatchObject({ question: 'assess', outcome: 'do-not-assess', decidedOn: '2026-11-20', reasons: REASONS, appealBy: '2027-01-25', mediationBy: '2027-01-23', standing: true });
    const file = await get(response.headers.location as string);
    expect(file.statusCode).toBe(200);
    expect(file.json()).toMatchObject({ caseId: created.caseId, stage: 'closed', waitingOn: null, decisions: [decision], sen2: { requestOutcome: { code: 'N', date: '2026-11-20' }, assessmentOutcome: null } });
  });

  it('refuses, as problem+json with nothing saved: a date before the request, in the future, no reasons, a case officer, a second decision', async () => {
    const created = await aRequest();
    const url = `/api/v1/cases/${created.caseId}/decisions/whether-to-assess`;
    const before = await written(created.caseId);
    expectProblem(await post(url, { outcome: 'assess', decidedOn: '2026-09-30', reasons: REASONS }, { bearer: managerToken }), 400, {
      field: 'decidedOn',
      errors: [{ field: 'decidedOn', message: 'The decision cannot be dated before the request was received, on 2026-10-01' }],
    });
    expectProblem(await post(url, { outcome: 'assess', decidedOn: '2026-11-24', reasons: REASONS }, { bearer: managerToken }), 400, { field: 'decidedOn' });
    expectProblem(await post(url, { outcome: 'assess', decidedOn: '2026-11-20', reasons: ' ' }, { bearer: managerToken }), 400, { field: 'reasons' });
    expectProblem(await post(url, { outcome: 'assess', decidedOn: '2026-11-20' }, { bearer: managerToken }), 400, { field: 'reasons' });
    expectProblem(await post(url, { outcome: 'yes', decidedOn: '2026-11-20', reasons: REASONS }, { bearer: managerToken }), 400, { field: 'outcome' });
    const forbidden = expectProblem(await post(url, { outcome: 'assess', decidedOn: '2026-11-20', reasons: REASONS }), 403);
    expect(forbidden.detail).toMatch(/Only a team manager or service lead/);
    expect(await written(created.caseId)).toEqual(before);
    expect((await post(url, { outcome: 'assess', decidedOn: '2026-11-20', reasons: REASONS }, { bearer: managerToken })).statusCode).toBe(201);
    const afterFirst = await written(created.caseId);
    expectProblem(await post(url, { outcome: 'assess', decidedOn: '2026-11-21', reasons: REASONS }, { bearer: managerToken }), 400, { field: 'outcome' });
    expect(await written(created.caseId)).toEqual(afterFirst);
  });

  it('answers a retry with the same Idempotency-Key as the first time, once, and refuses the key with another request (422)', async () => {
    const created = await aRequest();
    const url = `/api/v1/cases/${created.caseId}/decisions/whether-to-assess`;
    const body = { outcome: 'assess', decidedOn: '2026-11-20', reasons: REASONS };
    const first = await post(url, body, { bearer: managerToken, key: `decide-${created.caseId}` });
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    // The same JSON, its keys in another order.
    const retry = await post(url, { reasons: REASONS, decidedOn: '2026-11-20', outcome: 'assess' }, { bearer: managerToken, key: `decide-${created.caseId}` });
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect((await written(created.caseId)).decisions).toBe(1);
    expectProblem(await post(url, { ...body, reasons: 'Other reasons' }, { bearer: managerToken, key: `decide-${created.caseId}` }), 422, { field: 'Idempotency-Key' });
    // The key used on another operation is another request.
    expectProblem(await post(`/api/v1/cases/${created.caseId}/decisions/after-assessment`, { outcome: 'issue-plan', decidedOn: '2026-11-21', reasons: REASONS }, { bearer: managerToken, key: `decide-${created.caseId}` }), 422);
    expect((await written(created.caseId)).decisions).toBe(1);
  });
});

describe('POST /api/v1/cases/{caseId}/decisions/after-assessment', () => {
  it('refuses a decision before the decision to assess (400), then records one after it', async () => {
    const created = await aRequest();
    const url = `/api/v1/cases/${created.caseId}/decisions/after-assessment`;
    expectProblem(await post(url, { outcome: 'do-not-issue-plan', decidedOn: '2026-11-20', reasons: REASONS }, { bearer: managerToken }), 400, {
      errors: [{ field: 'outcome', message: 'Record the decision to assess before the decision after the assessment' }],
    });
    await post(`/api/v1/cases/${created.caseId}/decisions/whether-to-assess`, { outcome: 'assess', decidedOn: '2026-11-02', reasons: REASONS }, { bearer: managerToken });
    const decided = await post(url, { outcome: 'do-not-issue-plan', decidedOn: '2026-11-20', reasons: REASONS }, { bearer: managerToken });
    expect(decided.statusCode, decided.body).toBe(201);
    expect((await get(`/api/v1/cases/${created.caseId}/decisions`)).json().sen2.assessmentOutcome).toEqual({ code: 'N', date: '2026-11-20' });
  });
});

describe('POST /api/v1/cases/{caseId}/withdrawal', () => {
  it('records who withdrew the request and why; refuses without them, and once the case is closed (409)', async () => {
    const created = await aRequest();
    const url = `/api/v1/cases/${created.caseId}/withdrawal`;
    expectProblem(await post(url, { withdrawnOn: '2026-11-20', withdrawnBy: 'parent', reason: '' }), 400, { field: 'reason' });
    const response = await post(url, { withdrawnOn: '2026-11-20', withdrawnBy: 'parent', reason: 'Moving away.' }, { key: `withdraw-${created.caseId}` });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ withdrawnOn: '2026-11-20', withdrawnBy: 'parent', reason: 'Moving away.', standing: true });
    const replay = await post(url, { withdrawnOn: '2026-11-20', withdrawnBy: 'parent', reason: 'Moving away.' }, { key: `withdraw-${created.caseId}` });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expectProblem(await post(url, { withdrawnOn: '2026-11-21', withdrawnBy: 'parent', reason: 'Again' }), 409, { detail: 'This case is closed' });
    expect((await get(`/api/v1/cases/${created.caseId}/decisions`)).json()).toMatchObject({ withdrawal: { reason: 'Moving away.' }, sen2: { requestOutcome: { code: 'W', date: '2026-11-20' } } });
  });
});

describe('views through the API', () => {
  it('asks the parent for views and records the school’s', async () => {
    const created = await aRequest();
    await aPerson(bed.testApp, bed.officer.actor, created.childId, { mainContact: true });
    const asked = await post(`/api/v1/cases/${created.caseId}/views-requests`, { party: 'parent', respondBy: '2026-12-07' }, { key: `ask-${created.caseId}` });
    expect(asked.statusCode, asked.body).toBe(201);
    expectProblem(await post(`/api/v1/cases/${created.caseId}/views-requests`, { party: 'school', respondBy: '2026-11-01' }), 400, { field: 'respondBy' });
    const views = await post(`/api/v1/cases/${created.caseId}/views`, { party: 'school', receivedOn: '2026-11-18', summary: 'The SENCo supports the request.' });
    expect(views.statusCode, views.body).toBe(201);
    expect((await get(`/api/v1/cases/${created.caseId}/decisions`)).json()).toMatchObject({
      viewsAsked: [{ party: 'parent', askedOn: '2026-11-23', respondBy: '2026-12-07' }],
      viewsReceived: [{ party: 'school', receivedOn: '2026-11-18', summary: 'The SENCo supports the request.' }],
    });
  });
});

describe('panels through the API', () => {
  it('arranges a panel, brings a case to it and records the recommendation once it has met; the agenda says what was recommended', async () => {
    const created = await aRequest();
    const panel = await post('/api/v1/panels', { heldOn: '2026-11-19', title: 'East panel' }, { key: `panel-${created.caseId}` });
    expect(panel.statusCode, panel.body).toBe(201);
    const panelId = panel.json().id as string;
    expect(panel.headers.location).toBe(`/api/v1/panels/${panelId}`);
    const brought = await post(`/api/v1/panels/${panelId}/cases`, { caseId: created.caseId });
    expect(brought.statusCode, brought.body).toBe(201);
    expect(brought.json()).toMatchObject({ question: 'assess', recommendation: null });
    expectProblem(await post(`/api/v1/panels/${panelId}/cases`, { caseId: created.caseId }), 409, { detail: 'This case is already on that panel’s agenda' });
    expectProblem(await post(`/api/v1/panels/${panelId}/cases/${created.caseId}/recommendation`, { recommendation: 'issue-plan' }), 400, { field: 'recommendation' });
    const recommended = await post(`/api/v1/panels/${panelId}/cases/${created.caseId}/recommendation`, { recommendation: 'assess', note: 'Clear evidence of need.' });
    expect(recommended.statusCode, recommended.body).toBe(201);
    expectProblem(await post(`/api/v1/panels/${panelId}/cases/${created.caseId}/recommendation`, { recommendation: 'do-not-assess' }), 409);
    const agenda = await get(`/api/v1/panels/${panelId}`);
    expect(agenda.json()).toMatchObject({ met: true, entries: [{ caseId: created.caseId, recommendation: 'assess', note: 'Clear evidence of need.', decision: null }] });
    const listed = await get('/api/v1/panels');
    expect(listed.json().past).toEqual(expect.arrayContaining([{ id: panelId, heldOn: '2026-11-19', title: 'East panel', cases: 1, awaiting: 0 }]));
  });

  it('refuses a recommendation before the panel has met, and a board member (403)', async () => {
    const created = await aRequest();
    const panelId = (await post('/api/v1/panels', { heldOn: '2026-12-03', title: 'Later panel' })).json().id as string;
    await post(`/api/v1/panels/${panelId}/cases`, { caseId: created.caseId });
    expectProblem(await post(`/api/v1/panels/${panelId}/cases/${created.caseId}/recommendation`, { recommendation: 'assess' }), 400, {
      errors: [{ field: 'recommendation', message: 'The panel meets on 2026-12-03: record its recommendation once it has met' }],
    });
    expectProblem(await get('/api/v1/panels', bed.boardToken), 403);
    expectProblem(await post('/api/v1/panels', { heldOn: '2026-12-03', title: 'Board panel' }, { bearer: bed.boardToken }), 403);
  });
});
