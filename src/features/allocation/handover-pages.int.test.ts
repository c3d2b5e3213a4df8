// The hand-over page: a leaving officer's cases, each with a recipient filled in with the suggestion
// and why, the manager's confirmation and the leaving date. Each form's error path shows the GOV.UK
// error summary and saves nothing; success redirects to a banner.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, anOfficer, type TestOfficer } from '../../test/factories/index.ts';
import type { CookieJar } from '../../test/http.ts';
import { csrfTokenIn, errorSummaryOf, getPage, postForm, signIn } from '../../test/http.ts';

let testApp: TestApp;
let manager: TestOfficer;
let admin: TestOfficer;
let managerJar: CookieJar;
const clock = fixedClock('2026-11-23T10:00:00Z');

beforeAll(async () => {
  testApp = await createTestApp({ clock });
  manager = await anOfficer(testApp, { role: 'team_manager' });
  admin = await anOfficer(testApp, { role: 'admin' });
  managerJar = await signIn(testApp.app, manager.user.email, manager.password);
});
afterAll(async () => {
  await testApp?.close();
});

async function officersOf(caseIds: readonly string[]): Promise<(string | null)[]> {
  const rows = [];
  for (const caseId of caseIds) {
    const [row] = await queryRows<{ officer_id: string | null }>(testApp.database.db, sql`SELECT officer_id FROM ehc_case WHERE id = ${caseId}`);
    rows.push(row!.officer_id);
  }
  return rows;
}

/** Posts the hand-over form with each case given to `to(caseId)`. */
async function postHandover(from: string, caseIds: readonly string[], to: (caseId: string) => string, overCapReason = '') {
  const page = await getPage(testApp.app, managerJar, `/team/caseloads/handover/${from}`);
  const body = new URLSearchParams([
    ['_csrf', csrfTokenIn(page.body)],
    ...caseIds.flatMap((caseId): [string, string][] => [
      ['cases', caseId],
      [`to-${caseId}`, to(caseId)],
    ]),
    ['overCapReason', overCapReason],
  ]);
  const response = await testApp.app.inject({ method: 'POST', url: `/team/caseloads/handover/${from}`, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: managerJar.header() }, payload: body.toString() });
  managerJar.store(response);
  return response;
}

describe('the hand-over page', () => {
  it('lists the leaver’s cases with a recipient filled in with the suggestion and why; the caseloads page links to it', async () => {
    const leaving = await anOfficer(testApp, { name: 'Leah Page' });
    await anOfficer(testApp, { name: 'Pat Room' });
    const held = await aCase(testApp, leaving.actor, { child: { forename: 'Tomasz', surname: 'Held' } });
    const caseloads = await getPage(testApp.app, managerJar, '/team/caseloads');
    expect(caseloads.body).toContain(`href="/team/caseloads/handover/${leaving.user.id}"`);
    const page = await getPage(testApp.app, managerJar, `/team/caseloads/handover/${leaving.user.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<span dir="auto">Tomasz Held</span>');
    expect(page.body).toMatch(new RegExp(`<select class="govuk-select" id="to-${held.caseId}" name="to-${held.caseId}"[^>]*><option value="">Choose an officer</option>.*<option value="[0-9a-f-]+" selected>`));
    expect(page.body).toMatch(/Suggested: [^<]+ has the most room: \d+\.\d of \d+\.\d/);
    expect(page.body).not.toContain(`<option value="${leaving.user.id}"`);
  });

  it('refuses an officer taken over their cap without a reason, with the error summary, nothing saved; a form without its token is refused', async () => {
    const leaving = await anOfficer(testApp, { name: 'Leah Cap' });
    const small = await anOfficer(testApp, { name: 'Sam Small' });
    const { user } = await testApp.services.users.user(admin.actor, small.user.id);
    await testApp.services.users.setCapacity(admin.actor, small.user.id, { version: user.version, fte: '0.1' });
    const cases = [];
    for (let n = 0; n < 5; n++) cases.push((await aCase(testApp, leaving.actor)).caseId);
    const response = await postHandover(leaving.user.id, cases, () => small.user.id);
    expect(response.statusCode).toBe(400);
    expect(errorSummaryOf(response.body)).toEqual([{ href: '#overCapReason', text: expect.stringMatching(/^Sam Small would be at \d+\.\d of 4\.0, over the cap: give the reason for going over it, or choose other officers$/) }]);
    // The manager's choices are kept.
    expect(response.body).toContain(`<option value="${small.user.id}" selected>`);
    expect(await officersOf(cases)).toEqual(cases.map(() => leaving.user.id));

    const forged = await testApp.app.inject({
      method: 'POST',
      url: `/team/caseloads/handover/${leaving.user.id}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: managerJar.header() },
      payload: new URLSearchParams([['cases', cases[0]!], [`to-${cases[0]!}`, small.user.id], ['overCapReason', 'x']]).toString(),
    });
    expect(forged.statusCode).toBe(403);
    expect(await officersOf(cases)).toEqual(cases.map(() => leaving.user.id));
  });

  it('shows a recipient not chosen against its case, nothing saved', async () => {
    const leaving = await anOfficer(testApp, { name: 'Leah Choose' });
    const held = await aCase(testApp, leaving.actor);
    const response = await postHandover(leaving.user.id, [held.caseId], () => '');
    expect(response.statusCode).toBe(400);
    expect(errorSummaryOf(response.body)).toEqual([{ href: `#to-${held.caseId}`, text: `Choose the officer to receive case ${held.reference}` }]);
    expect(response.body).toContain(`id="to-${held.caseId}-error"`);
    expect(await officersOf([held.caseId])).toEqual([leaving.user.id]);
  });

  it('hands over as chosen, then shows the banner on the caseloads page', async () => {
    const leaving = await anOfficer(testApp, { name: 'Leah Done' });
    const receiving = await anOfficer(testApp, { name: 'Rita Receiver' });
    const cases = [(await aCase(testApp, leaving.actor)).caseId, (await aCase(testApp, leaving.actor)).caseId];
    const response = await postHandover(leaving.user.id, cases, () => receiving.user.id);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/team/caseloads?team=all&handedOver=2&from=${leaving.user.id}&unsent=2`);
    const page = await getPage(testApp.app, managerJar, response.headers.location as string);
    expect(page.body).toContain('2 cases handed over from Leah Done. No letter went to 2 families: no parent or carer with an address or e-mail address is on the record.');
    expect(await officersOf(cases)).toEqual([receiving.user.id, receiving.user.id]);
  });
});

describe('the leaving date form', () => {
  it('refuses a date that is not real with the error summary, nothing saved; saves a real one, shown on the caseloads page', async () => {
    const leaving = await anOfficer(testApp, { name: 'Leah Date' });
    const url = `/team/caseloads/handover/${leaving.user.id}`;
    const version = () => testApp.services.users.leaving(manager.actor, leaving.user.id).then((entry) => String(entry.version));
    const refused = await postForm(testApp.app, managerJar, `${url}/leaving`, { version: await version(), 'leavingOn-day': '31', 'leavingOn-month': '2', 'leavingOn-year': '2027' }, { csrfFrom: url });
    expect(refused.statusCode).toBe(400);
    expect(errorSummaryOf(refused.body)).toEqual([{ href: '#leavingOn-day', text: 'Enter the leaving date as a real date, like 29 1 2027' }]);
    expect((await testApp.services.users.leaving(manager.actor, leaving.user.id)).leavingOn).toBeNull();

    const saved = await postForm(testApp.app, managerJar, `${url}/leaving`, { version: await version(), 'leavingOn-day': '29', 'leavingOn-month': '1', 'leavingOn-year': '2027' }, { csrfFrom: url });
    expect(saved.statusCode).toBe(303);
    expect((await getPage(testApp.app, managerJar, saved.headers.location as string)).body).toContain('Leaving date saved.');
    expect((await getPage(testApp.app, managerJar, '/team/caseloads')).body).toContain('Leaving 29 January 2027');
  });
  it('refuses today as the last day of an officer who still holds open cases, saying how many, nothing saved; a day to come is allowed, and today once the cases are handed over (issue 16: an officer who holds open cases cannot be marked as leaving)', async () => {
    const leaving = await anOfficer(testApp, { name: 'Leah Today' });
    const receiving = await anOfficer(testApp, { name: 'Rita Today' });
    const cases = [(await aCase(testApp, leaving.actor)).caseId, (await aCase(testApp, leaving.actor)).caseId];
    const url = `/team/caseloads/handover/${leaving.user.id}`;
    const version = () => testApp.services.users.leaving(manager.actor, leaving.user.id).then((entry) => String(entry.version));
    const today = { 'leavingOn-day': '23', 'leavingOn-month': '11', 'leavingOn-year': '2026' };
    const message = 'Leah Today still holds 2 open cases: hand them over before recording today as their last day, or record a later day';
    const refused = await postForm(testApp.app, managerJar, `${url}/leaving`, { version: await version(), ...today }, { csrfFrom: url });
    expect(refused.statusCode).toBe(400);
    expect(errorSummaryOf(refused.body)).toEqual([{ href: '#leavingOn-day', text: message }]);
    expect(refused.body).toContain('href="#who-receives"');
    expect((await testApp.services.users.leaving(manager.actor, leaving.user.id)).leavingOn).toBeNull();
    await expect(testApp.services.users.setLeavingDate(admin.actor, leaving.user.id, { version: await version(), leavingOn: '2026-11-23' })).rejects.toThrow(message);

    // Notice given: a day to come is recorded while they still hold the cases.
    expect((await postForm(testApp.app, managerJar, `${url}/leaving`, { version: await version(), 'leavingOn-day': '4', 'leavingOn-month': '12', 'leavingOn-year': '2026' }, { csrfFrom: url })).statusCode).toBe(303);
    expect((await testApp.services.users.leaving(manager.actor, leaving.user.id)).leavingOn).toBe('2026-12-04');

    await postHandover(leaving.user.id, cases, () => receiving.user.id);
    expect((await postForm(testApp.app, managerJar, `${url}/leaving`, { version: await version(), ...today }, { csrfFrom: url })).statusCode).toBe(303);
    expect((await testApp.services.users.leaving(manager.actor, leaving.user.id)).leavingOn).toBe('2026-11-23');
  });

  it('the deactivation page of an officer holding cases says how many and links to their hand-over page', async () => {
    const leaving = await anOfficer(testApp, { name: 'Leah Deactivate' });
    await aCase(testApp, leaving.actor);
    const jar = await signIn(testApp.app, admin.user.email, admin.password);
    const page = await getPage(testApp.app, jar, `/users/${leaving.user.id}/deactivate`);
    expect(page.body).toContain('Leah Deactivate holds 1 open case.');
    expect(page.body).toContain(`href="/team/caseloads/handover/${leaving.user.id}"`);
  });
});
