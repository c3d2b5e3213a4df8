// Advice through the API, so a school's or a health body's system can ask for advice and submit it
// without the pages: the same service calls as the pages (the same rules), problem+json for every
// refusal with nothing saved, and Idempotency-Key on the writes.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, anApiToken, anOfficer, type TestOfficer } from '../../test/factories/index.ts';
import { aDocx, aPdf, multipartBody, type MultipartFile } from '../../test/files.ts';
import { expectProblem } from '../../test/problems.ts';
import { MAX_DOCUMENT_BYTES, MemoryFileStore } from '../documents/index.ts';

const clock = fixedClock('2026-11-23T10:00:00Z');
const store = new MemoryFileStore();

let testApp: TestApp;
let officer: TestOfficer;
let token: string;
let otherToken: string;

beforeAll(async () => {
  testApp = await createTestApp({ clock, fileStore: store });
  officer = await anOfficer(testApp);
  token = await anApiToken(testApp, officer);
  otherToken = await anApiToken(testApp, await anOfficer(testApp, { role: 'team_manager' }));
});
afterAll(async () => {
  await testApp?.close();
});

const assessedCase = () => aCase(testApp, officer.actor, { stage: 'assessment', receivedOn: '2026-10-12' });

const body = (overrides: Record<string, unknown> = {}) => ({
  kind: 'psychological',
  organisation: 'Demo City Educational Psychology Service',
  organisationType: 'this-council',
  channel: 'email',
  address: 'ep.service@demo-city.example',
  sentOn: '2026-11-17',
  ...overrides,
});

const json = (method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}, as = token) =>
  testApp.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${as}`, ...(payload === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
  });

const submit = (requestId: string, fields: Record<string, string>, file?: MultipartFile, headers: Record<string, string> = {}) => {
  const form = multipartBody(fields, file);
  return testApp.app.inject({
    method: 'POST',
    url: `/api/v1/advice-requests/${requestId}/advice`,
    headers: { authorization: `Bearer ${token}`, 'content-type': form.contentType, ...headers },
    payload: form.payload,
  });
};

async function counts(caseId: string) {
  const [row] = await queryRows<{ requests: number; documents: number; messages: number }>(
    testApp.database.db,
    sql`SELECT (SELECT count(*)::int FROM "advice_request" WHERE "authority_id" = ${testApp.authorityId} AND "case_id" = ${caseId}) AS "requests",
               (SELECT count(*)::int FROM "document" WHERE "authority_id" = ${testApp.authorityId} AND "case_id" = ${caseId}) AS "documents",
               (SELECT count(*)::int FROM "outbox_message" WHERE "authority_id" = ${testApp.authorityId} AND "case_id" = ${caseId}) AS "messages"`,
  );
  return row!;
}

describe('asking for advice through the API', () => {
  it('asks (201, Location), lists the case’s requests and gives each one, as the pages would (SEND Regs 2014 regs 6(1)(d) and 8(1))', async () => {
    const created = await assessedCase();
    const response = await json('POST', `/api/v1/cases/${created.caseId}/advice-requests`, body());
    expect(response.statusCode, response.body).toBe(201);
    const request = response.json();
    expect(request).toMatchObject({ caseId: created.caseId, kind: 'psychological', sentOn: '2026-11-17', dueOn: '2026-12-29', dueBasis: 'guidance', status: 'requested' });
    expect(response.headers.location).toBe(`/api/v1/advice-requests/${request.id}`);
    const one = await json('GET', response.headers.location as string);
    expect(one.json()).toEqual(request);
    const list = await json('GET', `/api/v1/cases/${created.caseId}/advice-requests`);
    expect(list.json()).toEqual({ caseId: created.caseId, adviceRequests: [request] });
  });

  it('asks once per Idempotency-Key: a retry answers as the first time, the same key with another request is 422, nothing written twice', async () => {
    const created = await assessedCase();
    const headers = { 'idempotency-key': `health-${uuidv7()}` };
    const first = await json('POST', `/api/v1/cases/${created.caseId}/advice-requests`, body({ sentOn: '2026-11-23' }), headers);
    expect(first.statusCode, first.body).toBe(201);
    // The same request with its keys in another order is the same request.
    const reordered = Object.fromEntries(Object.entries(body({ sentOn: '2026-11-23' })).reverse());
    const retry = await json('POST', `/api/v1/cases/${created.caseId}/advice-requests`, reordered, headers);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(await counts(created.caseId)).toEqual({ requests: 1, documents: 0, messages: 1 });
    const other = await json('POST', `/api/v1/cases/${created.caseId}/advice-requests`, body({ kind: 'medical' }), headers);
    expectProblem(other, 422, { field: 'Idempotency-Key' });
    expect(await counts(created.caseId)).toEqual({ requests: 1, documents: 0, messages: 1 });
  });

  it.each([
    ['a kind the regulation does not list', { kind: 'astrological' }, 'kind'],
    ['a date sent in the future', { sentOn: '2026-11-24' }, 'sentOn'],
    ['an e-mail address that is not one', { address: 'not an address' }, 'address'],
    ['a date received before it was sent', { receivedByBodyOn: '2026-11-16' }, 'receivedByBodyOn'],
  ])('refuses %s: 400 problem+json naming the field, nothing saved', async (_name, overrides, field) => {
    const created = await assessedCase();
    const response = await json('POST', `/api/v1/cases/${created.caseId}/advice-requests`, body(overrides));
    const problem = expectProblem(response, 400);
    expect((problem.errors as { field: string }[]).map((entry) => entry.field)).toContain(field);
    expect(await counts(created.caseId)).toEqual({ requests: 0, documents: 0, messages: 0 });
  });

  it('refuses advice on a case whose decision to assess is not recorded: 409, nothing saved', async () => {
    const created = await aCase(testApp, officer.actor, { receivedOn: '2026-11-02' });
    expectProblem(await json('POST', `/api/v1/cases/${created.caseId}/advice-requests`, body()), 409, { detail: 'Record the decision to assess before asking for advice for the assessment' });
    expect(await counts(created.caseId)).toEqual({ requests: 0, documents: 0, messages: 0 });
  });
});

describe('submitting advice through the API', () => {
  const asked = async () => {
    const created = await assessedCase();
    const request = (await json('POST', `/api/v1/cases/${created.caseId}/advice-requests`, body())).json() as { id: string; version: number };
    return { created, request };
  };

  it('takes the advice as a file: the request received, its document on the case, readable at the documents API', async () => {
    const { created, request } = await asked();
    const docx = aDocx();
    const response = await submit(request.id, { receivedOn: '2026-11-20', title: 'EP report' }, { filename: 'EP report.docx', bytes: docx });
    expect(response.statusCode, response.body).toBe(201);
    const received = response.json();
    expect(received).toMatchObject({ status: 'received', receivedOn: '2026-11-20', document: { title: 'EP report', filename: 'EP report.docx' }, standing: { state: 'received', daysLate: 0 } });
    const download = await json('GET', `/api/v1/documents/${received.document.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(docx)).toBe(true);
    expect(await counts(created.caseId)).toMatchObject({ documents: 1 });
  });

  it('keeps the advice once per Idempotency-Key: a retry of the same file answers as the first time with no second document; another file is 422', async () => {
    const { created, request } = await asked();
    const headers = { 'idempotency-key': `ehr-${uuidv7()}` };
    const first = await submit(request.id, { receivedOn: '2026-11-20' }, { filename: 'advice.pdf', bytes: aPdf('First') }, headers);
    expect(first.statusCode, first.body).toBe(201);
    const files = store.files.size;
    const retry = await submit(request.id, { receivedOn: '2026-11-20' }, { filename: 'advice.pdf', bytes: aPdf('First') }, headers);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(store.files.size).toBe(files);
    expect(await counts(created.caseId)).toMatchObject({ documents: 1 });
    expectProblem(await submit(request.id, { receivedOn: '2026-11-20' }, { filename: 'advice.pdf', bytes: aPdf('Second') }, headers), 422, { field: 'Idempotency-Key' });
    expect(await counts(created.caseId)).toMatchObject({ documents: 1 });
  });

  it.each([
    ['advice received before it was asked for', { receivedOn: '2026-11-16' }, { filename: 'advice.pdf', bytes: aPdf() }, 400, 'receivedOn'],
    ['a file whose name says PDF but whose content is not', { receivedOn: '2026-11-20' }, { filename: 'advice.pdf', bytes: Buffer.from('not a PDF at all') }, 400, 'file'],
    ['no file', { receivedOn: '2026-11-20' }, undefined, 400, 'file'],
    ['a file over 20 MB', { receivedOn: '2026-11-20' }, { filename: 'big.pdf', bytes: Buffer.concat([aPdf(), Buffer.alloc(MAX_DOCUMENT_BYTES)]) }, 413, undefined],
  ] as const)('refuses %s: problem+json, nothing kept', async (_name, fields, file, status, field) => {
    const { created, request } = await asked();
    const files = store.files.size;
    const problem = expectProblem(await submit(request.id, fields, file as MultipartFile | undefined), status);
    if (field) expect((problem.errors as { field: string }[]).map((entry) => entry.field)).toContain(field);
    expect(store.files.size).toBe(files);
    expect(await counts(created.caseId)).toMatchObject({ documents: 0 });
    expect((await json('GET', `/api/v1/advice-requests/${request.id}`)).json()).toMatchObject({ status: 'requested', document: null });
  });

  it('refuses JSON where a file is expected (415), and advice for a request already answered (409)', async () => {
    const { request } = await asked();
    expectProblem(await json('POST', `/api/v1/advice-requests/${request.id}/advice`, { receivedOn: '2026-11-20' }), 415);
    expect((await submit(request.id, { receivedOn: '2026-11-20' }, { filename: 'advice.pdf', bytes: aPdf() })).statusCode).toBe(201);
    expectProblem(await submit(request.id, { receivedOn: '2026-11-21' }, { filename: 'advice.pdf', bytes: aPdf() }), 409, { detail: 'This advice is already recorded as received: nothing was changed' });
  });
});

describe('exceptions, closures and late advice through the API', () => {
  it('records a reg. 8(2) exception for a health body’s request and refuses one for guidance (400); refuses a stale version (409)', async () => {
    const created = await assessedCase();
    const health = (await json('POST', `/api/v1/cases/${created.caseId}/advice-requests`, body({ kind: 'medical', organisationType: 'health-body', organisation: 'Clinic' }))).json();
    const school = (await json('POST', `/api/v1/cases/${created.caseId}/advice-requests`, body({ kind: 'educational', organisationType: 'school', organisation: 'School' }))).json();
    expectProblem(await json('POST', `/api/v1/advice-requests/${health.id}/exception`, { ground: 'missed-appointment', reason: 'Missed', version: 7 }), 409);
    const excused = await json('POST', `/api/v1/advice-requests/${health.id}/exception`, { ground: 'missed-appointment', reason: 'Missed the clinic', version: 1 });
    expect(excused.statusCode, excused.body).toBe(200);
    expect(excused.json()).toMatchObject({ standing: { state: 'excepted' }, exception: { ground: 'missed-appointment' }, version: 2 });
    const refused = expectProblem(await json('POST', `/api/v1/advice-requests/${school.id}/exception`, { ground: 'missed-appointment', reason: 'Missed' }), 400, { field: 'ground' });
    expect(refused.detail).toContain('Regulation 8(2) excuses only a body asked under section 31');
  });

  it('withdraws a request, and lists late advice for the token’s user: their cases, or the service for a manager', async () => {
    const created = await aCase(testApp, officer.actor, { stage: 'assessment', receivedOn: '2026-08-03' });
    const late = (await json('POST', `/api/v1/cases/${created.caseId}/advice-requests`, body({ sentOn: '2026-09-08', organisation: 'Slow Service' }))).json();
    const withdrawn = (await json('POST', `/api/v1/cases/${created.caseId}/advice-requests`, body({ sentOn: '2026-09-08', kind: 'social-care' }))).json();
    const closed = await json('POST', `/api/v1/advice-requests/${withdrawn.id}/closure`, { status: 'withdrawn', reason: 'Not needed' });
    expect(closed.json()).toMatchObject({ status: 'withdrawn', closedReason: 'Not needed' });

    const mine = (await json('GET', '/api/v1/late-advice')).json();
    expect(mine.scope).toBe('caseload');
    expect(mine.late.map((entry: { id: string }) => entry.id)).toContain(late.id);
    expect(mine.late.map((entry: { id: string }) => entry.id)).not.toContain(withdrawn.id);
    expect(mine.late.find((entry: { id: string }) => entry.id === late.id)).toMatchObject({ organisation: 'Slow Service', dueOn: '2026-10-20', daysLate: 34, chases: 0 });
    const service = (await json('GET', '/api/v1/late-advice?organisation=Slow%20Service', undefined, {}, otherToken)).json();
    expect(service.scope).toBe('service');
    expect(service.late.map((entry: { organisation: string }) => entry.organisation)).toEqual(service.late.map(() => 'Slow Service'));
  });
});
