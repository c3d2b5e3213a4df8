import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../composition.ts';
import { fixedClock } from '../../lib/clock.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { createStaff } from '../../test/fixtures.ts';
import { getPage, signIn, type CookieJar } from '../../test/http.ts';
import type { Actor } from '../auth/actor.ts';

// No page may run a query per row (the N+1 pattern): each core page is read with a small and a
// large amount of data behind it, and must run the same, small number of queries both times.

const PASSWORD = 'A-long-test-password-1';
const clock = fixedClock('2026-11-23T10:00:00Z');
let testApp: TestApp;
let services: Services;
let app: FastifyInstance;
let queries: string[] = [];
const jars: Record<'light' | 'busy' | 'manager', CookieJar> = {} as never;
let quietChild: string;
let busyChild: string;

/** The queries of one view of a page, once the browser's session is known to the instance. */
async function queriesFor(jar: CookieJar, url: string): Promise<string[]> {
  await getPage(app, jar, url);
  queries = [];
  const response = await getPage(app, jar, url);
  expect(response.statusCode, url).toBe(200);
  return [...queries];
}

beforeAll(async () => {
  testApp = await createTestApp({ clock, onQuery: (query) => queries.push(query) });
  ({ services, app } = testApp);
  const authorityId = testApp.authorityId;
  const actorOf = (user: { id: string }, role: 'case_officer' | 'team_manager'): Actor => ({ kind: 'user', id: user.id, authorityId, roles: [role] });
  const light = actorOf(await createStaff(services, authorityId, 'case_officer', 'light@test.example'), 'case_officer');
  const busy = actorOf(await createStaff(services, authorityId, 'case_officer', 'busy@test.example'), 'case_officer');
  await createStaff(services, authorityId, 'team_manager', 'manager@test.example');

  const child = (forename: string, index: number) => ({ forename, surname: 'Rowcount', dateOfBirth: '2015-01-01', sex: 'F' as const, postcode: `B${(index % 9) + 1} 1AA` });
  quietChild = (await services.requests.recordRequest(light, { receivedOn: '2026-10-01', source: 1, child: child('Quiet', 0) })).childId;
  // The busy officer holds 60 cases (two pages), many overdue, and one child with a long history.
  for (let index = 0; index < 60; index += 1) {
    const received = `2026-${String((index % 9) + 1).padStart(2, '0')}-${String((index % 27) + 1).padStart(2, '0')}`;
    await services.requests.recordRequest(busy, { receivedOn: received, source: 2, child: child(`Busy${index}`, index) });
  }
  const long = await services.requests.recordRequest(busy, { receivedOn: '2025-01-06', source: 1, child: child('Storied', 1) });
  busyChild = long.childId;
  await services.caseProgress.recordStep(busy, long.caseId, 'assessment.agreed', '2025-02-10');
  await services.caseProgress.recordStep(busy, long.caseId, 'draft.issued', '2025-04-14');
  await services.caseProgress.recordStep(busy, long.caseId, 'plan.issued', '2025-05-19');
  await services.caseProgress.recordStep(busy, long.caseId, 'review.scheduled', '2026-05-11');
  await services.caseProgress.recordStep(busy, long.caseId, 'review.held', '2026-05-11');

  jars.light = await signIn(app, 'light@test.example', PASSWORD);
  jars.busy = await signIn(app, 'busy@test.example', PASSWORD);
  jars.manager = await signIn(app, 'manager@test.example', PASSWORD);
});

afterAll(async () => {
  await testApp?.close();
});

describe('queries a page runs, whatever the rows behind it', () => {
  it('My cases: one query, the page with its count, for 1 case and for a full page of 50', async () => {
    const few = await queriesFor(jars.light, '/cases');
    const many = await queriesFor(jars.busy, '/cases');
    expect((await getPage(app, jars.busy, '/cases')).body.match(/<tr class="govuk-table__row">/g)).toHaveLength(51);
    expect(many).toHaveLength(few.length);
    expect(many.length).toBe(1);
  });

  it('a child’s record: two statements, the second writing the access log, for a new request and for a long history', async () => {
    const few = await queriesFor(jars.light, `/children/${quietChild}`);
    const many = await queriesFor(jars.busy, `/children/${busyChild}`);
    expect(many).toHaveLength(few.length);
    expect(many.length).toBe(2);
    expect(many[1]).toMatch(/INSERT INTO "access_log"/);
  });

  it('search: the same queries for one match and for many', async () => {
    const few = await queriesFor(jars.busy, '/search?q=Quiet');
    const many = await queriesFor(jars.busy, '/search?q=Rowcount');
    expect(many).toHaveLength(few.length);
    expect(many.length).toBeLessThanOrEqual(2);
  });

  it('team deadlines: the same queries for an empty queue and for the whole team’s, sent in one round', async () => {
    const few = await queriesFor(jars.manager, '/team/deadlines?officer=unallocated');
    const many = await queriesFor(jars.manager, '/team/deadlines');
    expect(many).toHaveLength(few.length);
    expect(many.length).toBe(3); // the officers for the filter, the page, the counts
  });
});
