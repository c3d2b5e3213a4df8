// A token cannot read the service in bulk at machine speed: the probe's 30 API searches returned
// 198 of 200 children with no limit. Each token has its own allowance; pages are not affected.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { testConfig } from '../../config.ts';
import { fixedClock } from '../../lib/clock.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { anOfficer } from '../../test/factories/index.ts';

let testApp: TestApp;
let limited: FastifyInstance;
let token: string;
let otherToken: string;
const clock = fixedClock('2026-11-23T10:00:00Z');

beforeAll(async () => {
  testApp = await createTestApp({ clock });
  limited = await buildApp({ config: testConfig(), database: testApp.database, services: testApp.services, clock, apiRateLimit: { max: 3, timeWindow: 60_000 } });
  await limited.ready();
  const issue = async () => {
    const { actor } = await anOfficer(testApp);
    return (await testApp.services.auth.issueApiToken(actor, actor.id, 'test')).token;
  };
  token = await issue();
  otherToken = await issue();
});
afterAll(async () => {
  await limited?.close();
  await testApp?.close();
});

const search = (bearer: string) => limited.inject({ method: 'GET', url: '/api/v1/children?q=smith', headers: { authorization: `Bearer ${bearer}` } });

describe('the API’s limit per token', () => {
  it('answers 429 problem+json with Retry-After once a token has used its allowance, and other tokens go on', async () => {
    for (let call = 0; call < 3; call += 1) expect((await search(token)).statusCode).toBe(200);
    const refused = await search(token);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(refused.json()).toMatchObject({ status: 429, detail: expect.stringContaining('this API token') });
    expect((await search(otherToken)).statusCode).toBe(200);
  });

  it('does not count the pages or the public calculator against any token', async () => {
    for (let call = 0; call < 5; call += 1) expect((await limited.inject({ method: 'GET', url: '/' })).statusCode).toBe(200);
  });
});
