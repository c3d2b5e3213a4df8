// A process killed outright (SIGKILL: no handler runs, nothing is tidied) in the middle of an
// import running as a job, and the service started again: the import goes on from its last
// checkpoint, and no child, case or record is there twice.
//
// The real server runs the job in a process of its own, on the test's PostgreSQL database (two
// processes share a database only there; the embedded one is locked to one process, and the same
// resume is shown in-process on both engines by cases-import/upload.int.test.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from './composition.ts';
import { testConfig } from './config.ts';
import { queryRows, type DatabaseHandle } from './db/database.ts';
import { upnCheckLetter } from './domain/children/upn.ts';
import { systemActor } from './features/auth/index.ts';
import { systemClock } from './lib/clock.ts';
import { asServiceRole, createTestDatabase, testEngine } from './test/database.ts';

const ROOT = join(import.meta.dirname, '..');
const TYPESCRIPT = pathToFileURL(join(ROOT, 'scripts', 'typescript.mjs')).href;
const CHILDREN = 2_400;
const OFFICER = 'kill.test.officer@council.example';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe.runIf(testEngine === 'postgres')('a server killed with SIGKILL in the middle of an import job', () => {
  let database: DatabaseHandle & { ownerUrl?: string };
  let storage: string;
  const servers: ChildProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    storage = mkdtempSync(join(tmpdir(), 'casework-kill-'));
  });
  afterAll(async () => {
    for (const server of servers) if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
    await database?.close();
    rmSync(storage, { recursive: true, force: true });
  });

  /** The service as `npm start` runs it, on the test's database and folder, its job runner on. */
  async function startServer(): Promise<ChildProcess> {
    const server = spawn(process.execPath, ['--import', TYPESCRIPT, join(ROOT, 'src', 'server.ts')], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: asServiceRole(database.ownerUrl!),
        DATABASE_OWNER_URL: database.ownerUrl!,
        DATA_DIR: storage,
        SEED_DEMO_DATA: 'false',
        SESSION_SECRET: randomBytes(32).toString('hex'),
        HOST: '127.0.0.1',
        PORT: String(await freePort()),
        LOG_LEVEL: 'warn',
      },
    });
    servers.push(server);
    server.stdout!.resume();
    server.stderr!.resume();
    return server;
  }

  async function runOf(runId: string) {
    const [row] = await queryRows<{ status: string; children_done: number; counts: Record<string, number> }>(
      database.db,
      sql`SELECT status, children_done, counts FROM import_run WHERE id = ${runId}`,
    );
    return row!;
  }

  async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, seconds = 120): Promise<T> {
    const deadline = Date.now() + seconds * 1000;
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what}: ${JSON.stringify(value)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const countOf = async (statement: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(database.db, statement))[0]!.n;

  it('goes on from its checkpoint when the service is started again: every child, case and record once', async () => {
    const services = createServices({ config: testConfig({ dataDir: storage }), database, clock: systemClock });
    await services.reference.ensureReferenceData();
    const authority = (await services.reference.findAuthorityByLaCode('999'))!;
    const actor = systemActor(authority.id, 'test');
    await services.staff.createUser(actor, { email: OFFICER, name: 'Kill Test Officer', role: 'case_officer', password: 'Kill-test-password-2026' });

    // An old system's children and their requests, queued as the upload page queues them.
    const { folder } = services.importUploads.newFolder(actor);
    const directory = join(storage, 'imports', folder);
    mkdirSync(directory, { recursive: true });
    const children = ['Child Ref,First Name,Last Name,DOB,Gender,UPN'];
    const requests = ['Referral Ref,Child Ref,Date Received,Referrer,Decision,Decision Date,Caseworker Email'];
    for (let index = 1; index <= CHILDREN; index += 1) {
      const body = `999201${String(100000 + index).slice(1)}${String(index % 100).padStart(2, '0')}`.slice(0, 12);
      children.push(`K${index},Child${index},Killtest,${String((index % 28) + 1).padStart(2, '0')}/03/2016,${(index % 2) + 1},${upnCheckLetter(body)!}${body}`);
      requests.push(`Q${index},K${index},06/01/2026,PAR,ASSESS,10/02/2026,${OFFICER}`);
    }
    writeFileSync(join(directory, 'children.csv'), `${children.join('\n')}\n`);
    writeFileSync(join(directory, 'requests.csv'), `${requests.join('\n')}\n`);
    writeFileSync(
      join(directory, 'mapping.json'),
      JSON.stringify({
        sourceSystem: 'KillTest',
        columns: {
          children: { child_id: 'Child Ref', forename: 'First Name', surname: 'Last Name', date_of_birth: 'DOB', sex: 'Gender', upn: 'UPN' },
          requests: { request_id: 'Referral Ref', child_id: 'Child Ref', received_on: 'Date Received', source: 'Referrer', decision: 'Decision', decision_on: 'Decision Date', officer_email: 'Caseworker Email' },
        },
        codes: { sex: { '1': 'M', '2': 'F' }, source: { PAR: '1' }, requestDecision: { ASSESS: 'assess' } },
      }),
    );
    const stored = ['mapping.json', 'children.csv', 'requests.csv'].map((name) => ({ field: name.split('.')[0]!, stored: name, originalName: name, bytes: 1, truncated: false }));
    const runId = await services.importUploads.queue({ ...actor, name: 'Test' }, { folder, files: stored }, 'apply');

    // Killed once its first batch is committed and before its last.
    const first = await startServer();
    const atKill = await until('the first batch', () => runOf(runId), (run) => run.children_done > 0);
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const killed = await runOf(runId);
    expect(atKill.children_done).toBeLessThan(CHILDREN);
    expect(killed.status).toBe('running');
    // What the killed process committed is whole batches, as its checkpoint says: no child without its case.
    const childrenAtKill = await countOf(sql`SELECT count(*)::int AS n FROM child WHERE authority_id = ${authority.id} AND surname = 'Killtest'`);
    expect(childrenAtKill).toBe(killed.children_done);
    expect(await countOf(sql`SELECT count(*)::int AS n FROM ehc_case c JOIN child ch ON ch.id = c.child_id WHERE ch.surname = 'Killtest'`)).toBe(childrenAtKill);

    // The killed process's lease on the job would run for its 10 minutes: moved back as if they had passed.
    await database.db.execute(sql`UPDATE job SET locked_at = now() - interval '1 hour' WHERE status = 'running'`);
    const second = await startServer();
    const finished = await until('the import to finish', () => runOf(runId), (run) => run.status !== 'running' && run.status !== 'queued', 240);
    second.kill('SIGTERM');
    await new Promise((resolve) => second.once('exit', resolve));

    expect(finished).toMatchObject({ status: 'finished', children_done: CHILDREN, counts: expect.objectContaining({ created: CHILDREN, refused: 0 }) });
    expect(await countOf(sql`SELECT count(*)::int AS n FROM child WHERE surname = 'Killtest'`)).toBe(CHILDREN);
    expect(await countOf(sql`SELECT count(DISTINCT upn)::int AS n FROM child WHERE surname = 'Killtest'`)).toBe(CHILDREN);
    expect(await countOf(sql`SELECT count(*)::int AS n FROM ehc_case c JOIN child ch ON ch.id = c.child_id WHERE ch.surname = 'Killtest'`)).toBe(CHILDREN);
    expect(await countOf(sql`SELECT count(*)::int AS n FROM import_record WHERE source_system = 'KillTest' AND kind = 'child'`)).toBe(CHILDREN);
    expect(await countOf(sql`SELECT count(DISTINCT source_id)::int AS n FROM import_record WHERE source_system = 'KillTest' AND kind = 'child'`)).toBe(CHILDREN);
    expect(await countOf(sql`SELECT count(*)::int AS n FROM case_event e JOIN ehc_case c ON c.id = e.case_id JOIN child ch ON ch.id = c.child_id WHERE ch.surname = 'Killtest' AND e.type = 'request.received'`)).toBe(CHILDREN);
  }, 420_000);
});
