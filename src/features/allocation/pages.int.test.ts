// Allocation's pages: the queue with a box against each case and the officer to give them to, and a
// case's named officer with its holders over time and the form to change it. Each form's error
// path shows the GOV.UK error summary and saves nothing; success redirects to a banner.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, anOfficer, aPerson, type TestOfficer } from '../../test/factories/index.ts';
import type { CookieJar} from '../../test/http.ts';
import { csrfTokenIn, errorSummaryOf, getPage, postForm, signIn } from '../../test/http.ts';

let testApp: TestApp;
let manager: TestOfficer;
let officer: TestOfficer;
let managerJar: CookieJar;
const clock = fixedClock('2026-11-23T10:00:00Z');

beforeAll(async () => {
  testApp = await createTestApp({ clock });
  manager = await anOfficer(testApp, { role: 'team_manager' });
  officer = await anOfficer(testApp, { name: 'Bex Smith' });
  managerJar = await signIn(testApp.app, manager.user.email, manager.password);
});
afterAll(async () => {
  await testApp?.close();
});

const aWaitingCase = (forename: string) => aCase(testApp, manager.actor, { receivedOn: '2026-11-02', child: { forename, surname: 'Waiting' } });

async function officerOf(caseId: string): Promise<string | null> {
  const [row] = await queryRows<{ officer_id: string | null }>(testApp.database.db, sql`SELECT officer_id FROM ehc_case WHERE id = ${caseId}`);
  return row!.officer_id;
}

/** Posts the allocation form with the boxes ticked (a repeated field) and the officer chosen. */
async function postAllocation(jar: CookieJar, caseIds: string[], officerId: string, overCapReason = '') {
  const page = await getPage(testApp.app, jar, '/team/allocate');
  const body = new URLSearchParams([['_csrf', csrfTokenIn(page.body)], ...caseIds.map((id): [string, string] => ['cases', id]), ['officer', officerId], ['overCapReason', overCapReason], ['page', '1']]);
  const response = await testApp.app.inject({ method: 'POST', url: '/team/allocate', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() }, payload: body.toString() });
  jar.store(response);
  return response;
}

describe('the allocation page', () => {
  it('lists the waiting cases with a box each and the active case officers with their caseloads; the queue links to it', async () => {
    const waiting = await aWaitingCase('Zainab');
    const page = await getPage(testApp.app, managerJar, '/team/allocate');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`value="${waiting.caseId}"`);
    expect(page.body).toContain('<span dir="auto">Zainab Waiting</span>');
    expect(page.body).toMatch(/Bex Smith \(\d+ open cases?\)/);
    expect(page.body).not.toContain(`value="${manager.user.id}"`);
    const queue = await getPage(testApp.app, managerJar, '/team/unallocated');
    expect(queue.body).toContain('href="/team/allocate"');
  });

  it('allocates two cases at once, then shows the banner saying to whom, and that a family without an address got no letter', async () => {
    const first = await aWaitingCase('First');
    const second = await aWaitingCase('Second');
    await aPerson(testApp, manager.actor, first.childId, { mainContact: true });
    const response = await postAllocation(managerJar, [first.caseId, second.caseId], officer.user.id);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/team/allocate?allocated=2&to=${officer.user.id}&unsent=1`);
    const page = await getPage(testApp.app, managerJar, response.headers.location as string);
    expect(page.body).toContain('2 cases allocated to Bex Smith. No letter went to 1 family: no parent or carer with an address or e-mail address is on the record. The other families’ letters naming their officer are queued.');
    expect(page.body).not.toContain(`value="${first.caseId}"`);
    expect(await officerOf(first.caseId)).toBe(officer.user.id);
    expect(await officerOf(second.caseId)).toBe(officer.user.id);
  });

  it('shows the error summary for no case and no officer chosen, keeping nothing', async () => {
    const waiting = await aWaitingCase('Unchosen');
    const response = await postAllocation(managerJar, [], '');
    expect(response.statusCode).toBe(400);
    expect(errorSummaryOf(response.body)).toEqual([
      { href: '#cases', text: 'Select the cases to allocate' },
      { href: '#officer', text: 'Select the officer to allocate the cases to' },
    ]);
    expect(response.body).toContain('govuk-checkboxes__input');
    expect(await officerOf(waiting.caseId)).toBeNull();
  });

  it('keeps the boxes ticked when only the officer is missing, and says who has a case someone allocated meanwhile (409)', async () => {
    const waiting = await aWaitingCase('Ticked');
    const missing = await postAllocation(managerJar, [waiting.caseId], '');
    expect(missing.statusCode).toBe(400);
    expect(errorSummaryOf(missing.body)).toEqual([{ href: '#officer', text: 'Select the officer to allocate the cases to' }]);
    expect(missing.body).toMatch(new RegExp(`value="${waiting.caseId}" checked`));

    const page = await getPage(testApp.app, managerJar, '/team/allocate');
    await testApp.services.allocation.allocate(manager.actor, { cases: [waiting.caseId], officer: officer.user.id });
    const body = new URLSearchParams([['_csrf', csrfTokenIn(page.body)], ['cases', waiting.caseId], ['officer', officer.user.id]]);
    const late = await testApp.app.inject({ method: 'POST', url: '/team/allocate', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: managerJar.header() }, payload: body.toString() });
    expect(late.statusCode).toBe(409);
    expect(errorSummaryOf(late.body)).toEqual([{ href: '#cases', text: `Case ${waiting.reference} is already allocated to Bex Smith since 23 November 2026. Nothing was allocated` }]);
  });

  it('is refused to a case officer (403) and without the form’s CSRF token', async () => {
    const jar = await signIn(testApp.app, officer.user.email, officer.password);
    expect((await getPage(testApp.app, jar, '/team/allocate')).statusCode).toBe(403);
    const waiting = await aWaitingCase('Forged');
    const forged = await postForm(testApp.app, managerJar, '/team/allocate', { cases: waiting.caseId, officer: officer.user.id });
    expect(forged.statusCode).toBe(403);
    expect(await officerOf(waiting.caseId)).toBeNull();
  });
});

describe('a case’s named officer page', () => {
  it('is linked from the child’s record, and shows who holds the case and who has held it', async () => {
    const held = await aCase(testApp, officer.actor, { child: { forename: 'Holder', surname: 'History' } });
    const record = await getPage(testApp.app, managerJar, `/children/${held.childId}`);
    expect(record.body).toContain(`href="/cases/${held.caseId}/officer"`);
    const page = await getPage(testApp.app, managerJar, `/cases/${held.caseId}/officer`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<span dir="auto">Bex Smith</span> holds the case.');
    expect(page.body).toContain('Request recorded, by <span dir="auto">Bex Smith</span>');
    expect(page.body).toContain('Change the officer');
  });

  it('changes the officer with a reason, then shows the banner and the new spell', async () => {
    const held = await aCase(testApp, officer.actor);
    await aPerson(testApp, officer.actor, held.childId, { mainContact: true });
    const next = await anOfficer(testApp, { name: 'Priya Sharma' });
    const url = `/cases/${held.caseId}/officer`;
    const response = await postForm(testApp.app, managerJar, url, { officer: next.user.id, reason: 'Bex is going part-time', currentOfficer: officer.user.id }, { csrfFrom: url });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`${url}?saved=sent`);
    const page = await getPage(testApp.app, managerJar, response.headers.location as string);
    expect(page.body).toContain('Officer changed. The letter telling the family who their officer is now is queued');
    expect(page.body).toContain('<span dir="auto">Priya Sharma</span> holds the case.');
    expect(page.body).toContain('Reason: <span dir="auto">Bex is going part-time</span>');
    expect(await officerOf(held.caseId)).toBe(next.user.id);
  });

  it('shows the error summary for no officer and no reason, and for a case someone moved meanwhile, keeping nothing', async () => {
    const held = await aCase(testApp, officer.actor);
    const url = `/cases/${held.caseId}/officer`;
    const empty = await postForm(testApp.app, managerJar, url, { officer: '', reason: '', currentOfficer: officer.user.id }, { csrfFrom: url });
    expect(empty.statusCode).toBe(400);
    expect(errorSummaryOf(empty.body)).toEqual([
      { href: '#officer', text: 'Select the officer to give the case to' },
      { href: '#reason', text: 'Say why the case is changing officer' },
    ]);
    const next = await anOfficer(testApp);
    const stale = await postForm(testApp.app, managerJar, url, { officer: next.user.id, reason: 'Balance', currentOfficer: '' }, { csrfFrom: url });
    expect(stale.statusCode).toBe(409);
    expect(errorSummaryOf(stale.body)[0]!.text).toBe(`Case ${held.reference} was given to Bex Smith on 23 November 2026, while you were choosing. Nothing was changed`);
    expect(await officerOf(held.caseId)).toBe(officer.user.id);
  });

  it('shows a case officer the history but no form, and refuses their post (403)', async () => {
    const held = await aCase(testApp, officer.actor);
    const jar = await signIn(testApp.app, officer.user.email, officer.password);
    const url = `/cases/${held.caseId}/officer`;
    const page = await getPage(testApp.app, jar, url);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Change the officer');
    const other = await anOfficer(testApp);
    const refused = await postForm(testApp.app, jar, url, { officer: other.user.id, reason: 'Mine to give' }, { csrfFrom: url });
    expect(refused.statusCode).toBe(403);
    expect(await officerOf(held.caseId)).toBe(officer.user.id);
  });
});

describe('the cap per officer on the pages (issue 16: allocation respects the council’s cap)', () => {
  it('the allocation page asks for the reason for going over the cap with the error summary, keeping the choices and saving nothing; with it, allocates', async () => {
    const small = await anOfficer(testApp, { name: 'Sam Capped' });
    await testApp.database.db.execute(sql`UPDATE staff_user SET fte = 0.1 WHERE id = ${small.user.id}`);
    const cases = [await aWaitingCase('Over'), await aWaitingCase('Cap')];
    const refused = await postAllocation(managerJar, cases.map((entry) => entry.caseId), small.user.id);
    expect(refused.statusCode).toBe(400);
    expect(errorSummaryOf(refused.body)).toEqual([{ href: '#overCapReason', text: 'Sam Capped would be at 5.0 of 4.0, over the cap: give the reason for going over it, or choose another officer' }]);
    expect(refused.body).toMatch(new RegExp(`value="${cases[0]!.caseId}"[^>]*checked`));
    expect(await officerOf(cases[0]!.caseId)).toBeNull();
    const saved = await postAllocation(managerJar, cases.map((entry) => entry.caseId), small.user.id, 'Sam asked for them');
    expect(saved.statusCode).toBe(303);
    expect(await officerOf(cases[0]!.caseId)).toBe(small.user.id);
  });

  it('the case’s officer page asks for the reason for going over the cap with the error summary, saving nothing', async () => {
    const small = await anOfficer(testApp, { name: 'Sid Capped' });
    await testApp.database.db.execute(sql`UPDATE staff_user SET fte = 0.1 WHERE id = ${small.user.id}`);
    await aCase(testApp, small.actor);
    const held = await aCase(testApp, officer.actor);
    const url = `/cases/${held.caseId}/officer`;
    const refused = await postForm(testApp.app, managerJar, url, { officer: small.user.id, reason: 'Balancing', currentOfficer: officer.user.id }, { csrfFrom: url });
    expect(refused.statusCode).toBe(400);
    expect(errorSummaryOf(refused.body)).toEqual([{ href: '#overCapReason', text: 'Sid Capped would be at 5.0 of 4.0, over the cap: give the reason for going over it, or choose another officer' }]);
    expect(await officerOf(held.caseId)).toBe(officer.user.id);
    const saved = await postForm(testApp.app, managerJar, url, { officer: small.user.id, reason: 'Balancing', currentOfficer: officer.user.id, overCapReason: 'For a month' }, { csrfFrom: url });
    expect(saved.statusCode).toBe(303);
    expect(await officerOf(held.caseId)).toBe(small.user.id);
  });
});
