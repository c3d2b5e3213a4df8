import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import type { CaseStage } from '../../domain/children/stages.ts';
import { adjustableClock } from '../../lib/clock.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, aPerson, anOfficer, type TestOfficer } from '../../test/factories/index.ts';
import { aPdf, aPng, multipartBody, type MultipartFile } from '../../test/files.ts';
import { csrfTokenIn, errorSummaryOf, getPage, postForm, signIn, type CookieJar } from '../../test/http.ts';
import { aFamilyActor, signedInToPortal } from '../../test/portal.ts';
import { listAccessFor, listAuditEventsFor } from '../audit/index.ts';
import type { PortalActor } from '../auth/index.ts';
import { childrenPaths } from '../children/index.ts';
import { MAX_DOCUMENT_BYTES } from '../documents/index.ts';
import { portalFamilyPaths } from './index.ts';

// The family's views for section A of the plan (SEND Regs 2014 reg. 12(1)(a); CFA 2014 s.19), and
// the documents a family sends, through the family portal: kept, shown to the officer on the
// child's record, and never reaching another family's child.

const clock = adjustableClock('2026-11-30T10:00:00Z');
let sequence = 0;
const anEmail = () => `views-${(sequence += 1)}@portal.example`;

describe('the family’s views and documents through the portal', () => {
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

  const actorOf = (accountId: string, email: string, name = 'Amina Khan'): PortalActor => aFamilyActor(testApp.authorityId, accountId, email, name);

  /** A child with a case at the stage given, allocated to the officer, and a parent invited to the portal. */
  const aFamily = async (stage: CaseStage = 'assessment', child: Record<string, unknown> = {}) => {
    const made = await aCase(testApp, officer.actor, { stage, child: { forename: 'Noor', ...child } });
    const email = anEmail();
    const parent = await aPerson(testApp, officer.actor, made.childId, { email, forename: 'Amina', surname: 'Khan' });
    const invited = await testApp.services.portalAuth.inviteFamilyMember(officer.actor, made.childId, { who: parent.id, email });
    return { ...made, email, accountId: invited.accountId, actor: actorOf(invited.accountId, email) };
  };

  const viewsOf = async (childId: string) =>
    queryRows<{ what_matters: string | null; good_at: string | null; family_views: string | null; account_id: string; sender_relationship: string; case_id: string }>(
      db(),
      sql`SELECT "what_matters", "good_at", "family_views", "account_id", "sender_relationship", "case_id" FROM "portal_family_views"
          WHERE "authority_id" = ${testApp.authorityId} AND "child_id" = ${childId} ORDER BY "sent_at", "id"`,
    );

  const documentsOf = async (caseId: string) =>
    queryRows<{ id: string; title: string; uploaded_by: string }>(db(), sql`SELECT "id", "title", "uploaded_by" FROM "document" WHERE "authority_id" = ${testApp.authorityId} AND "case_id" = ${caseId} AND "kind" = 'upload'`);

  const toOfficer = async (caseId: string) =>
    queryRows<{ subject: string; body_text: string }>(
      db(),
      sql`SELECT "subject", "body_text" FROM "outbox_message" WHERE "authority_id" = ${testApp.authorityId} AND "recipient_address" = ${officer.user.email} AND "case_id" = ${caseId} ORDER BY "created_at"`,
    );

  /** Sends the document form as the family's browser, with any extra (forged) fields. */
  const sendDocument = async (jar: CookieJar, childId: string, fields: Record<string, string>, file?: MultipartFile, csrfChildId = childId) => {
    const form = await getPage(app, jar, portalFamilyPaths.documents(csrfChildId));
    const body = multipartBody({ _csrf: csrfTokenIn(form.body), ...fields }, file);
    const url = portalFamilyPaths.documents(childId);
    const response = await app.inject({ method: 'POST', url, headers: { cookie: jar.header(), 'content-type': body.contentType }, payload: body.payload });
    jar.store(response);
    return response;
  };

  describe('views for section A of the plan (SEND Regs 2014 reg. 12(1)(a))', () => {
    it('keeps each sending with who sent it and when, records the case event, audits it, e-mails the officer where to read it, and logs the form’s view', async () => {
      const family = await aFamily();
      const jar = await signedInToPortal(app, db(), family.email);
      const path = portalFamilyPaths.views(family.childId);
      const form = await getPage(app, jar, path);
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('What matters to Noor?');
      expect(form.body).toContain('Your own views as Noor’s parent or carer');

      const first = await postForm(app, jar, path, { _csrf: csrfTokenIn(form.body), whatMatters: 'Her cat and her gran.', goodAt: 'Drawing', familyViews: 'She needs quiet places.' });
      expect(first.statusCode).toBe(303);
      expect(first.headers.location).toBe(portalFamilyPaths.viewsSent(family.childId));
      const second = await postForm(app, jar, path, { whatMatters: 'Swimming now too.' }, { csrfFrom: path });
      expect(second.statusCode).toBe(303);

      const rows = await viewsOf(family.childId);
      expect(rows.map((row) => row.what_matters)).toEqual(['Her cat and her gran.', 'Swimming now too.']);
      expect(rows[0]).toMatchObject({ good_at: 'Drawing', family_views: 'She needs quiet places.', account_id: family.accountId, case_id: family.caseId });

      const events = await queryRows<{ type: string; actor_kind: string }>(
        db(),
        sql`SELECT "type", "actor_kind" FROM "case_event" WHERE "authority_id" = ${testApp.authorityId} AND "case_id" = ${family.caseId} AND "type" = 'views.received'`,
      );
      expect(events).toEqual([
        { type: 'views.received', actor_kind: 'portal' },
        { type: 'views.received', actor_kind: 'portal' },
      ]);
      const audit = await listAuditEventsFor(db(), testApp.authorityId, 'child', family.childId);
      expect(audit.filter((entry) => entry.action === 'portal.views-sent')).toHaveLength(2);
      const views = (await listAccessFor(db(), testApp.authorityId, family.childId)).filter((entry) => entry.actorId === family.accountId);
      expect(views.map((entry) => entry.view)).toContain('portal:views-form');

      const told = await toOfficer(family.caseId);
      expect(told).toHaveLength(2);
      expect(told[0]!.body_text).toContain(`${childrenPaths.record(family.childId)}#family-views`);
      // The family's words stay in the service, never in an e-mail.
      expect(told[0]!.body_text).not.toContain('Her cat');

      // The family see both sendings on the case page.
      const casePage = await getPage(app, jar, first.headers.location as string);
      expect(casePage.body).toContain('Thank you. We have your views.');
      expect(casePage.body).toMatch(/Swimming now too\.[\s\S]*Her cat and her gran\./);

      // The officer reads them on the child's record, newest first, with who sent them.
      const staffJar = await signIn(app, officer.user.email, officer.password);
      const record = await getPage(app, staffJar, childrenPaths.record(family.childId));
      expect(record.body).toContain('Views sent by the family through the portal');
      expect(record.body).toMatch(/Swimming now too\.[\s\S]*Sent by <span dir="auto">Amina Khan<\/span> on 30 November 2026[\s\S]*Her cat and her gran\.[\s\S]*She needs quiet places\./);
    });

    it('still takes views after the final plan is issued, as they inform the review', async () => {
      const family = await aFamily('plan');
      await testApp.services.portalFamily.sendViews(family.actor, family.childId, { hopes: 'To go to college.' });
      expect((await viewsOf(family.childId)).map((row) => row.case_id)).toEqual([family.caseId]);
    });

    it('shows the form again with the error summary linking to the box, saving nothing, with nothing answered or an answer too long, in English and in Urdu', async () => {
      const family = await aFamily();
      const jar = await signedInToPortal(app, db(), family.email);
      const path = portalFamilyPaths.views(family.childId);
      const empty = await postForm(app, jar, path, { whatMatters: '  ' }, { csrfFrom: path });
      expect(empty.statusCode).toBe(400);
      expect(errorSummaryOf(empty.body)).toEqual([{ href: '#whatMatters', text: 'Answer at least one question' }]);
      const long = await postForm(app, jar, path, { whatMatters: 'Fine', hopes: 'x'.repeat(2001) }, { csrfFrom: path });
      expect(errorSummaryOf(long.body)).toEqual([{ href: '#hopes', text: 'Your answer must be 2,000 characters or fewer' }]);
      expect(long.body).toContain('Fine');

      await getPage(app, jar, `/portal/language?to=ur&back=${encodeURIComponent(path)}`);
      const urdu = await postForm(app, jar, path, {}, { csrfFrom: path });
      expect(urdu.body).toMatch(/<html[^>]*dir="rtl"/);
      expect(errorSummaryOf(urdu.body)).toEqual([{ href: '#whatMatters', text: 'کم از کم ایک سوال کا جواب دیں' }]);
      expect(await viewsOf(family.childId)).toEqual([]);
    });

    it('refuses a form without its CSRF token', async () => {
      const family = await aFamily();
      const jar = await signedInToPortal(app, db(), family.email);
      const response = await postForm(app, jar, portalFamilyPaths.views(family.childId), { whatMatters: 'No token' });
      expect(response.statusCode).toBe(403);
      expect(await viewsOf(family.childId)).toEqual([]);
    });
  });

  describe('isolation: one family never reaches another’s child', () => {
    it('answers not found at the service and through the pages for another family’s child, saves nothing from a forged field, and leaks nothing', async () => {
      const mine = await aFamily();
      const theirs = await aFamily('assessment', { forename: 'Idris' });
      const portal = testApp.services.portalFamily;
      await expect(portal.sendViews(mine.actor, theirs.childId, { whatMatters: 'Not mine' })).rejects.toThrow(NotFoundError);
      await expect(portal.viewsForm(mine.actor, theirs.childId)).rejects.toThrow(NotFoundError);
      await expect(portal.documentsPage(mine.actor, theirs.childId)).rejects.toThrow(NotFoundError);
      await expect(portal.sendDocument(mine.actor, theirs.childId, { title: 'Not mine', file: { filename: 'a.pdf', bytes: aPdf('x'), truncated: false } })).rejects.toThrow(NotFoundError);

      const jar = await signedInToPortal(app, db(), mine.email);
      for (const path of [portalFamilyPaths.views(theirs.childId), portalFamilyPaths.documents(theirs.childId)]) {
        const response = await getPage(app, jar, path);
        expect({ path, status: response.statusCode }).toEqual({ path, status: 404 });
        expect(response.body).not.toContain('Idris');
      }
      const myForm = portalFamilyPaths.views(mine.childId);
      const posted = await postForm(app, jar, portalFamilyPaths.views(theirs.childId), { whatMatters: 'Forged' }, { csrfFrom: myForm });
      expect(posted.statusCode).toBe(404);
      const forged = await postForm(app, jar, myForm, { whatMatters: 'About my child', childId: theirs.childId, caseId: theirs.caseId }, { csrfFrom: myForm });
      expect(forged.statusCode).toBe(303);
      const document = await sendDocument(jar, theirs.childId, { title: 'Forged' }, { filename: 'a.pdf', bytes: aPdf('Forged') }, mine.childId);
      expect(document.statusCode).toBe(404);
      const forgedDocument = await sendDocument(jar, mine.childId, { title: 'Mine', childId: theirs.childId, caseId: theirs.caseId }, { filename: 'a.pdf', bytes: aPdf('Mine') });
      expect(forgedDocument.statusCode).toBe(303);

      expect(await viewsOf(theirs.childId)).toEqual([]);
      expect(await documentsOf(theirs.caseId)).toEqual([]);
      expect((await viewsOf(mine.childId)).map((row) => row.what_matters)).toEqual(['About my child']);
      expect((await documentsOf(mine.caseId)).map((row) => row.title)).toEqual(['Mine']);
      expect((await listAccessFor(db(), testApp.authorityId, theirs.childId)).some((entry) => entry.actorId === mine.accountId)).toBe(false);
    });
  });

  describe('a young person, over compulsory school age (CFA 2014 s.67, s.83(2))', () => {
    const aYoungPerson = async () => {
      const made = await aCase(testApp, officer.actor, { stage: 'assessment', child: { forename: 'Zara', dateOfBirth: '2009-05-01' } });
      const parentEmail = anEmail();
      const parent = await aPerson(testApp, officer.actor, made.childId, { email: parentEmail });
      const parentAccount = await testApp.services.portalAuth.inviteFamilyMember(officer.actor, made.childId, { who: parent.id, email: parentEmail });
      const ownEmail = anEmail();
      const own = await testApp.services.portalAuth.inviteFamilyMember(officer.actor, made.childId, { who: 'young-person', name: 'Zara Young', email: ownEmail });
      return { ...made, parentEmail, parent: actorOf(parentAccount.accountId, parentEmail), ownEmail, own: actorOf(own.accountId, ownEmail, 'Zara Young') };
    };

    it('refuses the parent the views and documents pages while the young person has not chosen to share, and saves nothing; the young person sends their own views', async () => {
      const young = await aYoungPerson();
      const parentJar = await signedInToPortal(app, db(), young.parentEmail);
      for (const path of [portalFamilyPaths.views(young.childId), portalFamilyPaths.documents(young.childId)]) {
        const response = await getPage(app, parentJar, path);
        expect({ path, status: response.statusCode }).toEqual({ path, status: 403 });
        expect(response.body).toContain('Zara decides who sees their case');
      }
      await expect(testApp.services.portalFamily.sendViews(young.parent, young.childId, { whatMatters: 'From her mother' })).rejects.toThrow('The young person decides');
      await expect(
        testApp.services.portalFamily.sendDocument(young.parent, young.childId, { title: 'From her mother', file: { filename: 'a.pdf', bytes: aPdf('x'), truncated: false } }),
      ).rejects.toThrow('The young person decides');

      const ownJar = await signedInToPortal(app, db(), young.ownEmail);
      const path = portalFamilyPaths.views(young.childId);
      const form = await getPage(app, ownJar, path);
      expect(form.body).toContain('What matters to you?');
      expect(form.body).not.toContain('parent or carer');
      expect((await postForm(app, ownJar, path, { _csrf: csrfTokenIn(form.body), hopes: 'An apprenticeship.' })).statusCode).toBe(303);
      expect(await viewsOf(young.childId)).toMatchObject([{ sender_relationship: 'young-person', account_id: young.own.accountId }]);

      const staffJar = await signIn(app, officer.user.email, officer.password);
      const record = await getPage(app, staffJar, childrenPaths.record(young.childId));
      expect(record.body).toMatch(/Sent by <span dir="auto">Zara [^<]*<\/span> \(the young person\)[\s\S]*An apprenticeship\./);

      // Once the young person shares, the parent may send theirs too.
      await testApp.services.portalFamily.chooseSharing(young.own, young.childId, { share: 'yes' });
      await testApp.services.portalFamily.sendViews(young.parent, young.childId, { familyViews: 'We support her plans.' });
      expect(await viewsOf(young.childId)).toHaveLength(2);
    });
  });

  describe('documents the family sends', () => {
    it('keeps the document on the case, lists only what this person sent, shows the officer who sent it, and e-mails the officer', async () => {
      const family = await aFamily();
      // The council's own document on the case, never in the family's list.
      await testApp.services.documents.upload(officer.actor, family.caseId, { title: 'Internal note', file: { filename: 'note.pdf', bytes: aPdf('Internal'), truncated: false } });
      const jar = await signedInToPortal(app, db(), family.email);
      const page = await getPage(app, jar, portalFamilyPaths.documents(family.childId));
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('You have not sent us any documents yet.');
      const sent = await sendDocument(jar, family.childId, { title: 'Letter from the doctor' }, { filename: 'doctor.png', bytes: aPng(), contentType: 'image/png' });
      expect(sent.statusCode).toBe(303);
      expect(sent.headers.location).toBe(portalFamilyPaths.documentSent(family.childId));
      const after = await getPage(app, jar, sent.headers.location as string);
      expect(after.body).toContain('Thank you. We have your document.');
      expect(after.body).toContain('Letter from the doctor');
      expect(after.body).not.toContain('Internal note');
      expect((await listAccessFor(db(), testApp.authorityId, family.childId)).filter((entry) => entry.actorId === family.accountId).map((entry) => entry.view)).toContain('portal:documents');

      const documents = await documentsOf(family.caseId);
      const kept = documents.find((row) => row.title === 'Letter from the doctor')!;
      expect(kept.uploaded_by).toBe(family.accountId);
      const audit = await listAuditEventsFor(db(), testApp.authorityId, 'document', kept.id);
      expect(audit.map((entry) => [entry.action, entry.actorId])).toEqual([['document.uploaded', family.accountId]]);
      expect((await toOfficer(family.caseId)).map((row) => row.body_text).join()).toContain('sent a document through the family portal');

      const staffJar = await signIn(app, officer.user.email, officer.password);
      const record = await getPage(app, staffJar, childrenPaths.record(family.childId));
      expect(record.body).toMatch(/Letter from the doctor[\s\S]*sent by <span dir="auto">Amina Khan<\/span> through the portal on/);
    });

    it.each([
      ['no title', { title: '' }, { filename: 'a.png', bytes: aPng() }, [{ href: '#title', text: 'Enter what the document is' }]],
      ['no file', { title: 'A report' }, undefined, [{ href: '#file', text: 'Choose a file' }]],
      ['a file named .pdf that is not a PDF', { title: 'A report' }, { filename: 'report.pdf', bytes: Buffer.from('just some words, not a PDF') }, [{ href: '#file', text: 'The file must be a PDF, a Word document, a JPEG or a PNG. Check you chose the right file' }]],
      ['no title and no file', { title: ' ' }, undefined, [{ href: '#title', text: 'Enter what the document is' }, { href: '#file', text: 'Choose a file' }]],
    ] as const)('refuses %s with the error summary linking to the field, keeping nothing', async (_name, fields, file, expected) => {
      const family = await aFamily();
      const jar = await signedInToPortal(app, db(), family.email);
      const response = await sendDocument(jar, family.childId, { ...fields }, file ? { ...file, bytes: Buffer.from(file.bytes) } : undefined);
      expect(response.statusCode).toBe(400);
      expect(errorSummaryOf(response.body)).toEqual(expected);
      expect(await documentsOf(family.caseId)).toEqual([]);
      expect(await toOfficer(family.caseId)).toEqual([]);
    });

    it('refuses a file over 20 MB, and says so in Urdu for a family reading in Urdu, keeping nothing', async () => {
      const family = await aFamily();
      const jar = await signedInToPortal(app, db(), family.email);
      const big = Buffer.concat([Buffer.from(aPdf('Big')), Buffer.alloc(MAX_DOCUMENT_BYTES)]);
      const response = await sendDocument(jar, family.childId, { title: 'A big report' }, { filename: 'big.pdf', bytes: big });
      expect(errorSummaryOf(response.body)).toEqual([{ href: '#file', text: 'The file must be smaller than 20 MB' }]);

      await getPage(app, jar, `/portal/language?to=ur&back=${encodeURIComponent(portalFamilyPaths.documents(family.childId))}`);
      const urdu = await sendDocument(jar, family.childId, { title: 'رپورٹ' }, { filename: 'report.pdf', bytes: Buffer.from('not a pdf') });
      expect(urdu.statusCode).toBe(400);
      expect(urdu.body).toMatch(/<html[^>]*dir="rtl"/);
      expect(errorSummaryOf(urdu.body)).toEqual([{ href: '#file', text: 'فائل PDF، Word دستاویز، JPEG یا PNG ہونی چاہیے۔ دیکھ لیں کہ آپ نے صحیح فائل منتخب کی ہے' }]);
      expect(await documentsOf(family.caseId)).toEqual([]);
    });
  });
});
