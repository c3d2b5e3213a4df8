// Cover while an officer is away, and the team views: a manager sets cover, the cover's My cases
// lists the officer's cases marked as covered while it runs, the team's deadlines name the cover,
// the cases stay the officer's; teams narrow the caseloads and deadlines, a team manager's own first.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { adjustableClock } from '../../lib/clock.ts';
import { ForbiddenError, ValidationError } from '../../lib/errors.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, anApiToken, anAuthority, anOfficer, aStaffTeam, aTeam } from '../../test/factories/index.ts';
import { errorSummaryOf, getPage, postForm, signIn } from '../../test/http.ts';

let testApp: TestApp;
// Monday 23 November 2026, 10:00 in England.
const clock = adjustableClock('2026-11-23T10:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  testApp = await createTestApp({ clock });
});
afterAll(async () => {
  await testApp?.close();
});

const cover = () => testApp.services.cover;

async function coverRows(officerId: string) {
  return queryRows<{ cover_officer_id: string; starts_on: string; ends_on: string }>(
    testApp.database.db,
    sql`SELECT cover_officer_id, starts_on::text AS starts_on, ends_on::text AS ends_on FROM cover_period WHERE officer_id = ${officerId} ORDER BY starts_on`,
  );
}

describe('cover while an officer is away', () => {
  it('lists the officer’s cases in the cover’s My cases, marked, only while the period runs; the cases stay the officer’s', async () => {
    const { council, officer: away, manager } = await aTeam(testApp);
    const covering = await anOfficer(testApp, { authorityId: council.id, name: 'Sam Patel' });
    const bex = await anOfficer(testApp, { authorityId: council.id, name: 'Bex Smith' });
    const own = await aCase(testApp, covering.actor, { receivedOn: '2026-11-02', child: { forename: 'Own', surname: 'Case' } });
    const theirs = await aCase(testApp, bex.actor, { receivedOn: '2026-10-20', child: { forename: 'Covered', surname: 'Case' } });
    await aCase(testApp, away.actor, { receivedOn: '2026-10-21', child: { forename: 'Someone', surname: 'Else' } });
    // A restricted record stays with its own officer: the cover could not open it.
    const restricted = await aCase(testApp, bex.actor, { receivedOn: '2026-10-22', child: { forename: 'Restricted', surname: 'Case' } });
    await testApp.database.db.execute(sql`UPDATE child SET sensitive = true WHERE id = ${restricted.childId}`);
    const { result } = await cover().setCover(manager.actor, { officer: bex.user.id, coverOfficer: covering.user.id, startsOn: '2026-11-23', endsOn: '2026-12-12', reason: 'Annual leave' });
    expect(result).toMatchObject({ officerName: 'Bex Smith', coverOfficerName: 'Sam Patel', startsOn: '2026-11-23', endsOn: '2026-12-12' });

    const worklist = await testApp.services.worklist.worklist(covering.actor);
    expect(worklist.total).toBe(2);
    expect(worklist.cases.map((entry) => [entry.childName, entry.covering?.officerName])).toEqual([
      ['Covered Case', 'Bex Smith'],
      ['Own Case', undefined],
    ]);
    const jar = await signIn(testApp.app, covering.user.email, covering.password);
    const page = await getPage(testApp.app, jar, '/cases');
    expect(page.body).toContain('Covering for <span dir="auto">Bex Smith</span> until 12 December');
    // The officer away keeps their cases: no change of holder.
    const [held] = await queryRows<{ officer_id: string }>(testApp.database.db, sql`SELECT officer_id FROM ehc_case WHERE id = ${theirs.caseId}`);
    expect(held!.officer_id).toBe(bex.user.id);
    expect((await testApp.services.worklist.worklist(bex.actor)).cases.map((entry) => entry.childName)).toEqual(['Covered Case', 'Restricted Case']);
    expect(own.caseId).toBeDefined();

    // The team's deadlines name the cover beside the officer; the caseloads page shows the leave.
    const team = await testApp.services.deadlines.teamDeadlines(manager.actor);
    expect(team.deadlines.find((row) => row.childName === 'Covered Case')?.coverName).toBe('Sam Patel');
    const managerJar = await signIn(testApp.app, manager.user.email, manager.password);
    expect((await getPage(testApp.app, managerJar, '/team/deadlines')).body).toContain('<span dir="auto">Bex Smith</span> (covered by <span dir="auto">Sam Patel</span>)');
    expect((await getPage(testApp.app, managerJar, '/team/caseloads')).body).toContain('On leave until 12 December 2026, covered by <span dir="auto">Sam Patel</span>');

    // On the last day it still runs; the day after, the cover's list is their own again.
    clock.advance(19 * DAY);
    try {
      expect((await testApp.services.worklist.worklist(covering.actor)).total).toBe(2);
      clock.advance(DAY);
      expect((await testApp.services.worklist.worklist(covering.actor)).cases.map((entry) => entry.childName)).toEqual(['Own Case']);
    } finally {
      clock.advance(-20 * DAY);
    }
  });

  it('refuses a period that ends before it starts, an officer covering themselves, a cover inactive or of another council, and overlapping periods, saving nothing', async () => {
    const { council, officer, manager } = await aTeam(testApp);
    const colleague = await anOfficer(testApp, { authorityId: council.id });
    const leaver = await anOfficer(testApp, { authorityId: council.id });
    await testApp.services.users.deactivate({ ...manager.actor, roles: ['admin'] }, leaver.user.id, { version: 1 });
    const elsewhere = await anOfficer(testApp, { authorityId: (await anAuthority(testApp.database.db)).id });
    const base = { officer: officer.user.id, coverOfficer: colleague.user.id, startsOn: '2026-12-01', endsOn: '2026-12-12', reason: 'Annual leave' };
    const fieldsOf = async (input: Partial<typeof base>) => {
      const error = await cover().setCover(manager.actor, { ...base, ...input }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).problems.map((problem) => problem.field);
    };
    expect(await fieldsOf({ endsOn: '2026-11-30' })).toEqual(['endsOn']);
    expect(await fieldsOf({ coverOfficer: officer.user.id })).toEqual(['coverOfficer']);
    expect(await fieldsOf({ coverOfficer: leaver.user.id })).toEqual(['coverOfficer']);
    expect(await fieldsOf({ coverOfficer: elsewhere.user.id })).toEqual(['coverOfficer']);
    expect(await fieldsOf({ officer: elsewhere.user.id })).toEqual(['officer']);
    expect(await fieldsOf({ startsOn: '2026-02-30', reason: ' ' })).toEqual(['startsOn', 'reason']);
    expect(await coverRows(officer.user.id)).toEqual([]);
    await cover().setCover(manager.actor, base);
    expect(await fieldsOf({ startsOn: '2026-12-12', endsOn: '2026-12-20' })).toEqual(['startsOn']);
    // The day after is free.
    await cover().setCover(manager.actor, { ...base, startsOn: '2026-12-13', endsOn: '2026-12-20' });
    expect(await coverRows(officer.user.id)).toEqual([
      { cover_officer_id: colleague.user.id, starts_on: '2026-12-01', ends_on: '2026-12-12' },
      { cover_officer_id: colleague.user.id, starts_on: '2026-12-13', ends_on: '2026-12-20' },
    ]);
  });

  it('refuses a case officer, saving nothing', async () => {
    const { council, officer } = await aTeam(testApp);
    const colleague = await anOfficer(testApp, { authorityId: council.id });
    await expect(cover().setCover(officer.actor, { officer: colleague.user.id, coverOfficer: officer.user.id, startsOn: '2026-12-01', endsOn: '2026-12-02', reason: 'Leave' })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await coverRows(colleague.user.id)).toEqual([]);
    const jar = await signIn(testApp.app, officer.user.email, officer.password);
    expect((await getPage(testApp.app, jar, '/team/cover/new')).statusCode).toBe(403);
  });

  it('the form shows the error summary for cover ending before it starts, and saves nothing', async () => {
    const { council, officer, manager } = await aTeam(testApp);
    const colleague = await anOfficer(testApp, { authorityId: council.id });
    const jar = await signIn(testApp.app, manager.user.email, manager.password);
    const fields = {
      officer: officer.user.id,
      coverOfficer: colleague.user.id,
      'startsOn-day': '12',
      'startsOn-month': '12',
      'startsOn-year': '2026',
      'endsOn-day': '1',
      'endsOn-month': '12',
      'endsOn-year': '2026',
      reason: 'Annual leave',
    };
    const refused = await postForm(testApp.app, jar, '/team/cover/new', fields, { csrfFrom: `/team/cover/new?officer=${officer.user.id}` });
    expect(refused.statusCode).toBe(400);
    expect(errorSummaryOf(refused.body)).toEqual([{ href: '#endsOn-day', text: 'The last day of cover must be the same as or after the first day' }]);
    expect(await coverRows(officer.user.id)).toEqual([]);
    const empty = await postForm(testApp.app, jar, '/team/cover/new', {}, { csrfFrom: '/team/cover/new' });
    expect(errorSummaryOf(empty.body).map((error) => error.href)).toEqual(['#startsOn-day', '#endsOn-day', '#reason', '#officer', '#coverOfficer']);
    const saved = await postForm(testApp.app, jar, '/team/cover/new', { ...fields, 'endsOn-day': '20' }, { csrfFrom: '/team/cover/new' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/team/caseloads?cover=set');
    expect(await coverRows(officer.user.id)).toHaveLength(1);
  });
});

describe('teams on the team views', () => {
  it('a team manager sees their own team first and may choose another or all; a service lead sees all', async () => {
    const { council, officer: north, manager } = await aTeam(testApp);
    const south = await anOfficer(testApp, { authorityId: council.id });
    const lead = await anOfficer(testApp, { authorityId: council.id, role: 'service_lead' });
    const northTeam = await aStaffTeam(testApp, { authorityId: council.id, managerId: manager.user.id, memberIds: [north.user.id], name: 'North' });
    const southTeam = await aStaffTeam(testApp, { authorityId: council.id, managerId: lead.user.id, memberIds: [south.user.id], name: 'South' });
    await aCase(testApp, north.actor, { receivedOn: '2026-10-20', child: { forename: 'North', surname: 'Child' } });
    await aCase(testApp, south.actor, { receivedOn: '2026-10-21', child: { forename: 'South', surname: 'Child' } });
    const names = (caseloads: { officers: { name: string }[] }) => caseloads.officers.map((officer) => officer.name).sort();

    const own = await testApp.services.caseload.caseloads(manager.actor);
    expect(own.filters.team).toBe(northTeam.id);
    expect(names(own)).toEqual([north.user.name]);
    expect(own.totals.openCases).toBe(1);
    expect(names(await testApp.services.caseload.caseloads(manager.actor, { team: 'all' }))).toEqual([north.user.name, south.user.name].sort());
    expect(names(await testApp.services.caseload.caseloads(manager.actor, { team: southTeam.id }))).toEqual([south.user.name]);
    expect((await testApp.services.caseload.caseloads(lead.actor)).filters.team).toBeUndefined();

    const childrenOf = (team: { deadlines: { childName: string }[] }) => [...new Set(team.deadlines.map((row) => row.childName))].sort();
    expect(childrenOf(await testApp.services.deadlines.teamDeadlines(manager.actor))).toEqual(['North Child']);
    expect(childrenOf(await testApp.services.deadlines.teamDeadlines(manager.actor, { team: 'all' }))).toEqual(['North Child', 'South Child']);
    expect(childrenOf(await testApp.services.deadlines.teamDeadlines(lead.actor))).toEqual(['North Child', 'South Child']);
    expect((await testApp.services.deadlines.teamDeadlines(manager.actor, { team: southTeam.id })).counts).toEqual(
      (await testApp.services.deadlines.teamDeadlines(lead.actor, { team: southTeam.id })).counts,
    );
    const cases = await testApp.services.caseload.caseloadCases(manager.actor, { team: northTeam.id });
    expect(cases.cases.map((entry) => entry.childName)).toEqual(['North Child']);

    // The filter is in the address, and the page says which team it shows.
    const jar = await signIn(testApp.app, manager.user.email, manager.password);
    const page = await getPage(testApp.app, jar, '/team/caseloads');
    expect(page.body).toContain(`<option value="${northTeam.id}" selected>North</option>`);
    expect(page.body).toContain('Showing the officers of <strong dir="auto">North</strong>');
    expect((await getPage(testApp.app, jar, `/team/deadlines?team=${southTeam.id}`)).body).toContain('Showing the cases of <strong dir="auto">South</strong>');
  });
});

describe('cover and teams through the API', () => {
  it('POST /api/v1/cover-periods records cover once per Idempotency-Key, refuses bad periods as problem+json, and GET /api/v1/caseload gives each officer’s team and cover', async () => {
    const { council, officer, manager } = await aTeam(testApp);
    const colleague = await anOfficer(testApp, { authorityId: council.id, name: 'Sam Patel' });
    const team = await aStaffTeam(testApp, { authorityId: council.id, managerId: manager.user.id, memberIds: [officer.user.id], name: 'North' });
    const token = await anApiToken(testApp, manager);
    const post = (body: object, key: string, bearer = token) =>
      testApp.app.inject({ method: 'POST', url: '/api/v1/cover-periods', headers: { authorization: `Bearer ${bearer}`, 'idempotency-key': key }, payload: body });
    const body = { officer: officer.user.id, coverOfficer: colleague.user.id, startsOn: '2026-11-23', endsOn: '2026-12-12', reason: 'Annual leave' };
    const first = await post(body, 'cover-1');
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ officerId: officer.user.id, coverOfficerName: 'Sam Patel', endsOn: '2026-12-12' });
    const again = await post(body, 'cover-1');
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await coverRows(officer.user.id)).toHaveLength(1);
    expect((await post({ ...body, reason: 'Other' }, 'cover-1')).statusCode).toBe(422);

    const backwards = await post({ ...body, startsOn: '2027-01-10', endsOn: '2027-01-01' }, 'cover-2');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(backwards.json().errors).toEqual([{ field: 'endsOn', message: 'The last day of cover must be the same as or after the first day' }]);
    const officerToken = await anApiToken(testApp, colleague);
    expect((await post({ ...body, startsOn: '2027-02-01', endsOn: '2027-02-02' }, 'cover-3', officerToken)).statusCode).toBe(403);
    expect(await coverRows(officer.user.id)).toHaveLength(1);

    const caseload = await testApp.app.inject({ method: 'GET', url: '/api/v1/caseload', headers: { authorization: `Bearer ${token}` } });
    const entry = (caseload.json() as { officers: { id: string; team: unknown; cover: unknown }[] }).officers.find((row) => row.id === officer.user.id);
    expect(entry).toMatchObject({ team: { id: team.id, name: 'North' }, cover: { officerId: colleague.user.id, name: 'Sam Patel', startsOn: '2026-11-23', endsOn: '2026-12-12' } });
    expect((caseload.json() as { officers: { id: string; team: unknown; cover: unknown }[] }).officers.find((row) => row.id === colleague.user.id)).toMatchObject({ team: null, cover: null });
  });
});
