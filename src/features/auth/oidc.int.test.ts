import { sql } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { adjustableClock } from '../../lib/clock.ts';
import { buildApp } from '../../app.ts';
import { createServices } from '../../composition.ts';
import { testConfig, type Config } from '../../config.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { anOfficer, TEST_PASSWORD } from '../../test/factories/index.ts';
import { CookieJar, getPage, signIn } from '../../test/http.ts';
import { startStandInProvider, visitProvider, type StandInProvider } from '../../test/oidc-provider.ts';
import { StaffOidcClient } from './oidc-client.ts';

const REDIRECT_URI = 'http://127.0.0.1:3000/sign-in/oidc/callback';
const clock = adjustableClock('2026-11-23T09:00:00Z');
let provider: StandInProvider;
let testApp: TestApp;
let app: FastifyInstance;
let counter = 0;

/** A port nothing listens on: a provider that is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The app again, on the same database, with other settings. */
async function anotherApp(config: Partial<Config>): Promise<FastifyInstance> {
  const settings = testConfig(config);
  const other = await buildApp({ config: settings, database: testApp.database, clock, services: createServices({ config: settings, database: testApp.database, clock }) });
  await other.ready();
  return other;
}

beforeAll(async () => {
  provider = await startStandInProvider({ redirectUris: [REDIRECT_URI] });
  testApp = await createTestApp({
    clock,
    config: { staffOidc: { issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret, redirectUri: REDIRECT_URI } },
  });
  app = testApp.app;
});
afterAll(async () => {
  await testApp?.close();
  await provider?.close();
});
beforeEach(() => clock.advance(60 * 60_000));

/** A person at the provider, signed in at its next visit. */
function personAtProvider(claims: { email?: string; email_verified?: boolean; preferred_username?: string } = {}) {
  counter += 1;
  const sub = `entra-${counter}-${Math.random().toString(36).slice(2)}`;
  provider.people.set(sub, { sub, name: `Person ${counter}`, ...claims });
  provider.signInAs = sub;
  return sub;
}

/** The browser starts at the service's button, signs in at the provider, and comes back. */
async function startAndVisit(jar: CookieJar, returnTo?: string): Promise<string> {
  const start = await getPage(app, jar, `/sign-in/oidc${returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`}`);
  expect(start.statusCode).toBe(303);
  expect(start.headers.location).toMatch(new RegExp(`^${provider.issuer}/auth\\?`));
  return visitProvider(String(start.headers.location), REDIRECT_URI);
}

async function callback(jar: CookieJar, url: string): Promise<LightMyRequestResponse> {
  return getPage(app, jar, url.slice('http://127.0.0.1:3000'.length));
}

async function signInThroughProvider(jar = new CookieJar(), returnTo?: string) {
  return callback(jar, await startAndVisit(jar, returnTo));
}

async function staffRow(userId: string): Promise<{ oidc_subject: string | null; last_signed_in_at: Date | null }> {
  const [row] = await queryRows<{ oidc_subject: string | null; last_signed_in_at: string | Date | null }>(
    testApp.database.db,
    sql`SELECT oidc_subject, last_signed_in_at FROM staff_user WHERE authority_id = ${testApp.authorityId} AND id = ${userId}`,
  );
  return { oidc_subject: row!.oidc_subject, last_signed_in_at: row!.last_signed_in_at === null ? null : new Date(row!.last_signed_in_at) };
}

async function auditOf(userId: string) {
  return queryRows<{ action: string; details: Record<string, unknown> }>(
    testApp.database.db,
    sql`SELECT action, details FROM audit_event WHERE authority_id = ${testApp.authorityId} AND entity_id = ${userId} AND action LIKE 'staff.sign%' ORDER BY occurred_at, id`,
  );
}

async function failureReasons(): Promise<string[]> {
  const rows = await queryRows<{ reason: string }>(testApp.database.db, sql`SELECT reason FROM sign_in_failure WHERE reason IS NOT NULL ORDER BY failed_at, id`);
  return rows.map((row) => row.reason);
}

async function lastFailureReason(): Promise<string | undefined> {
  return (await failureReasons()).at(-1);
}

async function liveSessionsOf(userId: string): Promise<number> {
  const [row] = await queryRows<{ total: number }>(
    testApp.database.db,
    sql`SELECT count(*)::int AS total FROM staff_session WHERE authority_id = ${testApp.authorityId} AND user_id = ${userId} AND ended_at IS NULL`,
  );
  return row!.total;
}

function expectSignedOut(response: LightMyRequestResponse, jar: CookieJar) {
  expect(jar.get('casework_session')).toBeUndefined();
  expect(response.headers['set-cookie']?.toString() ?? '').not.toMatch(/casework_session=[^;]/);
}

describe('staff sign-in through the council’s identity provider', () => {
  it('offers the council account on the sign-in page, keeping the page the person was going to', async () => {
    const page = await getPage(app, new CookieJar(), '/sign-in?returnTo=%2Fcases%3Fq%3D1');
    expect(page.body).toContain('Sign in with your council account');
    expect(page.body).toContain('href="/sign-in/oidc?returnTo=%2Fcases%3Fq%3D1"');
  });

  it('matches a person to an active account by verified e-mail the first time, keeps the provider’s id and signs them in', async () => {
    const officer = await anOfficer(testApp);
    const sub = personAtProvider({ email: officer.user.email.toUpperCase(), email_verified: true });
    const jar = new CookieJar();
    const response = await signInThroughProvider(jar);

    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/cases');
    expect(jar.get('casework_session')).toBeTruthy();
    expect(jar.get('casework_oidc_attempt')).toBeUndefined();
    const account = await getPage(app, jar, '/account');
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain(officer.user.email);
    expect(await staffRow(officer.user.id)).toEqual({ oidc_subject: sub, last_signed_in_at: clock.now() });
    expect(await auditOf(officer.user.id)).toEqual([{ action: 'staff.signed-in', details: { method: 'oidc', oidcSubjectLinked: true } }]);
  });

  it('matches on the provider’s id alone once it is kept, even when the e-mail address has changed there', async () => {
    const officer = await anOfficer(testApp);
    const sub = personAtProvider({ email: officer.user.email });
    expect((await signInThroughProvider()).statusCode).toBe(303);
    // The person's address changes at the provider, to one another account of the service has.
    const other = await anOfficer(testApp);
    provider.people.set(sub, { sub, email: other.user.email });
    const jar = new CookieJar();
    expect((await signInThroughProvider(jar)).statusCode).toBe(303);
    expect((await getPage(app, jar, '/account')).body).toContain(officer.user.email);
    expect(await staffRow(other.user.id)).toMatchObject({ oidc_subject: null, last_signed_in_at: null });
    expect((await auditOf(officer.user.id)).map((entry) => entry.details)).toEqual([{ method: 'oidc', oidcSubjectLinked: true }, { method: 'oidc' }]);
  });

  it('takes preferred_username as the e-mail address when the provider gives no email claim (Entra ID)', async () => {
    const officer = await anOfficer(testApp);
    personAtProvider({ preferred_username: officer.user.email });
    expect((await signInThroughProvider()).statusCode).toBe(303);
  });

  it('goes on to the page the person was going to, never off the site', async () => {
    const officer = await anOfficer(testApp);
    personAtProvider({ email: officer.user.email });
    expect((await signInThroughProvider(new CookieJar(), '/account?changed=password')).headers.location).toBe('/account?changed=password');
    expect((await signInThroughProvider(new CookieJar(), 'https://evil.example/')).headers.location).toBe('/cases');
  });

  it('starts a new session, with a new id, for a browser that already had one', async () => {
    const officer = await anOfficer(testApp);
    personAtProvider({ email: officer.user.email });
    const jar = await signIn(app, officer.user.email, TEST_PASSWORD);
    const before = jar.get('casework_session');
    expect((await signInThroughProvider(jar)).statusCode).toBe(303);
    expect(jar.get('casework_session')).toBeTruthy();
    expect(jar.get('casework_session')).not.toBe(before);
  });

  it('never signs in a deactivated account, matched by e-mail or by the provider’s id, and audits the refusal', async () => {
    const officer = await anOfficer(testApp);
    const sub = personAtProvider({ email: officer.user.email });
    expect((await signInThroughProvider()).statusCode).toBe(303);
    await queryRows(testApp.database.db, sql`UPDATE staff_user SET deactivated_at = now() WHERE authority_id = ${testApp.authorityId} AND id = ${officer.user.id}`);
    const sessionsBefore = await liveSessionsOf(officer.user.id);

    const jar = new CookieJar();
    const response = await signInThroughProvider(jar);
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('Your account is not active');
    expectSignedOut(response, jar);
    expect(await lastFailureReason()).toBe('deactivated');
    expect((await auditOf(officer.user.id)).at(-1)).toEqual({ action: 'staff.sign-in-refused', details: { method: 'oidc', reason: 'deactivated' } });

    // Deactivated before ever signing in this way: matched by e-mail, refused the same.
    const never = await anOfficer(testApp);
    await queryRows(testApp.database.db, sql`UPDATE staff_user SET deactivated_at = now() WHERE authority_id = ${testApp.authorityId} AND id = ${never.user.id}`);
    personAtProvider({ email: never.user.email });
    expect((await signInThroughProvider()).statusCode).toBe(403);
    expect(await staffRow(never.user.id)).toMatchObject({ oidc_subject: null });
    expect(await liveSessionsOf(officer.user.id)).toBe(sessionsBefore);
    expect(sub).toBeTruthy();
  });

  it('never creates an account for a person the service does not know', async () => {
    const [before] = await queryRows<{ total: number }>(testApp.database.db, sql`SELECT count(*)::int AS total FROM staff_user WHERE authority_id = ${testApp.authorityId}`);
    personAtProvider({ email: 'stranger@council.example' });
    const jar = new CookieJar();
    const response = await signInThroughProvider(jar);
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('There is no account for you in this service');
    expectSignedOut(response, jar);
    expect(await lastFailureReason()).toBe('unknown-person');
    const [after] = await queryRows<{ total: number }>(testApp.database.db, sql`SELECT count(*)::int AS total FROM staff_user WHERE authority_id = ${testApp.authorityId}`);
    expect(after).toEqual(before);
  });

  it('does not match by an e-mail address the provider says it has not verified', async () => {
    const officer = await anOfficer(testApp);
    personAtProvider({ email: officer.user.email, email_verified: false });
    const response = await signInThroughProvider();
    expect(response.statusCode).toBe(403);
    expect(await lastFailureReason()).toBe('no-email');
    expect(await staffRow(officer.user.id)).toMatchObject({ oidc_subject: null, last_signed_in_at: null });
  });

  it('refuses a second person of the provider with the e-mail address of an account already tied to another', async () => {
    const officer = await anOfficer(testApp);
    const first = personAtProvider({ email: officer.user.email });
    expect((await signInThroughProvider()).statusCode).toBe(303);
    personAtProvider({ email: officer.user.email });
    const jar = new CookieJar();
    const response = await signInThroughProvider(jar);
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('Your account is linked to a different council account');
    expectSignedOut(response, jar);
    expect(await lastFailureReason()).toBe('subject-mismatch');
    expect(await staffRow(officer.user.id)).toMatchObject({ oidc_subject: first });
  });

  it('shows the provider’s refusal (the person cancelled) and signs no one in', async () => {
    provider.signInAs = 'deny';
    const jar = new CookieJar();
    const back = await startAndVisit(jar);
    expect(new URL(back).searchParams.get('error')).toBe('access_denied');
    const response = await callback(jar, back);
    expect(response.statusCode).toBe(401);
    expect(response.body).toContain('You have not been signed in');
    expectSignedOut(response, jar);
    expect(await lastFailureReason()).toBe('provider-error');
  });

  it('refuses an answer whose state is not the one this browser was sent with', async () => {
    const officer = await anOfficer(testApp);
    personAtProvider({ email: officer.user.email });
    const jar = new CookieJar();
    const back = new URL(await startAndVisit(jar));
    back.searchParams.set('state', 'not-the-state-this-browser-was-given');
    const response = await callback(jar, back.href);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Your sign-in could not be completed');
    expectSignedOut(response, jar);
    expect(await lastFailureReason()).toBe('state-mismatch');
    expect(await staffRow(officer.user.id)).toMatchObject({ oidc_subject: null, last_signed_in_at: null });
  });

  it('refuses an answer brought to another browser (login CSRF), and a replayed one', async () => {
    const officer = await anOfficer(testApp);
    personAtProvider({ email: officer.user.email });
    const jar = new CookieJar();
    const back = await startAndVisit(jar);
    const attemptCookie = jar.get('casework_oidc_attempt')!;

    // Another browser, with no sign-in of its own under way.
    const elsewhere = new CookieJar();
    const stolen = await callback(elsewhere, back);
    expect(stolen.statusCode).toBe(400);
    expect(stolen.body).toContain('Your sign-in has timed out');
    expectSignedOut(stolen, elsewhere);
    expect(await lastFailureReason()).toBe('no-attempt');

    expect((await callback(jar, back)).statusCode).toBe(303);
    const sessions = await liveSessionsOf(officer.user.id);

    // The same answer again in the same browser: its attempt was used up.
    const again = await callback(jar, back);
    expect(again.statusCode).toBe(400);
    expect(await lastFailureReason()).toBe('no-attempt');

    // Replayed with the attempt's cookie kept from before: the provider refuses the used code.
    const replayed = await app.inject({ method: 'GET', url: back.slice('http://127.0.0.1:3000'.length), headers: { cookie: `casework_oidc_attempt=${attemptCookie}` } });
    expect(replayed.statusCode).toBe(401);
    expect(replayed.body).toContain('Your sign-in could not be checked');
    expect(replayed.headers['set-cookie']?.toString() ?? '').not.toMatch(/casework_session=[^;]/);
    expect(await lastFailureReason()).toBe('token-rejected');
    expect(await liveSessionsOf(officer.user.id)).toBe(sessions);
  });

  it('refuses an attempt older than ten minutes, or one whose cookie was altered', async () => {
    const officer = await anOfficer(testApp);
    personAtProvider({ email: officer.user.email });
    const jar = new CookieJar();
    const back = await startAndVisit(jar);
    clock.advance(10 * 60_000 + 1000);
    expect((await callback(jar, back)).statusCode).toBe(400);
    expect(await lastFailureReason()).toBe('no-attempt');

    const fresh = new CookieJar();
    const answer = await startAndVisit(fresh);
    const [payload] = fresh.get('casework_oidc_attempt')!.split('.');
    const forged = await app.inject({ method: 'GET', url: answer.slice('http://127.0.0.1:3000'.length), headers: { cookie: `casework_oidc_attempt=${payload}.forged-signature` } });
    expect(forged.statusCode).toBe(400);
    expect(await staffRow(officer.user.id)).toMatchObject({ last_signed_in_at: null });
  });

  it('says the council’s sign-in is not available when the provider cannot be reached, and signs no one in', async () => {
    const port = await closedPort();
    const down = await anotherApp({ staffOidc: { issuer: `http://127.0.0.1:${port}`, clientId: 'x', clientSecret: 'y', redirectUri: REDIRECT_URI } });
    try {
      const jar = new CookieJar();
      const response = await getPage(down, jar, '/sign-in/oidc');
      expect(response.statusCode).toBe(503);
      expect(response.body).toContain('Your council’s sign-in is not available');
      expect(jar.get('casework_oidc_attempt')).toBeUndefined();
      expect(await lastFailureReason()).toBe('provider-down');
    } finally {
      await down.close();
    }
  });

  it('reports the provider down when it stops answering between the person leaving and coming back', async () => {
    const brief = await startStandInProvider({ redirectUris: [REDIRECT_URI] });
    const client = new StaffOidcClient({ issuer: brief.issuer, clientId: brief.clientId, clientSecret: brief.clientSecret, redirectUri: REDIRECT_URI }, { timeoutSeconds: 2 });
    brief.people.set('someone', { sub: 'someone', email: 'someone@council.example' });
    brief.signInAs = 'someone';
    const { url, attempt } = await client.start('', new Date());
    const back = new URL(await visitProvider(url, REDIRECT_URI));
    await brief.close();
    await expect(client.finish(back.search.slice(1), attempt)).rejects.toMatchObject({ reason: 'provider-down' });
  });

  it('leaves the sign-in page as it was, and has no such routes, when no provider is configured', async () => {
    const plain = await anotherApp({});
    try {
      const page = await getPage(plain, new CookieJar(), '/sign-in');
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('council account');
      expect((await plain.inject({ method: 'GET', url: '/sign-in/oidc' })).statusCode).toBe(404);
      expect((await plain.inject({ method: 'GET', url: '/sign-in/oidc/callback?code=x&state=y' })).statusCode).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
