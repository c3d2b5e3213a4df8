// Administrators read the audit log by member of staff and by child: newest first, a page at a
// time, between dates; reading it is itself logged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjustableClock } from '../../lib/clock.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, anAuthority, anOfficer, type TestOfficer } from '../../test/factories/index.ts';
import { errorSummaryOf, getPage, signIn, type CookieJar } from '../../test/http.ts';
import { describeDetails, describeEntry } from './presenters.ts';
import { listAccessFor, listListAccessBy, TRAIL_PAGE_SIZE } from './index.ts';

let testApp: TestApp;
let admin: TestOfficer;
// Days apart, so the order and the date filters have something to tell apart.
const clock = adjustableClock('2026-11-02T09:00:00Z');
const nextDay = () => clock.advance(24 * 3_600_000);

beforeAll(async () => {
  testApp = await createTestApp({ clock });
  admin = await anOfficer(testApp, { role: 'admin' });
});
afterAll(async () => {
  await testApp?.close();
});

const audit = () => testApp.services.audit;
/** The administrator signed in now: the clock moves on by days, past any session's end. */
const adminJar = (): Promise<CookieJar> => signIn(testApp.app, admin.user.email, admin.password);

describe('what a member of staff did', () => {
  it('lists their changes, the records they viewed and the lists they were shown, also through their API tokens, newest first', async () => {
    const officer = await anOfficer(testApp);
    const created = await aCase(testApp, officer.actor, { receivedOn: '2026-10-20', child: { forename: 'Trail', surname: 'Subject' } });
    nextDay();
    await testApp.services.children.childRecord(officer.actor, created.childId);
    nextDay();
    await testApp.services.search.search(officer.actor, 'subject');
    nextDay();
    const issued = await testApp.services.auth.issueApiToken(admin.actor, officer.user.id, 'Census script');
    const viaApi = await testApp.app.inject({ method: 'GET', url: `/api/v1/children/${created.childId}`, headers: { authorization: `Bearer ${issued.token}` } });
    expect(viaApi.statusCode).toBe(200);

    const trail = await audit().staffTrail(admin.actor, officer.user.id);
    expect(trail.entries.map((entry) => [entry.kind, describeEntry(entry), entry.child?.name, entry.actor.token?.name])).toEqual([
      ['view', 'Read the record through the API', 'Trail Subject', 'Census script'],
      ['list', 'Searched for “subject”: shown 1 child', undefined, undefined],
      ['view', 'Viewed the record', 'Trail Subject', undefined],
      ['change', 'Recorded a request for an EHC needs assessment', 'Trail Subject', undefined],
      ['change', 'Added the child', 'Trail Subject', undefined],
    ]);
    expect(trail.entries[3]!.child).toMatchObject({ id: created.childId, reference: created.reference });
    expect(trail.hasNextPage).toBe(false);

    const page = await getPage(testApp.app, await adminJar(), `/audit/staff/${officer.user.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`What ${officer.user.name} did`);
    expect(page.body).toContain(`href="/audit/children/${created.childId}">Trail Subject</a>`);
    expect(page.body).toContain('through the API token “Census script”');
  });

  it('reads only between the dates asked for, as London counts its days', async () => {
    const officer = await anOfficer(testApp);
    const first = await aCase(testApp, officer.actor, { receivedOn: '2026-10-20' });
    nextDay();
    const onDay = testApp.clock.today();
    await testApp.services.children.childRecord(officer.actor, first.childId);
    nextDay();
    await testApp.services.children.childRecord(officer.actor, first.childId);
    const only = await audit().staffTrail(admin.actor, officer.user.id, { from: onDay, to: onDay });
    expect(only.entries.map((entry) => [entry.kind, entry.at.slice(0, 10)])).toEqual([['view', onDay]]);
    expect((await audit().staffTrail(admin.actor, officer.user.id, { from: onDay })).entries).toHaveLength(2);
    expect((await audit().staffTrail(admin.actor, officer.user.id, { to: onDay })).entries).toHaveLength(3);

    const [year, month, day] = onDay.split('-');
    const page = await getPage(testApp.app, await adminJar(), `/audit/staff/${officer.user.id}?from-day=${Number(day)}&from-month=${Number(month)}&from-year=${year}&to-day=${Number(day)}&to-month=${Number(month)}&to-year=${year}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/Between \d+ November 2026 and \d+ November 2026/);
  });

  it('refuses dates that are not real, and a ‘to’ before the ‘from’, on the page with its error summary', async () => {
    const officer = await anOfficer(testApp);
    await expect(audit().staffTrail(admin.actor, officer.user.id, { from: '2026-02-30' })).rejects.toThrow(ValidationError);
    const notReal = await getPage(testApp.app, await adminJar(), `/audit/staff/${officer.user.id}?from-day=30&from-month=2&from-year=2026`);
    expect(notReal.statusCode).toBe(400);
    expect(errorSummaryOf(notReal.body)).toEqual([{ href: '#from-day', text: 'The ‘from’ date must be a real date, for example 1 11 2026' }]);
    expect(notReal.body).toContain('value="30"');
    const backwards = await getPage(testApp.app, await adminJar(), `/audit/staff/${officer.user.id}?from-day=2&from-month=11&from-year=2026&to-day=1&to-month=11&to-year=2026`);
    expect(backwards.statusCode).toBe(400);
    expect(errorSummaryOf(backwards.body)).toEqual([{ href: '#to-day', text: 'The ‘to’ date must be the same as or after the ‘from’ date' }]);
  });

  it('pages 50 at a time, newest first, with the dates kept in the links', async () => {
    const officer = await anOfficer(testApp);
    const held = await aCase(testApp, officer.actor, { receivedOn: '2026-10-20' });
    for (let view = 0; view < TRAIL_PAGE_SIZE; view += 1) {
      clock.advance(60_000);
      await testApp.services.children.childRecord(officer.actor, held.childId);
    }
    const first = await audit().staffTrail(admin.actor, officer.user.id);
    expect(first.entries).toHaveLength(TRAIL_PAGE_SIZE);
    expect(first.hasNextPage).toBe(true);
    const second = await audit().staffTrail(admin.actor, officer.user.id, { page: 2 });
    expect(second.entries.map((entry) => entry.action)).toEqual(['request.recorded', 'child.created']);
    expect(second.hasNextPage).toBe(false);
    expect(first.entries[0]!.at > first.entries[1]!.at).toBe(true);

    const page = await getPage(testApp.app, await adminJar(), `/audit/staff/${officer.user.id}?from-day=1&from-month=1&from-year=2026`);
    expect(page.body).toContain(`href="/audit/staff/${officer.user.id}?from-day=1&amp;from-month=1&amp;from-year=2026&amp;page=2"`);
  });

  it('is logged when read: one row in the log of lists, naming whose trail it was and the children on it', async () => {
    const officer = await anOfficer(testApp);
    const created = await aCase(testApp, officer.actor);
    await getPage(testApp.app, await adminJar(), `/audit/staff/${officer.user.id}`);
    const rows = (await listListAccessBy(testApp.database.db, admin.actor.authorityId, admin.actor.id)).filter((row) => row.view === 'audit:staff' && row.query === officer.user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.childIds).toEqual([created.childId]);
    // And the administrator's own trail says so, naming whose it was.
    const own = await audit().staffTrail(admin.actor, admin.actor.id);
    expect(own.entries.find((entry) => entry.view === 'audit:staff' && entry.staff?.id === officer.user.id)).toBeDefined();
  });
});

describe('who viewed or changed a child’s record', () => {
  it('lists each view of the record and each change to the child and their cases, newest first, with who', async () => {
    const officer = await anOfficer(testApp);
    const manager = await anOfficer(testApp, { role: 'team_manager' });
    const created = await aCase(testApp, officer.actor, { receivedOn: '2026-10-20', child: { forename: 'Record', surname: 'Watched', upn: undefined } });
    nextDay();
    await testApp.services.decisions.decideWhetherToAssess(manager.actor, created.caseId, { outcome: 'assess', decidedOn: testApp.clock.today(), reasons: 'Needs the school cannot meet' });
    nextDay();
    await testApp.services.children.childRecord(manager.actor, created.childId);
    nextDay();
    await testApp.services.children.updateChildDetails(officer.actor, created.childId, { version: 1, forename: 'Record', surname: 'Watched', postcode: 'B1 1AA' });
    // Another child's trail is not this one's.
    await aCase(testApp, officer.actor);

    const trail = await audit().childTrail(admin.actor, created.childId);
    expect(trail.child).toEqual({ id: created.childId, name: 'Record Watched' });
    expect(trail.entries.map((entry) => [entry.actor.staff?.name, describeEntry(entry), describeDetails(entry)])).toEqual([
      [officer.user.name, 'Changed the child’s details', 'postcode: none → B1 1AA'],
      [manager.user.name, 'Viewed the record', ''],
      [manager.user.name, 'Recorded a decision', 'Assess'],
      [officer.user.name, 'Recorded a request for an EHC needs assessment', ''],
      [officer.user.name, 'Added the child', ''],
    ]);

    const page = await getPage(testApp.app, await adminJar(), `/audit/children/${created.childId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Who viewed or changed the record of Record Watched');
    expect(page.body).toContain(`href="/audit/staff/${manager.user.id}">${manager.user.name}</a>`);
  });

  it('is logged when read, as a view of the child’s record in the access log', async () => {
    const officer = await anOfficer(testApp);
    const created = await aCase(testApp, officer.actor);
    await getPage(testApp.app, await adminJar(), `/audit/children/${created.childId}`);
    const views = await listAccessFor(testApp.database.db, admin.actor.authorityId, created.childId);
    expect(views.filter((view) => view.actorId === admin.actor.id).map((view) => view.view)).toEqual(['audit-trail']);
    // The next reading shows the last one.
    const trail = await audit().childTrail(admin.actor, created.childId);
    expect(describeEntry(trail.entries[0]!)).toBe('Read the record’s audit trail');
  });

  it('is linked from the child’s record for an administrator only', async () => {
    const officer = await anOfficer(testApp);
    const created = await aCase(testApp, officer.actor);
    expect((await getPage(testApp.app, await adminJar(), `/children/${created.childId}`)).body).toContain(`href="/audit/children/${created.childId}">Who viewed or changed this record</a>`);
    const officerJar = await signIn(testApp.app, officer.user.email, officer.password);
    expect((await getPage(testApp.app, officerJar, `/children/${created.childId}`)).body).not.toContain('Who viewed or changed this record');
  });

  it('refuses bad dates without showing anything of the child', async () => {
    const officer = await anOfficer(testApp);
    const created = await aCase(testApp, officer.actor, { child: { forename: 'Hidden', surname: 'Name' } });
    const refused = await getPage(testApp.app, await adminJar(), `/audit/children/${created.childId}?to-day=31&to-month=4&to-year=2026`);
    expect(refused.statusCode).toBe(400);
    expect(errorSummaryOf(refused.body)).toEqual([{ href: '#to-day', text: 'The ‘to’ date must be a real date, for example 1 11 2026' }]);
    expect(refused.body).not.toContain('Hidden Name');
    expect((await listAccessFor(testApp.database.db, admin.actor.authorityId, created.childId)).filter((view) => view.actorId === admin.actor.id)).toEqual([]);
  });
});

describe('who may read the audit log', () => {
  it('administrators only, of their own council: anyone else is refused by the service and the pages', async () => {
    const officer = await anOfficer(testApp);
    const manager = await anOfficer(testApp, { role: 'team_manager' });
    const created = await aCase(testApp, officer.actor);
    for (const someone of [officer, manager]) {
      await expect(audit().staffTrail(someone.actor, officer.user.id)).rejects.toThrow(ForbiddenError);
      await expect(audit().childTrail(someone.actor, created.childId)).rejects.toThrow(ForbiddenError);
      const jar = await signIn(testApp.app, someone.user.email, someone.password);
      for (const url of ['/audit', `/audit/staff/${officer.user.id}`, `/audit/children/${created.childId}`]) expect((await getPage(testApp.app, jar, url)).statusCode, url).toBe(403);
    }
    const elsewhere = await anAuthority(testApp.database.db);
    const stranger = await anOfficer(testApp, { authorityId: elsewhere.id });
    const theirs = await aCase(testApp, stranger.actor);
    await expect(audit().staffTrail(admin.actor, stranger.user.id)).rejects.toThrow(NotFoundError);
    await expect(audit().childTrail(admin.actor, theirs.childId)).rejects.toThrow(NotFoundError);
    expect((await getPage(testApp.app, await adminJar(), `/audit/children/${theirs.childId}`)).statusCode).toBe(404);
    expect((await getPage(testApp.app, await adminJar(), '/audit/staff/not-an-id')).statusCode).toBe(404);
  });
});

describe('the audit log page', () => {
  it('picks a member of staff and goes to their trail, or says to choose one', async () => {
    const officer = await anOfficer(testApp);
    const page = await getPage(testApp.app, await adminJar(), '/audit');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<option value="${officer.user.id}">`);
    const chosen = await getPage(testApp.app, await adminJar(), `/audit/staff?user=${officer.user.id}`);
    expect(chosen.statusCode).toBe(303);
    expect(chosen.headers.location).toBe(`/audit/staff/${officer.user.id}`);
    const none = await getPage(testApp.app, await adminJar(), '/audit/staff?user=');
    expect(none.statusCode).toBe(400);
    expect(errorSummaryOf(none.body)).toEqual([{ href: '#user', text: 'Choose a member of staff' }]);
  });
});
