// Every API error has one shape, application/problem+json (RFC 9457): a schema's refusal, a
// service's, a missing token, a refused role, an unknown address or record, a conflict, a body
// too large or not JSON, a reused Idempotency-Key, too many requests, no database, a failure.
// Pages keep their HTML error pages.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { testConfig } from '../../config.ts';
import { fixedClock } from '../../lib/clock.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { createTestDatabase } from '../../test/database.ts';
import { aCase, aChild, anApiToken, anOfficer } from '../../test/factories/index.ts';
import { expectProblem } from '../../test/problems.ts';

let testApp: TestApp;
let app: FastifyInstance;
let token: string;
let boardToken: string;
const clock = fixedClock('2026-11-23T10:00:00Z');

beforeAll(async () => {
  testApp = await createTestApp({ clock });
  app = testApp.app;
  token = await anApiToken(testApp, await anOfficer(testApp));
  boardToken = await anApiToken(testApp, await anOfficer(testApp, { role: 'board_member' }));
});
afterAll(async () => {
  await testApp?.close();
});

const postRequest = (payload: unknown, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/requests',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });

const aRequest = () => ({ receivedOn: '2026-11-02', source: 1, child: aChild() });

describe('400: a schema’s refusal names the field by its path, with a message a person can read', () => {
  it.each([
    ['a missing field', { source: 1, child: aChild() }, 'receivedOn', 'receivedOn is required'],
    ['a field the API does not take', { ...aRequest(), child: { ...aChild(), nickname: 'Mo' } }, 'child.nickname', 'child.nickname is not a field this API takes'],
    ['a number given as a word', { ...aRequest(), source: 'school' }, 'source', 'source must be a whole number'],
    ['a date in another form', { ...aRequest(), child: { ...aChild(), dateOfBirth: '27/03/2016' } }, 'child.dateOfBirth', 'child.dateOfBirth must be a date as YYYY-MM-DD, like 2026-11-20'],
    ['a value not in the list', { ...aRequest(), child: { ...aChild(), sex: 'X' } }, 'child.sex', 'child.sex must be one of: M, F, U'],
    ['an id that is not one', { receivedOn: '2026-11-02', source: 1, childId: 'child-1' }, 'childId', 'childId must be an id (a UUID), like 01937a4e-8f5c-7c3b-a5d2-6f4e2b1c9d80'],
    ['a body that is not an object', [1, 2], '', 'The request body must be a JSON object'],
  ])('%s', async (_label, payload, field, message) => {
    const body = expectProblem(await postRequest(payload), 400);
    expect(body).toMatchObject({ detail: message, field, errors: [{ field, message }] });
    expect(String(body.detail)).not.toMatch(/must NOT|must have required property|body\//);
  });

  it('a query parameter and a path parameter are named as such', async () => {
    const headers = { authorization: `Bearer ${token}` };
    expect(expectProblem(await app.inject({ url: '/api/v1/children?q=', headers }), 400)).toMatchObject({ field: 'q', errors: [{ field: 'q', message: 'q must not be empty' }] });
    expect(expectProblem(await app.inject({ url: '/api/v1/cases?page=0', headers }), 400)).toMatchObject({ field: 'page', errors: [{ field: 'page', message: 'page must be 1 or more' }] });
    expect(expectProblem(await app.inject({ url: '/api/v1/children/not-an-id', headers }), 400)).toMatchObject({ field: 'childId' });
  });

  it('a header is named as people write it', async () => {
    const body = expectProblem(await postRequest(aRequest(), { 'idempotency-key': 'k'.repeat(201) }), 400);
    expect(body).toMatchObject({ field: 'Idempotency-Key', errors: [{ field: 'Idempotency-Key', message: 'Idempotency-Key must be 200 characters or fewer' }] });
  });

  it('a body that is not JSON, or empty, says so without the framework’s words', async () => {
    expect(expectProblem(await postRequest('{"receivedOn": '), 400).detail).toBe('The request body is not valid JSON.');
    expect(expectProblem(await app.inject({ method: 'POST', url: '/api/v1/requests', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } }), 400).detail).toBe(
      'The request body is empty: send a JSON object.',
    );
  });
});

describe('400: a service’s refusal has the same shape', () => {
  it('lists every field the rules refuse, the first as `field`', async () => {
    const body = expectProblem(await postRequest({ receivedOn: '2026-11-24', source: 1, child: aChild({ upn: 'K930123420015' }) }), 400);
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { field: 'receivedOn', message: 'The date the request was received must be today or in the past' },
        { field: 'child.upn', message: expect.stringContaining('check letter') },
      ]),
    );
  });

  it('a NUL character in any field is refused naming the field', async () => {
    const body = expectProblem(await postRequest({ ...aRequest(), child: { ...aChild(), forename: 'A\u0000B' } }), 400);
    expect(body).toMatchObject({ field: 'child.forename' });
  });
});

describe('the other errors', () => {
  it('401: no token, or one the service does not know', async () => {
    expectProblem(await app.inject({ url: '/api/v1/cases' }), 401);
    expectProblem(await app.inject({ url: '/api/v1/cases', headers: { authorization: 'Bearer sct_unknown' } }), 401);
  });

  it('403: a role that may not do it (a board member recording a request)', async () => {
    const body = expectProblem(await postRequest(aRequest(), { authorization: `Bearer ${boardToken}` }), 403);
    expect(body.detail).toMatch(/roles/);
  });

  it('404: an address the API does not have, by any method, and a record that does not exist', async () => {
    expectProblem(await app.inject({ url: '/api/v1/nowhere', headers: { authorization: `Bearer ${token}` } }), 404);
    expectProblem(await app.inject({ method: 'DELETE', url: '/api/v1/cases', headers: { authorization: `Bearer ${token}` } }), 404);
    expectProblem(await app.inject({ url: '/api', headers: { authorization: `Bearer ${token}` } }), 404);
    expectProblem(await app.inject({ url: `/api/v1/children/${uuidv7()}`, headers: { authorization: `Bearer ${token}` } }), 404);
  });

  it('409: a conflict with the record as it stands (a second open case for a child)', async () => {
    const { actor } = await anOfficer(testApp);
    const existing = await aCase(testApp, actor);
    const body = expectProblem(await postRequest({ receivedOn: '2026-11-20', source: 1, childId: existing.childId }), 409);
    expect(body.detail).toMatch(/already has an open EHC case/);
  });

  it('413: a body over 1 MB', async () => {
    const body = expectProblem(await postRequest(JSON.stringify({ ...aRequest(), padding: 'x'.repeat(1_100_000) })), 413);
    expect(body.detail).toBe('The request body is larger than 1 MB.');
  });

  it('415: a body that is not JSON, whatever else it could be read as', async () => {
    for (const [type, payload] of [
      ['application/x-www-form-urlencoded', 'receivedOn=2026-11-02&source=1'],
      ['text/plain', '{}'],
      ['application/xml', '<request/>'],
    ]) {
      const body = expectProblem(await app.inject({ method: 'POST', url: '/api/v1/requests', headers: { authorization: `Bearer ${token}`, 'content-type': type! }, payload }), 415);
      expect(body.detail).toBe('Send the request body as JSON, with Content-Type: application/json.');
    }
  });

  it('422: an Idempotency-Key used before with another request', async () => {
    const key = `problem-${uuidv7()}`;
    expect((await postRequest(aRequest(), { 'idempotency-key': key })).statusCode).toBe(201);
    const body = expectProblem(await postRequest(aRequest(), { 'idempotency-key': key }), 422);
    expect(body).toMatchObject({ field: 'Idempotency-Key', errors: [{ field: 'Idempotency-Key', message: expect.stringContaining('different request') }] });
  });

  it('429, 500 and 503: too many requests, a failure (with a reference, not its internals) and no database', async () => {
    const limited = await buildApp({ config: testConfig(), database: testApp.database, services: testApp.services, clock, apiRateLimit: { max: 1, timeWindow: 60_000 } });
    limited.get('/api/v1/test-failure', async () => {
      throw new Error('secret internal detail');
    });
    await limited.ready();
    try {
      const headers = { authorization: `Bearer ${token}` };
      const failed = expectProblem(await limited.inject({ url: '/api/v1/test-failure', headers }), 500);
      expect(failed.detail).toBeUndefined();
      expect(failed.instance).toMatch(/^urn:request:/);
      expect(JSON.stringify(failed)).not.toContain('secret');
      const refused = await limited.inject({ url: '/api/v1/me', headers });
      expect(expectProblem(refused, 429).detail).toMatch(/Try again in/);
      expect(refused.headers['retry-after']).toBeDefined();
    } finally {
      await limited.close();
    }

    const own = await createTestDatabase();
    const isolated = await buildApp({ config: testConfig(), database: own, clock });
    await isolated.ready();
    await own.close();
    try {
      const unavailable = await isolated.inject({ url: '/api/v1/cases', headers: { authorization: `Bearer ${token}` } });
      expect(expectProblem(unavailable, 503).detail).toMatch(/Nothing was saved/);
      expect(unavailable.headers['retry-after']).toBe('30');
    } finally {
      await isolated.close();
    }
  });
});

describe('pages keep their HTML error pages', () => {
  it('an unknown page and a page posted without a session are HTML, not problem+json', async () => {
    const missing = await app.inject({ url: '/nowhere' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^text\/html/);
    const posted = await app.inject({ method: 'POST', url: '/requests/new', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'receivedOn-day=1' });
    expect(posted.statusCode).toBe(401);
    expect(posted.headers['content-type']).toMatch(/^text\/html/);
  });
});
