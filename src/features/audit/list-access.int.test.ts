// Nothing read in bulk without a trace: the probe's 30 API searches returned 198 of 200 children
// with 162 UPNs and left no row. Every list of children shown (search results on the page and the
// API, My cases on the page and the API) is now one row: who, when, what was searched, which children.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, anOfficer, type TestOfficer } from '../../test/factories/index.ts';
import { getPage, signIn } from '../../test/http.ts';
import { listListAccessBy } from './index.ts';

let testApp: TestApp;
let officer: TestOfficer;
let token: string;
let tokenId: string;
const clock = fixedClock('2026-11-23T10:00:00Z');

beforeAll(async () => {
  testApp = await createTestApp({ clock });
  officer = await anOfficer(testApp);
  const issued = await testApp.services.auth.issueApiToken(officer.actor, officer.actor.id, 'test');
  token = issued.token;
  tokenId = issued.id;
});
afterAll(async () => {
  await testApp?.close();
});

const rowsOf = async (actorId: string) => listListAccessBy(testApp.database.db, officer.actor.authorityId, actorId);

describe('lists of children shown', () => {
  it('logs every API search with what was searched for and every child it returned', async () => {
    const found = await aCase(testApp, officer.actor, { child: { surname: 'Harvestable' } });
    for (let call = 0; call < 3; call += 1) {
      const response = await testApp.app.inject({ method: 'GET', url: '/api/v1/children?q=harvestable', headers: { authorization: `Bearer ${token}` } });
      expect(response.statusCode).toBe(200);
    }
    const rows = (await rowsOf(`${officer.actor.id}/token:${tokenId}`)).filter((row) => row.view === 'api:search');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ query: 'harvestable', childIds: expect.arrayContaining([found.childId]) });
  });

  it('logs the search page and My cases, with the children on them', async () => {
    const held = await aCase(testApp, officer.actor, { child: { surname: 'Onthelist' } });
    const jar = await signIn(testApp.app, officer.user.email, officer.password);
    expect((await getPage(testApp.app, jar, '/search?q=onthelist')).statusCode).toBe(200);
    expect((await getPage(testApp.app, jar, '/cases')).statusCode).toBe(200);
    const rows = await rowsOf(officer.actor.id);
    expect(rows.find((row) => row.view === 'search')).toMatchObject({ query: 'onthelist', childIds: [held.childId] });
    expect(rows.find((row) => row.view === 'worklist')?.childIds).toContain(held.childId);
  });

  it('logs My cases read through the API, with the children on it', async () => {
    const held = await aCase(testApp, officer.actor, { child: { surname: 'Throughapi' } });
    const response = await testApp.app.inject({ method: 'GET', url: '/api/v1/cases', headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode).toBe(200);
    const rows = (await rowsOf(`${officer.actor.id}/token:${tokenId}`)).filter((row) => row.view === 'api:worklist');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.childIds).toContain(held.childId);
  });

  it('is append-only: a row cannot be changed or deleted', async () => {
    await aCase(testApp, officer.actor);
    await testApp.services.search.search(officer.actor, 'anything');
    await expect(queryRows(testApp.database.db, sql`DELETE FROM list_access_log`)).rejects.toThrow();
    await expect(queryRows(testApp.database.db, sql`UPDATE list_access_log SET query = 'hidden'`)).rejects.toThrow();
  });
});
