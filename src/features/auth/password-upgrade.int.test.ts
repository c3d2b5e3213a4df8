// Hashes written before argon2id (scrypt, N=2^15) still sign in, and are replaced by argon2id at
// OWASP's parameters on the first sign-in that knows the password.
import { hash as argon2Hash, parseOptions } from '@node-rs/argon2';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { adjustableClock } from '../../lib/clock.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { anOfficer, TEST_PASSWORD } from '../../test/factories/index.ts';
import { CookieJar, getPage, postForm, signIn } from '../../test/http.ts';
import { storedPasswordHash, TEST_PASSWORD_SCRYPT_HASH } from '../../test/passwords.ts';

let testApp: TestApp;
const clock = adjustableClock('2026-11-23T09:00:00Z');

beforeAll(async () => {
  testApp = await createTestApp({ clock });
});
afterAll(async () => {
  await testApp?.close();
});

const storedHash = (userId: string) => storedPasswordHash(testApp.database.db, userId);

async function setStoredHash(userId: string, hash: string): Promise<void> {
  await testApp.database.db.execute(sql`UPDATE staff_user SET password_hash = ${hash} WHERE id = ${userId}`);
}

describe('password hashes', () => {
  it('are argon2id at m=19456 KiB, t=2, p=1 for a new account', async () => {
    const officer = await anOfficer(testApp);
    const stored = await storedHash(officer.user.id);
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(parseOptions(stored)).toMatchObject({ algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  });

  it('from before argon2id still sign in, and are replaced by argon2id on that sign-in', async () => {
    const officer = await anOfficer(testApp);
    await setStoredHash(officer.user.id, TEST_PASSWORD_SCRYPT_HASH);

    const jar = await signIn(testApp.app, officer.user.email, TEST_PASSWORD);
    expect((await getPage(testApp.app, jar, '/account')).statusCode).toBe(200);

    const upgraded = await storedHash(officer.user.id);
    expect(upgraded).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    // The new hash is the same password: the next sign-in works, and keeps it.
    clock.advance(60_000);
    await signIn(testApp.app, officer.user.email, TEST_PASSWORD);
    expect(await storedHash(officer.user.id)).toBe(upgraded);
    const [audit] = await queryRows<{ details: Record<string, unknown> }>(
      testApp.database.db,
      sql`SELECT details FROM audit_event WHERE entity_id = ${officer.user.id} AND action = 'staff.password-accepted' ORDER BY occurred_at, id LIMIT 1`,
    );
    expect(audit!.details).toEqual({ passwordHashUpgraded: true });
  });

  it('at weaker argon2 parameters are replaced too', async () => {
    const officer = await anOfficer(testApp);
    const weaker = await argon2Hash(TEST_PASSWORD, { algorithm: 2, memoryCost: 7_168, timeCost: 5, parallelism: 1 });
    await setStoredHash(officer.user.id, weaker);
    await signIn(testApp.app, officer.user.email, TEST_PASSWORD);
    expect(await storedHash(officer.user.id)).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('are left alone by a wrong password', async () => {
    const officer = await anOfficer(testApp);
    await setStoredHash(officer.user.id, TEST_PASSWORD_SCRYPT_HASH);
    const refused = await postForm(testApp.app, new CookieJar(), '/sign-in', { email: officer.user.email, password: 'A-long-test-password-2' }, { csrfFrom: '/sign-in' });
    expect(refused.statusCode).toBe(401);
    expect(await storedHash(officer.user.id)).toBe(TEST_PASSWORD_SCRYPT_HASH);
  });
});
