// Documents uploaded as evidence of an improvement action: checked by their content and scanned as
// a case's documents are, their bytes in the file store; listed with the links on the action's
// page; downloaded (as an attachment, never sniffed) by those who may read the plan, each download
// in the log of lists; refused, with the error summary and nothing kept, when there is no file, it
// is empty, too large, of a type not taken or has malware, and to a board member (read-only).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { ForbiddenError } from '../../lib/errors.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCouncilWithBoard, anOfficer, type TestCouncil } from '../../test/factories/index.ts';
import { aPdf, aPng, anXlsx, multipartBody, type MultipartFile } from '../../test/files.ts';
import { csrfTokenIn, errorSummaryOf, getPage, signIn, type CookieJar } from '../../test/http.ts';
import { listAuditEventsFor, listListAccessBy } from '../audit/index.ts';
import { MAX_DOCUMENT_BYTES, MemoryFileStore, type MalwareScanner, type ScanResult } from '../documents/index.ts';

// Monday 30 November 2026.
const clock = fixedClock('2026-11-30T10:00:00Z');
const store = new MemoryFileStore();
let verdict: ScanResult = { verdict: 'not-scanned', engine: 'none' };
const stubScanner: MalwareScanner = {
  async scan() {
    return verdict;
  },
};

let testApp: TestApp;
beforeAll(async () => {
  testApp = await createTestApp({ clock, fileStore: store, malwareScanner: stubScanner });
});
afterAll(async () => {
  await testApp?.close();
});
beforeEach(() => {
  verdict = { verdict: 'not-scanned', engine: 'none' };
});

const plans = () => testApp.services.improvementPlan;

/** A council with a plan: an area and an action owned by its case officer. */
async function aCouncilWithAnAction(): Promise<{ council: TestCouncil; actionId: string }> {
  const council = await aCouncilWithBoard(testApp);
  const { areaId } = await plans().addArea(council.manager.actor, { title: 'Timeliness of EHC plans', finding: 'Too few new plans are issued within 20 weeks.' });
  const { actionId } = await plans().addAction(council.manager.actor, areaId, { title: 'Track every plan past week 16', ownerId: council.officer.user.id });
  return { council, actionId };
}

async function evidenceRows(actionId: string) {
  return queryRows<{ id: string; title: string; url: string | null; filename: string; media_type: string; size_bytes: number; sha256: string; storage_key: string; scan_verdict: string; by_id: string; by_name: string }>(
    testApp.database.db,
    sql`SELECT * FROM improvement_evidence WHERE action_id = ${actionId} ORDER BY at, id`,
  );
}

async function changeCount(authorityId: string): Promise<number> {
  const [row] = await queryRows<{ total: number }>(testApp.database.db, sql`SELECT count(*)::int AS total FROM improvement_change WHERE authority_id = ${authorityId}`);
  return row!.total;
}

const formUrl = (actionId: string) => `/improvement-plan/actions/${actionId}/evidence/documents/new`;

/** Posts the upload form as the signed-in browser, with the form's CSRF token (read from the action's page when the form is refused to the reader). */
async function postUpload(jar: CookieJar, actionId: string, fields: Record<string, string>, file?: MultipartFile) {
  const form = await getPage(testApp.app, jar, formUrl(actionId));
  const tokenPage = form.statusCode === 200 ? form : await getPage(testApp.app, jar, `/improvement-plan/actions/${actionId}`);
  const body = multipartBody({ _csrf: csrfTokenIn(tokenPage.body), ...fields }, file);
  const response = await testApp.app.inject({ method: 'POST', url: formUrl(actionId), headers: { cookie: jar.header(), 'content-type': body.contentType }, payload: body.payload });
  jar.store(response);
  return response;
}

describe('a document as evidence of an action', () => {
  it('is uploaded by the action’s owner, listed with the links on the action’s page, kept in the change log and the audit log, and downloaded by a board member as an attachment, in the log of lists', async () => {
    const { council, actionId } = await aCouncilWithAnAction();
    await plans().addEvidence(council.manager.actor, actionId, { title: 'The tracker', url: 'https://intranet.example/tracker' });
    const owner = await signIn(testApp.app, council.officer.user.email, council.officer.password);
    const form = await getPage(testApp.app, owner, formUrl(actionId));
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('enctype="multipart/form-data"');
    expect(form.body).toContain('accept=".pdf,.docx,.xlsx,.jpg,.jpeg,.png"');

    const pdf = aPdf('Audit of 20 plans');
    const response = await postUpload(owner, actionId, { title: 'Audit of 20 plans, November' }, { filename: 'C:\\fakepath\\Audit November.pdf', contentType: 'application/pdf', bytes: pdf });
    expect(response.statusCode, response.body).toBe(303);
    expect(response.headers.location).toBe(`/improvement-plan/actions/${actionId}?saved=evidence-document`);

    const [link, row] = await evidenceRows(actionId);
    expect(link).toMatchObject({ title: 'The tracker', url: 'https://intranet.example/tracker', storage_key: null });
    expect(row).toMatchObject({ title: 'Audit of 20 plans, November', url: null, filename: 'Audit November.pdf', media_type: 'application/pdf', size_bytes: pdf.length, scan_verdict: 'not-scanned', by_id: council.officer.user.id, by_name: council.officer.user.name });
    expect(store.files.get(row!.storage_key)?.equals(pdf)).toBe(true);

    const page = await getPage(testApp.app, owner, response.headers.location!);
    expect(page.body).toContain('The document was added as evidence.');
    expect(page.body).toContain('href="https://intranet.example/tracker"');
    expect(page.body).toContain(`href="/improvement-plan/evidence/${row!.id}"`);
    expect(page.body).toContain('Audit November.pdf</span>, PDF,');
    expect(page.body).toContain(`uploaded by ${council.officer.user.name}, 30 November 2026 (not scanned for viruses)`);

    const found = await plans().action(council.manager.actor, actionId);
    expect(found.evidence.map((entry) => [entry.kind, entry.title])).toEqual([
      ['link', 'The tracker'],
      ['document', 'Audit of 20 plans, November'],
    ]);
    expect(found.changes[0]).toMatchObject({ what: 'Evidence added', after: 'Audit of 20 plans, November (document: Audit November.pdf)', byName: council.officer.user.name });
    const audit = await listAuditEventsFor(testApp.database.db, council.authorityId, 'improvement_action', actionId);
    expect(audit.find((entry) => (entry.details as { kind?: string }).kind === 'document')).toMatchObject({ action: 'improvement.evidence-added', details: { evidenceId: row!.id, mediaType: 'application/pdf', sha256: row!.sha256, scanVerdict: 'not-scanned' } });

    const board = await signIn(testApp.app, council.board.user.email, council.board.password);
    const download = await getPage(testApp.app, board, `/improvement-plan/evidence/${row!.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="Audit November.pdf"; filename*=UTF-8''Audit%20November.pdf`);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['cache-control']).toBe('no-store');
    const views = await listListAccessBy(testApp.database.db, council.authorityId, council.board.user.id);
    expect(views.filter((entry) => entry.view === 'improvement-evidence').map((entry) => [entry.query, entry.childIds])).toEqual([[`evidence ${row!.id}`, []]]);
  });

  it('shows in the board pack’s changes since the last meeting by its title and file name; a meeting recorded after keeps neither its bytes nor where they are', async () => {
    const { council, actionId } = await aCouncilWithAnAction();
    await plans().recordMeeting(council.manager.actor, { heldOn: '2026-11-30', attendees: 'Chair', decisions: 'Noted.' });
    const pdf = aPdf('Audit of 20 plans');
    await plans().addEvidenceDocument(council.officer.actor, actionId, { title: 'Audit of 20 plans', file: { filename: 'audit.pdf', bytes: pdf, truncated: false } });
    const pack = await testApp.services.boardPack.pack(council.board.actor, '2026-11-30');
    expect(pack.changes.find((entry) => entry.what === 'Evidence added')).toMatchObject({ subject: 'Track every plan past week 16', after: 'Audit of 20 plans (document: audit.pdf)' });
    const { meetingId } = await plans().recordMeeting(council.manager.actor, { heldOn: '2026-11-30', attendees: 'Chair', decisions: 'Noted again.' });
    const [row] = await evidenceRows(actionId);
    const snapshot = JSON.stringify((await plans().meeting(council.board.actor, meetingId)).snapshot);
    expect(snapshot).toContain('Track every plan past week 16');
    expect(snapshot).not.toContain(row!.storage_key);
    expect(snapshot).not.toContain(pdf.toString('base64').slice(0, 40));
  });

  it('takes a spreadsheet from a manager, and records a clean verdict when a scanner is configured', async () => {
    const { council, actionId } = await aCouncilWithAnAction();
    verdict = { verdict: 'clean', engine: 'stub 1.0' };
    const { evidenceId } = await plans().addEvidenceDocument(council.manager.actor, actionId, { title: 'Weekly tracker', file: { filename: 'tracker.xlsx', bytes: anXlsx(), truncated: false } });
    const [row] = await evidenceRows(actionId);
    expect(row).toMatchObject({ id: evidenceId, filename: 'tracker.xlsx', media_type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', scan_verdict: 'clean' });
    const found = (await plans().action(council.manager.actor, actionId)).evidence[0]!;
    expect(found).toMatchObject({ kind: 'document', typeName: 'Excel spreadsheet (XLSX)', scanVerdict: 'clean' });
  });

  it.each([
    ['no title and no file', {}, undefined, [{ href: '#title', text: 'Enter what the evidence is' }, { href: '#file', text: 'Select a file' }]],
    ['an empty file', { title: 'Audit' }, { filename: 'audit.pdf', bytes: Buffer.alloc(0) }, [{ href: '#file', text: 'The selected file is empty' }]],
    ['a file over 20 MB', { title: 'Audit' }, { filename: 'big.pdf', bytes: Buffer.concat([aPdf(), Buffer.alloc(MAX_DOCUMENT_BYTES)]) }, [{ href: '#file', text: 'The selected file must be smaller than 20 MB' }]],
    ['a text file', { title: 'Notes' }, { filename: 'notes.txt', bytes: Buffer.from('Some notes') }, [{ href: '#file', text: 'The selected file must be a PDF, DOCX, XLSX, JPEG or PNG' }]],
    ['a PNG named .pdf', { title: 'Audit' }, { filename: 'audit.pdf', bytes: aPng() }, [{ href: '#file', text: 'The selected file’s name ends .pdf but its content is a PNG image: check it is the right file' }]],
  ])('refuses %s with the error summary, and keeps nothing', async (_name, fields: Record<string, string>, file: MultipartFile | undefined, summary: { href: string; text: string }[]) => {
    const { council, actionId } = await aCouncilWithAnAction();
    const jar = await signIn(testApp.app, council.manager.user.email, council.manager.password);
    const files = store.files.size;
    const changes = await changeCount(council.authorityId);
    const response = await postUpload(jar, actionId, fields, file);
    expect(response.statusCode).toBe(400);
    expect(errorSummaryOf(response.body)).toEqual(summary);
    expect(await evidenceRows(actionId)).toEqual([]);
    expect(store.files.size).toBe(files);
    expect(await changeCount(council.authorityId)).toBe(changes);
  });

  it('refuses a file the malware scanner finds infected, keeps nothing, and writes the refusal to the audit log by the file’s hash', async () => {
    const { council, actionId } = await aCouncilWithAnAction();
    const jar = await signIn(testApp.app, council.officer.user.email, council.officer.password);
    const files = store.files.size;
    verdict = { verdict: 'infected', engine: 'stub 1.0' };
    const response = await postUpload(jar, actionId, { title: 'Audit' }, { filename: 'audit.pdf', bytes: aPdf() });
    expect(response.statusCode).toBe(400);
    expect(errorSummaryOf(response.body)).toEqual([{ href: '#file', text: 'The selected file contains a virus' }]);
    expect(await evidenceRows(actionId)).toEqual([]);
    expect(store.files.size).toBe(files);
    const audit = await listAuditEventsFor(testApp.database.db, council.authorityId, 'improvement_action', actionId);
    expect(audit.find((entry) => entry.action === 'document.refused-infected')?.details).toMatchObject({ engine: 'stub 1.0', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('is refused to a board member (403, nothing kept), who may still download; and to staff who neither own the action nor manage, who may not download', async () => {
    const { council, actionId } = await aCouncilWithAnAction();
    const { evidenceId } = await plans().addEvidenceDocument(council.officer.actor, actionId, { title: 'Audit', file: { filename: 'audit.pdf', bytes: aPdf(), truncated: false } });
    const files = store.files.size;
    const board = await signIn(testApp.app, council.board.user.email, council.board.password);
    expect((await getPage(testApp.app, board, formUrl(actionId))).statusCode).toBe(403);
    const refused = await postUpload(board, actionId, { title: 'Mine' }, { filename: 'mine.pdf', bytes: aPdf('Mine') });
    expect(refused.statusCode).toBe(403);
    await expect(plans().addEvidenceDocument(council.board.actor, actionId, { title: 'Mine', file: { filename: 'mine.pdf', bytes: aPdf('Mine'), truncated: false } })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await evidenceRows(actionId)).map((row) => row.id)).toEqual([evidenceId]);
    expect(store.files.size).toBe(files);
    const boardPage = await getPage(testApp.app, board, `/improvement-plan/actions/${actionId}`);
    expect(boardPage.body).not.toContain('Upload a document as evidence');
    expect((await getPage(testApp.app, board, `/improvement-plan/evidence/${evidenceId}`)).statusCode).toBe(200);

    const stranger = await anOfficer(testApp, { authorityId: council.authorityId });
    await expect(plans().addEvidenceDocument(stranger.actor, actionId, { title: 'Mine', file: { filename: 'mine.pdf', bytes: aPdf('Mine'), truncated: false } })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(plans().evidenceDocument(stranger.actor, evidenceId)).rejects.toBeInstanceOf(ForbiddenError);
    const other = await aCouncilWithBoard(testApp);
    const otherJar = await signIn(testApp.app, other.manager.user.email, other.manager.password);
    expect((await getPage(testApp.app, otherJar, `/improvement-plan/evidence/${evidenceId}`)).statusCode).toBe(404);
    expect(store.files.size).toBe(files);
  });
});
