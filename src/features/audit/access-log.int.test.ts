// The access log read by administrators: who viewed a child (found by name, UPN or case
// reference), what a member of staff viewed, and the report of unusual access. Reading it is logged.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjustableClock } from '../../lib/clock.ts';
import { ForbiddenError, NotFoundError } from '../../lib/errors.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, anAuthority, anOfficer, aStaffTeam, type TestOfficer } from '../../test/factories/index.ts';
import { errorSummaryOf, getPage, signIn } from '../../test/http.ts';
import { listAccessFor, listListAccessBy, recordAccess } from './index.ts';

let testApp: TestApp;
let admin: TestOfficer;
const clock = adjustableClock('2026-11-02T09:00:00Z');
const minutes = (count: number) => clock.advance(count * 60_000);

beforeAll(async () => {
  testApp = await createTestApp({ clock });
  admin = await anOfficer(testApp, { role: 'admin' });
});
afterAll(async () => {
  await testApp?.close();
});

const accessLog = () => testApp.services.accessLog;
const adminJar = () => signIn(testApp.app, admin.user.email, admin.password);

describe('who viewed a child', () => {
  it('finds the child by case reference, UPN or name, and lists their record’s views and the lists they were on, newest first', async () => {
    const officer = await anOfficer(testApp);
    const created = await aCase(testApp, officer.actor, { child: { forename: 'Access', surname: 'Logsubject', upn: 'A123456789012' } });
    minutes(5);
    await testApp.services.children.childRecord(officer.actor, created.childId);
    minutes(5);
    await testApp.services.search.search(officer.actor, 'logsubject');

    for (const typed of [created.reference.toLowerCase(), 'A123456789012', 'Access Logsubject']) {
      expect((await accessLog().findChildren(admin.actor, typed)).map((child) => child.id)).toEqual([created.childId]);
    }
    const log = await accessLog().childViews(admin.actor, created.childId);
    // The administrator's own look-ups just now are on the log too (they showed the child): the officer's views follow.
    expect(log.views.filter((view) => view.staff?.id === admin.user.id).map((view) => view.view)).toEqual(['audit:access-search', 'audit:access-search', 'audit:access-search']);
    expect(log.views.filter((view) => view.staff?.id === officer.user.id).map((view) => [view.kind, view.view, view.staff?.name, view.query])).toEqual([
      ['list', 'search', officer.user.name, 'logsubject'],
      ['record', 'record', officer.user.name, null],
    ]);
    // The administrator's reading of it is itself in the access log, for the next reader.
    expect((await listAccessFor(testApp.database.db, testApp.authorityId, created.childId))[0]).toMatchObject({ actorId: admin.user.id, view: 'audit:access-log' });
    expect((await listListAccessBy(testApp.database.db, testApp.authorityId, admin.user.id)).map((row) => row.view)).toContain('audit:access-search');

    const jar = await adminJar();
    const found = await getPage(testApp.app, jar, `/audit/access/find?child=${encodeURIComponent(created.reference)}`);
    expect(found.statusCode).toBe(303);
    expect(found.headers.location).toBe(`/audit/access/children/${created.childId}`);
    const page = await getPage(testApp.app, jar, found.headers.location!);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Who viewed Access Logsubject');
    expect(page.body).toContain('Searched for “logsubject”: shown 1 child');
    expect(page.body).toContain(`/children/${created.childId}/subject-access.zip`);
  });

  it('pages through the views, 50 at a time, and reads only between the dates asked for', async () => {
    const officer = await anOfficer(testApp);
    const created = await aCase(testApp, officer.actor);
    clock.advance(24 * 3_600_000);
    const day = clock.today();
    // Written as the services write a view, without reading the record 51 times.
    for (let count = 0; count < 51; count++) {
      await recordAccess(testApp.database.db, clock, officer.actor, created.childId, 'record');
      minutes(1);
    }
    const first = await accessLog().childViews(admin.actor, created.childId, { from: day, to: day });
    expect(first.views).toHaveLength(50);
    expect(first.hasNextPage).toBe(true);
    // The first page's reading is now the newest view: the second page holds the officer's two oldest.
    const second = await accessLog().childViews(admin.actor, created.childId, { from: day, to: day, page: 2 });
    expect(second.views.map((view) => [view.view, view.staff?.id])).toEqual([
      ['record', officer.user.id],
      ['record', officer.user.id],
    ]);
    expect(second.hasNextPage).toBe(false);
    expect((await accessLog().childViews(admin.actor, created.childId, { to: '2026-11-01' })).views).toEqual([]);
  });

  it('refuses an unknown child and a bad date on the form, with an error summary linking to the field', async () => {
    const jar = await adminJar();
    const unknown = await getPage(testApp.app, jar, '/audit/access/find?child=Nobody+Zzyzxhasthisname');
    expect(unknown.statusCode).toBe(400);
    expect(errorSummaryOf(unknown.body)).toEqual([{ href: '#child', text: 'No child’s name, UPN or case reference matches ‘Nobody Zzyzxhasthisname’' }]);
    const empty = await getPage(testApp.app, jar, '/audit/access/find?child=');
    expect(errorSummaryOf(empty.body)).toEqual([{ href: '#child', text: 'Enter a child’s name, UPN or case reference' }]);

    const officer = await anOfficer(testApp);
    const created = await aCase(testApp, officer.actor, { child: { forename: 'Baddate', surname: 'Subject' } });
    const badDate = await getPage(testApp.app, jar, `/audit/access/children/${created.childId}?from-day=31&from-month=2&from-year=2026`);
    expect(badDate.statusCode).toBe(400);
    expect(errorSummaryOf(badDate.body)).toEqual([{ href: '#from-day', text: 'The ‘from’ date must be a real date, for example 1 11 2026' }]);
    expect(badDate.body).not.toContain('Baddate');
  });

  it('is for administrators only, and another council’s child is not found', async () => {
    const officer = await anOfficer(testApp);
    const created = await aCase(testApp, officer.actor);
    await expect(accessLog().childViews(officer.actor, created.childId)).rejects.toThrow(ForbiddenError);
    await expect(accessLog().findChildren(officer.actor, 'anything')).rejects.toThrow(ForbiddenError);
    await expect(accessLog().unusualAccess(officer.actor, {})).rejects.toThrow(ForbiddenError);
    const officerJar = await signIn(testApp.app, officer.user.email, officer.password);
    expect((await getPage(testApp.app, officerJar, `/audit/access/children/${created.childId}`)).statusCode).toBe(403);

    const elsewhere = await anAuthority(testApp.database.db);
    const otherAdmin = await anOfficer(testApp, { role: 'admin', authorityId: elsewhere.id });
    await expect(accessLog().childViews(otherAdmin.actor, created.childId)).rejects.toThrow(NotFoundError);
    await expect(accessLog().staffViews(otherAdmin.actor, officer.user.id)).rejects.toThrow(NotFoundError);
  });
});

describe('what a member of staff viewed', () => {
  it('lists the records they opened and the lists they were shown, through their tokens too', async () => {
    const officer = await anOfficer(testApp);
    const created = await aCase(testApp, officer.actor, { child: { forename: 'Viewed', surname: 'Bystaff' } });
    minutes(1);
    await testApp.services.children.childRecord(officer.actor, created.childId);
    minutes(1);
    const issued = await testApp.services.auth.issueApiToken(admin.actor, officer.user.id, 'Script');
    expect((await testApp.app.inject({ method: 'GET', url: `/api/v1/children/${created.childId}`, headers: { authorization: `Bearer ${issued.token}` } })).statusCode).toBe(200);

    const log = await accessLog().staffViews(admin.actor, officer.user.id);
    expect(log.views.map((view) => [view.kind, view.view, view.child?.name, view.throughToken])).toEqual([
      ['record', 'api:child', 'Viewed Bystaff', true],
      ['record', 'record', 'Viewed Bystaff', false],
    ]);
    const page = await getPage(testApp.app, await adminJar(), `/audit/access/staff/${officer.user.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`What ${officer.user.name} viewed`);
    expect(page.body).toContain(`href="/audit/access/children/${created.childId}">Viewed Bystaff</a>`);
  });
});

describe('the report of unusual access', () => {
  it('finds many records in a short time, a child outside the viewer’s caseload and team, and a restricted record', async () => {
    clock.advance(7 * 24 * 3_600_000);
    const from = clock.today();
    const holder = await anOfficer(testApp);
    const teammate = await anOfficer(testApp);
    const stranger = await anOfficer(testApp);
    const manager = await anOfficer(testApp, { role: 'team_manager' });
    await aStaffTeam(testApp, { managerId: manager.user.id, memberIds: [holder.user.id, teammate.user.id] });
    const held = await aCase(testApp, holder.actor, { child: { forename: 'Heldby', surname: 'Holder' } });
    const restricted = await aCase(testApp, holder.actor, { child: { forename: 'Kept', surname: 'Private' } });
    await testApp.database.db.execute(sql`UPDATE child SET sensitive = true WHERE id = ${restricted.childId}`);
    minutes(60);

    await testApp.services.children.childRecord(holder.actor, held.childId);
    await testApp.services.children.childRecord(teammate.actor, held.childId);
    await testApp.services.children.childRecord(manager.actor, held.childId);
    await testApp.services.children.childRecord(stranger.actor, held.childId);
    await testApp.services.children.childRecord(holder.actor, restricted.childId);
    await expect(testApp.services.children.childRecord(stranger.actor, restricted.childId)).rejects.toThrow(NotFoundError);
    // A reader of many records: three children in two minutes, over a threshold of two.
    const reader = await anOfficer(testApp, { role: 'service_lead' });
    const many = [held, restricted, await aCase(testApp, holder.actor)];
    minutes(30);
    for (const one of many) {
      await testApp.services.children.childRecord(reader.actor, one.childId);
      minutes(1);
    }

    const report = await accessLog().unusualAccess(admin.actor, { from, to: clock.today(), children: '2', minutes: '5' });
    expect(report.threshold).toEqual({ children: 2, minutes: 5 });
    expect(report.bursts.map((row) => [row.staff.name, row.childCount])).toEqual([[reader.user.name, 3]]);
    const rows = report.views.map((row) => [row.staff.name, row.child?.name, row.reasons]);
    expect(rows).toContainEqual([stranger.user.name, 'Heldby Holder', ['outside-caseload']]);
    expect(rows).toContainEqual([stranger.user.name, 'Kept Private', ['outside-caseload', 'restricted']]);
    expect(rows).toContainEqual([holder.user.name, 'Kept Private', ['restricted']]);
    expect(rows).toContainEqual([reader.user.name, 'Kept Private', ['restricted']]);
    for (const ordinary of [holder, teammate, manager]) expect(rows).not.toContainEqual([ordinary.user.name, 'Heldby Holder', expect.anything()]);
    expect((await listListAccessBy(testApp.database.db, testApp.authorityId, admin.user.id)).at(-1)).toMatchObject({ view: 'audit:unusual-access' });

    const jar = await adminJar();
    const page = await getPage(testApp.app, jar, '/audit/unusual?children=2&minutes=5');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('more than 2 different children within 5 minutes');
    expect(page.body).toContain(`/audit/access/children/${held.childId}?from-day=`);
  });

  it('shows its default thresholds, and refuses thresholds and dates that are not right, naming each field', async () => {
    const jar = await adminJar();
    const page = await getPage(testApp.app, jar, '/audit/unusual');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('more than 20 different children within 10 minutes');
    const refused = await getPage(testApp.app, jar, '/audit/unusual?children=1&minutes=x&from-day=30&from-month=2&from-year=2026');
    expect(refused.statusCode).toBe(400);
    expect(errorSummaryOf(refused.body).map((error) => error.href)).toEqual(['#from-day', '#children', '#minutes']);
  });

  it('reads no other council’s views', async () => {
    const elsewhere = await anAuthority(testApp.database.db);
    const otherAdmin = await anOfficer(testApp, { role: 'admin', authorityId: elsewhere.id });
    const report = await accessLog().unusualAccess(otherAdmin.actor, { from: '2026-11-01' });
    expect(report.viewsRead).toBe(0);
  });
});
