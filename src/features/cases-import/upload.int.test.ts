import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { adjustableClock } from '../../lib/clock.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { anOfficer, type TestOfficer } from '../../test/factories/index.ts';
import { csrfTokenIn, errorSummaryOf, getPage, postForm, signIn, type CookieJar } from '../../test/http.ts';
import { JobRunner } from '../jobs/index.ts';
import { systemActor } from '../auth/index.ts';
import { runCasesImportJob } from './job.ts';
import { CASES_IMPORT_JOB, IMPORT_UPLOADS_SWEEP_JOB } from './upload.ts';

const SAMPLE = fileURLToPath(new URL('./fixtures/casesys', import.meta.url));
const sample = (name: string) => readFileSync(join(SAMPLE, name));
const OFFICER_EMAIL = 's.khan@demo-council.example';
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

let testApp: TestApp;
let storage: string;
let admin: TestOfficer;
let jar: CookieJar;
const clock = adjustableClock('2026-12-01T09:00:00Z');

beforeEach(async () => {
  storage = await mkdtemp(join(tmpdir(), 'imports-test-'));
  testApp = await createTestApp({ clock, config: { dataDir: storage, importUploadMaxBytes: 4096 } });
  await anOfficer(testApp, { email: OFFICER_EMAIL, name: 'Samira Khan' });
  admin = await anOfficer(testApp, { role: 'admin', name: 'Ada Admin' });
  jar = await signIn(testApp.app, admin.user.email, admin.password);
});
afterEach(async () => {
  await testApp.close();
  await rm(storage, { recursive: true, force: true });
});

type Files = Record<string, { filename: string; bytes: Buffer }>;

/** The sample's files as the form sends them, each field by its name, with some replaced or left out. */
function sampleFiles(changes: Record<string, { filename: string; bytes: Buffer } | null> = {}): Files {
  const files: Files = { mapping: { filename: 'mapping.json', bytes: sample('mapping.json') } };
  for (const name of ['children', 'officers', 'people', 'requests', 'assessments', 'plans', 'reviews']) files[name] = { filename: `${name}.csv`, bytes: sample(`${name}.csv`) };
  for (const [field, file] of Object.entries(changes)) {
    if (file === null) delete files[field];
    else files[field] = file;
  }
  return files;
}

/** A multipart body: the text fields first, as the page's form sends them, then the files. */
function multipart(fields: Record<string, string>, files: Files): { payload: Buffer; contentType: string } {
  const boundary = `----imports-${randomUUID()}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const [name, file] of Object.entries(files)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${file.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`), file.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(files: Files, mode = 'dry-run', options: { csrf?: boolean; as?: CookieJar } = {}) {
  const browser = options.as ?? jar;
  const page = await getPage(testApp.app, browser, '/admin/imports');
  const fields: Record<string, string> = options.csrf === false ? {} : { _csrf: csrfTokenIn(page.body) };
  const body = multipart({ ...fields, mode }, files);
  const response = await testApp.app.inject({ method: 'POST', url: '/admin/imports', headers: { cookie: browser.header(), 'content-type': body.contentType }, payload: body.payload });
  browser.store(response);
  return response;
}

async function count(table: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(testApp.database.db, sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} WHERE "authority_id" = ${testApp.authorityId}`);
  return row!.n;
}

const TABLES = ['child', 'person', 'ehc_case', 'case_event', 'case_deadline', 'plan', 'plan_version', 'annual_review', 'import_record'];
const tableCounts = async () => Object.fromEntries(await Promise.all(TABLES.map(async (table) => [table, await count(table)] as const)));

const runner = (options: { batchSize?: number; onProgress?: (runId: string, rows: number) => void; leaseMs?: number } = {}) =>
  new JobRunner(
    testApp.database.db,
    clock,
    {
      [CASES_IMPORT_JOB]: (job, context) =>
        runCasesImportJob({ db: testApp.database.db, clock, imports: testApp.services.casesImport, uploads: testApp.services.importUploads, ...options }, job, context),
    },
    { retry: { baseDelayMs: 0, maxDelayMs: 0 }, ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}) },
  );

const runIdOf = (location: string | undefined) => /\/admin\/imports\/([0-9a-f-]{36})$/.exec(location ?? '')?.[1] ?? '';

describe('the cases import’s upload page', () => {
  it('is for administrators only: anyone else is refused (403)', async () => {
    const officer = await anOfficer(testApp, { role: 'team_manager' });
    const officerJar = await signIn(testApp.app, officer.user.email, officer.password);
    expect((await getPage(testApp.app, officerJar, '/admin/imports')).statusCode).toBe(403);
    const response = await testApp.app.inject({ method: 'POST', url: '/admin/imports', headers: { cookie: officerJar.header(), 'content-type': 'multipart/form-data; boundary=x' }, payload: '--x--\r\n' });
    expect(response.statusCode).toBe(403);
    expect(await count('import_run')).toBe(0);
  });

  it('refuses an upload without children.csv, with a mapping that is not JSON, a file too big and a file that is not CSV, naming each field; nothing is kept or queued', async () => {
    const big = Buffer.concat([sample('people.csv'), Buffer.alloc(5000, 'x')]);
    const response = await upload(
      sampleFiles({ children: null, mapping: { filename: 'mapping.json', bytes: Buffer.from('{ not json') }, people: { filename: 'people.csv', bytes: big }, plans: { filename: 'plans.xlsx', bytes: PNG } }),
    );
    expect(response.statusCode).toBe(400);
    expect(errorSummaryOf(response.body)).toEqual([
      { href: '#mapping', text: 'The mapping file must be JSON: it cannot be read as JSON' },
      { href: '#children', text: 'Select the children.csv file' },
      { href: '#people', text: 'The people.csv file must be smaller than 4 KB' },
      { href: '#plans', text: 'The plans.csv file must be a CSV file (save the spreadsheet as CSV)' },
    ]);
    expect(await count('import_run')).toBe(0);
    expect(await count('job')).toBe(0);
    expect(readdirSync(join(storage, 'imports'))).toEqual([]);
  });

  it('refuses a mapping file the import cannot use, and no choice of dry run or import', async () => {
    const response = await upload(sampleFiles({ mapping: { filename: 'mapping.json', bytes: Buffer.from('{"columns": {}}') } }), '');
    expect(response.statusCode).toBe(400);
    const summary = errorSummaryOf(response.body);
    expect(summary.map((entry) => entry.href)).toEqual(['#mapping', '#mode']);
    expect(summary[0]!.text).toMatch(/^The mapping file cannot be used/);
  });

  it('refuses a form without its CSRF token, writing no file', async () => {
    const response = await upload(sampleFiles(), 'dry-run', { csrf: false });
    expect(response.statusCode).toBe(403);
    expect(await count('import_run')).toBe(0);
    expect(existsSync(join(storage, 'imports')) ? readdirSync(join(storage, 'imports')) : []).toEqual([]);
  });

  it('stores the files in a folder of the run, queues the dry run with its job, shows it finished with the refused rows and their CSV, then applies the same files', async () => {
    const wrongChildren = Buffer.from(sample('children.csv').toString('utf8').replace('14/03/2015', '31/02/2015'));
    const response = await upload(sampleFiles({ children: { filename: 'pupils.csv', bytes: wrongChildren } }));
    expect(response.statusCode).toBe(303);
    const runId = runIdOf(response.headers.location as string);
    const [run] = await queryRows<{ status: string; folder: string; mode: string }>(testApp.database.db, sql`SELECT status, folder, mode FROM import_run WHERE id = ${runId}`);
    expect(run).toMatchObject({ status: 'queued', mode: 'dry-run' });
    expect(readdirSync(join(storage, 'imports', run!.folder)).sort()).toEqual(['assessments.csv', 'children.csv', 'mapping.json', 'officers.csv', 'people.csv', 'plans.csv', 'requests.csv', 'reviews.csv']);
    const [job] = await queryRows<{ kind: string; payload: { runId: string } }>(testApp.database.db, sql`SELECT kind, payload FROM job`);
    expect(job).toEqual({ kind: CASES_IMPORT_JOB, payload: { runId } });

    const waiting = await getPage(testApp.app, jar, `/admin/imports/${runId}`);
    expect(waiting.body).toContain('Waiting');
    expect(waiting.body).toContain('<progress');
    expect(waiting.body).toContain('>Refresh</a>');

    expect(await runner().runUntilIdle()).toBe(1);
    const progress = await getPage(testApp.app, jar, `/admin/imports/${runId}/progress`);
    expect(progress.json()).toEqual({ state: 'finished', done: 5, total: 5, text: '5 of 5 children' });
    const page = await getPage(testApp.app, jar, `/admin/imports/${runId}`);
    expect(page.body).toContain('Finished');
    expect(page.body).toMatch(/id="count-created">4</);
    expect(page.body).toMatch(/id="count-refused">1</);
    expect(page.body).toContain('id="count-officers">1 staff account to create, 1 matched to an account by e-mail, 0 brought up to date, 0 unchanged, 0 refused<');
    expect(page.body).toContain('31/02/2015');
    expect(page.body).toMatch(/id="kept-until">The uploaded files are kept until 15 December 2026 at 9(:00)?am, then deleted\.</);
    expect(await count('child')).toBe(0);
    const csv = await getPage(testApp.app, jar, `/admin/imports/${runId}/refused-rows.csv`);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body).toContain('file,line,field,value,why');
    expect(csv.body).toContain('children.csv,2,DOB,31/02/2015');
    const [audit] = await queryRows<{ n: number }>(testApp.database.db, sql`SELECT count(*)::int AS n FROM audit_event WHERE action = 'import.refusals-downloaded' AND entity_id = ${runId}`);
    expect(audit!.n).toBe(1);

    const applied = await postForm(testApp.app, jar, `/admin/imports/${runId}/apply`, {}, { csrfFrom: `/admin/imports/${runId}` });
    expect(applied.statusCode).toBe(303);
    const applyId = runIdOf(applied.headers.location as string);
    expect(applyId).not.toBe(runId);
    expect(await runner().runUntilIdle()).toBe(1);
    expect(await count('child')).toBe(4);
    const list = await getPage(testApp.app, jar, '/admin/imports');
    expect(list.body.indexOf(`/admin/imports/${applyId}`)).toBeLessThan(list.body.indexOf(`/admin/imports/${runId}`));
    expect(list.body).toContain('Ada Admin');

    // Imported, the files are deleted at once; both runs say so, and the dry run cannot be applied again.
    expect(existsSync(join(storage, 'imports', run!.folder))).toBe(false);
    const removed = await queryRows<{ id: string; files_removed_at: Date | null }>(testApp.database.db, sql`SELECT id, files_removed_at FROM import_run ORDER BY id`);
    expect(removed.map((row) => row.files_removed_at && new Date(row.files_removed_at).toISOString())).toEqual(['2026-12-01T09:00:00.000Z', '2026-12-01T09:00:00.000Z']);
    const dryRunPage = await getPage(testApp.app, jar, `/admin/imports/${runId}`);
    expect(dryRunPage.body).toMatch(/id="files-removed">Deleted 1 December 2026/);
    expect(dryRunPage.body).toContain('The uploaded files have been deleted. To import them, upload them again.');
    expect(dryRunPage.body).not.toContain('Apply these files');
    const again = await postForm(testApp.app, jar, `/admin/imports/${runId}/apply`, {}, { csrfFrom: `/admin/imports/${runId}` });
    expect(again.statusCode).toBe(400);
    expect(errorSummaryOf(again.body)).toEqual([{ href: '#apply', text: 'The files of this dry run have been deleted: upload them again' }]);
  });

  it('deletes uploaded files no run needs, every day: a dry run’s 14 days after it finished unapplied, a folder never queued after a day; never those of a run queued or running', async () => {
    const uploads = testApp.services.importUploads;
    const dryRunResponse = await upload(sampleFiles());
    const dryRunId = runIdOf(dryRunResponse.headers.location as string);
    expect(await runner().runUntilIdle()).toBe(1);
    const queuedResponse = await upload(sampleFiles(), 'apply');
    const queuedId = runIdOf(queuedResponse.headers.location as string);
    const folderOf = async (id: string) => (await queryRows<{ folder: string }>(testApp.database.db, sql`SELECT folder FROM import_run WHERE id = ${id}`))[0]!.folder;
    const dryRunFolder = await folderOf(dryRunId);
    const queuedFolder = await folderOf(queuedId);
    const stray = uploads.newFolder(systemActor(testApp.authorityId, 'test')).directory;
    await mkdir(stray, { recursive: true });
    await writeFile(join(stray, 'children.csv'), 'half an upload');
    await writeFile(join(storage, 'imports', 'README'), 'not a folder of a run: left alone');
    // A folder's age is its file time: made now by the test's clock.
    await utimes(stray, clock.now(), clock.now());

    expect(await uploads.sweep()).toEqual({ removed: [] });
    const fortnight = 14 * 24 * 3_600_000 + 60_000;
    clock.advance(fortnight);
    onTestFinished(() => clock.advance(-fortnight));
    const swept = await uploads.sweep();
    expect(swept.removed.sort()).toEqual([dryRunFolder, stray.split('/').at(-1)!].sort());
    expect(existsSync(join(storage, 'imports', dryRunFolder))).toBe(false);
    expect(existsSync(stray)).toBe(false);
    expect(existsSync(join(storage, 'imports', queuedFolder, 'children.csv'))).toBe(true);
    expect(existsSync(join(storage, 'imports', 'README'))).toBe(true);
    const [dryRun] = await queryRows<{ files_removed_at: Date | null }>(testApp.database.db, sql`SELECT files_removed_at FROM import_run WHERE id = ${dryRunId}`);
    expect(dryRun!.files_removed_at).not.toBeNull();

    // The sweep is a daily job of the runner: queued once at start, and again for the next day.
    expect(await uploads.ensureSweepScheduled()).toBe(true);
    expect(await uploads.ensureSweepScheduled()).toBe(false);
    const sweeper = new JobRunner(testApp.database.db, clock, { [IMPORT_UPLOADS_SWEEP_JOB]: (job) => uploads.runSweepJob(job) }, { retry: { baseDelayMs: 0, maxDelayMs: 0 } });
    expect(await sweeper.runUntilIdle()).toBe(1);
    const [next] = await queryRows<{ status: string; run_after: Date }>(testApp.database.db, sql`SELECT status, run_after FROM job WHERE kind = ${IMPORT_UPLOADS_SWEEP_JOB} AND status = 'queued'`);
    expect(new Date(next!.run_after).getTime()).toBe(clock.now().getTime() + 24 * 3_600_000);
  });
});

describe('an uploaded import in the background', () => {
  /** An upload's folder written straight to the storage area, and the apply queued as the page queues it. */
  async function queued(): Promise<string> {
    const folder = testApp.services.importUploads.newFolder(systemActor(testApp.authorityId, 'test')).folder;
    const directory = join(storage, 'imports', folder);
    await mkdir(directory, { recursive: true });
    const files = sampleFiles();
    for (const [field, file] of Object.entries(files)) await writeFile(join(directory, field === 'mapping' ? 'mapping.json' : `${field}.csv`), file.bytes);
    const stored = Object.entries(files).map(([field, file]) => ({ field, stored: field === 'mapping' ? 'mapping.json' : `${field}.csv`, originalName: file.filename, bytes: file.bytes.length, truncated: false }));
    return testApp.services.importUploads.queue({ ...systemActor(testApp.authorityId, 'test'), name: 'Test' }, { folder, files: stored }, 'apply');
  }

  const runOf = async (runId: string) =>
    (await queryRows<{ status: string; counts: Record<string, number>; children_done: number; children_total: number; checkpoint: unknown }>(testApp.database.db, sql`SELECT status, counts, children_done, children_total, checkpoint FROM import_run WHERE id = ${runId}`))[0]!;

  it('stopped after its first batch, is run again by the job runner and resumes from that batch: no duplicate child, case or record, and the counts of the whole', async () => {
    const runId = await queued();
    let stopped = false;
    const first = runner({
      batchSize: 2,
      onProgress: (_runId, rows) => {
        if (!stopped && rows >= 2) {
          stopped = true;
          throw new Error('The process ended');
        }
      },
    });
    expect(await first.runOnce()).toBe('retry');
    // Two children are written, and the run's checkpoint says so.
    expect(await count('child')).toBe(2);
    const halfway = await runOf(runId);
    expect(halfway).toMatchObject({ children_done: 2, children_total: 5, checkpoint: { childRows: 2 } });

    let resumedFrom = 0;
    const again = runner({ batchSize: 2, onProgress: (_runId, rows) => void (resumedFrom ||= rows) });
    expect(await again.runUntilIdle()).toBe(1);
    // The batches after the checkpoint only: the first taken again was rows 3 and 4.
    expect(resumedFrom).toBe(4);
    const done = await runOf(runId);
    expect(done).toMatchObject({ status: 'finished', children_done: 5, checkpoint: null, counts: { created: 5, updated: 0, unchanged: 0, refused: 0 } });
    const afterResume = await tableCounts();
    expect(afterResume.child).toBe(5);
    const [duplicates] = await queryRows<{ n: number }>(testApp.database.db, sql`SELECT count(*)::int AS n FROM (SELECT upn FROM child WHERE upn IS NOT NULL GROUP BY upn HAVING count(*) > 1) d`);
    expect(duplicates!.n).toBe(0);

    // The same files in one go find everything as it is: the resumed run wrote exactly what one run writes.
    const again2 = await queued();
    expect(await runner().runUntilIdle()).toBe(1);
    expect(await runOf(again2)).toMatchObject({ status: 'finished', counts: { created: 0, updated: 0, unchanged: 5, refused: 0 } });
    expect(await tableCounts()).toEqual(afterResume);
  });

  it('left running by a process that ended mid-run, is claimed again once its lease has run out and finishes from its checkpoint', async () => {
    const runId = await queued();
    let stopped = false;
    await runner({
      batchSize: 2,
      onProgress: (_runId, rows) => {
        if (!stopped && rows >= 4) {
          stopped = true;
          throw new Error('The process ended');
        }
      },
    }).runOnce();
    // As a process that ended leaves them: the job running under its lease, the run running.
    await testApp.database.db.execute(sql`UPDATE job SET status = 'running', locked_by = 'a process that ended', locked_at = ${new Date(clock.now().getTime() - 60_000).toISOString()}::timestamptz`);
    await testApp.database.db.execute(sql`UPDATE import_run SET status = 'running', failure = NULL WHERE id = ${runId}`);
    expect(await count('child')).toBe(4);
    // Within the lease nobody takes it; after it, the runner does.
    expect(await runner({ batchSize: 2, leaseMs: 10 * 60_000 }).runUntilIdle()).toBe(0);
    expect(await runner({ batchSize: 2, leaseMs: 30_000 }).runUntilIdle()).toBe(1);
    expect(await runOf(runId)).toMatchObject({ status: 'finished', children_done: 5, counts: { created: 5, refused: 0 } });
    expect(await count('child')).toBe(5);
    expect(await count('ehc_case')).toBe(5);
  });

  it('takes a long import in slices: a try whose time is up stops after its batch and queues the rest, which goes on from there', async () => {
    const runId = await queued();
    // A lease of a few milliseconds: every try's time is up after its first batch.
    const ran = await runner({ batchSize: 2, leaseMs: 4 }).runUntilIdle();
    expect(ran).toBe(3);
    expect(await runOf(runId)).toMatchObject({ status: 'finished', children_done: 5, counts: { created: 5, refused: 0 } });
    expect(await count('child')).toBe(5);
  });
});
