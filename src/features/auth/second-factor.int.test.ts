// Staff's second factor (TOTP, RFC 6238): set up at the first sign-in, asked for at every sign-in
// after the password; the half-signed-in session reaches nothing else. And signing out everywhere.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { adjustableClock } from '../../lib/clock.ts';
import { totpCodeAt } from '../../lib/totp.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { anOfficer, TEST_PASSWORD, type TestOfficer } from '../../test/factories/index.ts';
import { authenticatorOf, CookieJar, csrfTokenIn, errorSummaryOf, getPage, postForm, signIn } from '../../test/http.ts';

const clock = adjustableClock('2026-12-01T09:00:10Z');
let testApp: TestApp;
let app: FastifyInstance;

beforeAll(async () => {
  testApp = await createTestApp({ clock });
  app = testApp.app;
});
afterAll(async () => {
  await testApp?.close();
});
// Each test starts outside the last one's failure window, at the start of a 30-second step.
beforeEach(() => clock.advance(60 * 60_000));

const SESSION = 'casework_session';

/** Posts the password only: the browser is then half signed in. */
async function passwordOnly(officer: TestOfficer, jar = new CookieJar()) {
  const response = await postForm(app, jar, '/sign-in', { email: officer.user.email, password: TEST_PASSWORD }, { csrfFrom: '/sign-in' });
  expect(response.statusCode).toBe(303);
  return { jar, location: String(response.headers.location) };
}

async function enterCode(jar: CookieJar, path: string, code: string) {
  return postForm(app, jar, path, { code }, { csrfFrom: path });
}

async function auditActions(userId: string): Promise<{ action: string; details: Record<string, unknown> | null }[]> {
  return queryRows(testApp.database.db, sql`SELECT action, details FROM audit_event WHERE entity_id = ${userId} ORDER BY occurred_at, id`);
}

/** An officer with their app set up through the pages; the secret their app holds and their recovery codes. */
async function enrolledOfficer() {
  const officer = await anOfficer(testApp);
  await signIn(app, officer.user.email, TEST_PASSWORD);
  const authenticator = authenticatorOf(app, officer.user.email)!;
  return { officer, secret: authenticator.secret, recoveryCodes: [...authenticator.recoveryCodes] };
}

describe('setting up the authenticator app at the first sign-in', () => {
  it('shows a QR code and the key as text, takes a code from the app, then shows ten recovery codes once, in a new session', async () => {
    const officer = await anOfficer(testApp);
    const { jar, location } = await passwordOnly(officer);
    expect(location).toBe('/sign-in/set-up-second-factor');
    const halfCookie = jar.get(SESSION);

    const page = await getPage(app, jar, location);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('src="data:image/png;base64,');
    const secret = /id="totp-secret">([A-Z2-7]+)</.exec(page.body)![1]!;
    // The same key on every visit until confirmed, so a QR code already scanned still works.
    expect((await getPage(app, jar, location)).body).toContain(secret);
    // Kept sealed: the database alone does not give the key.
    const [stored] = await queryRows<{ totp_secret: string }>(testApp.database.db, sql`SELECT totp_secret FROM staff_user WHERE id = ${officer.user.id}`);
    expect(stored!.totp_secret).toMatch(/^v1\./);
    expect(stored!.totp_secret).not.toContain(secret);

    const done = await enterCode(jar, location, await totpCodeAt(secret, clock.now()));
    expect(done.statusCode).toBe(200);
    const codes = [...done.body.matchAll(/<li><code>([a-z0-9-]+)<\/code><\/li>/g)].map((match) => match[1]);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    // A new session, not the half-signed-in one carried on.
    expect(jar.get(SESSION)).toBeDefined();
    expect(jar.get(SESSION)).not.toBe(halfCookie);
    expect((await getPage(app, jar, '/account')).body).toContain('You have 10 unused recovery codes');
    expect((await app.inject({ url: '/account', headers: { cookie: `${SESSION}=${halfCookie}` } })).statusCode).toBe(303);

    // Kept as argon2id hashes, never the codes.
    const hashes = await queryRows<{ code_hash: string }>(testApp.database.db, sql`SELECT code_hash FROM staff_recovery_code WHERE user_id = ${officer.user.id}`);
    expect(hashes).toHaveLength(10);
    for (const { code_hash } of hashes) expect(code_hash).toMatch(/^\$argon2id\$/);
    expect((await auditActions(officer.user.id)).map((entry) => entry.action)).toEqual(['staff.created', 'staff.password-accepted', 'staff.second-factor-set-up', 'staff.signed-in']);
  });

  it('refuses a wrong code with the error linked to the field, counting it against the account; the set-up page stays', async () => {
    const officer = await anOfficer(testApp);
    const { jar, location } = await passwordOnly(officer);
    const page = await getPage(app, jar, location);
    const secret = /id="totp-secret">([A-Z2-7]+)</.exec(page.body)![1]!;
    const right = await totpCodeAt(secret, clock.now());
    const wrong = await enterCode(jar, location, right === '000000' ? '111111' : '000000');
    expect(wrong.statusCode).toBe(400);
    expect(errorSummaryOf(wrong.body)).toEqual([{ href: '#code', text: 'The code is not right. Check your authenticator app and try again' }]);
    expect(wrong.body).toContain(secret);
    const notACode = await enterCode(jar, location, '12ab');
    expect(errorSummaryOf(notACode.body)).toEqual([{ href: '#code', text: 'Enter the 6-digit code from your authenticator app' }]);
    const [failures] = await queryRows<{ n: number }>(testApp.database.db, sql`SELECT count(*)::int AS n FROM sign_in_failure WHERE email_key = ${officer.user.email}`);
    expect(failures!.n).toBe(2);
    expect((await auditActions(officer.user.id)).filter((entry) => entry.action === 'staff.second-factor-wrong')).toHaveLength(2);
  });
});

describe('the half-signed-in session', () => {
  it('reaches no page but the second factor’s: pages send it on, forms are refused and write nothing', async () => {
    const { officer } = await enrolledOfficer();
    const { jar, location } = await passwordOnly(officer);
    expect(location).toBe('/sign-in/second-factor');
    for (const url of ['/account', '/cases', '/search?q=a', '/users', '/sign-in/set-up-second-factor']) {
      const page = await getPage(app, jar, url);
      expect(page.statusCode, url).toBe(303);
      expect(page.headers.location, url).toBe('/sign-in/second-factor');
    }
    const form = await getPage(app, jar, '/sign-in/second-factor');
    const before = await auditActions(officer.user.id);
    const refused = await postForm(app, jar, '/account/sign-out-everywhere', { _csrf: csrfTokenIn(form.body) });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('Enter the code from your authenticator app first');
    expect(await auditActions(officer.user.id)).toEqual(before);
    // The API never takes a session.
    expect((await app.inject({ url: '/api/v1/cases', headers: { cookie: jar.header() } })).statusCode).toBe(401);
  });

  it('ends 15 minutes after the password, the code still owed', async () => {
    const { officer } = await enrolledOfficer();
    const { jar } = await passwordOnly(officer);
    clock.advance(16 * 60_000);
    const page = await getPage(app, jar, '/sign-in/second-factor');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toMatch(/^\/sign-in\?expired=1&/);
  });

  it('refuses a code posted without the form’s CSRF token', async () => {
    const { officer, secret } = await enrolledOfficer();
    const { jar } = await passwordOnly(officer);
    const response = await postForm(app, jar, '/sign-in/second-factor', { code: await totpCodeAt(secret, new Date(clock.now().getTime() + 30_000)) });
    expect(response.statusCode).toBe(403);
  });

  it('can be given up: signing out from the second factor’s page ends it', async () => {
    const { officer } = await enrolledOfficer();
    const { jar } = await passwordOnly(officer);
    const out = await postForm(app, jar, '/sign-out', {}, { csrfFrom: '/sign-in/second-factor' });
    expect(out.headers.location).toBe('/signed-out');
    expect((await getPage(app, jar, '/sign-in/second-factor')).headers.location).toMatch(/^\/sign-in\?returnTo=/);
  });
});

describe('the code at sign-in', () => {
  it('accepts the app’s code once: the same code again, within its 30 seconds, is refused', async () => {
    const { officer, secret } = await enrolledOfficer();
    clock.advance(60_000);
    const code = await totpCodeAt(secret, clock.now());
    const first = await passwordOnly(officer);
    const given = await enterCode(first.jar, '/sign-in/second-factor', code);
    expect(given.statusCode).toBe(303);
    expect(given.headers.location).toBe('/cases');
    expect((await getPage(app, first.jar, '/account')).statusCode).toBe(200);

    const second = await passwordOnly(officer);
    const replayed = await enterCode(second.jar, '/sign-in/second-factor', code);
    expect(replayed.statusCode).toBe(400);
    expect(errorSummaryOf(replayed.body)).toEqual([{ href: '#code', text: 'The code is not right. Check your authenticator app and try again' }]);
    expect((await getPage(app, second.jar, '/account')).headers.location).toBe('/sign-in/second-factor');
    // The next code from the app is taken.
    clock.advance(30_000);
    expect((await enterCode(second.jar, '/sign-in/second-factor', await totpCodeAt(secret, clock.now()))).statusCode).toBe(303);
  });

  it('takes a recovery code instead, once: the same recovery code again is refused', async () => {
    const { officer, recoveryCodes } = await enrolledOfficer();
    const recovery = recoveryCodes[3]!;
    const first = await passwordOnly(officer);
    const given = await enterCode(first.jar, '/sign-in/second-factor', recovery.toUpperCase().replaceAll('-', ' '));
    expect(given.statusCode).toBe(303);
    expect((await getPage(app, first.jar, '/account')).body).toContain('You have 9 unused recovery codes');
    const audit = (await auditActions(officer.user.id)).at(-1)!;
    expect(audit).toEqual({ action: 'staff.signed-in', details: { secondFactor: 'recovery-code', recoveryCodesLeft: 9 } });

    const second = await passwordOnly(officer);
    const again = await enterCode(second.jar, '/sign-in/second-factor', recovery);
    expect(again.statusCode).toBe(400);
    expect(errorSummaryOf(again.body)).toEqual([{ href: '#code', text: 'The code is not right. Check your authenticator app and try again' }]);
  });

  it('counts wrong codes towards the account’s lock-out: after five wrong tries even the right code and password wait', async () => {
    const { officer, secret } = await enrolledOfficer();
    clock.advance(60_000);
    const { jar } = await passwordOnly(officer);
    const right = await totpCodeAt(secret, clock.now());
    const wrong = right === '000000' ? '111111' : '000000';
    for (let attempt = 0; attempt < 5; attempt += 1) expect((await enterCode(jar, '/sign-in/second-factor', wrong)).statusCode).toBe(400);
    const locked = await enterCode(jar, '/sign-in/second-factor', right);
    expect(locked.statusCode).toBe(400);
    expect(errorSummaryOf(locked.body)[0]!.text).toBe('There have been too many attempts to sign in. Wait 15 minutes and try again');
    const password = await postForm(app, new CookieJar(), '/sign-in', { email: officer.user.email, password: TEST_PASSWORD }, { csrfFrom: '/sign-in' });
    expect(password.statusCode).toBe(429);
  });

  it('asks for nothing when empty but the code, linked to the field', async () => {
    const { officer } = await enrolledOfficer();
    const { jar } = await passwordOnly(officer);
    const empty = await enterCode(jar, '/sign-in/second-factor', '  ');
    expect(empty.statusCode).toBe(400);
    expect(errorSummaryOf(empty.body)).toEqual([{ href: '#code', text: 'Enter the 6-digit code from your authenticator app, or a recovery code' }]);
  });
});

describe('signing out everywhere', () => {
  it('ends every session of the person, this one included, audited; needs the form’s CSRF token', async () => {
    const officer = await anOfficer(testApp);
    const laptop = await signIn(app, officer.user.email, TEST_PASSWORD);
    clock.advance(30_000);
    const phone = await signIn(app, officer.user.email, TEST_PASSWORD);
    const other = await signIn(app, (await anOfficer(testApp)).user.email, TEST_PASSWORD);

    expect((await postForm(app, laptop, '/account/sign-out-everywhere', {})).statusCode).toBe(403);
    const done = await postForm(app, laptop, '/account/sign-out-everywhere', {}, { csrfFrom: '/account' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/signed-out?everywhere=1');
    expect((await getPage(app, laptop, '/signed-out?everywhere=1')).body).toContain('You have signed out everywhere');
    for (const jar of [laptop, phone]) expect((await getPage(app, jar, '/account')).statusCode).toBe(303);
    expect((await getPage(app, other, '/account')).statusCode).toBe(200);
    expect((await auditActions(officer.user.id)).at(-1)).toEqual({ action: 'staff.signed-out-everywhere', details: { sessionsEnded: 2 } });
  });
});

describe('an administrator resetting someone’s second factor', () => {
  it('ends their sessions, and at their next sign-in they set up an app again; audited; never one’s own', async () => {
    const admin = await anOfficer(testApp, { role: 'admin' });
    const adminJar = await signIn(app, admin.user.email, TEST_PASSWORD);
    const { officer } = await enrolledOfficer();
    const officerJar = await signIn(app, officer.user.email, TEST_PASSWORD);

    const userPage = await getPage(app, adminJar, `/users/${officer.user.id}`);
    expect(userPage.body).toContain('Reset authenticator app');
    const reset = await postForm(app, adminJar, `/users/${officer.user.id}/second-factor`, {}, { csrfFrom: `/users/${officer.user.id}/second-factor` });
    expect(reset.headers.location).toBe(`/users/${officer.user.id}?saved=second-factor-reset`);
    expect((await getPage(app, officerJar, '/account')).statusCode).toBe(303);
    expect((await passwordOnly(officer)).location).toBe('/sign-in/set-up-second-factor');
    const [audit] = await queryRows<{ actor_id: string; details: unknown }>(
      testApp.database.db,
      sql`SELECT actor_id, details FROM audit_event WHERE entity_id = ${officer.user.id} AND action = 'staff.second-factor-reset'`,
    );
    // The session of the set-up and the one signed in since.
    expect(audit).toEqual({ actor_id: admin.user.id, details: { sessionsEnded: 2 } });
    const [codes] = await queryRows<{ n: number }>(testApp.database.db, sql`SELECT count(*)::int AS n FROM staff_recovery_code WHERE user_id = ${officer.user.id}`);
    expect(codes!.n).toBe(0);

    await expect(testApp.services.auth.resetSecondFactor(admin.actor, admin.user.id)).rejects.toThrow('You cannot reset your own second factor');
    await expect(testApp.services.auth.resetSecondFactor(officer.actor, admin.user.id)).rejects.toThrow(/only for these roles/);
  });
});
