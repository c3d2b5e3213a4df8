import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../lib/clock.ts';
import { createTestApp, type TestApp } from '../test/app.ts';
import { aCase, anAuthority, anOfficer, type NewChildDetails, type TestOfficer } from '../test/factories/index.ts';
import { getPage, signIn, type CookieJar } from '../test/http.ts';

// No page may run a query per row (the N+1 pattern): each core page is read with a small and a
// large amount of data behind it, and must run the same, small number of queries both times.

const clock = fixedClock('2026-11-23T10:00:00Z');
let testApp: TestApp;
let queries: string[] = [];

/** The queries of one view of a page, once the browser's session is known to the instance. */
async function queriesFor(jar: CookieJar, url: string): Promise<string[]> {
  await getPage(testApp.app, jar, url);
  queries = [];
  const response = await getPage(testApp.app, jar, url);
  expect(response.statusCode, url).toBe(200);
  return [...queries];
}

const signedIn = (officer: TestOfficer) => signIn(testApp.app, officer.user.email, officer.password);

/** Requests received across 2026 (many of them overdue by now), held by the officer. */
async function casesHeldBy(officer: TestOfficer, count: number, child: (index: number) => Partial<NewChildDetails> = () => ({})) {
  for (let index = 0; index < count; index += 1) {
    const receivedOn = `2026-${String((index % 9) + 1).padStart(2, '0')}-${String((index % 27) + 1).padStart(2, '0')}`;
    await aCase(testApp, officer.actor, { receivedOn, source: 2, child: { postcode: `B${(index % 9) + 1} 1AA`, ...child(index) } });
  }
}

beforeAll(async () => {
  testApp = await createTestApp({ clock, onQuery: (query) => queries.push(query) });
});

afterAll(async () => {
  await testApp?.close();
});

describe('queries a page runs, whatever the rows behind it', () => {
  it('My cases: three statements, the page with its count, the contacts the officer owns and the log of the children shown, for 1 case and for a full page of 50', async () => {
    const light = await anOfficer(testApp);
    const busy = await anOfficer(testApp);
    await casesHeldBy(light, 1);
    // The busy officer holds 60 cases: two pages.
    await casesHeldBy(busy, 60);
    const [lightJar, busyJar] = [await signedIn(light), await signedIn(busy)];
    const few = await queriesFor(lightJar, '/cases');
    const many = await queriesFor(busyJar, '/cases');
    expect((await getPage(testApp.app, busyJar, '/cases')).body.match(/<tr class="govuk-table__row">/g)).toHaveLength(51);
    expect(many).toHaveLength(few.length);
    expect(many.length).toBe(3);
    expect(many[2]).toMatch(/insert into "list_access_log"/i);
  });

  it('a child’s record: two statements, the second writing the access log, for a new request and for a long history', async () => {
    const officer = await anOfficer(testApp);
    const quiet = await aCase(testApp, officer.actor, { receivedOn: '2026-10-01' });
    const storied = await aCase(testApp, officer.actor, {
      stage: 'plan',
      receivedOn: '2025-01-06',
      stepDates: { 'assessment.agreed': '2025-02-10', 'draft.issued': '2025-04-14', 'plan.issued': '2025-05-19' },
    });
    await testApp.services.caseProgress.recordStep(officer.actor, storied.caseId, 'review.scheduled', '2026-05-11');
    await testApp.services.caseProgress.recordStep(officer.actor, storied.caseId, 'review.held', '2026-05-11');
    const jar = await signedIn(officer);
    const few = await queriesFor(jar, `/children/${quiet.childId}`);
    const many = await queriesFor(jar, `/children/${storied.childId}`);
    expect(many).toHaveLength(few.length);
    expect(many.length).toBe(2);
    expect(many[1]).toMatch(/INSERT INTO "access_log"/);
  });

  it('search: the same queries for one match and for many', async () => {
    const officer = await anOfficer(testApp);
    await aCase(testApp, officer.actor, { receivedOn: '2026-10-01', child: { forename: 'Quiet', surname: 'Rowcount' } });
    await casesHeldBy(officer, 60, (index) => ({ forename: `Busy${index}`, surname: 'Rowcount' }));
    const jar = await signedIn(officer);
    const few = await queriesFor(jar, '/search?q=Quiet');
    const many = await queriesFor(jar, '/search?q=Rowcount');
    expect(many).toHaveLength(few.length);
    expect(many.length).toBeLessThanOrEqual(2);
  });

  it('team deadlines: the same queries for an empty queue and for the whole team’s, sent in one round', async () => {
    // A council of its own, whose whole team's deadlines are this test's.
    const authorityId = (await anAuthority(testApp.database.db)).id;
    const busy = await anOfficer(testApp, { authorityId });
    const manager = await anOfficer(testApp, { authorityId, role: 'team_manager' });
    await casesHeldBy(busy, 60);
    // One case in the unallocated queue, its decision due in 8 days.
    await aCase(testApp, manager.actor, { receivedOn: '2026-10-20' });
    const jar = await signedIn(manager);
    const few = await queriesFor(jar, '/team/deadlines?officer=unallocated');
    const many = await queriesFor(jar, '/team/deadlines');
    expect(many).toHaveLength(few.length);
    expect(many.length).toBe(4); // the officers for the filter, the page, the counts, the log of the children shown
    expect(many[3]).toMatch(/insert into "list_access_log"/i);
  });

  it('the unallocated queue and the manager’s home: the same queries for one case waiting and for a queue of 60', async () => {
    const quiet = await anAuthority(testApp.database.db);
    const busy = await anAuthority(testApp.database.db);
    const quietManager = await anOfficer(testApp, { authorityId: quiet.id, role: 'team_manager' });
    const busyManager = await anOfficer(testApp, { authorityId: busy.id, role: 'team_manager' });
    // Requests a manager records wait in the unallocated queue.
    await casesHeldBy(quietManager, 1);
    await casesHeldBy(busyManager, 60);
    const [quietJar, busyJar] = [await signedIn(quietManager), await signedIn(busyManager)];
    const few = await queriesFor(quietJar, '/team/unallocated');
    const many = await queriesFor(busyJar, '/team/unallocated');
    expect(many).toHaveLength(few.length);
    expect(many.length).toBe(2); // the page with its count, the log of the children shown
    const homeFew = await queriesFor(quietJar, '/team');
    const homeMany = await queriesFor(busyJar, '/team');
    expect(homeMany).toHaveLength(homeFew.length);
    expect(homeMany.length).toBe(6); // the team's deadlines (officers, page, counts, log) and the queue (page, log)
  });

  it('the allocation page and a case’s officer page: the same queries for one case waiting and a queue of 60, and for one officer and several', async () => {
    const quiet = await anAuthority(testApp.database.db);
    const busy = await anAuthority(testApp.database.db);
    const quietManager = await anOfficer(testApp, { authorityId: quiet.id, role: 'team_manager' });
    const busyManager = await anOfficer(testApp, { authorityId: busy.id, role: 'team_manager' });
    await anOfficer(testApp, { authorityId: quiet.id });
    for (let index = 0; index < 5; index += 1) await anOfficer(testApp, { authorityId: busy.id });
    await casesHeldBy(quietManager, 1);
    await casesHeldBy(busyManager, 60);
    const [quietJar, busyJar] = [await signedIn(quietManager), await signedIn(busyManager)];
    const few = await queriesFor(quietJar, '/team/allocate');
    const many = await queriesFor(busyJar, '/team/allocate');
    expect(many).toHaveLength(few.length);
    expect(many.length).toBe(3); // the queue's page with its count, the officers with their counts, the log of the children shown

    const [quietCase] = (await testApp.services.caseload.unallocatedQueue(quietManager.actor)).cases;
    const busyQueue = (await testApp.services.caseload.unallocatedQueue(busyManager.actor)).cases;
    const busyOfficer = (await testApp.services.allocation.activeOfficers(busyManager.actor))[0]!;
    // A case that has changed hands: more spells, the same queries.
    await testApp.services.allocation.allocate(busyManager.actor, { cases: [busyQueue[0]!.caseId], officer: busyOfficer.id });
    const officerFew = await queriesFor(quietJar, `/cases/${quietCase!.caseId}/officer`);
    const officerMany = await queriesFor(busyJar, `/cases/${busyQueue[0]!.caseId}/officer`);
    expect(officerMany).toHaveLength(officerFew.length);
  });

  it('the report of waits for an officer: two statements, the waits and the log of the children shown, for one wait and for 60', async () => {
    const quiet = await anAuthority(testApp.database.db);
    const busy = await anAuthority(testApp.database.db);
    const quietManager = await anOfficer(testApp, { authorityId: quiet.id, role: 'team_manager' });
    const busyManager = await anOfficer(testApp, { authorityId: busy.id, role: 'team_manager' });
    await casesHeldBy(quietManager, 1);
    await casesHeldBy(busyManager, 60);
    // Every one of them has waited in the queue since October: more than 5 working days.
    for (const council of [quiet, busy]) {
      await testApp.database.db.execute(sql`UPDATE case_holder SET held_from = held_from - interval '40 days' WHERE authority_id = ${council.id} AND officer_id IS NULL`);
    }
    const [quietJar, busyJar] = [await signedIn(quietManager), await signedIn(busyManager)];
    const few = await queriesFor(quietJar, '/team/caseloads/waits');
    const many = await queriesFor(busyJar, '/team/caseloads/waits');
    expect((await getPage(testApp.app, busyJar, '/team/caseloads/waits')).body.match(/<tr class="govuk-table__row">/g)).toHaveLength(51);
    expect(many).toHaveLength(few.length);
    expect(many.length).toBe(2);
    expect(many[1]).toMatch(/insert into "list_access_log"/i);
    const secondPage = await queriesFor(busyJar, '/team/caseloads/waits?days=5&page=2');
    expect(secondPage).toHaveLength(2);
  });
});
