import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../composition.ts';
import { queryRows, type DatabaseHandle } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, anAuthority, anOfficer, type TestOfficer } from '../../test/factories/index.ts';
import { systemActor } from '../auth/index.ts';

let testApp: TestApp;
let database: DatabaseHandle;
let services: Services;
let app: FastifyInstance;
let token: string;
let otherToken: string;
let officer: TestOfficer;
let colleague: TestOfficer;

beforeAll(async () => {
  testApp = await createTestApp({ clock: fixedClock('2026-11-23T09:00:00Z') });
  ({ database, services, app } = testApp);
  const authorityId = testApp.authorityId;
  const otherAuthorityId = (await anAuthority(database.db)).id;
  officer = await anOfficer(testApp);
  colleague = await anOfficer(testApp, { role: 'team_manager' });
  const elsewhere = await anOfficer(testApp, { role: 'admin', authorityId: otherAuthorityId });
  token = (await services.auth.issueApiToken(systemActor(authorityId), officer.user.id, 'test')).token;
  otherToken = (await services.auth.issueApiToken(systemActor(otherAuthorityId), elsewhere.user.id, 'test')).token;
});
afterAll(async () => {
  await testApp?.close();
});

describe('API tokens', () => {
  it('are stored hashed: the secret is nowhere in the database', async () => {
    const rows = await queryRows<{ token_hash: string; prefix: string }>(database.db, sql`SELECT token_hash, prefix FROM api_token`);
    expect(rows.length).toBe(2);
    for (const row of rows) {
      expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.token_hash).not.toBe(token);
      expect(token.startsWith(row.prefix) || otherToken.startsWith(row.prefix)).toBe(true);
    }
  });

  it('a missing token gets 401 problem+json', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/me' });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(response.json()).toMatchObject({ status: 401, title: 'Unauthorised' });
  });

  it('a bad token gets 401 problem+json', async () => {
    for (const authorization of ['Bearer sct_not-a-real-token', 'Bearer ', 'Basic abc', `Bearer ${token}x`]) {
      const response = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization } });
      expect(response.statusCode, authorization).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('a good token answers as its user', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ email: officer.user.email, role: 'case_officer' });
  });

  it('reads a record of its own authority', async () => {
    const response = await app.inject({ method: 'GET', url: `/api/v1/staff/${colleague.user.id}`, headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ email: colleague.user.email });
  });

  it('a token of another authority gets 404 for this authority’s record, and nothing is written', async () => {
    const [before] = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM audit_event`);
    const response = await app.inject({ method: 'GET', url: `/api/v1/staff/${colleague.user.id}`, headers: { authorization: `Bearer ${otherToken}` } });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).not.toContain(colleague.user.email);
    const [after] = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM audit_event`);
    expect(after!.n).toBe(before!.n);
  });

  it('a malformed id gets 400 problem+json naming the parameter', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/staff/not-a-uuid', headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().detail).toMatch(/id/);
  });

  it('the API does not accept a browser session instead of a token', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: 'casework_session=anything' } });
    expect(response.statusCode).toBe(401);
  });
});

describe('OpenAPI', () => {
  it('/api/v1/openapi.json needs no token and documents the endpoints and bearer auth', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/me', '/api/v1/staff/{id}']));
    expect(document.components.securitySchemes.bearerAuth).toEqual({ type: 'http', scheme: 'bearer' });
  });
});

describe('casework over the API', () => {
  it('reads the worklist, search and the record', async () => {
    await aCase(testApp, officer.actor, { receivedOn: '2026-11-12', source: 2, child: { forename: 'Api', surname: 'Made', dateOfBirth: '2015-05-05', sex: 'M' } });
    const headers = { authorization: `Bearer ${token}` };
    const worklist = await app.inject({ method: 'GET', url: '/api/v1/cases', headers });
    expect(worklist.statusCode).toBe(200);
    expect(worklist.json().total).toBeGreaterThan(0);
    const search = await app.inject({ method: 'GET', url: '/api/v1/children?q=api%20made', headers });
    const [found] = search.json().results;
    expect(found).toMatchObject({ childName: 'Api Made', reference: expect.stringMatching(/^999-EHC-2026-/) });
    const record = await app.inject({ method: 'GET', url: `/api/v1/children/${found.childId}`, headers });
    expect(record.statusCode).toBe(200);
    expect(record.json().events[0].type).toBe('request.received');
  });

  it('documents the casework endpoints in OpenAPI', async () => {
    const document = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/cases', '/api/v1/children', '/api/v1/children/{childId}', '/api/v1/requests']));
  });
});
