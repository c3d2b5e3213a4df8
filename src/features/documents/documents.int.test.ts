// Documents on a case: an upload is judged by its content (PDF, DOCX, JPEG, PNG, at most 20 MB),
// passes the malware scan, and is kept whole or not at all: a refused upload leaves no row and no
// file. Downloads go only to those who may see the case's child, and each is in the access log.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, anApiToken, anAuthority, anOfficer, type TestCase, type TestOfficer } from '../../test/factories/index.ts';
import { aDocx, aJpeg, aPdf, aPng, anXlsx, multipartBody, type MultipartFile } from '../../test/files.ts';
import type { CookieJar} from '../../test/http.ts';
import { csrfTokenIn, getPage, signIn } from '../../test/http.ts';
import { expectProblem } from '../../test/problems.ts';
import { listAccessFor, listAuditEventsFor } from '../audit/index.ts';
import { MAX_DOCUMENT_BYTES, MemoryFileStore, type MalwareScanner, type ScanResult } from './index.ts';

const clock = fixedClock('2026-11-23T10:00:00Z');
const store = new MemoryFileStore();
let verdict: ScanResult = { verdict: 'not-scanned', engine: 'none' };
const scanned: number[] = [];
const stubScanner: MalwareScanner = {
  async scan(bytes) {
    scanned.push(bytes.length);
    return verdict;
  },
};

let testApp: TestApp;
let holder: TestOfficer;
let outsider: TestOfficer;
let holderToken: string;
let outsiderToken: string;
let holderJar: CookieJar;

beforeAll(async () => {
  testApp = await createTestApp({ clock, fileStore: store, malwareScanner: stubScanner });
  holder = await anOfficer(testApp);
  outsider = await anOfficer(testApp);
  holderToken = await anApiToken(testApp, holder);
  outsiderToken = await anApiToken(testApp, outsider);
  holderJar = await signIn(testApp.app, holder.user.email, holder.password);
});
afterAll(async () => {
  await testApp?.close();
});
beforeEach(() => {
  verdict = { verdict: 'not-scanned', engine: 'none' };
  scanned.length = 0;
});

async function documentRows(caseId: string) {
  return queryRows<{ id: string; title: string; filename: string; media_type: string; size_bytes: number; sha256: string; storage_key: string; scan_verdict: string; scan_engine: string; uploaded_by: string }>(
    testApp.database.db,
    sql`SELECT * FROM document WHERE authority_id = ${testApp.authorityId} AND case_id = ${caseId}`,
  );
}

/** Nothing of a refused upload is kept: no row on the case, no file in the store. */
async function expectNothingSaved(caseId: string, filesBefore: number) {
  expect(await documentRows(caseId)).toEqual([]);
  expect(store.files.size).toBe(filesBefore);
}

const formUrl = (childId: string) => `/children/${childId}/documents/new`;

/** Posts the "Add a document" form as the signed-in browser, with the form's CSRF token unless told. */
async function postDocumentForm(jar: CookieJar, childId: string, fields: Record<string, string>, file?: MultipartFile, options: { csrf?: boolean } = {}) {
  const form = await getPage(testApp.app, jar, formUrl(childId));
  const body = multipartBody({ ...(options.csrf === false ? {} : { _csrf: csrfTokenIn(form.body) }), ...fields }, file);
  const response = await testApp.app.inject({ method: 'POST', url: formUrl(childId), headers: { cookie: jar.header(), 'content-type': body.contentType }, payload: body.payload });
  jar.store(response);
  return response;
}

function apiUpload(token: string, caseId: string, fields: Record<string, string>, file?: MultipartFile) {
  const body = multipartBody(fields, file);
  return testApp.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${caseId}/documents`,
    headers: { authorization: `Bearer ${token}`, 'content-type': body.contentType },
    payload: body.payload,
  });
}

const newCase = (): Promise<TestCase> => aCase(testApp, holder.actor, { receivedOn: '2026-10-01' });

describe('adding a document on the child’s record', () => {
  it('keeps a PDF: the record lists it, and its download is the same bytes as an attachment, never sniffed or cached, in the access log', async () => {
    const created = await newCase();
    const pdf = aPdf('EP advice');
    const form = await getPage(testApp.app, holderJar, formUrl(created.childId));
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('enctype="multipart/form-data"');
    expect(form.body).toContain('class="govuk-file-upload');

    const response = await postDocumentForm(holderJar, created.childId, { title: 'Educational psychologist’s advice' }, { filename: 'C:\\Users\\officer\\EP advice.pdf', contentType: 'application/pdf', bytes: pdf });
    expect(response.statusCode, response.body).toBe(303);
    expect(response.headers.location).toBe(`/children/${created.childId}?saved=document`);

    const [row] = await documentRows(created.caseId);
    expect(row).toMatchObject({
      title: 'Educational psychologist’s advice',
      filename: 'EP advice.pdf',
      media_type: 'application/pdf',
      size_bytes: pdf.length,
      scan_verdict: 'not-scanned',
      scan_engine: 'none',
      uploaded_by: holder.actor.id,
    });
    expect(row!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(store.files.get(row!.storage_key)?.equals(pdf)).toBe(true);
    expect(scanned).toEqual([pdf.length]);

    const record = await getPage(testApp.app, holderJar, response.headers.location as string);
    expect(record.body).toContain('Document added.');
    expect(record.body).toContain(`href="/documents/${row!.id}"`);
    expect(record.body).toContain('EP advice.pdf');
    expect(record.body).toContain('not scanned for viruses');

    const download = await getPage(testApp.app, holderJar, `/documents/${row!.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="EP advice.pdf"; filename*=UTF-8''EP%20advice.pdf`);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['cache-control']).toBe('no-store');

    const access = await listAccessFor(testApp.database.db, testApp.authorityId, created.childId);
    expect(access.some((entry) => entry.view === `document:${row!.id}` && entry.actorId === holder.actor.id)).toBe(true);
    const audit = await listAuditEventsFor(testApp.database.db, testApp.authorityId, 'document', row!.id);
    expect(audit.map((entry) => entry.action)).toEqual(['document.uploaded']);
    expect(audit[0]!.details).toMatchObject({ caseId: created.caseId, mediaType: 'application/pdf', sha256: row!.sha256, scanVerdict: 'not-scanned' });
  });

  it('refuses a form without its CSRF token: 403, nothing saved', async () => {
    const created = await newCase();
    const before = store.files.size;
    const response = await postDocumentForm(holderJar, created.childId, { title: 'Advice' }, { filename: 'advice.pdf', bytes: aPdf() }, { csrf: false });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('Your form could not be sent');
    await expectNothingSaved(created.caseId, before);
  });

  it.each([
    ['no title and no file', {}, undefined, ['Enter what the document is', 'Select a file']],
    ['a text file', { title: 'Notes' }, { filename: 'notes.txt', bytes: Buffer.from('Some notes') }, ['The selected file must be a PDF, DOCX, JPEG or PNG']],
    ['a spreadsheet (taken as evidence of an improvement action, not on a case)', { title: 'Tracker' }, { filename: 'tracker.xlsx', bytes: anXlsx() }, ['The selected file must be a PDF, DOCX, JPEG or PNG']],
    ['a file named .pdf whose content is not a PDF', { title: 'Advice' }, { filename: 'advice.pdf', contentType: 'application/pdf', bytes: Buffer.from('MZ\u0090\u0000 not really a PDF') }, ['The selected file is not a real PDF: its content is not a PDF, DOCX, JPEG or PNG']],
    ['a PNG named .pdf', { title: 'Advice' }, { filename: 'advice.pdf', bytes: aPng() }, ['The selected file’s name ends .pdf but its content is a PNG image: check it is the right file']],
    ['an empty file', { title: 'Advice' }, { filename: 'advice.pdf', bytes: Buffer.alloc(0) }, ['The selected file is empty']],
    ['a file over 20 MB', { title: 'Advice' }, { filename: 'big.pdf', bytes: Buffer.concat([aPdf(), Buffer.alloc(MAX_DOCUMENT_BYTES)]) }, ['The selected file must be smaller than 20 MB']],
  ])('refuses %s with the GOV.UK error summary, and keeps nothing', async (_name, fields: Record<string, string>, file: MultipartFile | undefined, messages: string[]) => {
    const created = await newCase();
    const before = store.files.size;
    const response = await postDocumentForm(holderJar, created.childId, fields, file);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('govuk-error-summary');
    for (const message of messages) expect(response.body).toContain(message.replace(/’/g, '’'));
    if (messages.some((message) => message.includes('file') || message.includes('File'))) expect(response.body).toContain('href="#file"');
    await expectNothingSaved(created.caseId, before);
  });

  it('refuses an infected file as the scanner says, keeps nothing, and writes the refusal to the audit log', async () => {
    const created = await newCase();
    const before = store.files.size;
    verdict = { verdict: 'infected', engine: 'stub 1.0' };
    const response = await postDocumentForm(holderJar, created.childId, { title: 'Advice' }, { filename: 'advice.pdf', bytes: aPdf() });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('The selected file contains a virus');
    await expectNothingSaved(created.caseId, before);
    const audit = await listAuditEventsFor(testApp.database.db, testApp.authorityId, 'ehc_case', created.caseId);
    expect(audit.find((entry) => entry.action === 'document.refused-infected')?.details).toMatchObject({ engine: 'stub 1.0' });
  });

  it('records a clean verdict and the scanner’s name when a scanner is configured', async () => {
    const created = await newCase();
    verdict = { verdict: 'clean', engine: 'stub 1.0' };
    const response = await apiUpload(holderToken, created.caseId, { title: 'Photo of the letter' }, { filename: 'letter.jpg', bytes: aJpeg() });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().scan).toEqual({ verdict: 'clean', engine: 'stub 1.0' });
    expect((await documentRows(created.caseId))[0]).toMatchObject({ scan_verdict: 'clean', scan_engine: 'stub 1.0' });
  });
});

describe('documents through the API', () => {
  it.each([
    ['a PDF', 'advice.pdf', aPdf(), 'application/pdf'],
    ['a DOCX', 'views.docx', aDocx(), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['a JPEG', 'photo.jpeg', aJpeg(), 'image/jpeg'],
    ['a PNG', 'chart.png', aPng(), 'image/png'],
    ['a PDF whose name has no extension', 'scan', aPdf(), 'application/pdf'],
  ])('keeps %s (201, Location) with the type its content is, and gives back the same bytes there', async (_name, filename, bytes, mediaType) => {
    const created = await newCase();
    const response = await apiUpload(holderToken, created.caseId, { title: 'A document' }, { filename, bytes, contentType: 'application/octet-stream' });
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({ caseId: created.caseId, title: 'A document', mediaType, sizeBytes: bytes.length, uploadedOn: '2026-11-23' });
    expect(body.filename).toBe(filename === 'scan' ? 'scan.pdf' : filename);
    expect(response.headers.location).toBe(`/api/v1/documents/${body.id}`);

    const download = await testApp.app.inject({ method: 'GET', url: response.headers.location as string, headers: { authorization: `Bearer ${holderToken}` } });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe(mediaType);
    expect(download.rawPayload.equals(bytes)).toBe(true);
    expect(download.headers['content-disposition']).toMatch(/^attachment; /);
    const access = await listAccessFor(testApp.database.db, testApp.authorityId, created.childId);
    expect(access.some((entry) => entry.view === `api:document:${body.id}`)).toBe(true);
  });

  it('answers problem+json for a refused upload, keeping nothing: wrong type 400, name and content at odds 400, over 20 MB 413, not multipart 415', async () => {
    const created = await newCase();
    const before = store.files.size;
    expectProblem(await apiUpload(holderToken, created.caseId, { title: 'Notes' }, { filename: 'notes.txt', bytes: Buffer.from('notes') }), 400, {
      field: 'file',
      errors: [{ field: 'file', message: 'The selected file must be a PDF, DOCX, JPEG or PNG' }],
    });
    expectProblem(await apiUpload(holderToken, created.caseId, { title: 'Advice' }, { filename: 'advice.pdf', bytes: Buffer.from('<html>not a PDF</html>') }), 400, { field: 'file' });
    expectProblem(await apiUpload(holderToken, created.caseId, { title: 'Big' }, { filename: 'big.pdf', bytes: Buffer.concat([aPdf(), Buffer.alloc(MAX_DOCUMENT_BYTES)]) }), 413, {
      detail: 'The selected file must be smaller than 20 MB.',
    });
    expectProblem(await apiUpload(holderToken, created.caseId, { title: 'Advice', notAField: 'x' }, { filename: 'advice.pdf', bytes: aPdf() }), 400, {
      errors: [{ field: 'notAField', message: 'notAField is not a field this API takes' }],
    });
    expectProblem(await apiUpload(holderToken, created.caseId, {}, { filename: 'advice.pdf', bytes: aPdf() }), 400, { field: 'title' });
    const json = await testApp.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${created.caseId}/documents`,
      headers: { authorization: `Bearer ${holderToken}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ title: 'Advice', file: 'JVBERi0=' }),
    });
    expectProblem(json, 415);
    verdict = { verdict: 'infected', engine: 'stub 1.0' };
    expectProblem(await apiUpload(holderToken, created.caseId, { title: 'Advice' }, { filename: 'advice.pdf', bytes: aPdf() }), 400, {
      errors: [{ field: 'file', message: 'The selected file contains a virus' }],
    });
    await expectNothingSaved(created.caseId, before);
  });
});

describe('a restricted child’s documents', () => {
  it('are unknown to anyone but the officer holding the case and managers: 404 for the upload, the download and the form, each refusal logged, nothing saved', async () => {
    const created = await newCase();
    const kept = await apiUpload(holderToken, created.caseId, { title: 'Safeguarding report' }, { filename: 'report.pdf', bytes: aPdf() });
    expect(kept.statusCode).toBe(201);
    const documentId = kept.json().id as string;
    await queryRows(testApp.database.db, sql`UPDATE child SET sensitive = true WHERE authority_id = ${testApp.authorityId} AND id = ${created.childId}`);
    const before = store.files.size;

    expectProblem(await apiUpload(outsiderToken, created.caseId, { title: 'Advice' }, { filename: 'advice.pdf', bytes: aPdf() }), 404, { detail: 'No such case' });
    expectProblem(await testApp.app.inject({ method: 'GET', url: `/api/v1/documents/${documentId}`, headers: { authorization: `Bearer ${outsiderToken}` } }), 404, { detail: 'No such document' });
    const outsiderJar = await signIn(testApp.app, outsider.user.email, outsider.password);
    expect((await getPage(testApp.app, outsiderJar, `/documents/${documentId}`)).statusCode).toBe(404);
    expect((await getPage(testApp.app, outsiderJar, formUrl(created.childId))).statusCode).toBe(404);

    expect(await documentRows(created.caseId)).toHaveLength(1);
    expect(store.files.size).toBe(before);
    const access = await listAccessFor(testApp.database.db, testApp.authorityId, created.childId);
    const refusals = access.filter((entry) => entry.actorId.startsWith(outsider.actor.id) && entry.view.startsWith('refused:')).map((entry) => entry.view);
    expect(refusals).toEqual(expect.arrayContaining(['refused:document-upload', `refused:api:document:${documentId}`, `refused:document:${documentId}`]));
    expect(access.some((entry) => entry.actorId.startsWith(outsider.actor.id) && !entry.view.startsWith('refused:'))).toBe(false);

    // The officer holding the case still reads it.
    const own = await testApp.app.inject({ method: 'GET', url: `/api/v1/documents/${documentId}`, headers: { authorization: `Bearer ${holderToken}` } });
    expect(own.statusCode).toBe(200);
  });

  it('answers 404 for a document of another council, and refuses an id that is not one', async () => {
    const council = await anAuthority(testApp.database.db);
    const elsewhere = await anOfficer(testApp, { authorityId: council.id, role: 'admin' });
    const elsewhereToken = await anApiToken(testApp, elsewhere);
    const created = await newCase();
    const kept = await apiUpload(holderToken, created.caseId, { title: 'Advice' }, { filename: 'advice.pdf', bytes: aPdf() });
    expect(kept.statusCode).toBe(201);
    const before = store.files.size;
    expectProblem(await testApp.app.inject({ method: 'GET', url: `/api/v1/documents/${kept.json().id}`, headers: { authorization: `Bearer ${elsewhereToken}` } }), 404, { detail: 'No such document' });
    expectProblem(await apiUpload(elsewhereToken, created.caseId, { title: 'Advice' }, { filename: 'advice.pdf', bytes: aPdf() }), 404, { detail: 'No such case' });
    expect(store.files.size).toBe(before);
    expectProblem(await testApp.app.inject({ method: 'GET', url: '/api/v1/documents/not-an-id', headers: { authorization: `Bearer ${holderToken}` } }), 400);
    expect((await getPage(testApp.app, holderJar, '/documents/not-an-id')).statusCode).toBe(404);
  });
});
