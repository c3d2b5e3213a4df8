// The school's annual review report with the report itself attached as a document, through the
// service and the portal's page: kept with the report in one transaction (a refused file keeps
// nothing, a refused report no file), named as sent by the school, seen by the officer on the
// review and on the child's record; only the school's own pupil's review is reached.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { adjustableClock } from '../../lib/clock.ts';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, anOfficer, aSchool, type TestOfficer } from '../../test/factories/index.ts';
import { aDocx, aPdf, aPng, multipartBody, type MultipartFile } from '../../test/files.ts';
import { CookieJar, csrfTokenIn, errorSummaryOf, getPage, postForm, signIn } from '../../test/http.ts';
import { latestSignInLink } from '../../test/portal.ts';
import { listAccessFor, listAuditEventsFor } from '../audit/index.ts';
import { systemActor, type PortalActor } from '../auth/index.ts';
import { MemoryFileStore, MAX_DOCUMENT_BYTES } from '../documents/index.ts';
import { portalAuthPaths, totpCodeAt } from '../portal-auth/index.ts';
import type { SchoolRecord } from '../reference/index.ts';
import { portalSchoolPaths } from './index.ts';

const clock = adjustableClock('2026-11-30T10:00:00Z');
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const store = new MemoryFileStore();
let sequence = 0;

describe('the school’s review report with its document (SEND Regs 2014 reg. 20(7)-(8))', () => {
  let testApp: TestApp;
  let app: FastifyInstance;
  let officer: TestOfficer;
  let manager: TestOfficer;
  let officerJar: CookieJar;

  beforeAll(async () => {
    testApp = await createTestApp({ clock, fileStore: store });
    app = testApp.app;
    officer = await anOfficer(testApp);
    manager = await anOfficer(testApp, { role: 'team_manager' });
    officerJar = await signIn(app, officer.user.email, officer.password);
  });
  afterAll(async () => testApp.close());

  const db = () => testApp.database.db;
  const portalSchool = () => testApp.services.portalSchool;

  const aSchoolAccount = async () => {
    const school = await aSchool(db(), { name: `Oakfield Primary ${(sequence += 1)}` });
    const email = `senco-${sequence}@school.example`;
    const { accountId } = await testApp.services.portalAuth.inviteSchoolAdministrator(manager.actor, { urn: String(school.urn), name: 'Helen Price', email });
    const actor: PortalActor = { kind: 'portal', id: accountId, accountId, authorityId: testApp.authorityId, roles: [], name: 'Helen Price', email, portalKind: 'school', secondFactor: 'done', totpSetUp: true };
    return { school, email, accountId, actor };
  };

  const signInSchool = async (accountId: string, email: string): Promise<CookieJar> => {
    await testApp.services.portalAuth.presetSecondFactor(systemActor(testApp.authorityId, 'seed'), accountId, SECRET);
    const jar = new CookieJar();
    const link = await latestSignInLink(db(), email);
    const opened = await getPage(app, jar, link);
    await postForm(app, jar, link, { _csrf: csrfTokenIn(opened.body) });
    clock.advance(31_000);
    const given = await postForm(app, jar, portalAuthPaths.secondFactor, { code: await totpCodeAt(SECRET, clock.now()) }, { csrfFrom: portalAuthPaths.secondFactor });
    expect(given.headers.location).toBe(portalAuthPaths.home);
    return jar;
  };

  /** A review of a pupil of the school, its meeting held today. */
  const aHeldReview = async (school: SchoolRecord, forename = 'Ellie') => {
    const made = await aCase(testApp, officer.actor, { stage: 'plan', receivedOn: '2025-06-01', stepDates: { 'plan.issued': '2025-12-10' }, child: { forename, schoolId: school.id } });
    const { result: arranged } = await testApp.services.reviews.arrange(officer.actor, made.caseId, { meetingOn: testApp.clock.today(), shortNoticeReason: 'The family asked for an early meeting' });
    const held = await testApp.services.reviews.recordHeld(officer.actor, arranged.id, { heldOn: testApp.clock.today() });
    return { ...made, review: held };
  };

  const sendReport = async (jar: CookieJar, reviewId: string, fields: Record<string, string>, file?: MultipartFile) => {
    const url = portalSchoolPaths.review(reviewId);
    const form = await getPage(app, jar, url);
    const csrf = form.statusCode === 200 ? csrfTokenIn(form.body) : csrfTokenIn((await getPage(app, jar, portalSchoolPaths.reviews)).body);
    const body = multipartBody({ _csrf: csrf, ...fields }, file);
    const response = await app.inject({ method: 'POST', url, headers: { cookie: jar.header(), 'content-type': body.contentType }, payload: body.payload });
    jar.store(response);
    return response;
  };

  /** What is written on the case: documents, review reports received and their events. */
  const writtenOn = async (caseId: string) => {
    const [row] = await queryRows<{ documents: number; reported: number; events: number }>(
      db(),
      sql`SELECT (SELECT count(*)::int FROM "document" WHERE "authority_id" = ${testApp.authorityId} AND "case_id" = ${caseId}) AS "documents",
                 (SELECT count(*)::int FROM "annual_review" WHERE "authority_id" = ${testApp.authorityId} AND "case_id" = ${caseId} AND "status" = 'reported') AS "reported",
                 (SELECT count(*)::int FROM "case_event" WHERE "authority_id" = ${testApp.authorityId} AND "case_id" = ${caseId} AND "type" = 'review.reported') AS "events"`,
    );
    return row;
  };

  describe('through the service', () => {
    it('keeps a PDF with the report, named as sent by the school, and the officer sees it on the review', async () => {
      const account = await aSchoolAccount();
      const { review, caseId, childId } = await aHeldReview(account.school);
      const sent = await portalSchool().submitReport(account.actor, review.id, { report: 'Ellie has met two of her outcomes.', version: String(review.version), file: { filename: 'Ellie review.pdf', bytes: await aPdf(), truncated: false } });
      expect(sent).toMatchObject({ status: 'reported', reportDocumentName: 'Ellie review.pdf', reportSummary: 'Ellie has met two of her outcomes.' });
      const seen = await testApp.services.reviews.review(officer.actor, review.id);
      expect(seen.review.reportDocument).toMatchObject({ title: `Annual review report from ${account.school.name}`, filename: 'Ellie review.pdf', typeName: 'PDF', sentBy: `${account.school.name} (Helen Price)` });
      expect(await writtenOn(caseId)).toEqual({ documents: 1, reported: 1, events: 1 });
      const audit = await listAuditEventsFor(db(), testApp.authorityId, 'annual_review', review.id);
      expect(audit.find((entry) => entry.action === 'review.reported')).toMatchObject({ actorKind: 'portal', actorId: account.accountId, details: expect.objectContaining({ documentId: seen.review.reportDocument!.id }) });
      const uploaded = await listAuditEventsFor(db(), testApp.authorityId, 'document', seen.review.reportDocument!.id);
      expect(uploaded.map((entry) => entry.action)).toEqual(['document.uploaded']);
      expect((await listAccessFor(db(), testApp.authorityId, childId)).some((entry) => entry.view === 'review' && entry.actorId === officer.actor.id)).toBe(true);
    });

    it('takes a Word document (DOCX) as well', async () => {
      const account = await aSchoolAccount();
      const { review } = await aHeldReview(account.school);
      const sent = await portalSchool().submitReport(account.actor, review.id, { report: 'Summary.', version: '', file: { filename: 'report.docx', bytes: aDocx(), truncated: false } });
      expect(sent.reportDocumentName).toBe('report.docx');
    });

    it('refuses a picture, a file too large, and a report without its summary, keeping nothing: neither the report nor the document', async () => {
      const account = await aSchoolAccount();
      const { review, caseId } = await aHeldReview(account.school);
      const filesBefore = store.files.size;
      const attempts: [Parameters<ReturnType<typeof portalSchool>['submitReport']>[2], { field: string; message: string }[]][] = [
        [{ report: 'Summary.', version: '', file: { filename: 'photo.png', bytes: aPng(), truncated: false } }, [{ field: 'file', message: 'The selected file must be a PDF or a Word document (DOCX)' }]],
        [{ report: 'Summary.', version: '', file: { filename: 'report.pdf', bytes: new Uint8Array(64), truncated: true } }, [{ field: 'file', message: 'The selected file must be smaller than 20 MB' }]],
        [{ report: '', version: '', file: { filename: 'report.pdf', bytes: await aPdf(), truncated: false } }, [{ field: 'report', message: 'Enter the review report' }]],
      ];
      for (const [input, problems] of attempts) {
        const refused = await portalSchool().submitReport(account.actor, review.id, input).catch((error: unknown) => error);
        expect(refused).toBeInstanceOf(ValidationError);
        expect((refused as ValidationError).problems).toEqual(problems);
      }
      expect(await writtenOn(caseId)).toEqual({ documents: 0, reported: 0, events: 0 });
      expect(store.files.size).toBe(filesBefore);
    });

    it('another school’s review is not found, and nothing is kept on it', async () => {
      const ours = await aSchoolAccount();
      const theirs = await aSchoolAccount();
      const { review, caseId } = await aHeldReview(theirs.school, 'Yusuf');
      await expect(portalSchool().submitReport(ours.actor, review.id, { report: 'Forged.', version: '', file: { filename: 'r.pdf', bytes: await aPdf(), truncated: false } })).rejects.toThrow(NotFoundError);
      expect(await writtenOn(caseId)).toEqual({ documents: 0, reported: 0, events: 0 });
    });
  });

  describe('through the portal’s page', () => {
    it('attaches the report, ignores forged fields naming another case, and the officer sees it on the review and the child’s record with the school named', async () => {
      const account = await aSchoolAccount();
      const { review, caseId, childId } = await aHeldReview(account.school);
      const other = await aHeldReview(account.school, 'Idris');
      const jar = await signInSchool(account.accountId, account.email);
      const page = await getPage(app, jar, portalSchoolPaths.review(review.id));
      expect(page.body).toContain('enctype="multipart/form-data"');
      expect(page.body).toContain('accept=".pdf,.docx"');

      const sent = await sendReport(jar, review.id, { report: 'Ellie has met two of her outcomes.', version: String(review.version), caseId: other.caseId, childId: other.childId, reviewId: other.review.id }, { filename: 'Ellie annual review.pdf', bytes: await aPdf() });
      expect(sent.statusCode).toBe(303);
      expect(sent.headers.location).toBe(`${portalSchoolPaths.review(review.id)}?sent=1`);
      expect(await writtenOn(caseId)).toEqual({ documents: 1, reported: 1, events: 1 });
      expect(await writtenOn(other.caseId)).toEqual({ documents: 0, reported: 0, events: 0 });
      const after = await getPage(app, jar, `${portalSchoolPaths.review(review.id)}?sent=1`);
      expect(after.body).toContain('With the report as a document: <span dir="auto">Ellie annual review.pdf</span>');

      const reviewsPage = await getPage(app, officerJar, `/cases/${caseId}/reviews`);
      expect(reviewsPage.statusCode).toBe(200);
      const [document] = await queryRows<{ id: string }>(db(), sql`SELECT "id" FROM "document" WHERE "authority_id" = ${testApp.authorityId} AND "case_id" = ${caseId}`);
      expect(reviewsPage.body).toContain(`/documents/${document!.id}`);
      expect(reviewsPage.body).toContain(`sent by <span dir="auto">${account.school.name} (Helen Price)</span> through the school portal`);
      const record = await getPage(app, officerJar, `/children/${childId}`);
      expect(record.body).toContain(`sent by <span dir="auto">${account.school.name} (Helen Price)</span> through the portal on`);
      const download = await app.inject({ method: 'GET', url: `/documents/${document!.id}`, headers: { cookie: officerJar.header() } });
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-type']).toBe('application/pdf');
      const views = (await listAccessFor(db(), testApp.authorityId, childId)).map((entry) => entry.view);
      expect(views).toEqual(expect.arrayContaining(['portal:school-review', 'reviews', 'record', `document:${document!.id}`]));
    });

    it('a .pdf that is not a PDF, and a file over 20 MB: the error summary links to the file field and nothing is saved', async () => {
      const account = await aSchoolAccount();
      const { review, caseId } = await aHeldReview(account.school);
      const jar = await signInSchool(account.accountId, account.email);

      const fake = await sendReport(jar, review.id, { report: 'Summary.', version: '' }, { filename: 'report.pdf', bytes: new TextEncoder().encode('This is not a PDF at all.') });
      expect(fake.statusCode).toBe(400);
      expect(errorSummaryOf(fake.body)).toEqual([{ href: '#file', text: 'The selected file is not a real PDF: its content is not a PDF or a Word document (DOCX)' }]);
      expect(fake.body).toContain('Summary.');

      const large = await sendReport(jar, review.id, { report: 'Summary.', version: '' }, { filename: 'report.pdf', bytes: Buffer.concat([await aPdf(), Buffer.alloc(MAX_DOCUMENT_BYTES)]) });
      expect(large.statusCode).toBe(400);
      expect(errorSummaryOf(large.body)).toEqual([{ href: '#file', text: 'The selected file must be smaller than 20 MB' }]);

      expect(await writtenOn(caseId)).toEqual({ documents: 0, reported: 0, events: 0 });
    });

    it('another school’s review, by its id in the address, is not found and nothing is saved', async () => {
      const ours = await aSchoolAccount();
      const theirs = await aSchoolAccount();
      const { review, caseId } = await aHeldReview(theirs.school, 'Yusuf');
      const jar = await signInSchool(ours.accountId, ours.email);
      const forged = await sendReport(jar, review.id, { report: 'Forged.', version: '' }, { filename: 'report.pdf', bytes: await aPdf() });
      expect(forged.statusCode).toBe(404);
      expect(await writtenOn(caseId)).toEqual({ documents: 0, reported: 0, events: 0 });
    });
  });
});
