import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../lib/clock.ts';
import { ConflictError, NotFoundError } from '../../lib/errors.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, anAuthority, anOfficer, aPerson, aSchool, aUpn, type TestOfficer } from '../../test/factories/index.ts';
import { getPage, postForm, signIn } from '../../test/http.ts';
import { listAccessFor, listAuditEventsFor } from '../audit/index.ts';

let testApp: TestApp;
let officer: TestOfficer;
let colleague: TestOfficer;
let manager: TestOfficer;
let outsider: TestOfficer;
let token: string;
let outsiderToken: string;
const clock = fixedClock('2026-11-23T10:00:00Z');

beforeAll(async () => {
  testApp = await createTestApp({ clock });
  officer = await anOfficer(testApp);
  colleague = await anOfficer(testApp);
  manager = await anOfficer(testApp, { role: 'team_manager' });
  outsider = await anOfficer(testApp, { authorityId: (await anAuthority(testApp.database.db)).id });
  token = (await testApp.services.auth.issueApiToken(officer.actor, officer.actor.id, 'test')).token;
  outsiderToken = (await testApp.services.auth.issueApiToken(outsider.actor, outsider.actor.id, 'test')).token;
});
afterAll(async () => {
  await testApp?.close();
});

describe('the child’s record', () => {
  it('keeps each case’s history, deadlines and outcome: a closed case and the case that followed it', async () => {
    const first = await aCase(testApp, officer.actor, { stage: 'closed', receivedOn: '2025-03-03', stepDates: { 'assessment.refused': '2025-04-10' } });
    const second = await aCase(testApp, officer.actor, { stage: 'assessment', receivedOn: '2026-09-01', childId: first.childId });
    const record = await testApp.services.children.childRecord(officer.actor, first.childId);
    expect(record.openCase?.id).toBe(second.caseId);
    expect(record.history.map((entry) => entry.title)).toEqual(['Decided to assess', 'Request for an EHC needs assessment received']);
    expect(record.earlierCases).toHaveLength(1);
    expect(record.earlierCases[0]).toMatchObject({ id: first.caseId, openedOn: '2025-03-03', closedOn: '2025-04-10', outcome: 'Decided not to assess' });
    expect(record.earlierCases[0]!.history.map((entry) => [entry.title, entry.correctable])).toEqual([
      ['Decided not to assess', true],
      ['Request for an EHC needs assessment received', false],
    ]);
    expect(record.earlierCases[0]!.deadlines.find((deadline) => deadline.deadlineId === 'decision-to-assess')).toMatchObject({ metOn: '2025-04-10', status: 'met-on-time' });

    const jar = await signIn(testApp.app, officer.user.email, officer.password);
    const page = await getPage(testApp.app, jar, `/children/${first.childId}`);
    expect(page.body).toContain('Earlier cases');
    expect(page.body).toMatch(new RegExp(`${record.earlierCases[0]!.reference}: Decided not to assess, closed 10 April 2025`));
  });

  it('shows a name that mixes Urdu and Latin script in its own direction (dir="auto"), on the record and the lists', async () => {
    const { childId } = await aCase(testApp, officer.actor, { child: { forename: 'Ayesha', surname: 'عائشہ Khan' } });
    const jar = await signIn(testApp.app, officer.user.email, officer.password);
    const record = await getPage(testApp.app, jar, `/children/${childId}`);
    expect(record.body).toContain('<h1 class="govuk-heading-xl" dir="auto">Ayesha عائشہ Khan</h1>');
    const search = await getPage(testApp.app, jar, '/search?q=Ayesha+Khan');
    expect(search.body).toContain(`<a class="govuk-link" dir="auto" href="/children/${childId}">Ayesha عائشہ Khan</a>`);
  });

  it('keeps a closed case’s history on the record when no case is open', async () => {
    const closed = await aCase(testApp, officer.actor, { stage: 'closed', receivedOn: '2026-08-03' });
    const record = await testApp.services.children.childRecord(officer.actor, closed.childId);
    expect(record.openCase).toBeUndefined();
    expect(record.earlierCases.map((entry) => entry.history.length)).toEqual([2]);
  });

  it('is kept by no cache, on the page and through the API: it holds a child’s details', async () => {
    const { childId } = await aCase(testApp, officer.actor);
    const jar = await signIn(testApp.app, officer.user.email, officer.password);
    const page = await getPage(testApp.app, jar, `/children/${childId}`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    const viaApi = await testApp.app.inject({ method: 'GET', url: `/api/v1/children/${childId}`, headers: { authorization: `Bearer ${token}` } });
    expect(viaApi.headers['cache-control']).toBe('no-store');
  });

  it('writes every view to the access log', async () => {
    const { childId } = await aCase(testApp, officer.actor);
    await testApp.services.children.childRecord(officer.actor, childId);
    await testApp.services.children.childRecord(manager.actor, childId);
    const log = await listAccessFor(testApp.database.db, officer.actor.authorityId, childId);
    expect(log.filter((entry) => entry.view === 'record').map((entry) => entry.actorId)).toEqual(expect.arrayContaining([officer.actor.id, manager.actor.id]));
  });

  it('gathers the people, named officer and history, and never shows a withheld address or its postcode', async () => {
    const created = await aCase(testApp, officer.actor, { receivedOn: '2026-11-02', child: { forename: 'Linked', surname: 'Family' } });
    const now = clock.now();
    await aPerson(testApp, officer.actor, created.childId, { forename: 'Ada', surname: 'Family', address: '1 Open Street', postcode: 'B1 1AA', mainContact: true });
    await aPerson(testApp, officer.actor, created.childId, { forename: 'Bea', surname: 'Hidden', address: '2 Refuge Road', postcode: 'B2 2BB', doNotDiscloseAddress: true });
    const record = await testApp.services.children.childRecord(officer.actor, created.childId);
    expect(record.people.map((entry) => [entry.forename, entry.address, entry.postcode])).toEqual([
      ['Ada', '1 Open Street', 'B1 1AA'],
      ['Bea', undefined, undefined],
    ]);
    expect(record.officer?.name).toBeTruthy();
    expect(record.openCase?.reference).toBe(created.reference);
    expect(record.events.map((event) => [event.type, event.occurredOn])).toEqual([['request.received', '2026-11-02']]);
    expect(record.events[0]!.recordedAt).toBe(now.toISOString());
    const page = await testApp.app.inject({ method: 'GET', url: `/api/v1/children/${created.childId}`, headers: { authorization: `Bearer ${token}` } });
    expect(page.body).toContain('1 Open Street');
    expect(page.body).not.toContain('Refuge Road');
    expect(page.body).not.toContain('B2 2BB');
  });

  it('names the child’s school', async () => {
    const school = await aSchool(testApp.database.db);
    const { childId } = await aCase(testApp, officer.actor, { child: { schoolId: school.id } });
    const record = await testApp.services.children.childRecord(officer.actor, childId);
    expect(record.school).toEqual({ id: school.id, urn: school.urn, name: school.name });
  });

  it('is not found for another authority, by page or API, and nothing is logged', async () => {
    const { childId } = await aCase(testApp, officer.actor);
    await expect(testApp.services.children.childRecord(outsider.actor, childId)).rejects.toThrow(NotFoundError);
    const response = await testApp.app.inject({ method: 'GET', url: `/api/v1/children/${childId}`, headers: { authorization: `Bearer ${outsiderToken}` } });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const log = await listAccessFor(testApp.database.db, outsider.actor.authorityId, childId);
    expect(log).toEqual([]);
  });

  it('refuses a save based on a stale version, keeping the other person’s change', async () => {
    const upn = aUpn();
    const { childId } = await aCase(testApp, officer.actor, { child: { forename: 'Zoë', surname: 'O’Brien-Smith', upn } });
    const record = await testApp.services.children.childRecord(officer.actor, childId);
    const base = { forename: 'Zoë', surname: 'O’Brien-Smith', upn, version: record.child.version };
    await testApp.services.children.updateChildDetails(officer.actor, childId, { ...base, preferredName: 'Zo' });
    await expect(testApp.services.children.updateChildDetails(colleague.actor, childId, { ...base, preferredName: 'Zed' })).rejects.toThrow(ConflictError);
    const after = await testApp.services.children.childRecord(officer.actor, childId);
    expect(after.child.preferredName).toBe('Zo');
    expect(after.child.version).toBe(record.child.version + 1);
  });

  it('audits a change of details with each changed value before and after, as saved', async () => {
    const { childId } = await aCase(testApp, officer.actor, { child: { forename: 'Amelia', surname: 'Before', postcode: 'B1 1AA' } });
    const record = await testApp.services.children.childRecord(officer.actor, childId);
    await testApp.services.children.updateChildDetails(officer.actor, childId, { version: record.child.version, forename: 'Amelia', surname: 'After', upn: record.child.upn ?? undefined, postcode: 'b2 2bb' });
    const [entry] = (await listAuditEventsFor(testApp.database.db, officer.actor.authorityId, 'child', childId)).filter((event) => event.action === 'child.updated');
    expect(entry?.details).toEqual({
      fields: ['surname', 'postcode'],
      changes: { surname: { from: 'Before', to: 'After' }, postcode: { from: 'B1 1AA', to: 'B2 2BB' } },
    });
  });

  it('the edit page answers a stale save with 409 and a clear message', async () => {
    const { childId } = await aCase(testApp, officer.actor, { child: { forename: 'Zoë', surname: 'O’Brien-Smith' } });
    // Someone else saves first, so the form's version 1 is stale.
    await testApp.services.children.updateChildDetails(colleague.actor, childId, { forename: 'Zoë', surname: 'O’Brien-Smith', preferredName: 'Zo', version: 1 });
    const jar = await signIn(testApp.app, officer.user.email, officer.password);
    const response = await postForm(testApp.app, jar, `/children/${childId}/edit`, { version: '1', forename: 'Zoë', surname: 'Changed' }, { csrfFrom: `/children/${childId}/edit` });
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('Someone else changed this child’s details');
  });
});
