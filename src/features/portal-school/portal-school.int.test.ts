// The school and college portal through its service and its pages: a school's administrators add
// and remove its staff; staff see only their school's pupils, consultations and reviews; the
// school's answers and reports land where the officers see them; and a SENCo whose school takes
// pupils of two councils sees both through the one cross-authority service.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { adjustableClock } from '../../lib/clock.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, aConsultation, anAuthority, anOfficer, aSchool, type TestOfficer } from '../../test/factories/index.ts';
import { CookieJar, csrfTokenIn, errorSummaryOf, getPage, postForm } from '../../test/http.ts';
import { latestSignInLink } from '../../test/portal.ts';
import type { SchoolRecord } from '../reference/index.ts';
import { listAccessFor, listAuditEventsFor, listListAccessBy } from '../audit/index.ts';
import { systemActor, type PortalActor } from '../auth/index.ts';
import { portalAuthPaths, totpCodeAt } from '../portal-auth/index.ts';
import { portalSchoolPaths } from './index.ts';

const clock = adjustableClock('2026-11-30T10:00:00Z');
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
let sequence = 0;
const anEmail = (who = 'senco') => `${who}-${(sequence += 1)}@school.example`;

describe('the school and college portal', () => {
  let testApp: TestApp;
  let app: FastifyInstance;
  let officer: TestOfficer;
  let manager: TestOfficer;

  beforeAll(async () => {
    testApp = await createTestApp({ clock });
    app = testApp.app;
    officer = await anOfficer(testApp);
    manager = await anOfficer(testApp, { role: 'team_manager' });
  });
  afterAll(async () => testApp.close());

  const db = () => testApp.database.db;
  const portalSchool = () => testApp.services.portalSchool;

  const latestLinkTo = (email: string) => latestSignInLink(db(), email);

  const actorOf = (authorityId: string, accountId: string, email: string, name = 'Helen Price'): PortalActor => ({
    kind: 'portal',
    id: accountId,
    accountId,
    authorityId,
    roles: [],
    name,
    email,
    portalKind: 'school',
    secondFactor: 'done',
    totpSetUp: true,
  });

  /** A school and its first administrator, invited by the council's manager. */
  const aSchoolWithAdmin = async (options: { by?: TestOfficer; school?: SchoolRecord; email?: string } = {}) => {
    const school = options.school ?? (await aSchool(db(), { name: `Riverside Primary ${(sequence += 1)}` }));
    const email = options.email ?? anEmail();
    const by = options.by ?? manager;
    const { accountId } = await testApp.services.portalAuth.inviteSchoolAdministrator(by.actor, { urn: String(school.urn), name: 'Helen Price', email });
    return { school, email, accountId, actor: actorOf(by.actor.authorityId, accountId, email) };
  };

  /** Signs a school account in through its pages: the e-mailed link, then the authenticator's code. */
  const signInSchool = async (authorityId: string, accountId: string, email: string): Promise<CookieJar> => {
    await testApp.services.portalAuth.presetSecondFactor(systemActor(authorityId, 'seed'), accountId, SECRET);
    const jar = new CookieJar();
    const link = await latestLinkTo(email);
    const opened = await getPage(app, jar, link);
    const followed = await postForm(app, jar, link, { _csrf: csrfTokenIn(opened.body) });
    expect(followed.headers.location).toBe(portalAuthPaths.secondFactor);
    clock.advance(31_000);
    const given = await postForm(app, jar, portalAuthPaths.secondFactor, { code: await totpCodeAt(SECRET, clock.now()) }, { csrfFrom: portalAuthPaths.secondFactor });
    expect(given.headers.location).toBe(portalAuthPaths.home);
    return jar;
  };

  const linksOf = (schoolId: string) =>
    queryRows<{ account_id: string; role: string; ended_at: Date | null }>(
      db(),
      sql`SELECT "account_id", "role", "ended_at" FROM "portal_school_link" WHERE "authority_id" = ${testApp.authorityId} AND "school_id" = ${schoolId} ORDER BY "created_at"`,
    );

  describe('the school’s administrators manage its staff', () => {
    it('an administrator adds a member of staff: an account of kind school, its link, and an invitation through the outbox', async () => {
      const admin = await aSchoolWithAdmin();
      const email = anEmail('teacher');
      const { accountId } = await portalSchool().addStaff(admin.actor, admin.school.id, { name: 'Tom Baker', email, role: 'school-staff' });
      const [account] = await queryRows<{ kind: string; status: string }>(db(), sql`SELECT "kind", "status" FROM "portal_account" WHERE "authority_id" = ${testApp.authorityId} AND "id" = ${accountId}`);
      expect(account).toEqual({ kind: 'school', status: 'invited' });
      expect((await linksOf(admin.school.id)).find((link) => link.account_id === accountId)).toMatchObject({ role: 'school-staff', ended_at: null });
      expect(await latestLinkTo(email)).toMatch(/^\/portal\/sign-in\/link\//);
      const audit = await listAuditEventsFor(db(), testApp.authorityId, 'portal_account', accountId);
      expect(audit.map((entry) => entry.action)).toContain('portal.school-link-added');
      expect(audit.find((entry) => entry.action === 'portal.school-link-added')?.actorKind).toBe('portal');
    });

    it('shows the form again with its problems, saving nothing, for a missing name, a bad address or a forged role', async () => {
      const admin = await aSchoolWithAdmin();
      const jar = await signInSchool(testApp.authorityId, admin.accountId, admin.email);
      const path = portalSchoolPaths.addStaff(admin.school.id);
      const shown = await getPage(app, jar, path);
      expect(shown.statusCode).toBe(200);
      const response = await postForm(app, jar, path, { name: '', email: 'not-an-address', role: 'school-governor' }, { csrfFrom: path });
      expect(response.statusCode).toBe(400);
      expect(errorSummaryOf(response.body).map((entry) => entry.href)).toEqual(['#name', '#email', '#role']);
      expect(await linksOf(admin.school.id)).toHaveLength(1);
    });

    it('staff cannot manage staff: refused in the service, and the page says only administrators can', async () => {
      const admin = await aSchoolWithAdmin();
      const email = anEmail('teacher');
      const { accountId } = await portalSchool().addStaff(admin.actor, admin.school.id, { name: 'Tom Baker', email, role: 'school-staff' });
      const staff = actorOf(testApp.authorityId, accountId, email, 'Tom Baker');
      await expect(portalSchool().addStaff(staff, admin.school.id, { name: 'Ann Lee', email: anEmail(), role: 'school-staff' })).rejects.toThrow(ForbiddenError);
      await expect(portalSchool().removeStaff(staff, admin.school.id, admin.accountId)).rejects.toThrow(ForbiddenError);
      const jar = await signInSchool(testApp.authorityId, accountId, email);
      expect((await getPage(app, jar, portalSchoolPaths.addStaff(admin.school.id))).statusCode).toBe(403);
      const list = await getPage(app, jar, portalSchoolPaths.staff(admin.school.id));
      expect(list.body).toContain('Only your school’s administrators can add or remove staff');
      expect(list.body).not.toContain('/remove');
      expect(await linksOf(admin.school.id)).toHaveLength(2);
    });

    it('removing someone ends their link and their sessions at once', async () => {
      const admin = await aSchoolWithAdmin();
      const email = anEmail('teacher');
      const { accountId } = await portalSchool().addStaff(admin.actor, admin.school.id, { name: 'Tom Baker', email, role: 'school-staff' });
      const theirJar = await signInSchool(testApp.authorityId, accountId, email);
      expect((await getPage(app, theirJar, portalSchoolPaths.pupils)).statusCode).toBe(200);

      const adminJar = await signInSchool(testApp.authorityId, admin.accountId, admin.email);
      const staffPage = portalSchoolPaths.staff(admin.school.id);
      const removed = await postForm(app, adminJar, portalSchoolPaths.removeStaff(admin.school.id, accountId), {}, { csrfFrom: staffPage });
      expect(removed.headers.location).toBe(`${staffPage}?removed=1`);
      expect((await linksOf(admin.school.id)).find((link) => link.account_id === accountId)?.ended_at).not.toBeNull();
      const after = await getPage(app, theirJar, portalSchoolPaths.pupils);
      expect(after.statusCode).not.toBe(200);
      const audit = await listAuditEventsFor(db(), testApp.authorityId, 'portal_account', accountId);
      expect(audit.find((entry) => entry.action === 'portal.school-link-ended')?.details).toMatchObject({ sessionsEnded: 1 });
    });

    it('an administrator cannot remove the school’s last administrator, but can once there is another', async () => {
      const admin = await aSchoolWithAdmin();
      await expect(portalSchool().removeStaff(admin.actor, admin.school.id, admin.accountId)).rejects.toThrow(ConflictError);
      const email = anEmail('head');
      const second = await portalSchool().addStaff(admin.actor, admin.school.id, { name: 'Ruth Okafor', email, role: 'school-admin' });
      await portalSchool().removeStaff(admin.actor, admin.school.id, second.accountId);
      await expect(portalSchool().removeStaff(admin.actor, admin.school.id, admin.accountId)).rejects.toThrow(ConflictError);
      expect((await linksOf(admin.school.id)).filter((link) => link.ended_at === null).map((link) => link.account_id)).toEqual([admin.accountId]);
    });

    it('another school’s administrator cannot add to or remove from this school', async () => {
      const ours = await aSchoolWithAdmin();
      const theirs = await aSchoolWithAdmin();
      await expect(portalSchool().addStaff(theirs.actor, ours.school.id, { name: 'Tom Baker', email: anEmail(), role: 'school-staff' })).rejects.toThrow(NotFoundError);
      await expect(portalSchool().removeStaff(theirs.actor, ours.school.id, ours.accountId)).rejects.toThrow(NotFoundError);
      await expect(portalSchool().removeStaff(theirs.actor, theirs.school.id, ours.accountId)).rejects.toThrow(NotFoundError);
      expect(await linksOf(ours.school.id)).toHaveLength(1);
    });
  });

  describe('pupils: only the school’s own, and only what the council shares', () => {
    it('lists the school’s pupils with stage, plan and officer, and never another school’s pupil; every view is logged', async () => {
      const admin = await aSchoolWithAdmin();
      const other = await aSchool(db(), { name: 'Hill Top Academy' });
      const ours = await aCase(testApp, officer.actor, { stage: 'plan', child: { forename: 'Idris', schoolId: admin.school.id } });
      const theirs = await aCase(testApp, officer.actor, { child: { forename: 'Farah', schoolId: other.id } });
      const pupils = await portalSchool().pupils(admin.actor);
      expect(pupils.map((pupil) => pupil.childId)).toEqual([ours.childId]);
      expect(pupils[0]).toMatchObject({ stage: 'EHC plan maintained', planStatus: 'Final plan issued', officer: officer.user.name });
      await expect(portalSchool().pupil(admin.actor, theirs.childId)).rejects.toThrow(NotFoundError);
      await portalSchool().pupil(admin.actor, ours.childId);
      const views = (await listAccessFor(db(), testApp.authorityId, ours.childId)).filter((entry) => entry.actorKind === 'portal').map((entry) => entry.view);
      expect(views).toContain('portal:school-pupil');

      const jar = await signInSchool(testApp.authorityId, admin.accountId, admin.email);
      const list = await getPage(app, jar, portalSchoolPaths.pupils);
      expect(list.body).toContain('Idris');
      expect(list.body).not.toContain('Farah');
      expect((await getPage(app, jar, portalSchoolPaths.pupil(theirs.childId))).statusCode).toBe(404);
      const page = await getPage(app, jar, portalSchoolPaths.pupil(ours.childId));
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toMatch(/postcode|address/i);
    });

    it('sends a school account that still owes its second factor to it first, and refuses a family account', async () => {
      const admin = await aSchoolWithAdmin();
      await testApp.services.portalAuth.presetSecondFactor(systemActor(testApp.authorityId, 'seed'), admin.accountId, SECRET);
      const jar = new CookieJar();
      const link = await latestLinkTo(admin.email);
      const opened = await getPage(app, jar, link);
      await postForm(app, jar, link, { _csrf: csrfTokenIn(opened.body) });
      const pending = await getPage(app, jar, portalSchoolPaths.consultations);
      expect(pending.statusCode).toBe(303);
      expect(pending.headers.location).toBe(portalAuthPaths.secondFactor);
      await expect(portalSchool().pupils({ ...admin.actor, portalKind: 'family', secondFactor: 'not-needed' })).rejects.toThrow(NotFoundError);
    });
  });

  describe('answering a consultation', () => {
    const aDraftCaseConsulting = async (school: SchoolRecord, forename = 'Idris') => {
      const made = await aCase(testApp, officer.actor, { stage: 'draft', child: { forename } });
      const consultation = await aConsultation(testApp, officer.actor, made.caseId, { school });
      return { ...made, consultation };
    };
    const consultationRow = (id: string) =>
      queryRows<{ status: string; response: string | null; reasons: string | null; responded_on: string | null }>(
        db(),
        sql`SELECT "status", "response", "reasons", "responded_on"::text AS "responded_on" FROM "school_consultation" WHERE "authority_id" = ${testApp.authorityId} AND "id" = ${id}`,
      );

    it('lands where the officer records a school’s answer, and the officer sees it (CFA 2014 s.39(2); SEND Code of Practice 9.83)', async () => {
      const admin = await aSchoolWithAdmin();
      const { consultation } = await aDraftCaseConsulting(admin.school);
      const jar = await signInSchool(testApp.authorityId, admin.accountId, admin.email);
      const path = portalSchoolPaths.consultation(consultation.id);
      const page = await getPage(app, jar, path);
      expect(page.body).toContain('Children and Families Act 2014 s.39(2) to (4)');
      const sent = await postForm(app, jar, path, { response: 'cannot-meet-needs', reasons: 'We have no place in Year 4.', version: String(consultation.version) }, { csrfFrom: path });
      expect(sent.headers.location).toBe(`${path}?answered=1`);
      expect(await consultationRow(consultation.id)).toEqual([{ status: 'answered', response: 'cannot-meet-needs', reasons: 'We have no place in Year 4.', responded_on: '2026-11-30' }]);
      const seen = await testApp.services.consultations.consultation(officer.actor, consultation.id);
      expect(seen.consultation).toMatchObject({ status: 'answered', response: 'cannot-meet-needs', reasons: 'We have no place in Year 4.' });
      const audit = await listAuditEventsFor(db(), testApp.authorityId, 'school_consultation', consultation.id);
      expect(audit.find((entry) => entry.action === 'consultation.answered')).toMatchObject({ actorKind: 'portal', details: expect.objectContaining({ late: false, through: 'school-portal' }) });
      // A second answer is refused, and the first stays.
      await expect(portalSchool().answerConsultation(admin.actor, consultation.id, { response: 'can-meet-needs', reasons: '', version: '' })).rejects.toThrow(ConflictError);
    });

    it('accepts an answer after the 15 days, and marks it late (SEND Code of Practice 9.83)', async () => {
      const admin = await aSchoolWithAdmin();
      const made = await aCase(testApp, officer.actor, { stage: 'draft', stepDates: { 'draft.issued': '2026-11-02' } });
      const consultation = await aConsultation(testApp, officer.actor, made.caseId, { school: admin.school, sentOn: '2026-11-10' });
      expect(consultation.dueOn).toBe('2026-11-25');
      expect((await portalSchool().consultation(admin.actor, consultation.id)).overdue).toBe(true);
      const answered = await portalSchool().answerConsultation(admin.actor, consultation.id, { response: 'can-meet-needs', reasons: '', version: String(consultation.version) });
      expect(answered).toMatchObject({ status: 'answered', late: true, respondedOn: '2026-11-30' });
    });

    it('shows the form again with its problem, saving nothing, when reasons are missing for a refusal', async () => {
      const admin = await aSchoolWithAdmin();
      const { consultation } = await aDraftCaseConsulting(admin.school);
      const jar = await signInSchool(testApp.authorityId, admin.accountId, admin.email);
      const path = portalSchoolPaths.consultation(consultation.id);
      const response = await postForm(app, jar, path, { response: 'cannot-meet-needs', reasons: '  ' }, { csrfFrom: path });
      expect(response.statusCode).toBe(400);
      expect(errorSummaryOf(response.body)).toEqual([{ href: '#reasons', text: 'Enter your reasons: why your school cannot meet the child’s needs' }]);
      expect((await consultationRow(consultation.id))[0]?.status).toBe('awaiting');
      await expect(portalSchool().answerConsultation(admin.actor, consultation.id, { response: 'maybe', reasons: '', version: '' })).rejects.toThrow(ValidationError);
    });

    it('another school’s consultation, by id in the address or in a forged field, is not found and nothing is saved', async () => {
      const ours = await aSchoolWithAdmin();
      const theirs = await aSchoolWithAdmin();
      const mine = await aDraftCaseConsulting(ours.school, 'Idris');
      const other = await aDraftCaseConsulting(theirs.school, 'Farah');
      const jar = await signInSchool(testApp.authorityId, ours.accountId, ours.email);
      expect((await getPage(app, jar, portalSchoolPaths.consultation(other.consultation.id))).statusCode).toBe(404);
      const list = await getPage(app, jar, portalSchoolPaths.consultations);
      expect(list.body).toContain('Idris');
      expect(list.body).not.toContain('Farah');
      const ourPath = portalSchoolPaths.consultation(mine.consultation.id);
      const token = csrfTokenIn((await getPage(app, jar, ourPath)).body);
      const byAddress = await postForm(app, jar, portalSchoolPaths.consultation(other.consultation.id), { _csrf: token, response: 'can-meet-needs', reasons: '' });
      expect(byAddress.statusCode).toBe(404);
      expect(byAddress.body).not.toContain('Farah');
      // A field naming the other child or consultation is not read: only the address says which consultation.
      const forged = await postForm(app, jar, ourPath, { _csrf: token, response: 'cannot-meet-needs', reasons: '', consultationId: other.consultation.id, childId: other.childId });
      expect(forged.statusCode).toBe(400);
      expect((await consultationRow(other.consultation.id))[0]?.status).toBe('awaiting');
      expect((await consultationRow(mine.consultation.id))[0]?.status).toBe('awaiting');
      const logged = (await listAccessFor(db(), testApp.authorityId, other.childId)).filter((entry) => entry.actorKind === 'portal');
      expect(logged).toEqual([]);
    });
  });

  describe('annual review reports', () => {
    const aHeldReview = async (school: SchoolRecord) => {
      const made = await aCase(testApp, officer.actor, { stage: 'plan', receivedOn: '2025-06-01', stepDates: { 'plan.issued': '2025-12-10' }, child: { forename: 'Idris', schoolId: school.id } });
      const { result: review } = await testApp.services.reviews.arrange(officer.actor, made.caseId, { meetingOn: testApp.clock.today(), shortNoticeReason: 'The family asked for an early meeting' });
      return { ...made, review };
    };

    it('lists the reviews due of the school’s pupils, and takes the report where the officer records it (SEND Regs 2014 reg. 20(7))', async () => {
      const admin = await aSchoolWithAdmin();
      const { review, caseId } = await aHeldReview(admin.school);
      expect((await portalSchool().reviews(admin.actor)).map((entry) => entry.id)).toEqual([review.id]);
      await expect(portalSchool().submitReport(admin.actor, review.id, { report: 'Good progress.', version: '' })).rejects.toThrow(ConflictError);
      const held = await testApp.services.reviews.recordHeld(officer.actor, review.id, { heldOn: testApp.clock.today() });
      const jar = await signInSchool(testApp.authorityId, admin.accountId, admin.email);
      const path = portalSchoolPaths.review(review.id);
      const empty = await postForm(app, jar, path, { report: '' }, { csrfFrom: path });
      expect(empty.statusCode).toBe(400);
      expect(errorSummaryOf(empty.body)).toEqual([{ href: '#report', text: 'Enter the review report' }]);
      const sent = await postForm(app, jar, path, { report: 'Idris has met two of his outcomes.', version: String(held.version) }, { csrfFrom: path });
      expect(sent.headers.location).toBe(`${path}?sent=1`);
      const seen = await testApp.services.reviews.review(officer.actor, review.id);
      expect(seen.review).toMatchObject({ status: 'reported', reportReceivedOn: '2026-11-30', reportSummary: 'Idris has met two of his outcomes.' });
      const events = await queryRows<{ type: string; actor_kind: string }>(db(), sql`SELECT "type", "actor_kind" FROM "case_event" WHERE "authority_id" = ${testApp.authorityId} AND "case_id" = ${caseId} AND "type" = 'review.reported'`);
      expect(events).toEqual([{ type: 'review.reported', actor_kind: 'portal' }]);
    });

    it('another school’s review is not found', async () => {
      const ours = await aSchoolWithAdmin();
      const theirs = await aSchoolWithAdmin();
      const { review } = await aHeldReview(theirs.school);
      await expect(portalSchool().review(ours.actor, review.id)).rejects.toThrow(NotFoundError);
      await expect(portalSchool().submitReport(ours.actor, review.id, { report: 'Forged.', version: '' })).rejects.toThrow(NotFoundError);
      expect(await portalSchool().reviews(ours.actor)).toEqual([]);
    });
  });

  describe('across councils', () => {
    it('a SENCo with an account at the same school in two councils sees both councils’ pupils and consultations, each read logged and audited in its own council', async () => {
      const other = await anAuthority(db());
      const otherManager = await anOfficer(testApp, { authorityId: other.id, role: 'team_manager' });
      const otherOfficer = await anOfficer(testApp, { authorityId: other.id });
      const email = anEmail();
      const ours = await aSchoolWithAdmin({ email });
      const elsewhere = await aSchoolWithAdmin({ by: otherManager, school: ours.school, email });
      const stranger = await aSchoolWithAdmin({ by: otherManager });
      const ourPupil = await aCase(testApp, officer.actor, { child: { forename: 'Idris', schoolId: ours.school.id } });
      const theirPupil = await aCase(testApp, otherOfficer.actor, { stage: 'draft', child: { forename: 'Farah', schoolId: ours.school.id } });
      const theirConsultation = await aConsultation(testApp, otherOfficer.actor, theirPupil.caseId, { school: ours.school });

      const pupils = await portalSchool().pupils(ours.actor);
      expect(pupils.map((pupil) => pupil.childId).sort()).toEqual([ourPupil.childId, theirPupil.childId].sort());
      expect((await portalSchool().consultations(ours.actor)).map((entry) => entry.id)).toEqual([theirConsultation.id]);
      // The read in the other council is in its access log, as the SENCo's account there, and audited there.
      expect((await listListAccessBy(db(), other.id, elsewhere.accountId)).map((entry) => entry.view)).toContain('portal:school-pupils');
      await portalSchool().pupil(ours.actor, theirPupil.childId);
      const theirLog = await listAccessFor(db(), other.id, theirPupil.childId);
      expect(theirLog.some((entry) => entry.actorKind === 'portal' && entry.actorId === elsewhere.accountId)).toBe(true);
      const audit = await listAuditEventsFor(db(), other.id, 'portal_account', elsewhere.accountId);
      expect(audit.filter((entry) => entry.action === 'portal.cross-authority-read').length).toBeGreaterThan(0);

      // An answer to the other council's consultation lands in that council, as the account there.
      await portalSchool().answerConsultation(ours.actor, theirConsultation.id, { response: 'can-meet-needs', reasons: '', version: '' });
      const seen = await testApp.services.consultations.consultation(otherOfficer.actor, theirConsultation.id);
      expect(seen.consultation.status).toBe('answered');

      // Someone else at another school in that council sees none of it; nor does a person without the same school.
      expect(await portalSchool().pupils(stranger.actor)).toEqual([]);
      await expect(portalSchool().consultation(stranger.actor, theirConsultation.id)).rejects.toThrow(NotFoundError);
    });

    it('reaches no other council once the account there is disabled or its link ended', async () => {
      const other = await anAuthority(db());
      const otherManager = await anOfficer(testApp, { authorityId: other.id, role: 'team_manager' });
      const otherOfficer = await anOfficer(testApp, { authorityId: other.id });
      const email = anEmail();
      const ours = await aSchoolWithAdmin({ email });
      const elsewhere = await aSchoolWithAdmin({ by: otherManager, school: ours.school, email });
      await aCase(testApp, otherOfficer.actor, { child: { forename: 'Farah', schoolId: ours.school.id } });
      expect(await portalSchool().pupils(ours.actor)).toHaveLength(1);
      await testApp.services.portalAuth.disableAccount(otherManager.actor, elsewhere.accountId);
      expect(await portalSchool().pupils(ours.actor)).toEqual([]);
    });
  });
});
