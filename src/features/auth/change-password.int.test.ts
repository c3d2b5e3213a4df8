// "Change your password", from the account page: each refusal is a GOV.UK error summary that
// changes nothing; a change ends the person's sessions everywhere but this browser, is audited
// without any password material, and is confirmed on the account page.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { adjustableClock } from '../../lib/clock.ts';
import { ForbiddenError, ValidationError } from '../../lib/errors.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { anOfficer, TEST_PASSWORD, type TestOfficer } from '../../test/factories/index.ts';
import { CookieJar, errorSummaryOf as errorSummary, getPage, postForm, signIn } from '../../test/http.ts';
import { storedPasswordHash } from '../../test/passwords.ts';

const NEW_PASSWORD = 'Lantern-orchard-teapot';
const PAGE = '/account/password';

let testApp: TestApp;
const clock = adjustableClock('2026-11-23T09:00:00Z');

beforeAll(async () => {
  testApp = await createTestApp({ clock });
});
afterAll(async () => {
  await testApp?.close();
});
beforeEach(() => clock.advance(60 * 60_000)); // each test starts outside the last one's failure window

const storedHash = (userId: string) => storedPasswordHash(testApp.database.db, userId);

async function auditFor(userId: string, action: string) {
  return queryRows<{ actor_id: string; details: Record<string, unknown> }>(
    testApp.database.db,
    sql`SELECT actor_id, details FROM audit_event WHERE entity_id = ${userId} AND action = ${action} ORDER BY occurred_at, id`,
  );
}

async function change(jar: CookieJar, fields: { currentPassword?: string; newPassword?: string; confirmPassword?: string }) {
  return postForm(testApp.app, jar, PAGE, { currentPassword: '', newPassword: '', confirmPassword: '', ...fields }, { csrfFrom: PAGE });
}

describe('the change-password page', () => {
  let officer: TestOfficer;
  let jar: CookieJar;
  beforeEach(async () => {
    officer = await anOfficer(testApp);
    jar = await signIn(testApp.app, officer.user.email, TEST_PASSWORD);
  });

  it('is linked from the account page and asks for the current password, a new one and the new one again', async () => {
    const account = await getPage(testApp.app, jar, '/account');
    expect(account.body).toContain(`<a class="govuk-link" href="${PAGE}">Change your password</a>`);
    const page = await getPage(testApp.app, jar, PAGE);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>Change your password');
    expect(page.body).toMatch(/name="_csrf" value="[^"]+"/);
    for (const [field, autocomplete] of [['currentPassword', 'current-password'], ['newPassword', 'new-password'], ['confirmPassword', 'new-password']]) {
      expect(page.body).toMatch(new RegExp(`<input[^>]*id="${field}"[^>]*type="password"[^>]*autocomplete="${autocomplete}"|<input[^>]*id="${field}"[^>]*autocomplete="${autocomplete}"[^>]*type="password"`));
    }
  });

  it('refuses a wrong current password, changing nothing, and counts it towards the lock-out', async () => {
    const before = await storedHash(officer.user.id);
    const [failuresBefore] = await queryRows<{ n: number }>(testApp.database.db, sql`SELECT count(*)::int AS n FROM sign_in_failure WHERE email_key = ${officer.user.email}`);
    const response = await change(jar, { currentPassword: 'Not-my-password-at-all', newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatch(/<title>Error: Change your password/);
    expect(errorSummary(response.body)).toEqual([{ href: '#currentPassword', text: 'Your current password is not right' }]);
    expect(await storedHash(officer.user.id)).toBe(before);
    const [failuresAfter] = await queryRows<{ n: number }>(testApp.database.db, sql`SELECT count(*)::int AS n FROM sign_in_failure WHERE email_key = ${officer.user.email}`);
    expect(failuresAfter!.n).toBe(failuresBefore!.n + 1);
    expect(await auditFor(officer.user.id, 'staff.password-changed')).toEqual([]);
  });

  it.each([
    ['password1234', 'The new password is too common'],
    [' '.repeat(12), 'The new password must not be only spaces'],
    ['aaaaaaaaaaaa', 'The new password must not be one character, or the same few characters, repeated'],
  ])('refuses a deny-listed new password %j with a clear message', async (newPassword, message) => {
    const before = await storedHash(officer.user.id);
    const response = await change(jar, { currentPassword: TEST_PASSWORD, newPassword, confirmPassword: newPassword });
    expect(response.statusCode).toBe(400);
    const [error, ...others] = errorSummary(response.body);
    expect(others).toEqual([]);
    expect(error!.href).toBe('#newPassword');
    expect(error!.text.startsWith(message)).toBe(true);
    expect(response.body).toContain('id="newPassword-error"');
    expect(await storedHash(officer.user.id)).toBe(before);
  });

  it('refuses a new password holding the first part of the person’s e-mail address', async () => {
    const localPart = officer.user.email.split('@')[0]!;
    const response = await change(jar, { currentPassword: TEST_PASSWORD, newPassword: `My ${localPart} garden`, confirmPassword: `My ${localPart} garden` });
    expect(errorSummary(response.body)).toEqual([{ href: '#newPassword', text: 'The new password must not contain the first part of the e-mail address (before the @)' }]);
  });

  it('refuses a new password that is too short', async () => {
    const response = await change(jar, { currentPassword: TEST_PASSWORD, newPassword: 'Short-pass1', confirmPassword: 'Short-pass1' });
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toEqual([{ href: '#newPassword', text: 'The new password must be 12 characters or more' }]);
  });

  it('refuses a confirmation that does not match, and never shows what was typed', async () => {
    const response = await change(jar, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: `${NEW_PASSWORD}!` });
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toEqual([{ href: '#confirmPassword', text: 'The new passwords do not match: enter the same one twice' }]);
    expect(response.body).not.toContain(TEST_PASSWORD);
    expect(response.body).not.toContain(NEW_PASSWORD);
  });

  it('names every empty field in the error summary', async () => {
    const response = await change(jar, {});
    expect(errorSummary(response.body)).toEqual([
      { href: '#currentPassword', text: 'Enter your current password' },
      { href: '#newPassword', text: 'Enter a new password' },
      { href: '#confirmPassword', text: 'Enter the new password again' },
    ]);
  });

  it('refuses the current password as the new one', async () => {
    const response = await change(jar, { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD, confirmPassword: TEST_PASSWORD });
    expect(errorSummary(response.body)).toEqual([{ href: '#newPassword', text: 'The new password must be different from your current password' }]);
  });

  it('after five wrong current passwords refuses even the right one for the lock-out window', async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) await change(jar, { currentPassword: `Wrong-password-${attempt}`, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    const locked = await change(jar, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(errorSummary(locked.body)).toEqual([{ href: '#currentPassword', text: 'There have been too many wrong passwords. Wait 15 minutes and try again' }]);
    expect(await auditFor(officer.user.id, 'staff.password-changed')).toEqual([]);
  });

  it('refuses a form without its CSRF token, changing nothing', async () => {
    const before = await storedHash(officer.user.id);
    const response = await postForm(testApp.app, jar, PAGE, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(response.statusCode).toBe(403);
    expect(await storedHash(officer.user.id)).toBe(before);
  });

  it('changes the password: this browser stays signed in, every other session ends, the change is audited and confirmed', async () => {
    const elsewhere = await signIn(testApp.app, officer.user.email, TEST_PASSWORD);
    expect((await getPage(testApp.app, elsewhere, '/account')).statusCode).toBe(200);
    const oldCookie = jar.header();
    const before = await storedHash(officer.user.id);

    const response = await change(jar, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/account?changed=password');

    // This browser carries on, in a new session; its old cookie and the other browser are signed out.
    const confirmation = await getPage(testApp.app, jar, String(response.headers.location));
    expect(confirmation.statusCode).toBe(200);
    expect(confirmation.body).toContain('govuk-notification-banner--success');
    expect(confirmation.body).toContain('Your password has been changed');
    expect((await testApp.app.inject({ method: 'GET', url: '/account', headers: { cookie: oldCookie } })).statusCode).toBe(303);
    expect((await getPage(testApp.app, elsewhere, '/account')).statusCode).toBe(303);

    // The new hash is argon2id; the old password no longer signs in, the new one does.
    const after = await storedHash(officer.user.id);
    expect(after).not.toBe(before);
    expect(after).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const oldPassword = await postForm(testApp.app, new CookieJar(), '/sign-in', { email: officer.user.email, password: TEST_PASSWORD }, { csrfFrom: '/sign-in' });
    expect(oldPassword.statusCode).toBe(401);
    await signIn(testApp.app, officer.user.email, NEW_PASSWORD);

    const audit = await auditFor(officer.user.id, 'staff.password-changed');
    expect(audit).toEqual([{ actor_id: officer.user.id, details: { otherSessionsEnded: 1 } }]);
    const written = JSON.stringify(audit);
    for (const secret of [TEST_PASSWORD, NEW_PASSWORD, before, after, '$argon2id$']) expect(written).not.toContain(secret);
  });
});

describe('the password rules live in the services', () => {
  it('changing a password is for a person signed in, not an API token', async () => {
    const officer = await anOfficer(testApp);
    const token = { ...officer.actor, kind: 'token' as const, tokenId: 'a-token' };
    await expect(testApp.services.auth.changePassword(token, '', { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, '127.0.0.1')).rejects.toThrow(
      ForbiddenError,
    );
  });

  it.each([
    ['password1234', 'The password is too common'],
    [' '.repeat(12), 'The password must not be only spaces'],
    ['Short-pass1', 'The password must be 12 characters or more'],
    ['pat.brennan-likes-tea', 'The password must not contain the first part of the e-mail address (before the @)'],
  ])('an account is not created with the password %j', async (password, message) => {
    const admin = { kind: 'user' as const, id: 'x', authorityId: testApp.authorityId, roles: ['admin' as const] };
    const refused = testApp.services.staff.createUser(admin, { email: 'Pat.Brennan@test.example', name: 'Pat Brennan', role: 'case_officer', password });
    await expect(refused).rejects.toThrow(ValidationError);
    const error = (await refused.catch((caught: unknown) => caught)) as ValidationError;
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]!.field).toBe('password');
    expect(error.problems[0]!.message.startsWith(message)).toBe(true);
    const users = await testApp.services.staff.listUsers(admin);
    expect(users.map((user) => user.email)).not.toContain('pat.brennan@test.example');
  });

  it('an administrator setting a password is held to the same rules, and a new one ends the person’s sessions', async () => {
    const admin = (await anOfficer(testApp, { role: 'admin' })).actor;
    const officer = await anOfficer(testApp);
    const jar = await signIn(testApp.app, officer.user.email, TEST_PASSWORD);
    await expect(testApp.services.staff.setPassword(admin, officer.user.id, 'password1234')).rejects.toThrow(ValidationError);
    expect(await testApp.services.staff.setPassword(admin, officer.user.id, TEST_PASSWORD)).toEqual({ changed: false });
    expect((await getPage(testApp.app, jar, '/account')).statusCode).toBe(200);
    expect(await testApp.services.staff.setPassword(admin, officer.user.id, NEW_PASSWORD)).toEqual({ changed: true });
    clock.advance(6_000); // past the 5 seconds a live session is trusted without asking the database
    expect((await getPage(testApp.app, jar, '/account')).statusCode).toBe(303);
    await signIn(testApp.app, officer.user.email, NEW_PASSWORD);
    expect(await auditFor(officer.user.id, 'staff.password-set')).toEqual([{ actor_id: admin.id, details: { sessionsEnded: 1 } }]);
  });
});
