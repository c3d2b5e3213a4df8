// Consultations and the family's response through the API: the same service calls as the pages
// (the same rules), problem+json for every refusal with nothing saved, and Idempotency-Key on the
// writes.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, aConsultation, anApiToken, anAuthority, anOfficer, aSchool, type TestOfficer } from '../../test/factories/index.ts';
import { expectProblem } from '../../test/problems.ts';
import type { SchoolRecord } from '../reference/index.ts';

const clock = fixedClock('2026-11-23T10:00:00Z');

let testApp: TestApp;
let officer: TestOfficer;
let token: string;
let otherCouncilToken: string;
let school: SchoolRecord;

beforeAll(async () => {
  testApp = await createTestApp({ clock });
  officer = await anOfficer(testApp);
  token = await anApiToken(testApp, officer);
  otherCouncilToken = await anApiToken(testApp, await anOfficer(testApp, { authorityId: (await anAuthority(testApp.database.db)).id }));
  school = await aSchool(testApp.database.db, { name: 'Willow Bank Primary School' });
});
afterAll(async () => {
  await testApp?.close();
});

const draftCase = () => aCase(testApp, officer.actor, { stage: 'draft', receivedOn: '2026-09-01', stepDates: { 'assessment.agreed': '2026-10-06', 'draft.issued': '2026-11-02' } });

const json = (method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}, as = token) =>
  testApp.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${as}`, ...(payload === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
  });

const consultation = (overrides: Record<string, unknown> = {}) => ({
  urn: String(school.urn),
  basis: 'council',
  contactName: 'Mrs Ada Bell',
  contactEmail: 'head@willow-bank.example',
  sentOn: '2026-11-23',
  ...overrides,
});

async function counts(caseId: string) {
  const [row] = await queryRows<{ consultations: number; representations: number; messages: number }>(
    testApp.database.db,
    sql`SELECT (SELECT count(*)::int FROM "school_consultation" WHERE "authority_id" = ${testApp.authorityId} AND "case_id" = ${caseId}) AS "consultations",
               (SELECT count(*)::int FROM "draft_representation" WHERE "authority_id" = ${testApp.authorityId} AND "case_id" = ${caseId}) AS "representations",
               (SELECT count(*)::int FROM "outbox_message" WHERE "authority_id" = ${testApp.authorityId} AND "case_id" = ${caseId}) AS "messages"`,
  );
  return row!;
}

describe('consultations through the API', () => {
  it('consults a school (201, Location), records its answer and a reminder, and lists them with the family’s response (CFA 2014 s.40; Code of Practice 9.83)', async () => {
    const created = await draftCase();
    const response = await json('POST', `/api/v1/cases/${created.caseId}/consultations`, consultation());
    expect(response.statusCode, response.body).toBe(201);
    expect(response.headers.location).toBe(`/api/v1/cases/${created.caseId}/consultations`);
    const sent = response.json();
    expect(sent).toMatchObject({ caseId: created.caseId, school: { urn: school.urn }, basis: 'council', dueOn: '2026-12-08', status: 'awaiting', version: 1 });

    const chased = await json('POST', `/api/v1/consultations/${sent.id}/chase`, { version: 1 });
    expect(chased.statusCode, chased.body).toBe(200);
    expect(chased.json()).toMatchObject({ chasersSent: 1, version: 2 });
    const answered = await json('POST', `/api/v1/consultations/${sent.id}/response`, { response: 'can-meet-needs', respondedOn: '2026-11-23', version: 2 });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'answered', response: 'can-meet-needs', reasons: null, version: 3 });

    const comment = await json('POST', `/api/v1/cases/${created.caseId}/draft-representations`, { kind: 'comment', section: 'F', words: 'Say how often.', receivedOn: '2026-11-20' });
    expect(comment.statusCode, comment.body).toBe(201);
    expect(comment.json()).toMatchObject({ kind: 'comment', section: 'F', late: true, recordedBy: officer.user.name });

    const list = await json('GET', `/api/v1/cases/${created.caseId}/consultations`);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ caseId: created.caseId, draftIssuedOn: '2026-11-02', commentsDueOn: '2026-11-16' });
    expect(list.json().consultations).toHaveLength(1);
    expect(list.json().representations).toEqual([comment.json()]);
    expect(await counts(created.caseId)).toEqual({ consultations: 1, representations: 1, messages: 2 });
  });

  it('writes once per Idempotency-Key: a retry answers as the first time, the same key with another request is 422, nothing written twice', async () => {
    const created = await draftCase();
    const headers = { 'idempotency-key': `consult-${uuidv7()}` };
    const first = await json('POST', `/api/v1/cases/${created.caseId}/consultations`, consultation(), headers);
    expect(first.statusCode, first.body).toBe(201);
    const retry = await json('POST', `/api/v1/cases/${created.caseId}/consultations`, consultation(), headers);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expectProblem(await json('POST', `/api/v1/cases/${created.caseId}/consultations`, consultation({ basis: 'family-request' }), headers), 422, { field: 'Idempotency-Key' });

    const chaseKey = { 'idempotency-key': `chase-${uuidv7()}` };
    expect((await json('POST', `/api/v1/consultations/${first.json().id}/chase`, {}, chaseKey)).statusCode).toBe(200);
    const again = await json('POST', `/api/v1/consultations/${first.json().id}/chase`, {}, chaseKey);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().chasersSent).toBe(1);
    expect(await counts(created.caseId)).toEqual({ consultations: 1, representations: 0, messages: 2 });
  });

  it.each([
    ['a URN not in the schools register', { urn: '999997' }, 'urn'],
    ['an e-mail address that is not one', { contactEmail: 'not an address' }, 'contactEmail'],
    ['a date sent in the future', { sentOn: '2026-11-24' }, 'sentOn'],
    ['a date sent before the draft', { sentOn: '2026-10-30' }, 'sentOn'],
    ['a basis the Act does not have', { basis: 'whim' }, 'basis'],
  ])('refuses a consultation with %s: 400 problem+json naming the field, nothing saved', async (_name, overrides, field) => {
    const created = await draftCase();
    const problem = expectProblem(await json('POST', `/api/v1/cases/${created.caseId}/consultations`, consultation(overrides)), 400);
    expect((problem.errors as { field: string }[]).map((entry) => entry.field)).toContain(field);
    expect(await counts(created.caseId)).toEqual({ consultations: 0, representations: 0, messages: 0 });
  });

  it('refuses a consultation before the decision to make a plan (409), another council’s case (404), and the same school twice (409): nothing saved', async () => {
    const assessing = await aCase(testApp, officer.actor, { stage: 'assessment', receivedOn: '2026-09-01', stepDates: { 'assessment.agreed': '2026-10-06' } });
    expectProblem(await json('POST', `/api/v1/cases/${assessing.caseId}/consultations`, consultation()), 409, { detail: 'Record the decision to make a plan, or the draft plan, before consulting schools' });
    const created = await draftCase();
    expectProblem(await json('POST', `/api/v1/cases/${created.caseId}/consultations`, consultation(), {}, otherCouncilToken), 404);
    expectProblem(await json('GET', `/api/v1/cases/${created.caseId}/consultations`, undefined, {}, otherCouncilToken), 404);
    await aConsultation(testApp, officer.actor, created.caseId, { school });
    expectProblem(await json('POST', `/api/v1/cases/${created.caseId}/consultations`, consultation()), 409);
    expect(await counts(assessing.caseId)).toEqual({ consultations: 0, representations: 0, messages: 0 });
    expect(await counts(created.caseId)).toMatchObject({ consultations: 1 });
  });

  it('refuses an answer with blank reasons when the school cannot meet the needs (400), a stale version (409), and a reminder once answered (409): nothing changed', async () => {
    const created = await draftCase();
    const sent = await aConsultation(testApp, officer.actor, created.caseId);
    const blank = expectProblem(await json('POST', `/api/v1/consultations/${sent.id}/response`, { response: 'cannot-meet-needs', reasons: ' ', respondedOn: '2026-11-23' }), 400);
    expect(blank.field).toBe('reasons');
    expectProblem(await json('POST', `/api/v1/consultations/${sent.id}/response`, { response: 'can-meet-needs', respondedOn: '2026-11-23', version: 7 }), 409);
    expectProblem(await json('POST', `/api/v1/consultations/${sent.id}/chase`, { version: 7 }), 409);
    expect((await json('POST', `/api/v1/consultations/${sent.id}/response`, { response: 'can-meet-needs', respondedOn: '2026-11-23', version: 1 })).statusCode).toBe(200);
    expectProblem(await json('POST', `/api/v1/consultations/${sent.id}/chase`, {}), 409, { detail: 'This consultation is already answered: nothing was changed' });
    expectProblem(await json('POST', `/api/v1/consultations/${uuidv7()}/chase`, {}), 404, { detail: 'No such consultation' });
    expect(await counts(created.caseId)).toMatchObject({ messages: 1 });
  });

  it('refuses the family’s response with a section plans do not have (400) and before the draft plan (409) (SEND Regs 2014 reg. 13(1))', async () => {
    const created = await draftCase();
    expectProblem(await json('POST', `/api/v1/cases/${created.caseId}/draft-representations`, { kind: 'comment', section: 'Z', words: 'Vague', receivedOn: '2026-11-20' }), 400);
    const preference = expectProblem(await json('POST', `/api/v1/cases/${created.caseId}/draft-representations`, { kind: 'school-preference', urn: '999996', words: 'Close to home', receivedOn: '2026-11-20' }), 400);
    expect(preference.field).toBe('urn');
    const assessing = await aCase(testApp, officer.actor, { stage: 'assessment', receivedOn: '2026-09-01', stepDates: { 'assessment.agreed': '2026-10-06' } });
    expectProblem(await json('POST', `/api/v1/cases/${assessing.caseId}/draft-representations`, { kind: 'meeting-request', receivedOn: '2026-11-20' }), 409);
    expect(await counts(created.caseId)).toMatchObject({ representations: 0 });
    expect(await counts(assessing.caseId)).toMatchObject({ representations: 0 });
  });
});
