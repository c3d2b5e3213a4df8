// Each role starts on a page for its job: managers on their team's deadlines and the unallocated
// queue, which holds every open case without an officer whatever its deadlines; the improvement
// board on the service's figures, with no child in them.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../lib/clock.ts';
import { ForbiddenError } from '../../lib/errors.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, anOfficer, aTeam, type TestOfficer } from '../../test/factories/index.ts';
import { completeSecondFactor, CookieJar, getPage, postForm, signIn } from '../../test/http.ts';
import { listListAccessBy } from '../audit/index.ts';
import type { StaffRole } from '../auth/index.ts';
import { UNALLOCATED_PAGE_SIZE } from './index.ts';

let testApp: TestApp;
const clock = fixedClock('2026-11-23T10:00:00Z');

beforeAll(async () => {
  testApp = await createTestApp({ clock });
});
afterAll(async () => {
  await testApp?.close();
});


/** Puts a case in the unallocated queue from a given day, as if its officer had left then. */
async function waitingSince(caseId: string, day: string) {
  await testApp.database.db.execute(sql`UPDATE ehc_case SET officer_id = NULL, unallocated_since = ${day} WHERE id = ${caseId}`);
}

describe('the unallocated queue', () => {
  it('lists every open case without an officer, the one waiting longest first, whatever its deadlines, and no other', async () => {
    const { officer, manager } = await aTeam(testApp);
    // A plan whose only deadline, the review, is months away: on no deadline list, in the queue all the same.
    const quietPlan = await aCase(testApp, officer.actor, { stage: 'plan', receivedOn: '2026-03-02', child: { forename: 'Quiet', surname: 'Plan' } });
    const lateRequest = await aCase(testApp, officer.actor, { stage: 'assessment', receivedOn: '2026-06-01', child: { forename: 'Late', surname: 'Request' } });
    const held = await aCase(testApp, officer.actor, { child: { forename: 'Still', surname: 'Held' } });
    const closed = await aCase(testApp, officer.actor, { stage: 'closed', child: { forename: 'Closed', surname: 'Case' } });
    await waitingSince(quietPlan.caseId, '2026-09-01');
    await waitingSince(lateRequest.caseId, '2026-10-15');
    await waitingSince(closed.caseId, '2026-08-01');
    // Recorded by a manager: it waits from today.
    const recorded = await aCase(testApp, manager.actor, { receivedOn: '2026-11-20', child: { forename: 'New', surname: 'Arrival' } });

    const queue = await testApp.services.caseload.unallocatedQueue(manager.actor);
    expect(queue.cases.map((entry) => [entry.childName, entry.unallocatedSince, entry.daysWaiting])).toEqual([
      ['Quiet Plan', '2026-09-01', 83],
      ['Late Request', '2026-10-15', 39],
      ['New Arrival', '2026-11-23', 0],
    ]);
    expect(queue).toMatchObject({ total: 3, oldestSince: '2026-09-01', daysOldestWaited: 83, page: 1, pageCount: 1 });
    expect(queue.cases.map((entry) => entry.childId)).not.toContain(held.childId);
    expect(queue.cases[0]!.deadline).toMatchObject({ title: 'Review the EHC plan', status: 'on-track' });
    expect(queue.cases[2]!.reference).toBe(recorded.reference);
    // Team deadlines' "unallocated" filter shows only what falls due soon; the queue shows all.
    const dueSoon = await testApp.services.deadlines.teamDeadlines(manager.actor, { officer: 'unallocated' });
    expect(dueSoon.deadlines.map((row) => row.childName)).not.toContain('Quiet Plan');
  });

  it('pages 50 at a time, and a page past the end shows the last', async () => {
    const { manager } = await aTeam(testApp);
    for (let index = 0; index < UNALLOCATED_PAGE_SIZE + 2; index += 1) await aCase(testApp, manager.actor, { receivedOn: '2026-11-02' });
    const first = await testApp.services.caseload.unallocatedQueue(manager.actor);
    expect(first).toMatchObject({ page: 1, pageCount: 2, total: UNALLOCATED_PAGE_SIZE + 2 });
    expect(first.cases).toHaveLength(UNALLOCATED_PAGE_SIZE);
    const second = await testApp.services.caseload.unallocatedQueue(manager.actor, { page: 2 });
    expect(second.cases).toHaveLength(2);
    expect(new Set([...first.cases, ...second.cases].map((entry) => entry.caseId)).size).toBe(UNALLOCATED_PAGE_SIZE + 2);
    expect((await testApp.services.caseload.unallocatedQueue(manager.actor, { page: 40 })).page).toBe(2);

    const jar = await signIn(testApp.app, manager.user.email, manager.password);
    const page = await getPage(testApp.app, jar, '/team/unallocated?page=2');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<strong>52</strong> cases waiting');
    expect(page.body).toContain('href="/team/unallocated?page=1"');
  });

  it('writes the children shown to the log of lists, as search and My cases do', async () => {
    const { manager } = await aTeam(testApp);
    const waiting = await aCase(testApp, manager.actor, { receivedOn: '2026-11-02' });
    const jar = await signIn(testApp.app, manager.user.email, manager.password);
    await getPage(testApp.app, jar, '/team/unallocated');
    const rows = await listListAccessBy(testApp.database.db, manager.actor.authorityId, manager.actor.id);
    expect(rows.find((row) => row.view === 'unallocated')).toMatchObject({ childIds: [waiting.childId] });
  });

  it('is for managers: a case officer and a board member are refused by the service and the page', async () => {
    const { council, officer } = await aTeam(testApp);
    const board = await anOfficer(testApp, { authorityId: council.id, role: 'board_member' });
    for (const someone of [officer, board]) {
      await expect(testApp.services.caseload.unallocatedQueue(someone.actor)).rejects.toThrow(ForbiddenError);
      const jar = await signIn(testApp.app, someone.user.email, someone.password);
      expect((await getPage(testApp.app, jar, '/team/unallocated')).statusCode).toBe(403);
      expect((await getPage(testApp.app, jar, '/team')).statusCode).toBe(403);
    }
  });
});

describe('a manager’s home', () => {
  it('shows the team’s missed and coming deadlines and the unallocated queue, with the way to each in full, and logs the children shown', async () => {
    const { officer, manager } = await aTeam(testApp);
    await aCase(testApp, officer.actor, { stage: 'assessment', receivedOn: '2026-06-01', child: { forename: 'Overdue', surname: 'Held' } });
    const waiting = await aCase(testApp, manager.actor, { receivedOn: '2026-10-20', child: { forename: 'Waiting', surname: 'Longest' } });
    await waitingSince(waiting.caseId, '2026-10-20');
    const jar = await signIn(testApp.app, manager.user.email, manager.password);
    const page = await getPage(testApp.app, jar, '/team');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1 class="govuk-heading-xl">Your team</h1>');
    expect(page.body).toContain('Overdue Held');
    expect(page.body).toContain('Waiting Longest');
    expect(page.body).toContain('the oldest waiting since 20 October 2026');
    expect(page.body).toContain('href="/team/deadlines"');
    expect(page.body).toContain('href="/team/unallocated"');
    const rows = (await listListAccessBy(testApp.database.db, manager.actor.authorityId, manager.actor.id)).filter((row) => row.view === 'team');
    expect(rows.flatMap((row) => row.childIds)).toEqual(expect.arrayContaining([waiting.childId]));
  });

  it('the team deadlines page logs the children it shows too', async () => {
    const { officer, manager } = await aTeam(testApp);
    const late = await aCase(testApp, officer.actor, { stage: 'assessment', receivedOn: '2026-06-01' });
    const jar = await signIn(testApp.app, manager.user.email, manager.password);
    await getPage(testApp.app, jar, '/team/deadlines');
    const rows = await listListAccessBy(testApp.database.db, manager.actor.authorityId, manager.actor.id);
    expect(rows.find((row) => row.view === 'team-deadlines')).toMatchObject({ childIds: [late.childId] });
  });
});

describe('the service’s figures', () => {
  it('counts open cases by stage, the unallocated queue and the deadlines, with no child named, for the board and managers', async () => {
    const { council, officer, manager } = await aTeam(testApp);
    await aCase(testApp, officer.actor, { stage: 'assessment', receivedOn: '2026-06-01', child: { forename: 'Named', surname: 'Nowhere' } });
    await aCase(testApp, officer.actor, { stage: 'plan', receivedOn: '2026-03-02' });
    await aCase(testApp, officer.actor, { stage: 'closed' });
    await aCase(testApp, manager.actor, { receivedOn: '2026-11-20' });
    const board = await anOfficer(testApp, { authorityId: council.id, role: 'board_member' });
    const figures = await testApp.services.caseload.figures(board.actor);
    expect(figures).toMatchObject({ openCases: 3, unallocated: 1, unallocatedOldestSince: '2026-11-23', daysOldestWaited: 0 });
    expect(figures.stages).toEqual([
      { stage: 'request', name: 'Request received', cases: 1 },
      { stage: 'assessment', name: 'Needs assessment', cases: 1 },
      { stage: 'draft', name: 'Draft plan', cases: 0 },
      { stage: 'plan', name: 'EHC plan maintained', cases: 1 },
      { stage: 'review', name: 'Annual review', cases: 0 },
    ]);
    expect(await testApp.services.deadlines.deadlineCounts(board.actor)).toEqual({ overdue: 2, dueSoon: 0 });

    const jar = await signIn(testApp.app, board.user.email, board.password);
    const page = await getPage(testApp.app, jar, '/figures');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Open cases by stage');
    expect(page.body).not.toContain('Named Nowhere');
    await expect(testApp.services.caseload.figures(officer.actor)).rejects.toThrow(ForbiddenError);
  });
});

describe('each role’s home', () => {
  const homes: [StaffRole, string, string[], string[]][] = [
    ['case_officer', '/cases', ['My cases', 'Late advice', 'Find a child', 'Panels', 'Reviews', 'Contacts', 'Appeals', 'Phase transfers', 'New request', 'Outbox', 'Your account'], ['Team', 'Users', 'SEN2 return']],
    ['team_manager', '/team', ['Team', 'Dashboard', 'Improvement plan', 'Late advice', 'Find a child', 'Panels', 'Reviews', 'Contacts', 'Appeals', 'Phase transfers', 'New request', 'SEN2 return', 'Outbox', 'Your account'], ['My cases', 'Users']],
    ['service_lead', '/team', ['Team', 'Dashboard', 'Improvement plan', 'Late advice', 'Find a child', 'Panels', 'Reviews', 'Contacts', 'Appeals', 'Phase transfers', 'New request', 'SEN2 return', 'Outbox', 'Your account'], ['My cases', 'Users']],
    ['admin', '/users', ['Users', 'Teams', 'Audit log', 'Letters', 'Import cases', 'Team', 'Dashboard', 'Improvement plan', 'Find a child', 'Panels', 'Contacts', 'Appeals', 'SEN2 return', 'Outbox', 'Your account'], ['My cases', 'Late advice']],
    ['board_member', '/figures', ['Figures', 'Dashboard', 'Improvement plan', 'Your account'], ['My cases', 'Team', 'Late advice', 'Find a child', 'Panels', 'New request', 'Outbox']],
  ];

  const navigationOf = (html: string) =>
    [...(/<ul class="govuk-service-navigation__list"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '').matchAll(/class="govuk-service-navigation__link"[^>]*>\s*(?:<strong[^>]*>)?([^<]+?)\s*</g)].map((match) => match[1]);

  it.each(homes)('role %s lands on %s after signing in and at the start page, with the links of their job', async (role, home, links, notLinks) => {
    const someone: TestOfficer = await anOfficer(testApp, { role });
    const jar = new CookieJar();
    const signedIn = await postForm(testApp.app, jar, '/sign-in', { email: someone.user.email, password: someone.password }, { csrfFrom: '/sign-in' });
    expect(signedIn.statusCode).toBe(303);
    // The first sign-in sets up the authenticator app; its last page goes on to the home.
    expect(signedIn.headers.location).toBe('/sign-in/set-up-second-factor');
    expect((await completeSecondFactor(testApp.app, jar, someone.user.email, signedIn)).body).toContain(`href="${home}">I have kept my codes`);
    const start = await getPage(testApp.app, jar, '/');
    expect(start.statusCode).toBe(303);
    expect(start.headers.location).toBe(home);
    const page = await getPage(testApp.app, jar, home);
    expect(page.statusCode).toBe(200);
    const navigation = navigationOf(page.body);
    expect(navigation).toEqual(links);
    for (const link of notLinks) expect(navigation).not.toContain(link);
  });

  it('a page asked for before signing in still comes first, and the start page is for everyone else', async () => {
    const manager = await anOfficer(testApp, { role: 'team_manager' });
    const jar = new CookieJar();
    const response = await postForm(testApp.app, jar, '/sign-in', { email: manager.user.email, password: manager.password, returnTo: '/search' }, { csrfFrom: '/sign-in?returnTo=%2Fsearch' });
    expect(response.headers.location).toBe('/sign-in/set-up-second-factor?returnTo=%2Fsearch');
    expect((await completeSecondFactor(testApp.app, jar, manager.user.email, response)).body).toContain('href="/search">I have kept my codes');
    const start = await getPage(testApp.app, new CookieJar(), '/');
    expect(start.statusCode).toBe(200);
    expect(start.body).toContain('Special educational needs casework');
  });
});
