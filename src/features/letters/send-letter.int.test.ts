// Sending a letter on a case: the letter, its outbox message, the message's job and the PDF's job
// are written in the caller's transaction or not at all; the job makes a tagged PDF that reads as
// the letter does; and the letter is shown only to those who may see the case, its address only to
// the SEND team when it must not be disclosed.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobRunner } from '../../composition.ts';
import { queryRows } from '../../db/database.ts';
import { adjustableClock } from '../../lib/clock.ts';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, anApiToken, anAuthority, anOfficer, aPerson, type TestCase, type TestOfficer } from '../../test/factories/index.ts';
import { getPage, signIn, type CookieJar } from '../../test/http.ts';
import { expectProblem } from '../../test/problems.ts';
import { listAccessFor, listAuditEventsFor } from '../audit/index.ts';
import { MemoryFileStore } from '../documents/index.ts';
import { personRecipient } from '../outbox/index.ts';
import { LETTER_PDF_JOB, sendLetter, sendLetters, type NewLetter } from './index.ts';
import { renderLetterPdf } from './pdf.ts';

const run = promisify(execFile);
const clock = adjustableClock('2026-11-30T10:00:00Z');
const store = new MemoryFileStore();

let testApp: TestApp;
let officer: TestOfficer;
let otherOfficer: TestOfficer;
let manager: TestOfficer;
let admin: TestOfficer;
let officerJar: CookieJar;
let folder: string;

beforeAll(async () => {
  testApp = await createTestApp({ clock, fileStore: store });
  officer = await anOfficer(testApp, { name: 'Daniel Osei' });
  otherOfficer = await anOfficer(testApp);
  manager = await anOfficer(testApp, { role: 'team_manager' });
  admin = await anOfficer(testApp, { role: 'admin' });
  officerJar = await signIn(testApp.app, officer.user.email, officer.password);
  folder = await mkdtemp(join(tmpdir(), 'letters-'));
});
afterAll(async () => {
  await testApp?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

const runner = () => createJobRunner(testApp, testApp.services, { random: () => 0 });

/** How many letters, messages and jobs of each kind the demo council has. */
async function counts() {
  const [row] = await queryRows<{ letters: number; messages: number; sendJobs: number; pdfJobs: number; audits: number }>(
    testApp.database.db,
    sql`SELECT (SELECT count(*)::int FROM "letter" WHERE "authority_id" = ${testApp.authorityId}) AS "letters",
               (SELECT count(*)::int FROM "outbox_message" WHERE "authority_id" = ${testApp.authorityId}) AS "messages",
               (SELECT count(*)::int FROM "job" WHERE "authority_id" = ${testApp.authorityId} AND "kind" = 'outbox.send') AS "sendJobs",
               (SELECT count(*)::int FROM "job" WHERE "authority_id" = ${testApp.authorityId} AND "kind" = ${LETTER_PDF_JOB}) AS "pdfJobs",
               (SELECT count(*)::int FROM "audit_event" WHERE "authority_id" = ${testApp.authorityId} AND "action" = 'letter.sent') AS "audits"`,
  );
  return row!;
}

const refusal = (created: TestCase, fields: Record<string, string>, overrides: Partial<NewLetter> = {}): NewLetter => ({
  caseId: created.caseId,
  type: 'assessment-refused',
  recipient: { name: 'Ana Nguyễn', channel: 'letter', address: '12 Canal Street\nDemo City\nDC1 2AB' },
  fields,
  ...overrides,
});
const refusalFields = { decisionDate: '27 November 2026', reasons: 'The advice shows that Łucja’s school can meet her needs.', appealBy: '30 January 2027', mediationBy: '30 January 2027' };
const send = (letter: NewLetter, actor = officer.actor) => testApp.database.db.transaction((tx) => sendLetter(tx, clock, actor, letter));

/** pdfinfo's and pdftotext's reading of a PDF. */
async function readPdf(bytes: Buffer) {
  const path = join(folder, `${Math.random().toString(36).slice(2)}.pdf`);
  await writeFile(path, bytes);
  const [info, text, structure, fonts] = await Promise.all([run('pdfinfo', [path]), run('pdftotext', ['-enc', 'UTF-8', path, '-']), run('pdfinfo', ['-struct', path]), run('pdffonts', [path])]).catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'ENOENT' ? new Error('pdfinfo and pdftotext read the letters’ PDFs: install Debian’s poppler-utils (.ci/run does)') : error;
  });
  return { info: info.stdout, text: text.stdout, structure: structure.stdout, fonts: fonts.stdout };
}

describe('sendLetter', () => {
  it('writes the letter, its message, the message’s job, the PDF’s job and the audit together, in the caller’s transaction', async () => {
    const created = await aCase(testApp, officer.actor, { child: { forename: 'Łucja', surname: 'Nguyễn', dateOfBirth: '2015-03-04' } });
    const before = await counts();
    const { letterId, messageId } = await send(refusal(created, refusalFields));
    expect(await counts()).toEqual({ letters: before.letters + 1, messages: before.messages + 1, sendJobs: before.sendJobs + 1, pdfJobs: before.pdfJobs + 1, audits: before.audits + 1 });

    const letter = await testApp.services.letters.letter(officer.actor, letterId);
    expect(letter).toMatchObject({
      caseId: created.caseId,
      type: 'assessment-refused',
      typeName: 'Decision not to assess',
      templateVersion: null,
      recipient: { name: 'Ana Nguyễn', channel: 'letter', address: '12 Canal Street\nDemo City\nDC1 2AB', addressWithheld: false },
      subject: `Our decision not to carry out an EHC needs assessment for Łucja Nguyễn (${created.reference})`,
      sentBy: 'Daniel Osei',
      status: 'queued',
      messageId,
      pdfDocumentId: undefined,
    });
    // The common fields come from the case and the council; the caller's from the caller.
    expect(letter.text).toContain('Dear Ana Nguyễn,');
    expect(letter.text).toContain('for Łucja Nguyễn, born 4 March 2015. We made this decision on 27 November 2026.');
    expect(letter.text).toContain('that is by 30 January 2027');
    expect(letter.text).toContain('Your case officer is Daniel Osei.');
    expect(letter.text).toContain('Demo City SENDIASS');
    expect(letter.html).toContain('<h2 class="govuk-heading-m" dir="auto">If you disagree: your right to appeal</h2>');

    const message = await testApp.services.outbox.message(officer.actor, messageId);
    expect(message).toMatchObject({ channel: 'letter', recipientName: 'Ana Nguyễn', subject: letter.subject, childId: created.childId });
    expect(message.bodyText).toContain('# If you disagree: your right to appeal');
    const [audit] = await listAuditEventsFor(testApp.database.db, testApp.authorityId, 'letter', letterId);
    expect(audit).toMatchObject({ action: 'letter.sent', actorId: officer.actor.id, details: { caseId: created.caseId, letterType: 'assessment-refused', messageId, templateVersion: null } });
  });

  it('writes nothing when a field the template uses is missing, naming it', async () => {
    const created = await aCase(testApp, officer.actor);
    const before = await counts();
    const { reasons: _reasons, ...withoutReasons } = refusalFields;
    const attempt = send(refusal(created, { ...withoutReasons, appealBy: '  ' }));
    await expect(attempt).rejects.toThrow(ValidationError);
    await attempt.catch((error: ValidationError) =>
      expect(error.problems).toEqual([
        { field: 'reasons', message: 'The decision not to assess letter needs {{reasons}} (the reasons for the decision, as the officer recorded them), which was not given' },
        { field: 'appealBy', message: 'The decision not to assess letter needs {{appealBy}} (the last day to appeal to the tribunal: 2 months from the date of the notice), which was not given' },
      ]),
    );
    expect(await counts()).toEqual(before);
  });

  it('sends many letters at once as it sends one, in the order given, each to its own case, and none when one lacks a field', async () => {
    const cases = [await aCase(testApp, officer.actor), await aCase(testApp, officer.actor), await aCase(testApp, officer.actor)];
    const before = await counts();
    const letters = cases.map((created, index) => refusal(created, refusalFields, { recipient: { name: `Parent ${index + 1}`, channel: 'email', address: `parent${index + 1}@example.org` } }));
    const sent = await testApp.database.db.transaction((tx) => sendLetters(tx, clock, officer.actor, letters));
    expect(await counts()).toEqual({ letters: before.letters + 3, messages: before.messages + 3, sendJobs: before.sendJobs + 3, pdfJobs: before.pdfJobs + 3, audits: before.audits + 3 });
    for (const [index, { letterId, messageId }] of sent.entries()) {
      const letter = await testApp.services.letters.letter(officer.actor, letterId);
      expect(letter).toMatchObject({ caseId: cases[index]!.caseId, messageId, recipient: { name: `Parent ${index + 1}` } });
      expect(letter.subject).toContain(cases[index]!.reference);
    }

    const { reasons: _reasons, ...withoutReasons } = refusalFields;
    const attempt = testApp.database.db.transaction((tx) => sendLetters(tx, clock, officer.actor, [letters[0]!, refusal(cases[1]!, withoutReasons), letters[2]!]));
    await expect(attempt).rejects.toThrow(ValidationError);
    expect(await counts()).toEqual({ letters: before.letters + 3, messages: before.messages + 3, sendJobs: before.sendJobs + 3, pdfJobs: before.pdfJobs + 3, audits: before.audits + 3 });
  });

  it('writes nothing when the caller’s transaction rolls back after it: no half-written letter in the outbox', async () => {
    const created = await aCase(testApp, officer.actor);
    const before = await counts();
    await expect(
      testApp.database.db.transaction(async (tx) => {
        await sendLetter(tx, clock, officer.actor, refusal(created, refusalFields));
        throw new Error('the decision could not be recorded');
      }),
    ).rejects.toThrow('the decision could not be recorded');
    expect(await counts()).toEqual(before);
  });

  it('refuses an unusable recipient, an unknown case or type, and another council’s case, writing nothing', async () => {
    const created = await aCase(testApp, officer.actor);
    const elsewhere = await anAuthority(testApp.database.db);
    const stranger = await anOfficer(testApp, { authorityId: elsewhere.id });
    const before = await counts();
    await expect(send(refusal(created, refusalFields, { recipient: { name: 'Ana', channel: 'email', address: 'not an address' } }))).rejects.toThrow(ValidationError);
    await expect(send(refusal(created, refusalFields, { caseId: '0193aaaa-0000-7000-8000-000000000000' }))).rejects.toThrow(NotFoundError);
    await expect(send(refusal(created, refusalFields, { type: 'not-a-letter' as NewLetter['type'] }))).rejects.toThrow(ValidationError);
    await expect(send(refusal(created, refusalFields), stranger.actor)).rejects.toThrow(NotFoundError);
    expect(await counts()).toEqual(before);
  });

  it('writes with the council’s latest saved version, and records which', async () => {
    const created = await aCase(testApp, officer.actor);
    const council = await anAuthority(testApp.database.db);
    const councilAdmin = await anOfficer(testApp, { authorityId: council.id, role: 'admin' });
    const councilOfficer = await anOfficer(testApp, { authorityId: council.id });
    // Another council's wording is not this council's.
    await testApp.services.letters.saveTemplate(councilAdmin.actor, 'views-request', { subject: 'Elsewhere {{childName}}', body: 'Elsewhere', baseVersion: 0 });
    await testApp.services.letters.saveTemplate(admin.actor, 'views-request', { subject: 'Views please: {{childName}}', body: 'Dear {{recipientName}},\n\nFirst wording.', baseVersion: 0 });
    await testApp.services.letters.saveTemplate(admin.actor, 'views-request', { subject: 'Your views on {{childName}}', body: 'Dear {{recipientName}},\n\nPlease reply by {{respondBy}}.', baseVersion: 1 });
    const { letterId } = await send({ caseId: created.caseId, type: 'views-request', recipient: { name: 'Jo Parent', channel: 'email', address: 'jo@example.com' }, fields: { recipientRole: 'parent', respondBy: '14 December 2026' } });
    const letter = await testApp.services.letters.letter(officer.actor, letterId);
    expect(letter).toMatchObject({ templateVersion: 2, text: 'Dear Jo Parent,\n\nPlease reply by 14 December 2026.' });
    expect(letter.subject).toMatch(/^Your views on /);

    // A council whose details are not saved cannot send a letter that gives them.
    const theirs = await aCase(testApp, councilOfficer.actor);
    const attempt = testApp.database.db.transaction((tx) => sendLetter(tx, clock, councilOfficer.actor, refusal(theirs, refusalFields)));
    await expect(attempt).rejects.toThrow(ValidationError);
    await attempt.catch((error: ValidationError) => expect(error.problems[0]!.message).toContain('The council’s details for letters are not set'));
  });

  it('withholds the address of a person the record says must not have it disclosed, whatever the caller said', async () => {
    const created = await aCase(testApp, officer.actor);
    const hidden = await aPerson(testApp, officer.actor, created.childId, { forename: 'Bea', surname: 'Refuge', address: '2 Refuge Road', postcode: 'B2 2BB', doNotDiscloseAddress: true });
    const recipient = (await personRecipient(testApp.database.db, testApp.authorityId, hidden.id, 'letter'))!;
    const { letterId, messageId } = await send({
      caseId: created.caseId,
      type: 'views-request',
      recipient: { name: recipient.recipientName, channel: 'letter', address: recipient.recipientAddress, personId: hidden.id },
      fields: { recipientRole: 'parent', respondBy: '14 December 2026' },
    });
    expect((await testApp.services.letters.letter(officer.actor, letterId)).recipient).toEqual({ name: 'Bea Refuge', channel: 'letter', address: '2 Refuge Road\nB2 2BB', addressWithheld: true });
    expect((await testApp.services.outbox.message(officer.actor, messageId)).addressWithheld).toBe(true);
  });
});

describe('the letter’s PDF', () => {
  it('is made by its job: tagged, titled with the subject, in en-GB, with the letter’s words and a name outside Latin-1, kept as a document on the case and linked to the letter', async () => {
    const created = await aCase(testApp, officer.actor, { child: { forename: 'Łucja', surname: 'Nguyễn', dateOfBirth: '2015-03-04' } });
    const { letterId } = await send(refusal(created, refusalFields));
    await runner().runUntilIdle();
    const letter = await testApp.services.letters.letter(officer.actor, letterId);
    expect(letter.pdfDocumentId).toBeDefined();
    expect(letter.status).toBe('held');

    const download = await testApp.services.letters.letterPdf(officer.actor, letterId);
    expect(download.document).toMatchObject({ caseId: created.caseId, mediaType: 'application/pdf', title: `Letter: ${letter.subject}`, scan: { verdict: 'not-scanned', engine: 'none' } });
    expect(download.document.filename).toBe(`${created.reference} Decision not to assess 2026-11-30.pdf`);
    const chunks: Buffer[] = [];
    for await (const chunk of download.file.stream) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');

    const pdf = await readPdf(bytes);
    expect(pdf.info).toMatch(/^Tagged:\s+yes$/m);
    expect(pdf.info).toMatch(new RegExp(`^Title:\\s+${letter.subject.replace(/[()]/g, '\\$&')}$`, 'm'));
    expect(pdf.structure).toMatch(/^\s*H1\b/m);
    expect(pdf.structure).toMatch(/^\s*H2\b/m);
    expect(pdf.structure).toMatch(/^\s*P\b/m);
    // In en-GB, its title shown rather than its file name, every font embedded with a Unicode map.
    const catalogue = bytes.toString('latin1');
    expect(catalogue).toContain('/Lang (en-GB)');
    expect(catalogue).toContain('/DisplayDocTitle true');
    const fontRows = pdf.fonts.trim().split('\n').slice(2);
    expect(fontRows.length).toBeGreaterThan(0);
    for (const row of fontRows) expect(row, row).toMatch(/NotoSans-\w+\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    const words = pdf.text.replace(/\s+/g, ' ');
    for (const expected of ['Demo City Council', 'Ana Nguyễn', '12 Canal Street', 'Łucja Nguyễn', created.reference, 'If you disagree: your right to appeal', 'First-tier Tribunal', 'Page 1 of 2']) {
      expect(words, expected).toContain(expected);
    }

    // The PDF is the letter's, listed with it, not among the documents added to the case.
    const record = await testApp.services.children.childRecord(officer.actor, created.childId);
    expect(record.documents).toEqual([]);
    expect(record.letters).toMatchObject([{ id: letterId, subject: letter.subject, typeName: 'Decision not to assess', recipientName: 'Ana Nguyễn', pdfReady: true, status: { text: 'Held for printing: not sent' } }]);
    const [generated] = await listAuditEventsFor(testApp.database.db, testApp.authorityId, 'document', letter.pdfDocumentId!);
    expect(generated).toMatchObject({ action: 'document.generated', actorKind: 'system', details: { kind: 'letter', caseId: created.caseId } });
  });

  it('sets a list as a list (L, LI, LBody) and an e-mail’s recipient as such', async () => {
    const bytes = await renderLetterPdf(
      {
        councilName: 'Demo City Council',
        recipientName: 'Jo Parent',
        channel: 'email',
        recipientAddress: 'jo@example.com',
        sentOn: '30 November 2026',
        caseReference: '999-EHC-2026-00001',
        subject: 'Your views',
        text: 'Dear Jo,\n\n# What we would like to know\n\n- one thing\n- another thing\n\nYours sincerely,\nThe SEND team',
      },
      clock.now(),
    );
    const pdf = await readPdf(bytes);
    expect(pdf.structure).toMatch(/^\s*L\b[\s\S]*^\s*LI\b[\s\S]*^\s*LBody\b/m);
    expect(pdf.text.replace(/\s+/g, ' ')).toContain('By e-mail to Jo Parent, jo@example.com');
    expect(pdf.text).toContain('another thing');
    expect(pdf.info).toMatch(/^Pages:\s+1$/m);
  });

  it('is made once: the job run again leaves the letter with the PDF it has, and nothing else kept', async () => {
    const created = await aCase(testApp, officer.actor);
    const { letterId } = await send(refusal(created, refusalFields));
    await runner().runUntilIdle();
    const first = (await testApp.services.letters.letter(officer.actor, letterId)).pdfDocumentId;
    const files = store.files.size;
    await testApp.services.letters.renderPdf({ id: 'again', authorityId: testApp.authorityId, kind: LETTER_PDF_JOB, payload: { letterId }, attempt: 2, maxAttempts: 5 });
    expect((await testApp.services.letters.letter(officer.actor, letterId)).pdfDocumentId).toBe(first);
    expect(store.files.size).toBe(files);
    await expect(testApp.services.letters.renderPdf({ id: 'x', authorityId: testApp.authorityId, kind: LETTER_PDF_JOB, payload: {}, attempt: 1, maxAttempts: 5 })).rejects.toThrow('The job names no letter');
  });
});

describe('letters on the case', () => {
  it('are listed on the child’s record, each viewable as a page and its PDF downloadable, each view in the access log', async () => {
    const created = await aCase(testApp, officer.actor, { child: { forename: 'Nadia', surname: 'Letters' } });
    const { letterId } = await send(refusal(created, refusalFields));
    await runner().runUntilIdle();
    const record = await getPage(testApp.app, officerJar, `/children/${created.childId}`);
    expect(record.statusCode).toBe(200);
    expect(record.body).toContain('<h2 class="govuk-heading-m">Letters</h2>');
    expect(record.body).toContain(`href="/letters/sent/${letterId}"`);
    expect(record.body).toContain('Decision not to assess, to <span dir="auto">Ana Nguyễn</span> by post, 30 November 2026');
    expect(record.body).toContain(`href="/letters/sent/${letterId}/pdf"`);

    const page = await getPage(testApp.app, officerJar, `/letters/sent/${letterId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('12 Canal Street\nDemo City\nDC1 2AB');
    expect(page.body).toContain('<h2 class="govuk-heading-m" dir="auto">If you disagree: your right to appeal</h2>');
    expect(page.body).toContain('Held for printing: not sent');
    const pdf = await getPage(testApp.app, officerJar, `/letters/sent/${letterId}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(/^attachment; /);
    const views = (await listAccessFor(testApp.database.db, testApp.authorityId, created.childId)).map((entry) => entry.view);
    expect(views).toEqual(expect.arrayContaining(['record', `letter:${letterId}`, expect.stringMatching(/^letter-pdf:/)]));
  });

  it('escapes a name holding markup on every page it is shown', async () => {
    const created = await aCase(testApp, officer.actor, { child: { forename: '<script>alert(1)</script>', surname: 'Escaped' } });
    const { letterId } = await send(refusal(created, refusalFields, { recipient: { name: '<img src=x onerror=alert(1)>', channel: 'letter', address: '1 Street' } }));
    const page = await getPage(testApp.app, officerJar, `/letters/sent/${letterId}`);
    expect(page.body).not.toContain('<script>alert(1)</script>');
    expect(page.body).not.toContain('<img src=x');
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Escaped');
    const record = await getPage(testApp.app, officerJar, `/children/${created.childId}`);
    expect(record.body).not.toContain('<img src=x');
  });

  it('are unknown to anyone who may not see a restricted child’s case: 404 for the page, the PDF and the API, each refusal logged', async () => {
    const created = await aCase(testApp, officer.actor);
    const { letterId } = await send(refusal(created, refusalFields));
    await runner().runUntilIdle();
    await queryRows(testApp.database.db, sql`UPDATE "child" SET "sensitive" = true WHERE "authority_id" = ${testApp.authorityId} AND "id" = ${created.childId}`);
    const jar = await signIn(testApp.app, otherOfficer.user.email, otherOfficer.password);
    expect((await getPage(testApp.app, jar, `/letters/sent/${letterId}`)).statusCode).toBe(404);
    expect((await getPage(testApp.app, jar, `/letters/sent/${letterId}/pdf`)).statusCode).toBe(404);
    const token = await anApiToken(testApp, otherOfficer);
    const api = (url: string) => testApp.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    expectProblem(await api(`/api/v1/letters/${letterId}`), 404, { detail: 'No such letter' });
    expectProblem(await api(`/api/v1/cases/${created.caseId}/letters`), 404);
    const refused = (await listAccessFor(testApp.database.db, testApp.authorityId, created.childId)).filter((entry) => entry.view.startsWith('refused:'));
    expect(refused.length).toBeGreaterThanOrEqual(4);
    // The officer who holds the case and a manager still see it.
    await expect(testApp.services.letters.letter(officer.actor, letterId)).resolves.toMatchObject({ id: letterId });
    await expect(testApp.services.letters.letter(manager.actor, letterId)).resolves.toMatchObject({ id: letterId });
    // Another council's staff never find it.
    const elsewhere = await anAuthority(testApp.database.db);
    const stranger = await anOfficer(testApp, { authorityId: elsewhere.id, role: 'admin' });
    await expect(testApp.services.letters.letter(stranger.actor, letterId)).rejects.toThrow(NotFoundError);
  });

  it('show an address that must not be disclosed to the SEND team only: an administrator sees neither it nor the PDF that gives it', async () => {
    const created = await aCase(testApp, officer.actor);
    const { letterId } = await send(refusal(created, refusalFields, { recipient: { name: 'Cara Hidden', channel: 'letter', address: '3 Secret Lane\nB3 3CC', addressWithheld: true } }));
    await runner().runUntilIdle();
    const forAdmin = await testApp.services.letters.letter(admin.actor, letterId);
    expect(forAdmin.recipient).toEqual({ name: 'Cara Hidden', channel: 'letter', address: undefined, addressWithheld: true });
    expect(forAdmin).toMatchObject({ pdfDocumentId: undefined, pdfWithheld: true });
    const adminJar = await signIn(testApp.app, admin.user.email, admin.password);
    const page = await getPage(testApp.app, adminJar, `/letters/sent/${letterId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('3 Secret Lane');
    expect(page.body).toContain('Address not to be disclosed</strong>: shown to the SEND team only');
    expect(page.body).toContain('Shown to the SEND team only: it gives an address not to be disclosed');
    const refusedPdf = await getPage(testApp.app, adminJar, `/letters/sent/${letterId}/pdf`);
    expect(refusedPdf.statusCode).toBe(403);
    expect(refusedPdf.body).toContain('This document shows an address that must not be disclosed: only the SEND team');
    // Nor through the documents: the PDF is kept as a document flagged as giving the address.
    const documentId = (await testApp.services.letters.letter(officer.actor, letterId)).pdfDocumentId!;
    expect((await getPage(testApp.app, adminJar, `/documents/${documentId}`)).statusCode).toBe(403);
    const record = await getPage(testApp.app, adminJar, `/children/${created.childId}`);
    expect(record.body).toContain('PDF for the SEND team only');
    expect(record.body).not.toContain(`/letters/sent/${letterId}/pdf`);

    for (const someone of [officer, manager]) {
      const seen = await testApp.services.letters.letter(someone.actor, letterId);
      expect(seen.recipient.address).toBe('3 Secret Lane\nB3 3CC');
      expect(seen.pdfDocumentId).toBe(documentId);
    }
    const officerPage = await getPage(testApp.app, officerJar, `/letters/sent/${letterId}`);
    expect(officerPage.body).toContain('3 Secret Lane');
    expect(officerPage.body).toContain('Address not to be disclosed</strong>: do not share it');
  });
});

describe('the letters API', () => {
  it('lists a case’s letters and gives one letter whole, each read in the access log', async () => {
    const created = await aCase(testApp, officer.actor);
    const token = await anApiToken(testApp, officer);
    const { letterId } = await send(refusal(created, refusalFields));
    await send({ caseId: created.caseId, type: 'views-request', recipient: { name: 'Jo Parent', channel: 'email', address: 'jo@example.com' }, fields: { recipientRole: 'parent', respondBy: '14 December 2026' } });
    const api = (url: string) => testApp.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    const list = await api(`/api/v1/cases/${created.caseId}/letters`);
    expect(list.statusCode).toBe(200);
    const { letters } = list.json() as { letters: Record<string, unknown>[] };
    expect(letters.map((entry) => entry.type)).toEqual(['views-request', 'assessment-refused']);
    expect(letters[1]).toMatchObject({ id: letterId, caseReference: created.reference, recipient: { name: 'Ana Nguyễn', channel: 'letter', addressWithheld: false }, status: 'queued', pdfDocumentId: null });
    expect(letters[1]).not.toHaveProperty('text');
    const one = await api(`/api/v1/letters/${letterId}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ id: letterId, text: expect.stringContaining('Dear Ana Nguyễn,'), html: expect.stringContaining('<p class="govuk-body" dir="auto">Dear Ana Nguyễn,</p>') });
    expectProblem(await api('/api/v1/letters/not-an-id'), 400);
    expectProblem(await api('/api/v1/letters/0193aaaa-0000-7000-8000-000000000000'), 404);
    const views = (await listAccessFor(testApp.database.db, testApp.authorityId, created.childId)).map((entry) => entry.view);
    expect(views).toEqual(expect.arrayContaining(['api:letters', `api:letter:${letterId}`]));
  });
});
