// `npm run soak`: the service under a steady working day's load for 10 minutes (SOAK_SECONDS), to
// show that nothing is lost and nothing leaks. 50 connections (SOAK_CONNECTIONS) on 127.0.0.1, each
// an officer's browser and API token, go round My cases, a child's record, a search, the cases
// through the API and adding a parent to a child's record (one request in six a write). Then:
//   - zero errors: every response the one expected (200; 201 for a write), no refused connection,
//     no timeout (10 s);
//   - memory flat after warm-up: the server's mean resident memory in the second half of the run
//     after the warm-up (the first fifth, at least 60 s) no more than 10% above the first half's;
//   - every acknowledged write found afterwards, in the database, once; and no other write there
//     but those still in flight when the load stopped (sent, their answer never read).
// On PostgreSQL (a throwaway cluster from pg_virtualenv, or DATABASE_URL) at council scale, seeded
// here; SOAK_ENGINE=pglite for the embedded database. Exits non-zero when any check fails. Writes
// bench/results/soak-<date>.json and adds its figures to BENCHMARKS.md. Never part of `npm test`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { createServices } from '../src/composition.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase, queryRows } from '../src/db/database.ts';
import { seedAtScale } from '../src/db/seed/scale.ts';
import { systemActor, type Actor } from '../src/features/auth/actor.ts';
import { systemClock } from '../src/lib/clock.ts';
import { signIn, untilReady } from './http.ts';
import type { SoakPlan } from './soak-load.ts';

const root = join(import.meta.dirname, '..');
const engine = (process.env.SOAK_ENGINE ?? 'postgres') as 'postgres' | 'pglite';
const seconds = Number(process.env.SOAK_SECONDS ?? 600);
const connections = Number(process.env.SOAK_CONNECTIONS ?? 50);
const port = Number(process.env.SOAK_PORT ?? 3950);
const base = `http://127.0.0.1:${port}`;
const PASSWORD = 'Soak-password-2026';
const OFFICERS = 5;

if (!['postgres', 'pglite'].includes(engine) || !(seconds >= 30 && seconds <= 3600) || !(connections >= 1 && connections <= 200)) {
  console.error('SOAK_ENGINE is postgres or pglite; SOAK_SECONDS from 30 to 3600; SOAK_CONNECTIONS from 1 to 200.');
  process.exit(2);
}
if (engine === 'postgres' && !process.env.DATABASE_URL) {
  const result = spawnSync(
    'pg_virtualenv',
    ['-t', 'sh', '-c', 'DATABASE_URL="postgres://$PGUSER:$PGPASSWORD@$PGHOST:$PGPORT/$PGDATABASE" node --import tsx bench/soak.ts'],
    { cwd: root, stdio: 'inherit', env: { ...process.env } },
  );
  process.exit(result.status ?? 1);
}
const workDir = mkdtempSync(join(os.tmpdir(), 'casework-soak-'));
const dataDir = engine === 'pglite' ? join(workDir, 'data') : undefined;
const databaseOptions = engine === 'pglite' ? { dataDir: dataDir! } : { databaseUrl: process.env.DATABASE_URL, dataDir: 'unused' };
const surname = `Soak${Date.now()}`;

/** Officers of their own for the soak, each given a seeded officer's caseload, with API tokens for their connections. */
async function prepare(): Promise<{ officers: { email: string; childIds: string[]; searches: string[]; tokens: string[] }[] }> {
  const database = await openDatabase(databaseOptions);
  try {
    const services = createServices({ config: loadConfig({ NODE_ENV: 'test' }), database, clock: systemClock });
    await services.reference.ensureReferenceData();
    if (!(await services.reference.findAuthorityByLaCode('330'))) {
      const started = Date.now();
      await seedAtScale(database, { scale: 'council', seed: 2026, today: systemClock.today(), log: (line) => console.log(`  ${line}`) });
      console.log(`Seeded the council in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    const authority = (await services.reference.findAuthorityByLaCode('330'))!;
    const admin = systemActor(authority.id, 'soak');
    const busiest = await queryRows<{ officer_id: string }>(
      database.db,
      sql`SELECT officer_id FROM ehc_case WHERE authority_id = ${authority.id} AND closed_on IS NULL AND officer_id IS NOT NULL GROUP BY officer_id ORDER BY count(*) DESC LIMIT ${OFFICERS}`,
    );
    const officers = [];
    for (const [index, seeded] of busiest.entries()) {
      const email = `soak-officer-${index + 1}-${Date.now()}@la330.example`;
      const user = await services.staff.createUser(admin, { email, name: `Soak Officer ${index + 1}`, role: 'case_officer', password: PASSWORD });
      await database.db.execute(sql`UPDATE ehc_case SET officer_id = ${user.id} WHERE authority_id = ${authority.id} AND officer_id = ${seeded.officer_id}`);
      const children = await queryRows<{ child_id: string; surname: string }>(
        database.db,
        sql`SELECT c.child_id, ch.surname FROM ehc_case c JOIN child ch ON ch.authority_id = c.authority_id AND ch.id = c.child_id
            WHERE c.authority_id = ${authority.id} AND c.officer_id = ${user.id} AND c.closed_on IS NULL ORDER BY c.child_id LIMIT 200`,
      );
      const actor: Actor = { kind: 'user', id: user.id, authorityId: authority.id, roles: ['case_officer'], name: user.name };
      const perOfficer = Math.ceil(connections / OFFICERS);
      const tokens = [];
      for (let token = 0; token < perOfficer; token += 1) tokens.push((await services.auth.issueApiToken(actor, user.id, `soak ${token + 1}`)).token);
      officers.push({ email, childIds: children.map((child) => child.child_id), searches: [...new Set(children.map((child) => child.surname))].slice(0, 50), tokens });
    }
    await database.db.execute(sql`ANALYZE ehc_case`);
    return { officers };
  } finally {
    await database.close();
  }
}

async function startServer(): Promise<ChildProcess> {
  const server = spawn(process.execPath, ['--import', './scripts/typescript.mjs', 'src/server.ts'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      ...(dataDir ? { DATA_DIR: dataDir, DATABASE_URL: '' } : {}),
      NODE_ENV: 'test',
      SEED_DEMO_DATA: 'false',
      SESSION_SECRET: randomBytes(32).toString('hex'),
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    },
  });
  return untilReady(base, server, 120);
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

const mean = (values: number[]) => values.reduce((total, value) => total + value, 0) / Math.max(1, values.length);

console.log(`Soak: ${connections} connections for ${seconds} s on ${engine}, 127.0.0.1:${port}`);
const { officers } = await prepare();
const server = await startServer();
let exitCode = 1;
try {
  const cookies = await Promise.all(officers.map((officer) => signIn(base, officer.email, PASSWORD)));
  const plan: SoakPlan = {
    base,
    seconds,
    acknowledgedPath: join(workDir, 'acknowledged.txt'),
    surname,
    connections: Array.from({ length: connections }, (_, index) => {
      const officer = officers[index % officers.length]!;
      return { cookie: cookies[index % officers.length]!, token: officer.tokens[Math.floor(index / officers.length)]!, childIds: officer.childIds, searches: officer.searches };
    }),
  };
  const planPath = join(workDir, 'plan.json');
  writeFileSync(planPath, JSON.stringify(plan));

  // The server's resident memory every 5 s while the load runs.
  const samples: { second: number; mb: number }[] = [];
  const started = Date.now();
  const sampler = setInterval(() => samples.push({ second: (Date.now() - started) / 1000, mb: rssMb(server.pid!) }), 5000);
  const generator = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench', 'soak-load.ts'), '--plan', planPath], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  generator.stdout.on('data', (chunk) => (output += String(chunk)));
  const generatorCode = await new Promise<number | null>((resolve) => generator.on('close', resolve));
  clearInterval(sampler);
  if (generatorCode !== 0) throw new Error(`The load generator failed (exit ${generatorCode})`);
  const load = JSON.parse(output.trim().split('\n').at(-1)!) as {
    requests: number;
    seconds: number;
    p50_ms: number;
    p95_ms: number;
    p99_ms: number;
    refused: number;
    errors: number;
    timeouts: number;
    acknowledged: number;
    writes_in_flight_at_stop: number;
    by_kind: Record<string, { sent: number; ok: number; refused: Record<string, number> }>;
  };

  // Memory after the warm-up: the collector's sawtooth swings the resident size by a third within a
  // minute or two, so the run's second half is compared with its first (the means of every 5 s
  // sample), and the straight line through the samples says the trend in MB a minute.
  const warmUp = Math.max(60, seconds / 5);
  const after = samples.filter((sample) => sample.second >= warmUp);
  const middle = (warmUp + seconds) / 2;
  const firstHalf = mean(after.filter((sample) => sample.second < middle).map((sample) => sample.mb));
  const secondHalf = mean(after.filter((sample) => sample.second >= middle).map((sample) => sample.mb));
  const growth = firstHalf > 0 ? (secondHalf - firstHalf) / firstHalf : 0;
  const meanSecond = mean(after.map((sample) => sample.second));
  const meanMb = mean(after.map((sample) => sample.mb));
  const spread = after.reduce((total, sample) => total + (sample.second - meanSecond) ** 2, 0);
  const slope = spread > 0 ? (after.reduce((total, sample) => total + (sample.second - meanSecond) * (sample.mb - meanMb), 0) / spread) * 60 : 0;
  const memoryFlat = after.length >= 4 && growth <= 0.1;

  // Every acknowledged write, found once; nothing unacknowledged written.
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  const acknowledgedIds = readFileSync(plan.acknowledgedPath, 'utf8').split('\n').filter(Boolean);
  const database = await openDatabase(databaseOptions);
  let found = 0;
  let written = 0;
  try {
    for (let start = 0; start < acknowledgedIds.length; start += 1000) {
      const batch = acknowledgedIds.slice(start, start + 1000);
      const [row] = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM person WHERE id IN (${sql.join(batch.map((id) => sql`${id}`), sql`, `)})`);
      found += row!.n;
    }
    const [row] = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM person WHERE surname = ${surname}`);
    written = row!.n;
  } finally {
    await database.close();
  }
  const lost = acknowledgedIds.length - found;
  const unacknowledged = written - acknowledgedIds.length;

  const summary = {
    date: new Date().toISOString().slice(0, 10),
    engine,
    connections,
    seconds: load.seconds,
    requests: load.requests,
    rps: Number((load.requests / load.seconds).toFixed(1)),
    p50_ms: load.p50_ms,
    p95_ms: load.p95_ms,
    p99_ms: load.p99_ms,
    refused: load.refused,
    errors: load.errors,
    timeouts: load.timeouts,
    writes_acknowledged: acknowledgedIds.length,
    writes_found: found,
    writes_lost: lost,
    writes_unacknowledged_found: unacknowledged,
    writes_in_flight_at_stop: load.writes_in_flight_at_stop,
    rss_mb: {
      warm_up_seconds: warmUp,
      first_half_after_warm_up: Number(firstHalf.toFixed(1)),
      second_half: Number(secondHalf.toFixed(1)),
      trend_mb_a_minute: Number(slope.toFixed(2)),
      peak: Number(Math.max(...samples.map((sample) => sample.mb)).toFixed(1)),
      growth_percent: Number((growth * 100).toFixed(1)),
      samples: samples.map((sample) => [Math.round(sample.second), Number(sample.mb.toFixed(1))]),
    },
    by_kind: load.by_kind,
  };
  // A write found but never acknowledged can only be one still in flight when the load stopped.
  const passed = load.refused === 0 && load.errors === 0 && lost === 0 && unacknowledged >= 0 && unacknowledged <= load.writes_in_flight_at_stop && memoryFlat;
  console.log(JSON.stringify({ ...summary, rss_mb: { ...summary.rss_mb, samples: `${samples.length} samples` } }, null, 2));

  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(join(root, 'bench', 'results', `soak-${new Date().toISOString().slice(0, 16).replace(':', '-')}.json`), `${JSON.stringify(summary, null, 2)}\n`);
  appendFileSync(
    join(root, 'BENCHMARKS.md'),
    [
      '',
      `## Soak, ${summary.date} (${engine}, council scale, ${connections} connections, ${Math.round(load.seconds)} s): ${passed ? 'passed' : 'FAILED'}`,
      '',
      `\`npm run soak\`: ${summary.requests.toLocaleString('en-GB')} requests (${summary.rps} a second; p50 ${summary.p50_ms} ms, p95 ${summary.p95_ms} ms, p99 ${summary.p99_ms} ms), ` +
        `${summary.refused} refused, ${summary.errors} errors (${summary.timeouts} timeouts). Writes: ${summary.writes_acknowledged.toLocaleString('en-GB')} acknowledged, ` +
        `${summary.writes_found.toLocaleString('en-GB')} found afterwards, ${summary.writes_lost} lost; ${summary.writes_unacknowledged_found} written unacknowledged, of ${summary.writes_in_flight_at_stop} in flight when the load stopped. ` +
        `Server memory (RSS) after ${warmUp} s of warm-up, mean of 5 s samples: ${summary.rss_mb.first_half_after_warm_up} MB in the first half, ${summary.rss_mb.second_half} MB in the second ` +
        `(${summary.rss_mb.growth_percent >= 0 ? '+' : ''}${summary.rss_mb.growth_percent}%; trend ${summary.rss_mb.trend_mb_a_minute} MB a minute; peak ${summary.rss_mb.peak} MB).`,
      '',
    ].join('\n'),
  );
  if (!passed) console.error('The soak FAILED: see the figures above.');
  exitCode = passed ? 0 : 1;
} finally {
  if (server.exitCode === null && server.signalCode === null) server.kill('SIGTERM');
  rmSync(workDir, { recursive: true, force: true });
}
process.exit(exitCode);
