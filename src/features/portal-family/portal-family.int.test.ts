import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { addDays, type IsoDate } from '../../domain/calendar/index.ts';
import { adjustableClock } from '../../lib/clock.ts';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, aPerson, aPlan, aSchool, anOfficer, type TestOfficer } from '../../test/factories/index.ts';
import { csrfTokenIn, errorSummaryOf, getPage, postForm, signIn } from '../../test/http.ts';
import { aFamilyActor, signedInToPortal } from '../../test/portal.ts';
import { listAccessFor, listAuditEventsFor } from '../audit/index.ts';
import type { PortalActor } from '../auth/index.ts';
import { consultationsPaths } from '../consultations/index.ts';
import { portalFamilyPaths } from './index.ts';

const clock = adjustableClock('2026-11-30T10:00:00Z');
const today = '2026-11-30' as IsoDate;
let sequence = 0;
const anEmail = () => `family-${(sequence += 1)}@portal.example`;

describe('the family portal', () => {
  let testApp: TestApp;
  let app: FastifyInstance;
  let officer: TestOfficer;

  beforeAll(async () => {
    testApp = await createTestApp({ clock });
    app = testApp.app;
    officer = await anOfficer(testApp);
  });
  afterAll(async () => testApp.close());

  const db = () => testApp.database.db;


  /** Signs in from the invitation's link as a browser does. */
  const signedInJar = (email: string) => signedInToPortal(app, db(), email);

  const actorOf = (accountId: string, email: string): PortalActor => aFamilyActor(testApp.authorityId, accountId, email);

  /** A child whose draft plan was issued on the day given, and a parent invited to the portal for them. */
  const aFamilyWithADraft = async (options: { draftIssuedOn?: string; person?: Parameters<typeof aPerson>[3]; child?: Record<string, unknown> } = {}) => {
    const made = await aPlan(testApp, officer.actor, { draftIssuedOn: options.draftIssuedOn ?? addDays(today, -3), child: { forename: 'Noor', ...options.child } });
    const email = anEmail();
    const parent = await aPerson(testApp, officer.actor, made.childId, { email, ...options.person });
    const invited = await testApp.services.portalAuth.inviteFamilyMember(officer.actor, made.childId, { who: parent.id, email });
    return { ...made, email, accountId: invited.accountId, actor: actorOf(invited.accountId, email) };
  };

  const representationsOf = async (caseId: string) =>
    queryRows<{ kind: string; section: string | null; words: string; late: boolean; recorded_by: string }>(
      db(),
      sql`SELECT "kind", "section", "words", "late", "recorded_by" FROM "draft_representation" WHERE "authority_id" = ${testApp.authorityId} AND "case_id" = ${caseId} ORDER BY "recorded_at"`,
    );

  describe('the child’s case page', () => {
    it('says the stage, what happens next with the day the law sets, the named officer and how to reach them, the plan and the letters sent, and logs the view', async () => {
      const family = await aFamilyWithADraft();
      const jar = await signedInJar(family.email);
      const response = await getPage(app, jar, portalFamilyPaths.child(family.childId));
      expect(response.statusCode).toBe(200);
      const html = response.body;
      expect(html).toContain('Noor’s SEND case');
      expect(html).toContain('We have written a draft plan. We want to know what you think of it.');
      // The family's 15 days, day 1 the day the draft was issued (SEND Regs 2014 reg. 13(1)(a)).
      expect(html).toContain('You can comment on the draft plan and tell us which school you want.');
      expect(html).toContain('You have until 11 December 2026.');
      // The final plan's 20 weeks from the request (reg. 13(2)).
      expect(html).toMatch(/We send you the final plan\.[\s\S]*The law says this must happen by/);
      expect(html).toContain(`Your case officer is ${officer.user.name}.`);
      expect(html).toContain(`mailto:${officer.user.email}`);
      expect(html).toContain('Read the draft plan');
      expect(html).toMatch(/Letters we sent you[\s\S]*href="\/portal\/children\/[^"]+\/letters\/[^"]+"/);
      const views = (await listAccessFor(db(), testApp.authorityId, family.childId)).filter((entry) => entry.actorKind === 'portal');
      expect(views.map((entry) => entry.view)).toContain('portal:case');
      expect(views.every((entry) => entry.actorId === family.accountId)).toBe(true);
    });

    it('shows the address the council writes to, but never for a restricted record, where the officer is still named', async () => {
      const open = await aFamilyWithADraft({ person: { address: '12 Open Street', postcode: 'B2 2BB' } });
      const openPage = await getPage(app, await signedInJar(open.email), portalFamilyPaths.child(open.childId));
      expect(openPage.body).toContain('12 Open Street');

      const restricted = await aFamilyWithADraft({ person: { address: '7 Hidden Lane', postcode: 'B9 9ZZ' } });
      await queryRows(db(), sql`UPDATE "child" SET "sensitive" = true WHERE "authority_id" = ${testApp.authorityId} AND "id" = ${restricted.childId}`);
      const page = await getPage(app, await signedInJar(restricted.email), portalFamilyPaths.child(restricted.childId));
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`Your case officer is ${officer.user.name}.`);
      expect(page.body).not.toContain('7 Hidden Lane');
      expect(page.body).not.toContain('B9 9ZZ');
      expect(page.body).not.toContain('The address we write to');

      const undisclosed = await aFamilyWithADraft({ person: { address: '3 Quiet Road', doNotDiscloseAddress: true } });
      const quiet = await getPage(app, await signedInJar(undisclosed.email), portalFamilyPaths.child(undisclosed.childId));
      expect(quiet.body).not.toContain('3 Quiet Road');
    });

    it('shows the page in Urdu, right to left, with lang and dir set, when the family chose it', async () => {
      const family = await aFamilyWithADraft();
      const jar = await signedInJar(family.email);
      await getPage(app, jar, `/portal/language?to=ur&back=${encodeURIComponent(portalFamilyPaths.child(family.childId))}`);
      const page = await getPage(app, jar, portalFamilyPaths.child(family.childId));
      expect(page.statusCode).toBe(200);
      expect(page.body).toMatch(/<html[^>]*lang="ur"[^>]*dir="rtl"|<html[^>]*dir="rtl"[^>]*lang="ur"/);
      expect(page.body).toContain('آگے کیا ہو گا');
    });
  });

  describe('isolation: one family never sees another’s child', () => {
    it('refuses another family’s child at the service, with the same answer as a child that does not exist', async () => {
      const mine = await aFamilyWithADraft();
      const theirs = await aFamilyWithADraft();
      const portal = testApp.services.portalFamily;
      await expect(portal.caseView(mine.actor, theirs.childId)).rejects.toThrow(NotFoundError);
      await expect(portal.caseView(mine.actor, '01890000-0000-7000-8000-000000000000')).rejects.toThrow(NotFoundError);
      await expect(portal.plan(mine.actor, theirs.childId)).rejects.toThrow(NotFoundError);
      await expect(portal.comment(mine.actor, theirs.childId, { section: 'B', words: 'Not mine' })).rejects.toThrow(NotFoundError);
      // A school's or advice giver's account is not a family's.
      await expect(portal.caseView({ ...mine.actor, portalKind: 'school' }, mine.childId)).rejects.toThrow(NotFoundError);
      expect(await representationsOf(theirs.caseId)).toEqual([]);
      expect((await listAccessFor(db(), testApp.authorityId, theirs.childId)).some((entry) => entry.actorId === mine.accountId)).toBe(false);
    });

    it('answers 404 to a changed id in the page’s address, the plan’s files and a letter, and saves nothing from a form naming another child', async () => {
      const mine = await aFamilyWithADraft();
      const theirs = await aFamilyWithADraft();
      const jar = await signedInJar(mine.email);
      for (const path of [
        portalFamilyPaths.child(theirs.childId),
        portalFamilyPaths.plan(theirs.childId),
        portalFamilyPaths.planPdf(theirs.childId),
        portalFamilyPaths.planDocx(theirs.childId),
        portalFamilyPaths.comment(theirs.childId),
        portalFamilyPaths.child('not-an-id'),
      ]) {
        const response = await getPage(app, jar, path);
        expect({ path, status: response.statusCode }).toEqual({ path, status: 404 });
        expect(response.body).not.toContain('Noor');
      }
      // Their letter, asked for under my child's id.
      const [letter] = await queryRows<{ id: string }>(db(), sql`SELECT "id" FROM "letter" WHERE "authority_id" = ${testApp.authorityId} AND "case_id" = ${theirs.caseId} LIMIT 1`);
      expect((await getPage(app, jar, portalFamilyPaths.letter(mine.childId, letter!.id))).statusCode).toBe(404);

      const form = await getPage(app, jar, portalFamilyPaths.comment(mine.childId));
      const csrf = csrfTokenIn(form.body);
      const posted = await postForm(app, jar, portalFamilyPaths.comment(theirs.childId), { _csrf: csrf, section: 'B', words: 'Forged' });
      expect(posted.statusCode).toBe(404);
      // A forged field naming their child on my form: the child is the page's, never a field's.
      const forged = await postForm(app, jar, portalFamilyPaths.comment(mine.childId), { _csrf: csrf, section: 'B', words: 'About my child', childId: theirs.childId, caseId: theirs.caseId });
      expect(forged.statusCode).toBe(303);
      expect(await representationsOf(theirs.caseId)).toEqual([]);
      expect((await representationsOf(mine.caseId)).map((row) => row.words)).toEqual(['About my child']);
    });

    it('gives a portal session nothing from the API, nor from staff pages', async () => {
      const family = await aFamilyWithADraft();
      const jar = await signedInJar(family.email);
      const api = await getPage(app, jar, `/api/v1/plans/${family.planId}`);
      expect(api.statusCode).toBe(401);
      expect(api.headers['content-type']).toContain('application/problem+json');
      expect(api.body).not.toContain('Noor');
      const letters = await getPage(app, jar, `/api/v1/cases/${family.caseId}/letters`);
      expect(letters.statusCode).toBe(401);
      const staff = await getPage(app, jar, `/children/${family.childId}`);
      expect(staff.statusCode).not.toBe(200);
      expect(staff.body).not.toContain('Noor');
    });

    it('refuses a link that has ended', async () => {
      const family = await aFamilyWithADraft();
      await queryRows(db(), sql`UPDATE "portal_family_link" SET "ended_at" = now() WHERE "authority_id" = ${testApp.authorityId} AND "account_id" = ${family.accountId}`);
      await expect(testApp.services.portalFamily.caseView(family.actor, family.childId)).rejects.toThrow(NotFoundError);
    });
  });

  describe('the plan', () => {
    it('shows the draft as issued, as a page, a PDF and a Word document, each a logged view', async () => {
      const family = await aFamilyWithADraft();
      const jar = await signedInJar(family.email);
      const page = await getPage(app, jar, portalFamilyPaths.plan(family.childId));
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('This is the draft plan, sent on 27 November 2026.');
      expect(page.body).toContain('You can comment on each part of the draft plan until 11 December 2026.');
      const pdf = await getPage(app, jar, portalFamilyPaths.planPdf(family.childId));
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      const docx = await getPage(app, jar, portalFamilyPaths.planDocx(family.childId));
      expect(docx.statusCode).toBe(200);
      expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
      const views = (await listAccessFor(db(), testApp.authorityId, family.childId)).filter((entry) => entry.actorKind === 'portal').map((entry) => entry.view);
      expect(views).toEqual(expect.arrayContaining(['portal:plan', 'portal:plan-pdf', 'portal:plan-docx']));
    });

    it('never shows a version still being written', async () => {
      const made = await aPlan(testApp, officer.actor, {});
      const email = anEmail();
      const parent = await aPerson(testApp, officer.actor, made.childId, { email });
      const invited = await testApp.services.portalAuth.inviteFamilyMember(officer.actor, made.childId, { who: parent.id, email });
      const found = await testApp.services.portalFamily.plan(actorOf(invited.accountId, email), made.childId);
      expect(found.version).toBeNull();
    });
  });

  describe('comments on the draft plan (SEND Regs 2014 reg. 13(1)(a))', () => {
    it('keeps a comment on a section within the 15 days where the officer reads the family’s response, not late', async () => {
      const family = await aFamilyWithADraft();
      const jar = await signedInJar(family.email);
      const response = await postForm(app, jar, portalFamilyPaths.comment(family.childId), { section: 'F', words: 'Please say how often therapy happens.' }, { csrfFrom: portalFamilyPaths.comment(family.childId, 'F') });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe(portalFamilyPaths.commentSent(family.childId, false));
      expect(await representationsOf(family.caseId)).toEqual([{ kind: 'comment', section: 'F', words: 'Please say how often therapy happens.', late: false, recorded_by: `portal:${family.accountId}` }]);
      const audit = await queryRows<{ action: string }>(
        db(),
        sql`SELECT "action" FROM "audit_event" WHERE "authority_id" = ${testApp.authorityId} AND "actor_id" = ${family.accountId} AND "action" = 'draft.representation-received'`,
      );
      expect(audit).toHaveLength(1);

      const staffJar = await signIn(app, officer.user.email, officer.password);
      const staffPage = await getPage(app, staffJar, consultationsPaths.caseConsultations(family.caseId));
      expect(staffPage.statusCode).toBe(200);
      expect(staffPage.body).toContain('Please say how often therapy happens.');
      expect(staffPage.body).toContain('sent through the family portal by');
    });

    it('accepts a comment after the 15 days, marked late, and e-mails the case officer (reg. 13(1)(a))', async () => {
      const family = await aFamilyWithADraft({ draftIssuedOn: addDays(today, -20) });
      const jar = await signedInJar(family.email);
      const form = await getPage(app, jar, portalFamilyPaths.comment(family.childId));
      expect(form.body).toContain('The time to comment ended on');
      const response = await postForm(app, jar, portalFamilyPaths.comment(family.childId), { _csrf: csrfTokenIn(form.body), section: 'whole', words: 'Sorry this is late.' });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe(portalFamilyPaths.commentSent(family.childId, true));
      expect((await representationsOf(family.caseId))[0]).toMatchObject({ late: true });
      const told = await queryRows<{ subject: string; body_text: string }>(
        db(),
        sql`SELECT "subject", "body_text" FROM "outbox_message" WHERE "authority_id" = ${testApp.authorityId} AND "recipient_address" = ${officer.user.email} AND "case_id" = ${family.caseId}`,
      );
      expect(told).toHaveLength(1);
      expect(told[0]!.subject).toContain('Late response to a draft plan');
      // The family's words stay in the service, never in an e-mail.
      expect(told[0]!.body_text).not.toContain('Sorry this is late.');
      const staffJar = await signIn(app, officer.user.email, officer.password);
      expect((await getPage(app, staffJar, consultationsPaths.caseConsultations(family.caseId))).body).toMatch(/Sorry this is late\.[\s\S]*Late/);
    });

    it('shows the form again with the GOV.UK error summary, saving nothing, without a section, without words, or with too many', async () => {
      const family = await aFamilyWithADraft();
      const jar = await signedInJar(family.email);
      const path = portalFamilyPaths.comment(family.childId);
      const empty = await postForm(app, jar, path, { section: '', words: '  ' }, { csrfFrom: path });
      expect(empty.statusCode).toBe(400);
      expect(errorSummaryOf(empty.body)).toEqual([
        { href: '#section', text: 'Choose the part of the plan your comment is about' },
        { href: '#words', text: 'Write your comment' },
      ]);
      const long = await postForm(app, jar, path, { section: 'B', words: 'x'.repeat(5001) }, { csrfFrom: path });
      expect(long.statusCode).toBe(400);
      expect(errorSummaryOf(long.body)).toEqual([{ href: '#words', text: 'Your words must be 5,000 characters or fewer' }]);
      const invented = await postForm(app, jar, path, { section: 'Z', words: 'A comment' }, { csrfFrom: path });
      expect(invented.statusCode).toBe(400);
      expect(await representationsOf(family.caseId)).toEqual([]);
    });

    it('says the errors in Urdu when the family reads in Urdu', async () => {
      const family = await aFamilyWithADraft();
      const jar = await signedInJar(family.email);
      await getPage(app, jar, '/portal/language?to=ur&back=/portal');
      const path = portalFamilyPaths.comment(family.childId);
      const empty = await postForm(app, jar, path, { section: 'B', words: '' }, { csrfFrom: path });
      expect(empty.statusCode).toBe(400);
      expect(errorSummaryOf(empty.body)).toEqual([{ href: '#words', text: 'اپنی رائے لکھیں' }]);
    });

    it('refuses a form without its CSRF token', async () => {
      const family = await aFamilyWithADraft();
      const jar = await signedInJar(family.email);
      const response = await postForm(app, jar, portalFamilyPaths.comment(family.childId), { section: 'B', words: 'No token' });
      expect(response.statusCode).toBe(403);
      expect(await representationsOf(family.caseId)).toEqual([]);
    });

    it('keeps the school the family asks to be named, with their reasons (CFA 2014 s.38(2)(b)), and refuses a URN that is not an open school', async () => {
      const family = await aFamilyWithADraft();
      const school = await aSchool(db(), { name: 'Hill Top Primary' });
      const jar = await signedInJar(family.email);
      const path = portalFamilyPaths.school(family.childId);
      const unknown = await postForm(app, jar, path, { urn: '99999999', words: 'Near home' }, { csrfFrom: path });
      expect(unknown.statusCode).toBe(400);
      expect(errorSummaryOf(unknown.body)).toEqual([{ href: '#urn', text: 'We cannot find an open school with that URN. Check the number' }]);
      const response = await postForm(app, jar, path, { urn: String(school.urn), words: 'Her brother goes there.' }, { csrfFrom: path });
      expect(response.statusCode).toBe(303);
      expect(await representationsOf(family.caseId)).toEqual([{ kind: 'school-preference', section: null, words: 'Her brother goes there.', late: false, recorded_by: `portal:${family.accountId}` }]);
    });

    it('says there is no draft to comment on once the final plan is issued or before a draft is', async () => {
      const made = await aPlan(testApp, officer.actor, {});
      const email = anEmail();
      const parent = await aPerson(testApp, officer.actor, made.childId, { email });
      const invited = await testApp.services.portalAuth.inviteFamilyMember(officer.actor, made.childId, { who: parent.id, email });
      await expect(testApp.services.portalFamily.comment(actorOf(invited.accountId, email), made.childId, { section: 'B', words: 'Early' })).rejects.toThrow('portal-family.errors.noDraft');
    });
  });

  describe('an enquiry or a complaint', () => {
    const contactsOf = async (childId: string) =>
      queryRows<{ kind: string; channel: string; source: string; owner_id: string; summary: string; stage: string | null; due_on: string; created_by: string }>(
        db(),
        sql`SELECT "kind", "channel", "source", "owner_id", "summary", "stage", "due_on"::text AS "due_on", "created_by" FROM "contact" WHERE "authority_id" = ${testApp.authorityId} AND "child_id" = ${childId}`,
      );

    it('goes to the case’s officer in the contacts register, a complaint at stage 1 with its time to answer, and the family is given its reference', async () => {
      const family = await aFamilyWithADraft();
      const jar = await signedInJar(family.email);
      const path = portalFamilyPaths.contact(family.childId);
      const response = await postForm(app, jar, path, { kind: 'complaint', words: 'Nobody has answered my e-mails for three weeks.' }, { csrfFrom: path });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toMatch(/\?sent=CT-2026-\d{6}$/);
      const [contact] = await contactsOf(family.childId);
      expect(contact).toMatchObject({ kind: 'complaint', channel: 'portal', source: 'family', owner_id: officer.user.id, summary: 'Nobody has answered my e-mails for three weeks.', stage: 'stage-1', created_by: `portal:${family.accountId}` });
      expect(contact!.due_on > today).toBe(true);
      const page = await getPage(app, jar, response.headers.location as string);
      expect(page.body).toMatch(/We have your message\. Its reference is CT-2026-\d{6}\./);
    });

    it('shows the form again with the error summary, saving nothing, without a choice or a message, and refuses another family’s child', async () => {
      const family = await aFamilyWithADraft();
      const theirs = await aFamilyWithADraft();
      const jar = await signedInJar(family.email);
      const path = portalFamilyPaths.contact(family.childId);
      const empty = await postForm(app, jar, path, { kind: 'refund', words: '' }, { csrfFrom: path });
      expect(empty.statusCode).toBe(400);
      expect(errorSummaryOf(empty.body)).toEqual([
        { href: '#kind', text: 'Choose if you want to ask a question or make a complaint' },
        { href: '#words', text: 'Write your message' },
      ]);
      const forged = await postForm(app, jar, portalFamilyPaths.contact(theirs.childId), { kind: 'enquiry', words: 'Hello', _csrf: csrfTokenIn(empty.body) });
      expect(forged.statusCode).toBe(404);
      expect(await contactsOf(family.childId)).toEqual([]);
      expect(await contactsOf(theirs.childId)).toEqual([]);
    });
  });

  describe('a young person, over compulsory school age (CFA 2014 s.83(2))', () => {
    /** A young person of 17, past Year 11, with their own account, and their mother invited too. */
    const aYoungPerson = async () => {
      const made = await aCase(testApp, officer.actor, { child: { forename: 'Zara', dateOfBirth: '2009-05-01' } });
      const parentEmail = anEmail();
      const parent = await aPerson(testApp, officer.actor, made.childId, { email: parentEmail });
      const parentAccount = await testApp.services.portalAuth.inviteFamilyMember(officer.actor, made.childId, { who: parent.id, email: parentEmail });
      const ownEmail = anEmail();
      const own = await testApp.services.portalAuth.inviteFamilyMember(officer.actor, made.childId, { who: 'young-person', name: 'Zara Young', email: ownEmail });
      return { ...made, parentEmail, parent: actorOf(parentAccount.accountId, parentEmail), ownEmail, own: actorOf(own.accountId, ownEmail) };
    };

    it('decides whether their parents see the case: none until they choose, and their choice is recorded with who and when (CFA 2014 s.67)', async () => {
      const young = await aYoungPerson();
      const parentJar = await signedInJar(young.parentEmail);
      const refused = await getPage(app, parentJar, portalFamilyPaths.child(young.childId));
      expect(refused.statusCode).toBe(403);
      expect(refused.body).toContain('Zara decides who sees their case');
      expect(refused.body).not.toContain('Your case officer');

      const ownJar = await signedInJar(young.ownEmail);
      const own = await getPage(app, ownJar, portalFamilyPaths.child(young.childId));
      expect(own.statusCode).toBe(200);
      expect(own.body).toContain('At the moment they cannot.');
      const path = portalFamilyPaths.sharing(young.childId);
      const missing = await postForm(app, ownJar, path, {}, { csrfFrom: path });
      expect(missing.statusCode).toBe(400);
      expect(errorSummaryOf(missing.body)).toEqual([{ href: '#share', text: 'Choose if your parents and carers can see your case' }]);
      const chosen = await postForm(app, ownJar, path, { share: 'yes' }, { csrfFrom: path });
      expect(chosen.statusCode).toBe(303);
      expect((await getPage(app, parentJar, portalFamilyPaths.child(young.childId))).statusCode).toBe(200);

      const [choice] = await queryRows<{ share_with_family: boolean; recorded_by: string; recorded_at: Date }>(
        db(),
        sql`SELECT "share_with_family", "recorded_by", "recorded_at" FROM "portal_young_person_choice" WHERE "authority_id" = ${testApp.authorityId} AND "child_id" = ${young.childId}`,
      );
      expect(choice).toMatchObject({ share_with_family: true, recorded_by: `portal:${young.own.accountId}` });
      const audit = await listAuditEventsFor(db(), testApp.authorityId, 'child', young.childId);
      expect(audit.map((entry) => entry.action)).toContain('portal.young-person-choice');

      await postForm(app, ownJar, path, { share: 'no' }, { csrfFrom: path });
      expect((await getPage(app, parentJar, portalFamilyPaths.child(young.childId))).statusCode).toBe(403);
    });

    it('is the only one who may make the choice: a parent is refused the page and the form, and nothing is saved', async () => {
      const young = await aYoungPerson();
      await testApp.services.portalFamily.chooseSharing(young.own, young.childId, { share: 'yes' });
      await expect(testApp.services.portalFamily.chooseSharing(young.parent, young.childId, { share: 'no' })).rejects.toThrow('portal-family.errors.notYoungPerson');
      await expect(testApp.services.portalFamily.chooseSharing(young.own, young.childId, { share: 'maybe' })).rejects.toThrow(ValidationError);
      const rows = await queryRows<{ total: number }>(db(), sql`SELECT count(*)::int AS "total" FROM "portal_young_person_choice" WHERE "authority_id" = ${testApp.authorityId} AND "child_id" = ${young.childId}`);
      expect(rows[0]!.total).toBe(1);
      const parentJar = await signedInJar(young.parentEmail);
      expect((await getPage(app, parentJar, portalFamilyPaths.sharing(young.childId))).statusCode).toBe(403);
    });
  });
});
