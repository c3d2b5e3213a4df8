// Portal messages: case events people act on become messages (what happened, what to do and by
// when, and the page), kept in the portal's inbox with read and unread, e-mailed through the
// outbox with nothing sensitive in the e-mail, as each person prefers (a legal notice always);
// and the officer's page of a child's portal messages with what became of each e-mail.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobRunner } from '../../composition.ts';
import { queryRows } from '../../db/database.ts';
import { adjustableClock } from '../../lib/clock.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, aConsultation, anOfficer, aPerson, aSchool, type TestOfficer } from '../../test/factories/index.ts';
import { errorSummaryOf, getPage, postForm, signIn, type CookieJar } from '../../test/http.ts';
import { signedInToPortal } from '../../test/portal.ts';
import { listAccessFor } from '../audit/index.ts';
import { portalMessagesPaths } from './index.ts';

const clock = adjustableClock('2026-11-30T10:00:00Z');
let sequence = 0;

let testApp: TestApp;
let officer: TestOfficer;
let officerJar: CookieJar;

beforeAll(async () => {
  testApp = await createTestApp({ clock });
  officer = await anOfficer(testApp);
  officerJar = await signIn(testApp.app, officer.user.email, officer.password);
});
afterAll(async () => testApp?.close());

const db = () => testApp.database.db;
const app = () => testApp.app;
const runJobs = () => createJobRunner(testApp, testApp.services, { random: () => 0 }).runUntilIdle();

/** A child in assessment with their mother invited to the family portal and signed in. */
const aFamily = async () => {
  const made = await aCase(testApp, officer.actor, { stage: 'assessment', receivedOn: '2026-08-03', child: { forename: 'Amira', surname: 'Haddad' } });
  const email = `mother-${(sequence += 1)}@family.example`;
  const mother = await aPerson(testApp, officer.actor, made.childId, { email, forename: 'Leila', surname: 'Haddad', address: '12 Hidden Road\nDemo City' });
  const { accountId } = await testApp.services.portalAuth.inviteFamilyMember(officer.actor, made.childId, { who: mother.id, email });
  const jar = await signedInToPortal(app(), db(), email);
  return { ...made, email, accountId, jar };
};

const emailsTo = (email: string) =>
  queryRows<{ subject: string; body_text: string }>(db(), sql`SELECT "subject", "body_text" FROM "outbox_message" WHERE "authority_id" = ${testApp.authorityId} AND "recipient_address" = ${email} AND "subject" NOT LIKE 'You have been invited%' ORDER BY "created_at"`);

describe('portal messages from case events', () => {
  it('a draft plan: the family’s message says what to do and by when (SEND Regs 2014 reg. 13(1)(a)), links to the plan, and the e-mail carries no surname, need or address', async () => {
    const family = await aFamily();
    await testApp.services.caseProgress.recordStep(officer.actor, family.caseId, 'draft.issued', '2026-11-30');
    await runJobs();
    // Run again: each event's messages are made once.
    await runJobs();

    const [email, ...more] = await emailsTo(family.email);
    expect(more).toHaveLength(0);
    expect(email!.subject).toBe('The draft EHC plan for Amira is ready');
    expect(email!.body_text).toContain('The draft EHC plan for Amira is ready. Send your comments by 14 December 2026.');
    expect(email!.body_text).toContain(`/portal/children/${family.childId}/plan`);
    expect(email!.body_text).not.toContain('Haddad');
    expect(email!.body_text).not.toContain('Hidden Road');

    const inbox = await getPage(app(), family.jar, portalMessagesPaths.inbox);
    expect(inbox.statusCode).toBe(200);
    expect(inbox.body).toContain('1 message you have not read.');
    const messageId = /\/portal\/messages\/([0-9a-f-]{36})/.exec(inbox.body)![1]!;
    const opened = await getPage(app(), family.jar, portalMessagesPaths.message(messageId));
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toContain(`href="/portal/children/${family.childId}/plan"`);
    expect((await getPage(app(), family.jar, portalMessagesPaths.inbox)).body).toContain('You have read all your messages.');
    expect((await listAccessFor(db(), testApp.authorityId, family.childId)).some((entry) => entry.view === 'portal:message' && entry.actorId === family.accountId)).toBe(true);

    // Another family's account cannot open it.
    const other = await aFamily();
    expect((await getPage(app(), other.jar, portalMessagesPaths.message(messageId))).statusCode).toBe(404);
  });

  it('a request for advice: the advice giver’s message says by when, 6 weeks on (SEND Regs 2014 reg. 8(1)), links to the request, and names no child', async () => {
    const made = await aCase(testApp, officer.actor, { stage: 'assessment', receivedOn: '2026-10-12', child: { forename: 'Yusuf', surname: 'Okafor' } });
    const email = `ep-${(sequence += 1)}@psychology.example`;
    await testApp.services.portalAuth.inviteProfessional(officer.actor, { name: 'Priya Shah', email, organisation: 'EPS', adviceKind: 'psychological' });
    const request = await testApp.services.advice.askForAdvice(officer.actor, made.caseId, {
      kind: 'psychological',
      organisation: 'EPS',
      organisationType: 'this-council',
      channel: 'email',
      address: email,
      sentOn: '2026-11-30',
    });
    await runJobs();
    const mails = (await emailsTo(email)).filter((entry) => entry.subject === 'A new request for advice');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body_text).toContain('Send your advice by 11 January 2027.');
    expect(mails[0]!.body_text).toContain(`/portal/advice/${request.id}`);
    expect(mails[0]!.body_text).not.toContain('Yusuf');
    expect(mails[0]!.body_text).not.toContain('Okafor');
  });

  it('a review meeting arranged: the school’s accounts are asked for advice 2 weeks before it (SEND Regs 2014 reg. 20(4)), with the link to their reviews', async () => {
    const manager = await anOfficer(testApp, { role: 'team_manager' });
    const school = await aSchool(db(), { name: `Oak Tree Primary ${(sequence += 1)}` });
    const email = `senco-${(sequence += 1)}@school.example`;
    await testApp.services.portalAuth.inviteSchoolAdministrator(manager.actor, { urn: String(school.urn), name: 'Helen Price', email });
    const planned = await aCase(testApp, officer.actor, { stage: 'plan', receivedOn: '2025-09-05', stepDates: { 'plan.issued': '2026-01-10' }, child: { forename: 'Amira', surname: 'Haddad', schoolId: school.id } });
    await aPerson(testApp, officer.actor, planned.childId, { mainContact: true });
    await testApp.services.reviews.arrange(officer.actor, planned.caseId, { meetingOn: '2026-12-21', headTeacherHolds: true });
    await runJobs();
    const mails = (await emailsTo(email)).filter((entry) => entry.subject.startsWith('An annual review meeting'));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body_text).toContain('The annual review meeting for Amira is on 21 December 2026. Send your advice and information for it by 7 December 2026.');
    expect(mails[0]!.body_text).toContain('/portal/school/reviews');
    expect(mails[0]!.body_text).not.toContain('Haddad');
  });

  it('a school consulted about being named: its accounts are asked to answer by the consultation’s due date (SEND Code of Practice para. 9.83), with the link to the consultation', async () => {
    const manager = await anOfficer(testApp, { role: 'team_manager' });
    const school = await aSchool(db(), { name: `Riverside Primary ${(sequence += 1)}` });
    const email = `head-${(sequence += 1)}@school.example`;
    await testApp.services.portalAuth.inviteSchoolAdministrator(manager.actor, { urn: String(school.urn), name: 'Helen Price', email });
    const drafted = await aCase(testApp, officer.actor, { stage: 'draft', receivedOn: '2026-06-01', child: { forename: 'Amira', surname: 'Haddad' } });
    const consultation = await aConsultation(testApp, officer.actor, drafted.caseId, { school });
    await runJobs();
    const mails = (await emailsTo(email)).filter((entry) => entry.subject.startsWith('A consultation'));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body_text).toContain('The council is consulting your school about naming it in Amira’s EHC plan. Send your answer by 15 December 2026.');
    expect(mails[0]!.body_text).toContain(`/portal/school/consultations/${consultation.id}`);
    expect(mails[0]!.body_text).not.toContain('Haddad');
  });

  it('keeps messages only in the portal for a person who chose so, but e-mails a final plan, a legal notice, whatever they chose', async () => {
    const family = await aFamily();
    const refused = await postForm(app(), family.jar, portalMessagesPaths.preferences, { delivery: 'carrier-pigeon' }, { csrfFrom: portalMessagesPaths.preferences });
    expect(refused.statusCode).toBe(400);
    expect(errorSummaryOf(refused.body)).toEqual([{ href: '#delivery', text: 'Choose how you want to get your messages' }]);
    expect(await queryRows(db(), sql`SELECT 1 FROM "portal_message_preference" WHERE "authority_id" = ${testApp.authorityId} AND "account_id" = ${family.accountId}`)).toHaveLength(0);
    const saved = await postForm(app(), family.jar, portalMessagesPaths.preferences, { delivery: 'portal' }, { csrfFrom: portalMessagesPaths.preferences });
    expect(saved.headers.location).toBe(portalMessagesPaths.preferencesSaved);
    expect((await getPage(app(), family.jar, portalMessagesPaths.preferences)).body).toContain('A notice the law says we must give you, such as a final EHC plan, is always e-mailed');

    await testApp.services.caseProgress.recordStep(officer.actor, family.caseId, 'draft.issued', '2026-11-02');
    await runJobs();
    expect(await emailsTo(family.email)).toHaveLength(0);
    await testApp.services.caseProgress.recordStep(officer.actor, family.caseId, 'plan.issued', '2026-11-30');
    await runJobs();
    expect((await emailsTo(family.email)).map((entry) => entry.subject)).toEqual(['The final EHC plan for Amira has been issued']);
    const inbox = await getPage(app(), family.jar, portalMessagesPaths.inbox);
    expect(inbox.body).toContain('The draft EHC plan for Amira is ready');
    expect(inbox.body).toContain('The final EHC plan for Amira has been issued');
  });

  it('shows the officer, from the child’s record, each message and what became of its e-mail: failed and being tried again, then could not be sent', async () => {
    const family = await aFamily();
    await testApp.services.caseProgress.recordStep(officer.actor, family.caseId, 'draft.issued', '2026-11-02');
    // The e-mail's first try fails: its job waits to try again.
    await createJobRunner(testApp, testApp.services, { random: () => 0 }).runOnce();
    await runJobs();
    const [message] = await queryRows<{ outbox_message_id: string }>(db(), sql`SELECT "outbox_message_id" FROM "portal_message" WHERE "authority_id" = ${testApp.authorityId} AND "account_id" = ${family.accountId}`);
    await queryRows(
      db(),
      sql`UPDATE "outbox_message" SET "status" = 'queued' WHERE "authority_id" = ${testApp.authorityId} AND "id" = ${message!.outbox_message_id}`,
    );
    await queryRows(
      db(),
      sql`UPDATE "job" SET "status" = 'queued', "attempts" = 1, "last_error" = 'Notify answered 500' WHERE "authority_id" = ${testApp.authorityId} AND "id" = (SELECT "job_id" FROM "outbox_message" WHERE "authority_id" = ${testApp.authorityId} AND "id" = ${message!.outbox_message_id})`,
    );
    const record = await getPage(app(), officerJar, `/children/${family.childId}`);
    expect(record.body).toContain(portalMessagesPaths.childMessages(family.childId));
    let page = await getPage(app(), officerJar, portalMessagesPaths.childMessages(family.childId));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('The draft EHC plan for Amira is ready');
    expect(page.body).toContain('E-mail failed: being tried again');

    await queryRows(
      db(),
      sql`UPDATE "job" SET "status" = 'dead' WHERE "authority_id" = ${testApp.authorityId} AND "id" = (SELECT "job_id" FROM "outbox_message" WHERE "authority_id" = ${testApp.authorityId} AND "id" = ${message!.outbox_message_id})`,
    );
    page = await getPage(app(), officerJar, portalMessagesPaths.childMessages(family.childId));
    expect(page.body).toContain('E-mail could not be sent');
    expect((await listAccessFor(db(), testApp.authorityId, family.childId)).some((entry) => entry.view === 'portal-messages' && entry.actorId === officer.user.id)).toBe(true);
  });
});
