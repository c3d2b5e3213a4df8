// The demo accounts' passwords are printed at start: a data folder made before a printed password
// changed gets the printed one again, so what is printed always signs in.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { CookieJar, postForm, signIn } from '../../test/http.ts';
import { hashPassword } from '../auth/index.ts';
import { DEMO_ACCOUNTS, ensureDemoAccounts } from './accounts.ts';

let testApp: TestApp;

beforeAll(async () => {
  testApp = await createTestApp();
});
afterAll(async () => {
  await testApp?.close();
});

const passwordSets = async () =>
  (await queryRows<{ n: number }>(testApp.database.db, sql`SELECT count(*)::int AS n FROM audit_event WHERE action = 'staff.password-set'`))[0]!.n;

describe('the demo accounts', () => {
  it('sign in with the passwords printed, also in a data folder made when the printed ones were different', async () => {
    const lines = await ensureDemoAccounts(testApp.services, testApp.authorityId);
    expect(lines).toEqual(DEMO_ACCOUNTS.map((account) => `Demo sign-in: email ${account.email} password ${account.password}`));
    for (const account of DEMO_ACCOUNTS) await signIn(testApp.app, account.email, account.password);

    // An older data folder: the officer still has the password printed before (now refused by the
    // policy, as it holds the e-mail address's first part).
    const officer = DEMO_ACCOUNTS[0]!;
    await testApp.database.db.execute(sql`UPDATE staff_user SET password_hash = ${await hashPassword('Officer-demo-2026')} WHERE email = ${officer.email}`);
    const before = await passwordSets();
    await ensureDemoAccounts(testApp.services, testApp.authorityId);
    await signIn(testApp.app, officer.email, officer.password);
    expect(await passwordSets()).toBe(before + 1);

    // Started again with nothing to change: nothing is written.
    await ensureDemoAccounts(testApp.services, testApp.authorityId);
    expect(await passwordSets()).toBe(before + 1);
  });

  it('need no second factor on the embedded database, where the sign-in page says so', async () => {
    await ensureDemoAccounts(testApp.services, testApp.authorityId);
    const officer = DEMO_ACCOUNTS[0]!;
    const signedIn = await postForm(testApp.app, new CookieJar(), '/sign-in', { email: officer.email, password: officer.password }, { csrfFrom: '/sign-in' });
    expect(signedIn.headers.location).toBe('/cases');
    const demo = await createTestApp({ config: { seedDemoData: true } });
    try {
      expect((await demo.app.inject('/sign-in')).body).toContain('Its printed demo accounts sign in with their password alone');
      // Still said after a wrong password.
      const refused = await postForm(demo.app, new CookieJar(), '/sign-in', { email: officer.email, password: 'not-the-password' }, { csrfFrom: '/sign-in' });
      expect(refused.statusCode).toBe(401);
      expect(refused.body).toContain('Its printed demo accounts sign in with their password alone');
    } finally {
      await demo.close();
    }
    expect((await testApp.app.inject('/sign-in')).body).not.toContain('password alone');
  });

  it('set up an authenticator app as every account does where exemption is not allowed (PostgreSQL, or production)', async () => {
    const strict = await createTestApp({ config: { secondFactorExemptionAllowed: false, seedDemoData: true } });
    try {
      await ensureDemoAccounts(strict.services, strict.authorityId);
      const officer = DEMO_ACCOUNTS[0]!;
      const signedIn = await postForm(strict.app, new CookieJar(), '/sign-in', { email: officer.email, password: officer.password }, { csrfFrom: '/sign-in' });
      expect(signedIn.headers.location).toBe('/sign-in/set-up-second-factor');
      expect((await strict.app.inject('/sign-in')).body).not.toContain('password alone');
    } finally {
      await strict.close();
    }
  });
});
