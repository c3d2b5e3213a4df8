// Cover while an officer is away, and the team views: a manager sets cover, the cover's My cases
// lists the officer's cases marked as covered while it runs, the team's deadlines name the cover,
// the cases stay the officer's; teams narrow the caseloads and deadlines, a team manager's own first.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { adjustableClock } from '../../lib/clock.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../../lib/errors.ts';
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

describe('cover ended early or withdrawn (issue 16)', () => {
  const auditOf = (officerId: string, action: string) =>
    queryRows<{ details: Record<string, unknown> }>(testApp.database.db, sql`SELECT details FROM audit_event WHERE entity_id = ${officerId} AND action = ${action}`);

  it('a manager ends running cover early, no earlier than today and before its last day, audited; the cover’s My cases follows from the day after', async () => {
    const { council, officer: away, manager } = await aTeam(testApp);
    const covering = await anOfficer(testApp, { authorityId: council.id });
    await aCase(testApp, away.actor, { receivedOn: '2026-10-20', child: { forename: 'Early', surname: 'End' } });
    const { result } = await cover().setCover(manager.actor, { officer: away.user.id, coverOfficer: covering.user.id, startsOn: '2026-11-20', endsOn: '2026-12-12', reason: 'Annual leave' });
    const refusal = async (endsOn: string) => {
      const error = await cover().endCoverEarly(manager.actor, result.id, { endsOn }).catch((caught: unknown) => caught);
      expect(error, endsOn).toBeInstanceOf(ValidationError);
      return (error as ValidationError).problems;
    };
    expect(await refusal('2026-11-19')).toEqual([{ field: 'endsOn', message: 'The last day of cover must be the same as or after the first day, 20 November 2026' }]);
    expect(await refusal('2026-11-22')).toEqual([{ field: 'endsOn', message: 'The new last day of cover must be today or later: the days gone stay covered' }]);
    expect(await refusal('2026-12-12')).toEqual([{ field: 'endsOn', message: 'To end the cover early, choose a day before its last day, 12 December 2026. To extend it, set a new period of cover' }]);
    expect(await refusal('2026-13-01')).toEqual([{ field: 'endsOn', message: 'The new last day of cover must be a real date' }]);
    expect(await coverRows(away.user.id)).toEqual([{ cover_officer_id: covering.user.id, starts_on: '2026-11-20', ends_on: '2026-12-12' }]);

    const { result: ended } = await cover().endCoverEarly(manager.actor, result.id, { endsOn: '2026-11-23' });
    expect(ended.endsOn).toBe('2026-11-23');
    expect(await auditOf(away.user.id, 'cover.ended-early')).toEqual([{ details: { coverPeriodId: result.id, coverOfficerId: covering.user.id, endsOn: { from: '2026-12-12', to: '2026-11-23' } } }]);
    expect((await testApp.services.worklist.worklist(covering.actor)).total).toBe(1);
    clock.advance(DAY);
    try {
      expect((await testApp.services.worklist.worklist(covering.actor)).total).toBe(0);
      // Ended: nothing more to change.
      await expect(cover().endCoverEarly(manager.actor, result.id, { endsOn: '2026-11-24' })).rejects.toBeInstanceOf(ConflictError);
    } finally {
      clock.advance(-DAY);
    }
  });

  it('a manager withdraws cover before it begins, with a reason, audited with what it was; cover that has begun is ended early instead; a case officer may do neither', async () => {
    const { council, officer: away, manager } = await aTeam(testApp);
    const covering = await anOfficer(testApp, { authorityId: council.id });
    const { result: later } = await cover().setCover(manager.actor, { officer: away.user.id, coverOfficer: covering.user.id, startsOn: '2026-12-01', endsOn: '2026-12-05', reason: 'Course' });
    const { result: running } = await cover().setCover(manager.actor, { officer: away.user.id, coverOfficer: covering.user.id, startsOn: '2026-11-23', endsOn: '2026-11-27', reason: 'Leave' });
    await expect(cover().withdrawCover(away.actor, later.id, { reason: 'Cancelled' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(cover().withdrawCover(manager.actor, later.id, { reason: ' ' })).rejects.toThrow('Say why the cover is withdrawn');
    await expect(cover().withdrawCover(manager.actor, running.id, { reason: 'Cancelled' })).rejects.toThrow('This cover began on 23 November 2026, so it cannot be withdrawn: end it early instead');
    await cover().withdrawCover(manager.actor, later.id, { reason: 'The course was cancelled' });
    expect(await coverRows(away.user.id)).toEqual([{ cover_officer_id: covering.user.id, starts_on: '2026-11-23', ends_on: '2026-11-27' }]);
    expect(await auditOf(away.user.id, 'cover.withdrawn')).toEqual([
      { details: { coverPeriodId: later.id, coverOfficerId: covering.user.id, startsOn: '2026-12-01', endsOn: '2026-12-05', reason: 'Course', withdrawnBecause: 'The course was cancelled' } },
    ]);
    // The days are free again for another period.
    await cover().setCover(manager.actor, { officer: away.user.id, coverOfficer: covering.user.id, startsOn: '2026-12-01', endsOn: '2026-12-03', reason: 'Course, rebooked' });
  });

  it('the period’s page: the error summary for a new last day before the first, and for a withdrawal without a reason, nothing saved; then ends it early and withdraws', async () => {
    const { council, officer: away, manager } = await aTeam(testApp);
    const covering = await anOfficer(testApp, { authorityId: council.id, name: 'Cora Cover' });
    const { result } = await cover().setCover(manager.actor, { officer: away.user.id, coverOfficer: covering.user.id, startsOn: '2026-12-01', endsOn: '2026-12-12', reason: 'Annual leave' });
    const jar = await signIn(testApp.app, manager.user.email, manager.password);
    const listed = await getPage(testApp.app, jar, `/team/cover/new?officer=${away.user.id}`);
    expect(listed.body).toContain(`href="/team/cover/${result.id}"`);
    const url = `/team/cover/${result.id}`;
    const page = await getPage(testApp.app, jar, url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<span dir="auto">Cora Cover</span>');
    expect(page.body).toContain('Withdraw the cover');

    const backwards = await postForm(testApp.app, jar, `${url}/end`, { 'endsOn-day': '30', 'endsOn-month': '11', 'endsOn-year': '2026' }, { csrfFrom: url });
    expect(backwards.statusCode).toBe(400);
    expect(errorSummaryOf(backwards.body)).toEqual([{ href: '#endsOn-day', text: 'The last day of cover must be the same as or after the first day, 1 December 2026' }]);
    const noReason = await postForm(testApp.app, jar, `${url}/withdraw`, { withdrawReason: '' }, { csrfFrom: url });
    expect(noReason.statusCode).toBe(400);
    expect(errorSummaryOf(noReason.body)).toEqual([{ href: '#withdrawReason', text: 'Say why the cover is withdrawn' }]);
    expect(await coverRows(away.user.id)).toEqual([{ cover_officer_id: covering.user.id, starts_on: '2026-12-01', ends_on: '2026-12-12' }]);

    const ended = await postForm(testApp.app, jar, `${url}/end`, { 'endsOn-day': '4', 'endsOn-month': '12', 'endsOn-year': '2026' }, { csrfFrom: url });
    expect(ended.statusCode).toBe(303);
    expect(ended.headers.location).toBe('/team/caseloads?cover=ended');
    expect((await getPage(testApp.app, jar, ended.headers.location as string)).body).toContain('Cover ended early.');
    expect(await coverRows(away.user.id)).toEqual([{ cover_officer_id: covering.user.id, starts_on: '2026-12-01', ends_on: '2026-12-04' }]);
    const withdrawn = await postForm(testApp.app, jar, `${url}/withdraw`, { withdrawReason: 'Leave cancelled' }, { csrfFrom: url });
    expect(withdrawn.headers.location).toBe('/team/caseloads?cover=withdrawn');
    expect(await coverRows(away.user.id)).toEqual([]);
    expect((await getPage(testApp.app, jar, url)).statusCode).toBe(404);
  });

  it('through the API: PATCH /api/v1/cover-periods/{periodId} ends it early and POST …/withdrawal withdraws it, each once per Idempotency-Key, refusals as problem+json', async () => {
    const { council, officer: away, manager } = await aTeam(testApp);
    const covering = await anOfficer(testApp, { authorityId: council.id });
    const token = await anApiToken(testApp, manager);
    const { result } = await cover().setCover(manager.actor, { officer: away.user.id, coverOfficer: covering.user.id, startsOn: '2026-12-01', endsOn: '2026-12-12', reason: 'Annual leave' });
    const send = (method: 'PATCH' | 'POST', url: string, payload: object, key: string) =>
      testApp.app.inject({ method, url, headers: { authorization: `Bearer ${token}`, 'idempotency-key': key }, payload });
    const backwards = await send('PATCH', `/api/v1/cover-periods/${result.id}`, { endsOn: '2026-11-30' }, 'end-0');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors).toEqual([{ field: 'endsOn', message: 'The last day of cover must be the same as or after the first day, 1 December 2026' }]);
    const ended = await send('PATCH', `/api/v1/cover-periods/${result.id}`, { endsOn: '2026-12-05' }, 'end-1');
    expect(ended.statusCode).toBe(200);
    expect(ended.json()).toMatchObject({ id: result.id, endsOn: '2026-12-05' });
    const replayed = await send('PATCH', `/api/v1/cover-periods/${result.id}`, { endsOn: '2026-12-05' }, 'end-1');
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect((await send('PATCH', `/api/v1/cover-periods/${result.id}`, { endsOn: '2026-12-04' }, 'end-1')).statusCode).toBe(422);
    const withdrawn = await send('POST', `/api/v1/cover-periods/${result.id}/withdrawal`, { reason: 'Leave cancelled' }, 'withdraw-1');
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({ id: result.id, endsOn: '2026-12-05' });
    expect(await coverRows(away.user.id)).toEqual([]);
    expect((await send('POST', `/api/v1/cover-periods/${result.id}/withdrawal`, { reason: 'Leave cancelled' }, 'withdraw-2')).statusCode).toBe(404);
  });
});
