// A locked account must not be a way to burn the service's CPU or to try passwords past the
// address limit: the probe's 80 tries on a locked account each ran the password hash (4.6 s
// median answers) and none counted against the address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../lib/clock.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { anOfficer, type TestOfficer } from '../../test/factories/index.ts';
import { verifyPassword } from './password.ts';
import { AuthService, DEFAULT_AUTH_SETTINGS } from './service.ts';

let testApp: TestApp;
let officer: TestOfficer;
let other: TestOfficer;
let hashes = 0;
let auth: AuthService;
const clock = fixedClock('2026-11-23T10:00:00Z');

beforeAll(async () => {
  testApp = await createTestApp({ clock });
  officer = await anOfficer(testApp);
  other = await anOfficer(testApp);
  const counting = {
    verify: (password: string, stored: string) => {
      hashes += 1;
      return verifyPassword(password, stored);
    },
  };
  auth = new AuthService(testApp.database.db, clock, { ...DEFAULT_AUTH_SETTINGS, accountFailureLimit: 5, addressFailureLimit: 12 }, counting);
});
afterAll(async () => {
  await testApp?.close();
});

describe('a locked account', () => {
  it('is refused before the password hash runs, and each try counts against the address', async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) expect((await auth.signIn(officer.user.email, 'wrong', '10.0.0.7')).outcome).toBe('wrong-credentials');
    const hashedWhileOpen = hashes;
    for (let attempt = 0; attempt < 7; attempt += 1) expect((await auth.signIn(officer.user.email, officer.password, '10.0.0.7')).outcome).toBe('locked-out');
    expect(hashes).toBe(hashedWhileOpen);
    // Five failures and seven locked tries make twelve from the address: its limit.
    expect((await auth.signIn(other.user.email, other.password, '10.0.0.7')).outcome).toBe('address-limited');
    expect((await auth.signIn(other.user.email, other.password, '10.0.0.8')).outcome).toBe('signed-in');
  });
});
