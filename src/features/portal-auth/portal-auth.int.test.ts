import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { adjustableClock } from '../../lib/clock.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, anAuthority, anOfficer, aPerson, aSchool, type TestOfficer } from '../../test/factories/index.ts';
import { CookieJar, csrfTokenIn, errorSummaryOf, getPage, postForm, signIn } from '../../test/http.ts';
import { followSignInLink, latestSignInLink } from '../../test/portal.ts';
import { listAccessFor, listAuditEventsFor } from '../audit/index.ts';
import { portalAuthPaths, totpCodeAt } from './index.ts';

const clock = adjustableClock('2026-11-30T10:00:00Z');
let sequence = 0;
const anEmail = (who = 'parent') => `${who}-${(sequence += 1)}@portal.example`;

describe('portal accounts and sign-in', () => {
  let testApp: TestApp;
  let app: FastifyInstance;
  let officer: TestOfficer;
  let manager: TestOfficer;
  let board: TestOfficer;

  beforeAll(async () => {
    testApp = await createTestApp({ clock });
    app = testApp.app;
    officer = await anOfficer(testApp);
    manager = await anOfficer(testApp, { role: 'team_manager' });
    board = await anOfficer(testApp, { role: 'board_member' });
  });
  afterAll(async () => testApp.close());

  const db = () => testApp.database.db;

  const latestLinkTo = (email: string) => latestSignInLink(db(), email);
  const messagesTo = async (email: string) =>
    (await queryRows<{ total: number }>(db(), sql`/* cross-authority: the test reads every council's outbox */ SELECT count(*)::int AS "total" FROM "outbox_message" WHERE "recipient_address" = ${email}`))[0]!.total;
  const accountsOf = async (email: string) =>
    (await queryRows<{ total: number }>(db(), sql`/* cross-authority: the test counts every council's accounts */ SELECT count(*)::int AS "total" FROM "portal_account" WHERE "email" = ${email}`))[0]!.total;

  /** A child with a parent holding parental responsibility, the parent invited by the officer. */
  const anInvitedParent = async (overrides: { email?: string; forename?: string } = {}) => {
    const made = await aCase(testApp, officer.actor, { child: { forename: overrides.forename ?? 'Amira' } });
    const email = overrides.email ?? anEmail();
    const parent = await aPerson(testApp, officer.actor, made.childId, { email });
    const invited = await testApp.services.portalAuth.inviteFamilyMember(officer.actor, made.childId, { who: parent.id, email });
    return { ...made, email, parentId: parent.id, ...invited };
  };

  const followLink = (path: string, jar?: CookieJar) => followSignInLink(app, path, jar);

  describe('an officer’s invitation to the family portal', () => {
    it('makes an account linked to the child through the parent, and sends a sign-in link through the outbox', async () => {
      const invited = await anInvitedParent();
      const [account] = await queryRows<{ status: string; kind: string; created_by: string }>(
        db(),
        sql`SELECT "status", "kind", "created_by" FROM "portal_account" WHERE "authority_id" = ${testApp.authorityId} AND "id" = ${invited.accountId}`,
      );
      expect(account).toEqual({ status: 'invited', kind: 'family', created_by: officer.user.id });
      const links = await queryRows<{ child_id: string; person_id: string; relationship: string }>(
        db(),
        sql`SELECT "child_id", "person_id", "relationship" FROM "portal_family_link" WHERE "authority_id" = ${testApp.authorityId} AND "account_id" = ${invited.accountId}`,
      );
      expect(links).toEqual([{ child_id: invited.childId, person_id: invited.parentId, relationship: 'mother' }]);
      expect(await latestLinkTo(invited.email)).toMatch(/^\/portal\/sign-in\/link\/[A-Za-z0-9_-]{43}$/);
      // Only the token's hash is kept.
      const token = (await latestLinkTo(invited.email)).split('/').at(-1)!;
      const stored = await queryRows<{ token_hash: string }>(db(), sql`SELECT "token_hash" FROM "portal_sign_in_link" WHERE "authority_id" = ${testApp.authorityId} AND "account_id" = ${invited.accountId}`);
      expect(stored).toHaveLength(1);
      expect(stored[0]!.token_hash).not.toContain(token);
      const audit = await listAuditEventsFor(db(), testApp.authorityId, 'portal_account', invited.accountId);
      expect(audit.map((entry) => entry.action).sort()).toEqual(['portal.account-invited', 'portal.family-link-added']);
      expect((await listAccessFor(db(), testApp.authorityId, invited.childId)).some((entry) => entry.view === 'portal-invitation')).toBe(true);
    });

    it('invites through the child’s record, and shows the form again with its problems, saving nothing', async () => {
      const made = await aCase(testApp, officer.actor);
      const email = anEmail();
      const parent = await aPerson(testApp, officer.actor, made.childId, { email, forename: 'Hana' });
      await aPerson(testApp, officer.actor, made.childId, { forename: 'Uncle', relationship: 'other', parentalResponsibility: false });
      const jar = await signIn(app, officer.user.email, officer.password);
      const record = await getPage(app, jar, `/children/${made.childId}`);
      expect(record.body).toContain(portalAuthPaths.inviteFamily(made.childId));
      const form = await getPage(app, jar, portalAuthPaths.inviteFamily(made.childId));
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('Hana');
      // Only people with parental responsibility are offered; a child under school-leaving age is not.
      expect(form.body).not.toContain('Uncle');
      expect(form.body).not.toContain('value="young-person"');

      const refused = await postForm(app, jar, portalAuthPaths.inviteFamily(made.childId), { who: '', email: 'not an address', _csrf: csrfTokenIn(form.body) });
      expect(refused.statusCode).toBe(400);
      expect(errorSummaryOf(refused.body)).toEqual([
        { href: '#who', text: 'Choose who to invite' },
        { href: '#email', text: 'Enter an e-mail address in the right format, like name@example.org' },
      ]);
      expect(await accountsOf('not an address')).toBe(0);

      const sent = await postForm(app, jar, portalAuthPaths.inviteFamily(made.childId), { who: parent.id, email, _csrf: csrfTokenIn(form.body) });
      expect(sent.statusCode).toBe(303);
      expect(sent.headers.location).toMatch(/^\/portal-accounts\/[0-9a-f-]{36}\?invited=[0-9a-f-]{36}$/);
      const page = await getPage(app, jar, sent.headers.location!);
      expect(page.body).toContain('See it in the outbox');
      expect(await accountsOf(email)).toBe(1);
    });

    it('refuses a forged choice naming someone without parental responsibility, and a child not yet a young person', async () => {
      const made = await aCase(testApp, officer.actor);
      const other = await aPerson(testApp, officer.actor, made.childId, { relationship: 'other', parentalResponsibility: false });
      await expect(testApp.services.portalAuth.inviteFamilyMember(officer.actor, made.childId, { who: other.id, email: anEmail() })).rejects.toThrow(ValidationError);
      await expect(testApp.services.portalAuth.inviteFamilyMember(officer.actor, made.childId, { who: 'young-person', email: anEmail() })).rejects.toThrow(/not yet over compulsory school age/);
    });

    it('invites a young person over compulsory school age themself (CFA 2014 s.83(2))', async () => {
      const made = await aCase(testApp, officer.actor, { child: { forename: 'Zain', dateOfBirth: '2008-01-10' } });
      const email = anEmail('young-person');
      const { accountId } = await testApp.services.portalAuth.inviteFamilyMember(officer.actor, made.childId, { who: 'young-person', email });
      const [link] = await queryRows<{ person_id: string | null; relationship: string }>(
        db(),
        sql`SELECT "person_id", "relationship" FROM "portal_family_link" WHERE "authority_id" = ${testApp.authorityId} AND "account_id" = ${accountId}`,
      );
      expect(link).toEqual({ person_id: null, relationship: 'young-person' });
    });

    it('is for casework staff only: an improvement board member is refused, and a form without its CSRF token saves nothing', async () => {
      const made = await aCase(testApp, officer.actor);
      const parent = await aPerson(testApp, officer.actor, made.childId, { email: anEmail() });
      await expect(testApp.services.portalAuth.inviteFamilyMember(board.actor, made.childId, { who: parent.id, email: anEmail() })).rejects.toThrow(ForbiddenError);
      const jar = await signIn(app, officer.user.email, officer.password);
      const email = anEmail();
      const forged = await postForm(app, jar, portalAuthPaths.inviteFamily(made.childId), { who: parent.id, email });
      expect(forged.statusCode).toBe(403);
      expect(await accountsOf(email)).toBe(0);
    });

    it('invites a school’s first administrator by URN, and refuses a URN not on the list', async () => {
      const school = await aSchool(db());
      const jar = await signIn(app, manager.user.email, manager.password);
      const form = await getPage(app, jar, portalAuthPaths.inviteSchool);
      const refused = await postForm(app, jar, portalAuthPaths.inviteSchool, { urn: '999999', name: '', email: '', _csrf: csrfTokenIn(form.body) });
      expect(refused.statusCode).toBe(400);
      expect(errorSummaryOf(refused.body).map((entry) => entry.href)).toEqual(['#urn', '#name', '#email']);
      const email = anEmail('senco');
      const sent = await postForm(app, jar, portalAuthPaths.inviteSchool, { urn: String(school.urn), name: 'Helen Price', email, _csrf: csrfTokenIn(form.body) });
      expect(sent.statusCode).toBe(303);
      const [link] = await queryRows<{ role: string; school_id: string }>(
        db(),
        sql`SELECT "role", "school_id" FROM "portal_school_link" l JOIN "portal_account" a ON a."authority_id" = l."authority_id" AND a."id" = l."account_id" WHERE l."authority_id" = ${testApp.authorityId} AND a."email" = ${email}`,
      );
      expect(link).toEqual({ role: 'school-admin', school_id: school.id });
      // A case officer cannot: schools' administrators are a manager's to invite.
      await expect(testApp.services.portalAuth.inviteSchoolAdministrator(officer.actor, { urn: String(school.urn), name: 'X Y', email: anEmail() })).rejects.toThrow(ForbiddenError);
    });
  });

  describe('signing in with an e-mailed link', () => {
    it('signs a parent in once: the landing page names the child by first name, and a reused link is refused with no session', async () => {
      const invited = await anInvitedParent({ forename: 'Yusuf' });
      const link = await latestLinkTo(invited.email);
      const { jar, response } = await followLink(link);
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe(portalAuthPaths.home);
      expect(jar.get('casework_portal_session')).toBeDefined();
      expect(jar.get('casework_session')).toBeUndefined();
      const home = await getPage(app, jar, portalAuthPaths.home);
      expect(home.statusCode).toBe(200);
      expect(home.body).toContain('Yusuf');
      expect(home.body).not.toContain(invited.reference);
      expect((await listAccessFor(db(), testApp.authorityId, invited.childId)).some((entry) => entry.view === 'portal:home' && entry.actorKind === 'portal')).toBe(true);
      const audit = await listAuditEventsFor(db(), testApp.authorityId, 'portal_account', invited.accountId);
      expect(audit.some((entry) => entry.action === 'portal.signed-in' && entry.actorKind === 'portal')).toBe(true);

      const again = await followLink(link);
      expect(again.response.statusCode).toBe(410);
      expect(again.response.body).toContain('This sign-in link has already been used');
      expect(again.jar.get('casework_portal_session')).toBeUndefined();
    });

    it('gives the same answer whether or not an account exists, and sends a link only to an account', async () => {
      const invited = await anInvitedParent();
      const nobody = anEmail('nobody');
      const ask = async (email: string) => {
        const jar = new CookieJar();
        return postForm(app, jar, portalAuthPaths.signIn, { email }, { csrfFrom: portalAuthPaths.signIn });
      };
      const known = await ask(invited.email.toUpperCase());
      const unknown = await ask(nobody);
      expect([known.statusCode, known.headers.location]).toEqual([303, portalAuthPaths.checkEmail]);
      expect([unknown.statusCode, unknown.headers.location]).toEqual([303, portalAuthPaths.checkEmail]);
      expect(await messagesTo(invited.email)).toBe(2);
      expect(await messagesTo(nobody)).toBe(0);
    });

    it('shows the sign-in form again when the address is missing or malformed', async () => {
      const jar = new CookieJar();
      const empty = await postForm(app, jar, portalAuthPaths.signIn, { email: '' }, { csrfFrom: portalAuthPaths.signIn });
      expect(empty.statusCode).toBe(400);
      expect(errorSummaryOf(empty.body)).toEqual([{ href: '#email', text: 'Enter your e-mail address' }]);
      const forged = await app.inject({ method: 'POST', url: portalAuthPaths.signIn, payload: { email: 'a@b.example' } });
      expect(forged.statusCode).toBe(403);
    });

    it('a link lasts 15 minutes: the last second still signs in, the end does not', async () => {
      const invited = await anInvitedParent();
      await testApp.services.portalAuth.requestSignInLink(invited.email, '192.0.2.50');
      const first = await latestLinkTo(invited.email);
      clock.advance(15 * 60_000 - 1_000);
      expect((await followLink(first)).response.statusCode).toBe(303);
      await testApp.services.portalAuth.requestSignInLink(invited.email, '192.0.2.50');
      const second = await latestLinkTo(invited.email);
      clock.advance(15 * 60_000);
      const late = await followLink(second);
      expect(late.response.statusCode).toBe(410);
      expect(late.response.body).toContain('This sign-in link has expired');
      expect(late.jar.get('casework_portal_session')).toBeUndefined();
      const audit = await listAuditEventsFor(db(), testApp.authorityId, 'portal_account', invited.accountId);
      expect(audit.some((entry) => entry.action === 'portal.sign-in-refused' && (entry.details as { reason?: string }).reason === 'expired')).toBe(true);
    });

    it('an invitation’s link lasts 7 days', async () => {
      const invited = await anInvitedParent();
      const link = await latestLinkTo(invited.email);
      clock.advance(7 * 24 * 3_600_000);
      expect((await followLink(link)).response.statusCode).toBe(410);
    });

    it('limits requests for a link to 5 per address typed and 30 per network address in 15 minutes, known or not', async () => {
      const invited = await anInvitedParent();
      const portal = testApp.services.portalAuth;
      for (let index = 0; index < 5; index += 1) expect(await portal.requestSignInLink(invited.email, '198.51.100.1')).toEqual({ outcome: 'sent' });
      expect(await portal.requestSignInLink(invited.email, '198.51.100.2')).toEqual({ outcome: 'limited', retryAfterSeconds: 900 });
      const unknown = anEmail('unknown');
      for (let index = 0; index < 5; index += 1) await portal.requestSignInLink(unknown, '198.51.100.3');
      expect((await portal.requestSignInLink(unknown, '198.51.100.3')).outcome).toBe('limited');
      for (let index = 0; index < 30; index += 1) await portal.requestSignInLink(anEmail('spray'), '198.51.100.9');
      expect((await portal.requestSignInLink(anEmail('spray'), '198.51.100.9')).outcome).toBe('limited');
      // Through the page: 429, the same words for everyone.
      const jar = new CookieJar();
      const page = await getPage(app, jar, portalAuthPaths.signIn);
      const limited = await app.inject({
        method: 'POST',
        url: portalAuthPaths.signIn,
        remoteAddress: '198.51.100.9',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
        payload: new URLSearchParams({ email: anEmail('spray'), _csrf: csrfTokenIn(page.body) }).toString(),
      });
      expect(limited.statusCode).toBe(429);
      expect(limited.body).toContain('You have asked for too many links');
      clock.advance(15 * 60_000 + 1);
      expect(await portal.requestSignInLink(invited.email, '198.51.100.1')).toEqual({ outcome: 'sent' });
    });
  });

  describe('the second factor of schools and advice givers', () => {
    const aSchoolAdmin = async () => {
      const school = await aSchool(db(), { name: `Riverside Primary ${(sequence += 1)}` });
      const email = anEmail('senco');
      const { accountId } = await testApp.services.portalAuth.inviteSchoolAdministrator(manager.actor, { urn: String(school.urn), name: 'Helen Price', email });
      return { school, email, accountId };
    };
    const secretOf = async (accountId: string) =>
      (await queryRows<{ totp_secret: string }>(db(), sql`SELECT "totp_secret" FROM "portal_account" WHERE "authority_id" = ${testApp.authorityId} AND "id" = ${accountId}`))[0]!.totp_secret;
    const enterCode = async (jar: CookieJar, path: string, code: string) => postForm(app, jar, path, { code }, { csrfFrom: path });

    /** A school administrator with the app set up; returns the recovery codes shown. */
    const setUpAdmin = async () => {
      const admin = await aSchoolAdmin();
      const { jar, response } = await followLink(await latestLinkTo(admin.email));
      expect(response.headers.location).toBe(portalAuthPaths.secondFactorSetUp);
      const setUp = await getPage(app, jar, portalAuthPaths.secondFactorSetUp);
      expect(setUp.body).toContain('src="data:image/png;base64,');
      expect(setUp.body).toContain('otpauth://totp/');
      // The key as the page shows it for typing in; kept sealed, never in clear.
      const secret = /id="totp-secret">([A-Z2-7]+)</.exec(setUp.body)![1]!;
      const kept = await secretOf(admin.accountId);
      expect(kept).toMatch(/^v1\./);
      expect(kept).not.toContain(secret);
      const done = await enterCode(jar, portalAuthPaths.secondFactorSetUp, await totpCodeAt(secret, clock.now()));
      expect(done.statusCode).toBe(200);
      const codes = [...done.body.matchAll(/<li><code>([a-z0-9-]+)<\/code><\/li>/g)].map((match) => match[1]!);
      return { ...admin, jar, secret, codes };
    };

    /** Signs in again with a new link: the session then waits for the second factor. */
    const signInAgain = async (email: string) => {
      await testApp.services.portalAuth.requestSignInLink(email, `203.0.113.${(sequence += 1) % 250}`);
      const { jar, response } = await followLink(await latestLinkTo(email));
      expect(response.headers.location).toBe(portalAuthPaths.secondFactor);
      return jar;
    };

    it('keeps a key from before keys were sealed working, and seals it at its next use', async () => {
      const admin = await setUpAdmin();
      await testApp.database.db.execute(sql`UPDATE "portal_account" SET "totp_secret" = ${admin.secret} WHERE "authority_id" = ${testApp.authorityId} AND "id" = ${admin.accountId}`);
      clock.advance(60_000);
      const jar = await signInAgain(admin.email);
      expect((await enterCode(jar, portalAuthPaths.secondFactor, await totpCodeAt(admin.secret, clock.now()))).statusCode).toBe(303);
      expect(await secretOf(admin.accountId)).toMatch(/^v1\./);
    });

    it('is set up at first sign-in with a QR code, and shows ten recovery codes once, kept only as hashes', async () => {
      const admin = await setUpAdmin();
      expect(admin.codes).toHaveLength(10);
      expect(new Set(admin.codes).size).toBe(10);
      const stored = await queryRows<{ code_hash: string }>(db(), sql`SELECT "code_hash" FROM "portal_recovery_code" WHERE "authority_id" = ${testApp.authorityId} AND "account_id" = ${admin.accountId}`);
      expect(stored).toHaveLength(10);
      expect(stored.some((row) => admin.codes.some((code) => row.code_hash.includes(code.replaceAll('-', ''))))).toBe(false);
      const home = await getPage(app, admin.jar, portalAuthPaths.home);
      expect(home.statusCode).toBe(200);
      expect(home.body).toContain(admin.school.name);
      // Set up once: the secret is never shown again.
      expect((await getPage(app, admin.jar, portalAuthPaths.secondFactorSetUp)).headers.location).toBe(portalAuthPaths.home);
    });

    it('a wrong code at set-up is refused with the form shown again, and nothing set up', async () => {
      const admin = await aSchoolAdmin();
      const { jar } = await followLink(await latestLinkTo(admin.email));
      const wrong = await enterCode(jar, portalAuthPaths.secondFactorSetUp, '12345');
      expect(wrong.statusCode).toBe(400);
      expect(errorSummaryOf(wrong.body)).toEqual([{ href: '#code', text: 'Enter the 6-digit code from your authenticator app' }]);
      expect((await getPage(app, jar, portalAuthPaths.home)).headers.location).toBe(portalAuthPaths.secondFactorSetUp);
    });

    it('keeps a signed-in school from every other page until the code is given, and accepts each code once', async () => {
      const admin = await setUpAdmin();
      clock.advance(60_000);
      const jar = await signInAgain(admin.email);
      expect((await getPage(app, jar, portalAuthPaths.home)).headers.location).toBe(portalAuthPaths.secondFactor);
      const code = await totpCodeAt(admin.secret, clock.now());
      expect((await enterCode(jar, portalAuthPaths.secondFactor, code)).headers.location).toBe(portalAuthPaths.home);
      expect((await getPage(app, jar, portalAuthPaths.home)).statusCode).toBe(200);
      // The same code, again at once on another sign-in: refused (no replay).
      const other = await signInAgain(admin.email);
      const replayed = await enterCode(other, portalAuthPaths.secondFactor, code);
      expect(replayed.statusCode).toBe(400);
      expect(errorSummaryOf(replayed.body)[0]!.text).toBe('The code is not right. Check your authenticator app and try again');
    });

    it('takes a recovery code instead, once', async () => {
      const admin = await setUpAdmin();
      const jar = await signInAgain(admin.email);
      const used = await enterCode(jar, portalAuthPaths.secondFactor, admin.codes[3]!.toUpperCase());
      expect(used.headers.location).toBe(portalAuthPaths.home);
      const again = await signInAgain(admin.email);
      expect((await enterCode(again, portalAuthPaths.secondFactor, admin.codes[3]!)).statusCode).toBe(400);
      const audit = await listAuditEventsFor(db(), testApp.authorityId, 'portal_account', admin.accountId);
      expect(audit.some((entry) => entry.action === 'portal.second-factor-given' && (entry.details as { method?: string }).method === 'recovery-code')).toBe(true);
    });

    it('locks for 15 minutes after five wrong codes, even against the right one, with a clear message', async () => {
      const admin = await setUpAdmin();
      clock.advance(60_000);
      const jar = await signInAgain(admin.email);
      for (let wrong = 1; wrong <= 4; wrong += 1) {
        const answer = await enterCode(jar, portalAuthPaths.secondFactor, '000000');
        expect(errorSummaryOf(answer.body)[0]!.text).toBe('The code is not right. Check your authenticator app and try again');
      }
      const fifth = await enterCode(jar, portalAuthPaths.secondFactor, '000000');
      expect(errorSummaryOf(fifth.body)[0]!.text).toBe('You entered a wrong code too many times. Wait 15 minutes and try again');
      const right = await enterCode(jar, portalAuthPaths.secondFactor, await totpCodeAt(admin.secret, clock.now()));
      expect(right.statusCode).toBe(400);
      expect(errorSummaryOf(right.body)[0]!.text).toMatch(/^You entered a wrong code too many times. Wait \d+ minutes? and try again$/);
      const audit = await listAuditEventsFor(db(), testApp.authorityId, 'portal_account', admin.accountId);
      expect(audit.filter((entry) => entry.action === 'portal.second-factor-locked')).toHaveLength(1);
      clock.advance(15 * 60_000);
      const later = await signInAgain(admin.email);
      expect((await enterCode(later, portalAuthPaths.secondFactor, await totpCodeAt(admin.secret, clock.now()))).headers.location).toBe(portalAuthPaths.home);
    });

    it('families have no second factor', async () => {
      const invited = await anInvitedParent();
      const { response } = await followLink(await latestLinkTo(invited.email));
      expect(response.headers.location).toBe(portalAuthPaths.home);
    });
  });

  describe('portal sessions, apart from staff sessions', () => {
    it('a staff page refuses a portal session, and a portal page refuses a staff session', async () => {
      const invited = await anInvitedParent();
      const { jar: portalJar } = await followLink(await latestLinkTo(invited.email));
      const staffPage = await getPage(app, portalJar, `/children/${invited.childId}`);
      expect(staffPage.statusCode).toBe(303);
      expect(staffPage.headers.location).toMatch(/^\/sign-in\?returnTo=/);
      // The portal's cookie under the staff cookie's name is no staff session either.
      const swapped = await app.inject({ method: 'GET', url: `/children/${invited.childId}`, headers: { cookie: `casework_session=${portalJar.get('casework_portal_session')}` } });
      expect(swapped.statusCode).toBe(303);

      const staffJar = await signIn(app, officer.user.email, officer.password);
      const portalPage = await getPage(app, staffJar, portalAuthPaths.home);
      expect(portalPage.statusCode).toBe(303);
      expect(portalPage.headers.location).toBe(portalAuthPaths.signIn);
      const swappedBack = await app.inject({ method: 'GET', url: portalAuthPaths.home, headers: { cookie: `casework_portal_session=${staffJar.get('casework_session')}` } });
      expect(swappedBack.headers.location).toBe(portalAuthPaths.signIn);
      // A form posted to the portal with only a staff session is refused, nothing done.
      expect((await postForm(app, staffJar, portalAuthPaths.signOut, {}, { csrfFrom: '/cases' })).statusCode).toBe(401);
    });

    it('signs out: the session ends, the sign-out is audited, and the form needs its CSRF token', async () => {
      const invited = await anInvitedParent();
      const { jar } = await followLink(await latestLinkTo(invited.email));
      expect((await postForm(app, jar, portalAuthPaths.signOut, {})).statusCode).toBe(403);
      const cookie = jar.get('casework_portal_session')!;
      const out = await postForm(app, jar, portalAuthPaths.signOut, {}, { csrfFrom: portalAuthPaths.home });
      expect(out.headers.location).toBe(portalAuthPaths.signedOut);
      const after = await app.inject({ method: 'GET', url: portalAuthPaths.home, headers: { cookie: `casework_portal_session=${cookie}` } });
      expect(after.headers.location).toBe(portalAuthPaths.signIn);
      const audit = await listAuditEventsFor(db(), testApp.authorityId, 'portal_account', invited.accountId);
      expect(audit.some((entry) => entry.action === 'portal.signed-out')).toBe(true);
    });

    it('ends after 30 idle minutes', async () => {
      const invited = await anInvitedParent();
      const { jar } = await followLink(await latestLinkTo(invited.email));
      clock.advance(31 * 60_000);
      const after = await getPage(app, jar, portalAuthPaths.home);
      expect(after.headers.location).toBe(portalAuthPaths.signInExpired);
    });

    it('a disabled account’s sessions end at once and its links stop working', async () => {
      const invited = await anInvitedParent();
      await testApp.services.portalAuth.requestSignInLink(invited.email, '192.0.2.77');
      const spare = await latestLinkTo(invited.email);
      const { jar } = await followLink(spare);
      await testApp.services.portalAuth.disableAccount(manager.actor, invited.accountId);
      expect((await getPage(app, jar, portalAuthPaths.home)).headers.location).toMatch(/^\/portal\/sign-in/);
      await testApp.services.portalAuth.requestSignInLink(invited.email, '192.0.2.78');
      expect(await messagesTo(invited.email)).toBe(2);
      const audit = await listAuditEventsFor(db(), testApp.authorityId, 'portal_account', invited.accountId);
      expect(audit.some((entry) => entry.action === 'portal.account-disabled')).toBe(true);
      await expect(testApp.services.portalAuth.disableAccount(officer.actor, invited.accountId)).rejects.toThrow(ForbiddenError);
    });
  });

  describe('an account’s page, for officers', () => {
    it('shows what the account is linked to, disables it once, and says so when asked again', async () => {
      const invited = await anInvitedParent({ forename: 'Maryam' });
      const jar = await signIn(app, manager.user.email, manager.password);
      const page = await getPage(app, jar, portalAuthPaths.account(invited.accountId));
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Maryam (Mother)');
      expect(page.body).toContain('Invited (not signed in yet)');
      const disabled = await postForm(app, jar, portalAuthPaths.disable(invited.accountId), { _csrf: csrfTokenIn(page.body) });
      expect(disabled.headers.location).toBe(`${portalAuthPaths.account(invited.accountId)}?disabled=1`);
      const again = await postForm(app, jar, portalAuthPaths.disable(invited.accountId), { _csrf: csrfTokenIn(page.body) });
      expect(again.statusCode).toBe(409);
      expect(errorSummaryOf(again.body)).toEqual([{ href: '#disable', text: 'This account is already disabled' }]);
    });
  });

  describe('the portal’s language', () => {
    it('switches the portal to Urdu, right to left, from a link that goes back only to a page of this service; staff pages stay in English', async () => {
      const jar = new CookieJar();
      const english = await getPage(app, jar, portalAuthPaths.signIn);
      expect(english.body).toContain('<html lang="en" dir="ltr"');
      expect(english.body).toContain(`href="${portalAuthPaths.switchLanguage('ur', portalAuthPaths.signIn).replace(/&/g, '&amp;')}"`);

      const switched = await getPage(app, jar, portalAuthPaths.switchLanguage('ur', portalAuthPaths.signIn));
      expect(switched.statusCode).toBe(303);
      expect(switched.headers.location).toBe(portalAuthPaths.signIn);
      const urdu = await getPage(app, jar, portalAuthPaths.signIn);
      expect(urdu.body).toContain('<html lang="ur" dir="rtl"');
      expect(urdu.body).toContain('مرکزی مواد پر جائیں');
      expect(urdu.body).toMatch(/<span class="app-language-switcher__current" lang="ur" dir="rtl" aria-current="true">اردو<\/span>/);

      // The choice does not follow the person onto the staff pages.
      const staff = await getPage(app, jar, '/sign-in');
      expect(staff.body).toContain('<html lang="en" dir="ltr"');

      // A language the service does not have is ignored; a page elsewhere is never gone back to.
      const unknown = await getPage(app, jar, portalAuthPaths.switchLanguage('xx', '//evil.example/'));
      expect(unknown.headers.location).toBe(portalAuthPaths.home);
      expect((await getPage(app, jar, portalAuthPaths.signIn)).body).toContain('<html lang="ur" dir="rtl"');
    });
  });

  describe('tenancy', () => {
    it('an account of one council never reaches another council’s children, accounts or invitations', async () => {
      const other = await anAuthority(db());
      const otherOfficer = await anOfficer(testApp, { authorityId: other.id });
      const theirs = await aCase(testApp, otherOfficer.actor, { child: { forename: 'Farah' } });
      const theirEmail = anEmail();
      const theirParent = await aPerson(testApp, otherOfficer.actor, theirs.childId, { email: theirEmail });
      const theirInvitation = await testApp.services.portalAuth.inviteFamilyMember(otherOfficer.actor, theirs.childId, { who: theirParent.id, email: theirEmail });
      const ours = await anInvitedParent({ forename: 'Idris' });

      const { jar } = await followLink(await latestLinkTo(ours.email));
      const home = await getPage(app, jar, portalAuthPaths.home);
      expect(home.body).toContain('Idris');
      expect(home.body).not.toContain('Farah');

      // Our officer cannot see their account, nor invite anyone to their child.
      await expect(testApp.services.portalAuth.account(officer.actor, theirInvitation.accountId)).rejects.toThrow(NotFoundError);
      await expect(testApp.services.portalAuth.inviteFamilyMember(officer.actor, theirs.childId, { who: theirParent.id, email: anEmail() })).rejects.toThrow(NotFoundError);
      const theirLink = await followLink(await latestLinkTo(theirEmail));
      const theirHome = await getPage(app, theirLink.jar, portalAuthPaths.home);
      expect(theirHome.body).toContain('Farah');
      expect(theirHome.body).not.toContain('Idris');
    });
  });
});
