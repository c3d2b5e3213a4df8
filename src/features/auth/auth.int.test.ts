import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../composition.ts';
import { queryRows, type DatabaseHandle } from '../../db/database.ts';
import { adjustableClock } from '../../lib/clock.ts';
import { ForbiddenError } from '../../lib/errors.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { anAuthority, anOfficer, TEST_PASSWORD as PASSWORD } from '../../test/factories/index.ts';
import { completeSecondFactor, CookieJar, csrfTokenIn, getPage, postForm, signIn } from '../../test/http.ts';

let testApp: TestApp;
let database: DatabaseHandle;
let services: Services;
let app: FastifyInstance;
const clock = adjustableClock('2026-11-23T09:00:00Z');
let authorityId: string;
let officerEmail: string;
let elsewhereEmail: string;

async function counts() {
  const [row] = await queryRows<{ sessions: number; audit: number; failures: number }>(
    database.db,
    sql`SELECT (SELECT count(*)::int FROM staff_session) AS sessions, (SELECT count(*)::int FROM audit_event) AS audit, (SELECT count(*)::int FROM sign_in_failure) AS failures`,
  );
  return row!;
}

beforeAll(async () => {
  testApp = await createTestApp({ clock, config: { trustProxy: '127.0.0.1' } });
  ({ database, services, app, authorityId } = testApp);
  officerEmail = (await anOfficer(testApp)).user.email;
  // Sets up the officer's authenticator app, as their first sign-in does.
  await signIn(app, officerEmail, PASSWORD);
  elsewhereEmail = (await anOfficer(testApp, { authorityId: (await anAuthority(database.db)).id })).user.email;
});
afterAll(async () => {
  await testApp?.close();
});
beforeEach(() => clock.advance(60 * 60_000)); // each test starts outside the last one's failure window

describe('sign-in', () => {
  it('signs a member of staff in and shows their account', async () => {
    // As typed carelessly: capitals and a trailing space.
    const jar = await signIn(app, `${officerEmail[0]!.toUpperCase()}${officerEmail.slice(1).replace('@test.', '@Test.')} `, PASSWORD);
    expect(jar.get('casework_session')).toBeTruthy();
    const account = await getPage(app, jar, '/account');
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain(officerEmail);
    expect(account.body).toContain('Case officer');
  });

  it('sends people who are not signed in to the sign-in page, and back afterwards', async () => {
    const response = await app.inject({ method: 'GET', url: '/account' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/sign-in?returnTo=%2Faccount');
  });

  it('gives the same answer for a wrong password and an unknown account, and starts no session', async () => {
    const { email } = (await anOfficer(testApp)).user;
    const before = await counts();
    const wrongPassword = await postForm(app, new CookieJar(), '/sign-in', { email, password: 'nope' }, { csrfFrom: '/sign-in' });
    const unknownUser = await postForm(app, new CookieJar(), '/sign-in', { email: 'nobody@test.example', password: 'nope' }, { csrfFrom: '/sign-in' });
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknownUser.statusCode).toBe(401);
    const message = (body: string) => /govuk-error-summary__list[\s\S]*?<a [^>]*>([^<]+)<\/a>/.exec(body)?.[1]?.trim();
    expect(message(wrongPassword.body)).toBe('Enter a correct e-mail address and password');
    expect(message(unknownUser.body)).toBe(message(wrongPassword.body));
    const after = await counts();
    expect(after.sessions).toBe(before.sessions);
    expect(after.audit).toBe(before.audit);
    // Only the failure counters grow: they are what the lock-out is made of.
    expect(after.failures).toBe(before.failures + 2);
  });

  it('shows an error summary when a field is empty', async () => {
    const response = await postForm(app, new CookieJar(), '/sign-in', { email: '', password: '' }, { csrfFrom: '/sign-in' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Enter your e-mail address');
    expect(response.body).toContain('Enter your password');
    expect(response.body).toContain('href="#email"');
    expect(response.body).toMatch(/<title>Error: /);
  });

  it('locks an account out after 5 failures, even for the right password, and starts no session', async () => {
    const adminEmail = (await anOfficer(testApp, { role: 'admin' })).user.email;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await postForm(app, new CookieJar(), '/sign-in', { email: adminEmail, password: 'wrong' }, { csrfFrom: '/sign-in' });
    }
    const before = await counts();
    const locked = await postForm(app, new CookieJar(), '/sign-in', { email: adminEmail, password: PASSWORD }, { csrfFrom: '/sign-in' });
    expect(locked.statusCode).toBe(429);
    expect(locked.headers['retry-after']).toBe('900');
    expect(locked.body).toContain('too many attempts');
    expect((await counts()).sessions).toBe(before.sessions);
    // Another account from the same address is not affected.
    await signIn(app, officerEmail, PASSWORD);
    clock.advance(16 * 60_000);
    await signIn(app, adminEmail, PASSWORD);
  });

  it('refuses a form without its CSRF token with 403, writing nothing', async () => {
    const before = await counts();
    const response = await postForm(app, new CookieJar(), '/sign-in', { email: officerEmail, password: PASSWORD });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('Your form could not be sent');
    expect(await counts()).toEqual(before);
  });

  it('refuses a CSRF token from another browser', async () => {
    const attacker = new CookieJar();
    const attackerPage = await getPage(app, attacker, '/sign-in');
    const token = /name="_csrf" value="([^"]+)"/.exec(attackerPage.body)![1]!;
    const victim = new CookieJar();
    await getPage(app, victim, '/sign-in');
    const response = await postForm(app, victim, '/sign-in', { email: officerEmail, password: PASSWORD, _csrf: token });
    expect(response.statusCode).toBe(403);
  });

  it('binds a signed-in form’s CSRF token to the session: a cookie and token pair planted from another browser is refused', async () => {
    // An attacker on a sibling subdomain can set a cookie for this host; with the token bound to
    // a cookie, the attacker's own cookie and token pair was accepted in the victim's session.
    const attacker = new CookieJar();
    const attackerPage = await getPage(app, attacker, '/sign-in');
    const plantedToken = csrfTokenIn(attackerPage.body);
    const victim = await signIn(app, officerEmail, PASSWORD);
    const response = await app.inject({
      method: 'POST',
      url: '/sign-out',
      // The planted cookie takes the place of the victim's own, as a cookie set for the same name does.
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `casework_session=${victim.get('casework_session')}; casework_csrf=${attacker.get('casework_csrf')}` },
      payload: new URLSearchParams({ _csrf: plantedToken }).toString(),
    });
    expect(response.statusCode).toBe(403);
    expect((await getPage(app, victim, '/account')).statusCode).toBe(200);
  });

  it('refuses one session’s CSRF token in another session, and a new session gets a new token', async () => {
    const first = await signIn(app, officerEmail, PASSWORD);
    const firstToken = csrfTokenIn((await getPage(app, first, '/account')).body);
    const second = await signIn(app, officerEmail, PASSWORD);
    const secondToken = csrfTokenIn((await getPage(app, second, '/account')).body);
    expect(secondToken).not.toBe(firstToken);
    const crossed = await postForm(app, second, '/sign-out', { _csrf: firstToken });
    expect(crossed.statusCode).toBe(403);
    const own = await postForm(app, second, '/sign-out', { _csrf: secondToken });
    expect(own.statusCode).toBe(303);
  });

  it('ends a session after 30 minutes without use', async () => {
    const jar = await signIn(app, officerEmail, PASSWORD);
    clock.advance(29 * 60_000);
    expect((await getPage(app, jar, '/account')).statusCode).toBe(200);
    clock.advance(31 * 60_000);
    const expired = await getPage(app, jar, '/account');
    expect(expired.statusCode).toBe(303);
    expect(expired.headers.location).toContain('expired=1');
    const signInPage = await getPage(app, jar, String(expired.headers.location));
    expect(signInPage.body).toContain('You were signed out because you had not used the service');
  });

  it('refuses a form posted after the session expired with 401, writing nothing', async () => {
    const jar = await signIn(app, officerEmail, PASSWORD);
    const page = await getPage(app, jar, '/account');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    clock.advance(31 * 60_000);
    const before = await counts();
    const response = await postForm(app, jar, '/sign-out', { _csrf: token });
    expect(response.statusCode).toBe(401);
    expect(response.body).toContain('You need to sign in');
    const after = await counts();
    expect(after.audit).toBe(before.audit);
  });

  it('signs out with a POST and the session no longer works', async () => {
    const jar = await signIn(app, officerEmail, PASSWORD);
    const cookieBefore = jar.header();
    const response = await postForm(app, jar, '/sign-out', {}, { csrfFrom: '/account' });
    expect(response.statusCode).toBe(303);
    const reuse = await app.inject({ method: 'GET', url: '/account', headers: { cookie: cookieBefore } });
    expect(reuse.statusCode).toBe(303);
  });

  it('honours a session ended elsewhere (another instance’s sign-out) within 5 seconds', async () => {
    const jar = await signIn(app, officerEmail, PASSWORD);
    expect((await getPage(app, jar, '/account')).statusCode).toBe(200);
    // Another instance signs the session out: only the database knows.
    await database.db.execute(sql`UPDATE staff_session SET ended_at = now() WHERE ended_at IS NULL AND authority_id IS NOT NULL`);
    clock.advance(4_000);
    expect((await getPage(app, jar, '/account')).statusCode).toBe(200);
    clock.advance(2_000);
    const ended = await getPage(app, jar, '/account');
    expect(ended.statusCode).toBe(303);
    expect(ended.headers.location).toContain('/sign-in');
  });

  it('only redirects back to a path on this site after sign-in', async () => {
    const jar = new CookieJar();
    const response = await postForm(app, jar, '/sign-in', { email: officerEmail, password: PASSWORD, returnTo: '//evil.example/' }, { csrfFrom: '/sign-in' });
    expect(response.headers.location).toBe('/sign-in/second-factor');
    expect((await completeSecondFactor(app, jar, officerEmail, response)).headers.location).toBe('/cases');
  });

  it('carries a return address on this site through the second factor', async () => {
    const jar = new CookieJar();
    const response = await postForm(app, jar, '/sign-in', { email: officerEmail, password: PASSWORD, returnTo: '/search?q=a&b=c' }, { csrfFrom: '/sign-in' });
    expect(response.headers.location).toBe(`/sign-in/second-factor?returnTo=${encodeURIComponent('/search?q=a&b=c')}`);
    expect((await completeSecondFactor(app, jar, officerEmail, response)).headers.location).toBe('/search?q=a&b=c');
  });

  it.each(['/\t/evil.example', '/\n/evil.example', '/\r/evil.example', '/\\evil.example'])('never redirects to a return address a browser would read as another site: %j', async (returnTo) => {
    const jar = new CookieJar();
    const form = await getPage(app, jar, `/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).not.toContain('evil.example');
    const response = await postForm(app, jar, '/sign-in', { email: officerEmail, password: PASSWORD, returnTo }, { csrfFrom: '/sign-in' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/sign-in/second-factor');
    expect((await completeSecondFactor(app, jar, officerEmail, response)).headers.location).toBe('/cases');
  });
});

describe('session cookie', () => {
  it('is HttpOnly and SameSite=Lax, and not Secure over plain http', async () => {
    const response = await postForm(app, new CookieJar(), '/sign-in', { email: officerEmail, password: PASSWORD }, { csrfFrom: '/sign-in' });
    const session = String(response.headers['set-cookie']).split(/,(?=\s*casework_)/).find((cookie) => cookie.includes('casework_session='));
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(session).not.toMatch(/Secure/);
  });

  it('is Secure and named __Host- when a trusted proxy says the request came over HTTPS, so no other host can plant it', async () => {
    const https = { 'x-forwarded-proto': 'https' };
    const jar = new CookieJar();
    const signInPage = await getPage(app, jar, '/sign-in', https);
    expect(String(signInPage.headers['set-cookie'])).toMatch(/^__Host-casework_csrf=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    const response = await postForm(app, jar, '/sign-in', { email: officerEmail, password: PASSWORD, _csrf: csrfTokenIn(signInPage.body) }, { headers: https });
    expect(response.statusCode).toBe(303);
    const session = response.cookies.find((cookie) => cookie.name === '__Host-casework_session');
    expect(session).toMatchObject({ path: '/', httpOnly: true, secure: true, sameSite: 'Lax' });
    expect(session).not.toHaveProperty('domain');
    // Half signed in: the account page sends the person on to the second factor.
    expect((await getPage(app, jar, '/account', https)).headers.location).toBe('/sign-in/second-factor');
    // The same session under the name without the prefix (as a sibling subdomain could set it)
    // is not read over HTTPS.
    const unprefixed = await app.inject({ method: 'GET', url: '/account', headers: { ...https, cookie: `casework_session=${session!.value}` } });
    expect(unprefixed.statusCode).toBe(303);
    expect(unprefixed.headers.location).toMatch(/^\/sign-in/);
  });
});

describe('access checks live in the services', () => {
  it('a case officer cannot create staff accounts, whatever calls the service', async () => {
    const officer = { kind: 'user' as const, id: 'x', authorityId, roles: ['case_officer' as const] };
    await expect(services.staff.createUser(officer, { email: 'new@test.example', name: 'New', role: 'admin' })).rejects.toThrow(ForbiddenError);
  });

  it('one authority cannot see another authority’s staff', async () => {
    const admin = { kind: 'user' as const, id: 'x', authorityId, roles: ['admin' as const] };
    const users = await services.staff.listUsers(admin);
    expect(users.map((user) => user.email)).not.toContain(elsewhereEmail);
  });
});
