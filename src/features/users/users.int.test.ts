// An administrator keeps the council's staff accounts in the browser while the service runs: each
// rule of the users service, each page, and each form's refusal shown as a GOV.UK error summary.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, anAuthority, anOfficer, type TestOfficer } from '../../test/factories/index.ts';
import { CookieJar, errorSummaryOf, getPage, postForm, signIn } from '../../test/http.ts';
import { passwordProblem, systemActor } from '../auth/index.ts';
import { USERS_PAGE_SIZE } from './index.ts';

let testApp: TestApp;
let admin: TestOfficer;
let adminJar: CookieJar;
const clock = fixedClock('2026-11-23T10:00:00Z');

beforeAll(async () => {
  testApp = await createTestApp({ clock });
  admin = await anOfficer(testApp, { role: 'admin' });
  adminJar = await signIn(testApp.app, admin.user.email, admin.password);
});
afterAll(async () => {
  await testApp?.close();
});

const users = () => testApp.services.users;

async function auditOf(entityId: string, action: string) {
  return queryRows<{ actor_id: string; details: Record<string, unknown> }>(
    testApp.database.db,
    sql`SELECT actor_id, details FROM audit_event WHERE entity_id = ${entityId} AND action = ${action} ORDER BY occurred_at, id`,
  );
}

const versionOf = async (userId: string) => (await users().user(admin.actor, userId)).user.version;

/** The password a "shown once" page shows. */
const shownPassword = (html: string) => /<code class="app-password" id="password">([^<]+)<\/code>/.exec(html)?.[1];

/** Signs in, or says with which status the form refused it. */
async function trySignIn(email: string, password: string): Promise<number> {
  const response = await postForm(testApp.app, new CookieJar(), '/sign-in', { email, password }, { csrfFrom: '/sign-in' });
  return response.statusCode;
}

const bearer = (token: string) => testApp.app.inject({ method: 'GET', url: '/api/v1/cases', headers: { authorization: `Bearer ${token}` } });

describe('who may keep staff accounts', () => {
  it('only administrators: a manager or an officer is refused by the service, and on every page with a 403 page', async () => {
    const manager = await anOfficer(testApp, { role: 'team_manager' });
    const officer = await anOfficer(testApp);
    for (const someone of [manager, officer]) {
      await expect(users().listUsers(someone.actor)).rejects.toThrow(ForbiddenError);
      await expect(users().user(someone.actor, officer.user.id)).rejects.toThrow(ForbiddenError);
      await expect(users().createUser(someone.actor, { name: 'Someone', email: 'someone@test.example', role: 'admin' })).rejects.toThrow(ForbiddenError);
      await expect(users().changeRole(someone.actor, officer.user.id, { version: 1, role: 'admin' })).rejects.toThrow(ForbiddenError);
      await expect(users().deactivate(someone.actor, officer.user.id, { version: 1 })).rejects.toThrow(ForbiddenError);
      await expect(users().reactivate(someone.actor, officer.user.id, { version: 1 })).rejects.toThrow(ForbiddenError);
      await expect(users().resetPassword(someone.actor, officer.user.id)).rejects.toThrow(ForbiddenError);
      await expect(users().revokeToken(someone.actor, officer.user.id, uuidv7())).rejects.toThrow(ForbiddenError);
    }
    const jar = await signIn(testApp.app, manager.user.email, manager.password);
    for (const url of ['/users', '/users/new', `/users/${officer.user.id}`, `/users/${officer.user.id}/role`, `/users/${officer.user.id}/deactivate`, `/users/${officer.user.id}/password`]) {
      const page = await getPage(testApp.app, jar, url);
      expect(page.statusCode, url).toBe(403);
      expect(page.body).toContain('<h1 class="govuk-heading-xl">You do not have access to this page</h1>');
      expect(page.body).toContain('This is only for these roles: Administrator.');
    }
    const before = await queryRows<{ n: number }>(testApp.database.db, sql`SELECT count(*)::int AS n FROM staff_user`);
    const posted = await postForm(testApp.app, jar, '/users/new', { name: 'Sneaky', email: 'sneaky@test.example', role: 'admin' }, { csrfFrom: '/account' });
    expect(posted.statusCode).toBe(403);
    expect(await queryRows<{ n: number }>(testApp.database.db, sql`SELECT count(*)::int AS n FROM staff_user`)).toEqual(before);
  });

  it('one council’s administrator does not find another council’s staff', async () => {
    const elsewhere = await anAuthority(testApp.database.db);
    const stranger = await anOfficer(testApp, { authorityId: elsewhere.id });
    await expect(users().user(admin.actor, stranger.user.id)).rejects.toThrow(NotFoundError);
    await expect(users().deactivate(admin.actor, stranger.user.id, { version: 1 })).rejects.toThrow(NotFoundError);
    expect((await getPage(testApp.app, adminJar, `/users/${stranger.user.id}`)).statusCode).toBe(404);
    expect((await getPage(testApp.app, adminJar, '/users/not-an-id')).statusCode).toBe(404);
  });
});

describe('the users page', () => {
  it('lists the council’s staff by name, 50 to a page, with role, status and last sign-in', async () => {
    const council = await anAuthority(testApp.database.db);
    const councilAdmin = await anOfficer(testApp, { authorityId: council.id, role: 'admin', name: 'Aaron Admin' });
    for (let index = 0; index < USERS_PAGE_SIZE; index += 1) await anOfficer(testApp, { authorityId: council.id, name: `Officer ${String(index).padStart(2, '0')}` });
    const first = await users().listUsers(councilAdmin.actor);
    expect(first).toMatchObject({ page: 1, pageCount: 2, total: USERS_PAGE_SIZE + 1 });
    expect(first.users[0]).toMatchObject({ name: 'Aaron Admin', roleName: 'Administrator', active: true, lastSignedInAt: null });
    expect((await users().listUsers(councilAdmin.actor, 2)).users.map((user) => user.name)).toEqual(['Officer 49']);
    // A page past the end shows the last one.
    expect((await users().listUsers(councilAdmin.actor, 9)).page).toBe(2);

    const jar = await signIn(testApp.app, councilAdmin.user.email, councilAdmin.password);
    const page = await getPage(testApp.app, jar, '/users');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('51 staff accounts');
    expect(page.body).toContain(`href="/users/${councilAdmin.user.id}">Aaron Admin</a>`);
    // Signing in is recorded, in London time.
    expect(page.body).toContain('23 November 2026 at 10:00am');
    expect(page.body).toContain('href="/users?page=2"');
  });
});

describe('adding a user', () => {
  it('makes the account with a first password that obeys the policy, shown once, with which the person signs in', async () => {
    const response = await postForm(testApp.app, adminJar, '/users/new', { name: 'Nadia Rahman', email: ' Nadia.Rahman@Test.example ', role: 'case_officer' }, { csrfFrom: '/users/new' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Account created');
    expect(response.headers['cache-control']).toBe('no-store');
    const password = shownPassword(response.body)!;
    expect(password).toBeDefined();
    expect(passwordProblem(password, { email: 'nadia.rahman@test.example' })).toBeUndefined();
    expect(await trySignIn('nadia.rahman@test.example', password)).toBe(303);
    const [row] = await queryRows<{ id: string; password_hash: string }>(testApp.database.db, sql`SELECT id, password_hash FROM staff_user WHERE email = 'nadia.rahman@test.example'`);
    expect(row!.password_hash).not.toContain(password);
    expect(await auditOf(row!.id, 'staff.created')).toEqual([{ actor_id: admin.actor.id, details: { role: 'case_officer' } }]);
    // Shown once: the account's page never shows it.
    expect((await getPage(testApp.app, adminJar, `/users/${row!.id}`)).body).not.toContain(password);
  });

  it('refuses a missing name, a bad e-mail address and no role, each named in the error summary, and keeps what was typed', async () => {
    const response = await postForm(testApp.app, adminJar, '/users/new', { name: ' ', email: 'not-an-address', role: '' }, { csrfFrom: '/users/new' });
    expect(response.statusCode).toBe(400);
    expect(errorSummaryOf(response.body)).toEqual([
      { href: '#name', text: 'Enter the person’s name' },
      { href: '#email', text: 'Enter an e-mail address in the correct format, like name@council.gov.uk' },
      { href: '#role', text: 'Select the person’s role' },
    ]);
    expect(response.body).toContain('value="not-an-address"');
    const unknownRole = await postForm(testApp.app, adminJar, '/users/new', { name: 'Valid Name', email: 'valid@test.example', role: 'superuser' }, { csrfFrom: '/users/new' });
    expect(errorSummaryOf(unknownRole.body)).toEqual([{ href: '#role', text: 'Select the person’s role' }]);
  });

  it('refuses an e-mail address already in use (409), against the e-mail field', async () => {
    const existing = await anOfficer(testApp);
    const response = await postForm(testApp.app, adminJar, '/users/new', { name: 'Twin', email: existing.user.email, role: 'case_officer' }, { csrfFrom: '/users/new' });
    expect(response.statusCode).toBe(409);
    expect(errorSummaryOf(response.body)).toEqual([{ href: '#email', text: 'A staff account with that e-mail address already exists' }]);
  });
});

describe('changing a role', () => {
  it('changes it, audited from and to, and the person’s next page already has the new role', async () => {
    const officer = await anOfficer(testApp);
    const jar = await signIn(testApp.app, officer.user.email, officer.password);
    expect((await getPage(testApp.app, jar, '/team')).statusCode).toBe(403);
    const form = await getPage(testApp.app, adminJar, `/users/${officer.user.id}/role`);
    expect(form.statusCode).toBe(200);
    const response = await postForm(testApp.app, adminJar, `/users/${officer.user.id}/role`, { version: String(await versionOf(officer.user.id)), role: 'team_manager' }, { csrfFrom: `/users/${officer.user.id}/role` });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/users/${officer.user.id}?saved=role`);
    expect((await getPage(testApp.app, adminJar, String(response.headers.location))).body).toContain('Role changed');
    expect(await auditOf(officer.user.id, 'staff.role-changed')).toEqual([{ actor_id: admin.actor.id, details: { role: { from: 'case_officer', to: 'team_manager' } } }]);
    // The session was trusted for a few seconds; the change is seen at once all the same.
    expect((await getPage(testApp.app, jar, '/team')).statusCode).toBe(200);
  });

  it('refuses an administrator’s own role, a role that does not exist, and a form opened before someone else’s change', async () => {
    await expect(users().changeRole(admin.actor, admin.actor.id, { version: await versionOf(admin.actor.id), role: 'case_officer' })).rejects.toThrow(/your own role/);
    const officer = await anOfficer(testApp);
    const url = `/users/${officer.user.id}/role`;
    const unknown = await postForm(testApp.app, adminJar, url, { version: '1', role: 'overlord' }, { csrfFrom: url });
    expect(unknown.statusCode).toBe(400);
    expect(errorSummaryOf(unknown.body)).toEqual([{ href: '#role', text: 'Select the person’s role' }]);
    await users().changeRole(admin.actor, officer.user.id, { version: 1, role: 'service_lead' });
    const stale = await postForm(testApp.app, adminJar, url, { version: '1', role: 'board_member' }, { csrfFrom: url });
    expect(stale.statusCode).toBe(409);
    expect(errorSummaryOf(stale.body)[0]).toMatchObject({ href: '#role', text: expect.stringContaining('Someone else changed this account') });
    expect((await users().user(admin.actor, officer.user.id)).user.role).toBe('service_lead');
    const tampered = await postForm(testApp.app, adminJar, url, { version: 'x', role: 'board_member' }, { csrfFrom: url });
    expect(tampered.statusCode).toBe(400);
  });

  it('refuses to change the role of someone holding open cases until they are handed on', async () => {
    const officer = await anOfficer(testApp);
    await aCase(testApp, officer.actor);
    const url = `/users/${officer.user.id}/role`;
    const response = await postForm(testApp.app, adminJar, url, { version: String(await versionOf(officer.user.id)), role: 'team_manager' }, { csrfFrom: url });
    expect(response.statusCode).toBe(400);
    expect(errorSummaryOf(response.body)).toEqual([{ href: '#role', text: `${officer.user.name} holds 1 open case. Hand them on to another officer before changing their role` }]);
  });
});

describe('the council keeps an administrator', () => {
  it('refuses to demote or deactivate the only active administrator, and allows it once there is another', async () => {
    const council = await anAuthority(testApp.database.db);
    const system = systemActor(council.id, 'test');
    const only = await anOfficer(testApp, { authorityId: council.id, role: 'admin' });
    await expect(users().changeRole(system, only.user.id, { version: 1, role: 'case_officer' })).rejects.toThrow(/only active administrator/);
    await expect(users().deactivate(system, only.user.id, { version: 1 })).rejects.toThrow(/only active administrator/);
    // A deactivated administrator does not count.
    const gone = await anOfficer(testApp, { authorityId: council.id, role: 'admin' });
    await users().deactivate(system, gone.user.id, { version: 1 });
    await expect(users().deactivate(system, only.user.id, { version: 1 })).rejects.toThrow(/only active administrator/);
    const second = await anOfficer(testApp, { authorityId: council.id, role: 'admin' });
    await users().changeRole(system, only.user.id, { version: 1, role: 'team_manager' });
    await expect(users().deactivate(system, second.user.id, { version: 1 })).rejects.toThrow(/only active administrator/);
  });

  it('two administrators deactivating each other at once: one succeeds, the other is refused', async () => {
    const council = await anAuthority(testApp.database.db);
    const first = await anOfficer(testApp, { authorityId: council.id, role: 'admin' });
    const second = await anOfficer(testApp, { authorityId: council.id, role: 'admin' });
    const outcomes = await Promise.allSettled([users().deactivate(first.actor, second.user.id, { version: 1 }), users().deactivate(second.actor, first.user.id, { version: 1 })]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(ValidationError);
    const [active] = await queryRows<{ n: number }>(testApp.database.db, sql`SELECT count(*)::int AS n FROM staff_user WHERE authority_id = ${council.id} AND role = 'admin' AND deactivated_at IS NULL`);
    expect(active!.n).toBe(1);
  });
});

describe('deactivating and reactivating', () => {
  it('ends the person’s sessions and stops their API tokens at once, revoking them, audited; they cannot sign in until reactivated', async () => {
    const officer = await anOfficer(testApp);
    const jar = await signIn(testApp.app, officer.user.email, officer.password);
    expect((await getPage(testApp.app, jar, '/cases')).statusCode).toBe(200);
    const { token, id: tokenId } = await testApp.services.auth.issueApiToken(admin.actor, officer.user.id, 'script');
    expect((await bearer(token)).statusCode).toBe(200);

    const url = `/users/${officer.user.id}/deactivate`;
    expect((await getPage(testApp.app, adminJar, url)).body).toContain(`Deactivate the account of ${officer.user.name}`);
    const response = await postForm(testApp.app, adminJar, url, { version: String(await versionOf(officer.user.id)) }, { csrfFrom: url });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/users/${officer.user.id}?saved=deactivated`);

    // At once, though the session had been found live a moment ago.
    const after = await getPage(testApp.app, jar, '/cases');
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toMatch(/^\/sign-in/);
    expect((await bearer(token)).statusCode).toBe(401);
    expect(await trySignIn(officer.user.email, officer.password)).toBe(401);
    const [audit] = await auditOf(officer.user.id, 'staff.deactivated');
    expect(audit).toEqual({ actor_id: admin.actor.id, details: { active: { from: true, to: false }, sessionsEnded: 1, tokensRevoked: [tokenId] } });
    const page = await getPage(testApp.app, adminJar, `/users/${officer.user.id}`);
    expect(page.body).toContain('Deactivated');
    expect(page.body).toContain('Revoked');

    const reactivated = await postForm(testApp.app, adminJar, `/users/${officer.user.id}/reactivate`, { version: String(await versionOf(officer.user.id)) }, { csrfFrom: `/users/${officer.user.id}` });
    expect(reactivated.statusCode).toBe(303);
    expect(await trySignIn(officer.user.email, officer.password)).toBe(303);
    expect(await auditOf(officer.user.id, 'staff.reactivated')).toEqual([{ actor_id: admin.actor.id, details: { active: { from: false, to: true } } }]);
    // A revoked token stays revoked.
    expect((await bearer(token)).statusCode).toBe(401);
  });

  it('refuses an administrator’s own account, someone holding open cases, and an account already deactivated, each on the page', async () => {
    const own = `/users/${admin.actor.id}/deactivate`;
    const self = await postForm(testApp.app, adminJar, own, { version: String(await versionOf(admin.actor.id)) }, { csrfFrom: own });
    expect(self.statusCode).toBe(400);
    expect(errorSummaryOf(self.body)).toEqual([{ href: '#confirm', text: 'You cannot deactivate your own account. Ask another administrator' }]);

    const holder = await anOfficer(testApp);
    await aCase(testApp, holder.actor);
    await aCase(testApp, holder.actor);
    const url = `/users/${holder.user.id}/deactivate`;
    expect((await getPage(testApp.app, adminJar, url)).body).toContain(`${holder.user.name} holds 2 open cases`);
    const holding = await postForm(testApp.app, adminJar, url, { version: String(await versionOf(holder.user.id)) }, { csrfFrom: url });
    expect(holding.statusCode).toBe(400);
    expect(errorSummaryOf(holding.body)[0]!.text).toBe(`${holder.user.name} holds 2 open cases. Hand them on to another officer before deactivating the account`);
    expect((await users().user(admin.actor, holder.user.id)).user.active).toBe(true);

    const leaver = await anOfficer(testApp);
    const leaverUrl = `/users/${leaver.user.id}/deactivate`;
    const version = String(await versionOf(leaver.user.id));
    await postForm(testApp.app, adminJar, leaverUrl, { version }, { csrfFrom: leaverUrl });
    const again = await postForm(testApp.app, adminJar, leaverUrl, { version: String(await versionOf(leaver.user.id)) }, { csrfFrom: leaverUrl });
    expect(again.statusCode).toBe(409);
    expect(errorSummaryOf(again.body)[0]!.text).toBe(`${leaver.user.name}’s account is already deactivated`);
  });

  it('refuses to reactivate an account that is active, on the person’s page', async () => {
    const officer = await anOfficer(testApp);
    const response = await postForm(testApp.app, adminJar, `/users/${officer.user.id}/reactivate`, { version: String(await versionOf(officer.user.id)) }, { csrfFrom: `/users/${officer.user.id}` });
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain(`<h1 class="govuk-heading-xl">${officer.user.name}</h1>`);
    expect(errorSummaryOf(response.body)[0]!.text).toBe(`${officer.user.name}’s account is already active`);
  });
});

describe('setting a new password', () => {
  it('shows a new password once; the old one stops working and every session of theirs ends, audited', async () => {
    const officer = await anOfficer(testApp);
    const jar = await signIn(testApp.app, officer.user.email, officer.password);
    expect((await getPage(testApp.app, jar, '/cases')).statusCode).toBe(200);
    const url = `/users/${officer.user.id}/password`;
    expect((await getPage(testApp.app, adminJar, url)).body).toContain(`Set a new password for ${officer.user.name}`);
    const response = await postForm(testApp.app, adminJar, url, {}, { csrfFrom: url });
    expect(response.statusCode).toBe(200);
    const password = shownPassword(response.body)!;
    expect(passwordProblem(password, { email: officer.user.email })).toBeUndefined();
    expect((await getPage(testApp.app, jar, '/cases')).statusCode).toBe(303);
    expect(await trySignIn(officer.user.email, officer.password)).toBe(401);
    expect(await trySignIn(officer.user.email, password)).toBe(303);
    expect(await auditOf(officer.user.id, 'staff.password-set')).toEqual([{ actor_id: admin.actor.id, details: { sessionsEnded: 1 } }]);
  });

  it('refuses the administrator’s own password and an account that signs in through the council’s own sign-in', async () => {
    const own = `/users/${admin.actor.id}/password`;
    const self = await postForm(testApp.app, adminJar, own, {}, { csrfFrom: own });
    expect(self.statusCode).toBe(400);
    expect(errorSummaryOf(self.body)).toEqual([{ href: '#confirm', text: 'Change your own password on your account page' }]);

    const id = uuidv7();
    await testApp.database.db.execute(
      sql`INSERT INTO staff_user (id, authority_id, email, name, role, auth_provider, oidc_subject) VALUES (${id}, ${testApp.authorityId}, ${`sso-${id}@test.example`}, 'Single Sign-On', 'case_officer', 'oidc', ${id})`,
    );
    await expect(users().resetPassword(admin.actor, id)).rejects.toThrow(/council’s own sign-in/);
    expect((await getPage(testApp.app, adminJar, `/users/${id}`)).body).not.toContain('Set a new password');
  });
});

describe('revoking an API token', () => {
  it('lists the person’s tokens; a revoked token is refused from its next call, audited; revoking it again is refused', async () => {
    const officer = await anOfficer(testApp);
    const kept = await testApp.services.auth.issueApiToken(admin.actor, officer.user.id, 'Kept script');
    const revoked = await testApp.services.auth.issueApiToken(admin.actor, officer.user.id, 'Old script');
    const page = await getPage(testApp.app, adminJar, `/users/${officer.user.id}`);
    expect(page.body).toContain('Kept script');
    expect(page.body).toContain(`Starts ${revoked.prefix}`);
    const url = `/users/${officer.user.id}/tokens/${revoked.id}/revoke`;
    expect((await getPage(testApp.app, adminJar, url)).body).toContain('Revoke the API token “Old script”');
    const response = await postForm(testApp.app, adminJar, url, {}, { csrfFrom: url });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/users/${officer.user.id}?saved=token-revoked`);
    expect((await bearer(revoked.token)).statusCode).toBe(401);
    expect((await bearer(kept.token)).statusCode).toBe(200);
    const [audit] = await auditOf(revoked.id, 'api-token.revoked');
    expect(audit).toEqual({ actor_id: admin.actor.id, details: { userId: officer.user.id, revokedAt: { from: null, to: clock.now().toISOString() } } });

    const again = await postForm(testApp.app, adminJar, url, {}, { csrfFrom: `/users/${officer.user.id}` });
    expect(again.statusCode).toBe(409);
    expect(errorSummaryOf(again.body)).toEqual([{ href: '#confirm', text: 'The token “Old script” is already revoked' }]);
  });

  it('does not find a token under another person, nor an id that is not one', async () => {
    const owner = await anOfficer(testApp);
    const other = await anOfficer(testApp);
    const issued = await testApp.services.auth.issueApiToken(admin.actor, owner.user.id, 'Theirs');
    await expect(users().revokeToken(admin.actor, other.user.id, issued.id)).rejects.toThrow(NotFoundError);
    expect((await getPage(testApp.app, adminJar, `/users/${other.user.id}/tokens/${issued.id}/revoke`)).statusCode).toBe(404);
    expect((await getPage(testApp.app, adminJar, `/users/${owner.user.id}/tokens/nonsense/revoke`)).statusCode).toBe(404);
    expect((await bearer(issued.token)).statusCode).toBe(200);
  });
});

describe('the person’s page', () => {
  it('shows their details and the ways to change the account, but on an administrator’s own page only what they may do', async () => {
    const officer = await anOfficer(testApp);
    const page = await getPage(testApp.app, adminJar, `/users/${officer.user.id}`);
    expect(page.statusCode).toBe(200);
    for (const text of [officer.user.email, 'Case officer', 'Active', 'Never', 'Change role', 'Set a new password', 'Deactivate account', `href="/audit/staff/${officer.user.id}"`]) expect(page.body).toContain(text);
    const own = await getPage(testApp.app, adminJar, `/users/${admin.actor.id}`);
    expect(own.body).toContain('This is your own account');
    expect(own.body).not.toContain('Deactivate account');
  });

  it('shows a saved banner only for the changes it knows', async () => {
    const officer = await anOfficer(testApp);
    for (const saved of ['constructor', '__proto__', 'anything']) {
      const page = await getPage(testApp.app, adminJar, `/users/${officer.user.id}?saved=${saved}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('govuk-notification-banner');
    }
  });
});

describe('the service refuses what the forms would not send', () => {
  it('an unknown user, a version that is not one, and a conflict each come back as errors, not as a 500', async () => {
    await expect(users().deactivate(admin.actor, uuidv7(), { version: 1 })).rejects.toThrow(NotFoundError);
    const officer = await anOfficer(testApp);
    await expect(users().deactivate(admin.actor, officer.user.id, { version: '3000000000' })).rejects.toThrow(ValidationError);
    await expect(users().deactivate(admin.actor, officer.user.id, { version: 7 })).rejects.toThrow(ConflictError);
  });
});
