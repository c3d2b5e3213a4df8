// `npm run drill`: the service beyond one machine, built on this one and broken on purpose. On
// 127.0.0.1 only, from Debian's packages (haproxy, postgresql-15-auto-failover):
//   - a pg_auto_failover monitor and two PostgreSQL nodes, a primary and a streaming standby with
//     synchronous replication (a commit is acknowledged once the standby has it on disk);
//   - two app instances, each given both nodes in DATABASE_URL (target_session_attrs=read-write)
//     and in DATABASE_READ_URL (prefer-standby: reports and the SEN2 return read from the standby);
//   - HAProxy in front of the two, checking each one's /readyz.
// Then writes (adding a parent to a child's record through the API, each with an Idempotency-Key
// and retried with the same key until acknowledged, as a client does) and reads run through the
// proxy while the drill kills one app instance (SIGKILL) and, later, the primary database with its
// pg_auto_failover keeper (SIGKILL: the machine lost). It reports the seconds during which no
// write was acknowledged, the failover as the monitor saw it, and whether every acknowledged
// write is on the new primary, once. Bounded: DRILL_SECONDS of load (default 150), everything it
// started stopped by PID at the end, its folder removed. Never part of `npm test`.
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { createServices } from '../src/composition.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase, queryRows } from '../src/db/database.ts';
import { systemActor, type Actor } from '../src/features/auth/actor.ts';
import { systemClock } from '../src/lib/clock.ts';
import { signIn, untilReady } from './http.ts';

const root = join(import.meta.dirname, '..');
const seconds = Number(process.env.DRILL_SECONDS ?? 150);
const portBase = Number(process.env.DRILL_PORT_BASE ?? 5790);
const workers = Number(process.env.DRILL_WORKERS ?? 8);
// pg_auto_failover's own timings by default; DRILL_TUNED=true for shorter ones (docs/operations.md):
// the monitor checks every second and gives up on a node after 5 s, and waits 12 s (not 30) for a
// lost primary to have stopped itself, which its keeper does after 10 s alone (not 20).
const tuned = process.env.DRILL_TUNED === 'true';
if (!(seconds >= 90 && seconds <= 900) || !(portBase >= 1024 && portBase <= 60000) || !(workers >= 1 && workers <= 50)) {
  console.error('DRILL_SECONDS is from 90 to 900, DRILL_PORT_BASE from 1024 to 60000, DRILL_WORKERS from 1 to 50.');
  process.exit(2);
}
const HOST = '127.0.0.1';
const ports = { monitor: portBase, a: portBase + 1, b: portBase + 2, proxy: portBase + 10, app1: portBase + 11, app2: portBase + 12 };
const PG_BIN = '/usr/lib/postgresql/15/bin';
const SERVICE_ROLE = 'casework_app';
const PASSWORD = 'Drill-password-2026';
const surname = `Drill${Date.now()}`;

for (const [command, hint] of [
  ['pg_autoctl', 'apt-get install postgresql-15-auto-failover pg-auto-failover-cli'],
  ['haproxy', 'apt-get install haproxy'],
  [`${PG_BIN}/pg_ctl`, 'apt-get install postgresql-15'],
] as const) {
  if (spawnSync('sh', ['-c', `command -v ${command}`]).status !== 0) {
    console.error(`The drill needs ${command} (${hint}).`);
    process.exit(2);
  }
}

const started = Date.now();
const elapsed = () => (Date.now() - started) / 1000;
const log = (line: string) => console.log(`[${elapsed().toFixed(1).padStart(6)} s] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// PostgreSQL refuses to run as root: its processes run as the postgres account Debian makes.
const asRoot = process.getuid?.() === 0;
const postgresUser = asRoot ? { uid: Number(spawnSync('id', ['-u', 'postgres']).stdout), gid: Number(spawnSync('id', ['-g', 'postgres']).stdout) } : undefined;
const workDir = mkdtempSync(join(os.tmpdir(), 'casework-drill-'));
if (postgresUser) chownSync(workDir, postgresUser.uid, postgresUser.gid);
const pgEnv = {
  PATH: `${PG_BIN}:${process.env.PATH}`,
  HOME: workDir,
  XDG_CONFIG_HOME: join(workDir, 'config'),
  XDG_DATA_HOME: join(workDir, 'share'),
  XDG_RUNTIME_DIR: join(workDir, 'run'),
  PG_CONFIG: `${PG_BIN}/pg_config`,
  PGCONNECT_TIMEOUT: '3',
};

const children: { name: string; process: ChildProcess }[] = [];
function start(name: string, command: string, args: string[], options: SpawnOptions & { asPostgres?: boolean } = {}): ChildProcess {
  const output = join(workDir, `${name}.log`);
  const child = spawn(command, args, {
    cwd: options.asPostgres ? workDir : root,
    stdio: ['ignore', 'pipe', 'pipe'],
    // A group of its own: pg_autoctl's keeper forks its workers, and a lost machine loses them all.
    detached: true,
    ...options,
    ...(options.asPostgres && postgresUser ? postgresUser : {}),
    env: { ...(options.asPostgres ? pgEnv : process.env), ...options.env },
  });
  child.stdout?.on('data', (chunk) => appendFileSync(output, chunk));
  child.stderr?.on('data', (chunk) => appendFileSync(output, chunk));
  children.push({ name, process: child });
  return child;
}

function autoctl(args: string[]): string {
  const result = spawnSync('pg_autoctl', args, { cwd: workDir, env: pgEnv, encoding: 'utf8', timeout: 30_000, ...(postgresUser ?? {}) });
  if (result.status !== 0) throw new Error(`pg_autoctl ${args.join(' ')}: ${result.stderr || result.stdout}`);
  return result.stdout;
}

/** A node as `pg_autoctl show state --json` gives it. */
interface NodeState {
  nodename: string;
  nodeport: number;
  current_group_state: string;
  assigned_group_state: string;
}
function states(): NodeState[] {
  try {
    return JSON.parse(autoctl(['show', 'state', '--pgdata', join(workDir, 'monitor'), '--json'])) as NodeState[];
  } catch {
    return [];
  }
}

async function until<T>(what: string, limitSeconds: number, check: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + limitSeconds * 1000;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) return value;
    await sleep(500);
  }
  throw new Error(`Gave up waiting for ${what} after ${limitSeconds} s (logs in ${workDir})`);
}

async function sqlOn(port: number, statement: string, user = 'postgres', database = 'casework'): Promise<pg.QueryResultRow[]> {
  const client = new pg.Client({ host: HOST, port, user, database, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return (await client.query(statement)).rows;
  } finally {
    await client.end();
  }
}

const both = `${HOST}:${ports.a},${HOST}:${ports.b}`;
const databaseUrl = `postgres://${SERVICE_ROLE}@${both}/casework?target_session_attrs=read-write`;
const ownerUrl = `postgres://postgres@${both}/casework?target_session_attrs=read-write`;
const readUrl = `postgres://${SERVICE_ROLE}@${HOST}:${ports.b},${HOST}:${ports.a}/casework?target_session_attrs=prefer-standby`;

function startApp(name: 'app1' | 'app2', seedDemo: boolean, sessionSecret: string): Promise<ChildProcess> {
  const app = start(name, process.execPath, ['--import', './scripts/typescript.mjs', 'src/server.ts'], {
    env: {
      NODE_ENV: 'test',
      HOST,
      PORT: String(ports[name]),
      DATABASE_URL: databaseUrl,
      DATABASE_OWNER_URL: ownerUrl,
      DATABASE_READ_URL: readUrl,
      SESSION_SECRET: sessionSecret,
      SEED_DEMO_DATA: String(seedDemo),
      LOG_LEVEL: 'warn',
    },
  });
  return untilReady(`http://${HOST}:${ports[name]}`, app, 300);
}

interface Acknowledged {
  id: string;
  key: string;
  at: number;
}

const results: Record<string, unknown> = {};
let exitCode = 1;
try {
  log(`Working in ${workDir}; PostgreSQL on ${HOST}:${ports.monitor}-${ports.b}, the apps on ${ports.app1} and ${ports.app2}, HAProxy on ${ports.proxy}`);

  // The monitor, listening on the loopback address only.
  autoctl(['create', 'monitor', '--pgdata', join(workDir, 'monitor'), '--pgport', String(ports.monitor), '--hostname', HOST, '--auth', 'trust', '--no-ssl']);
  autoctl(['config', 'set', '--pgdata', join(workDir, 'monitor'), 'postgresql.listen_addresses', HOST]);
  start('monitor', 'pg_autoctl', ['run', '--pgdata', join(workDir, 'monitor')], { asPostgres: true });
  await until('the monitor', 60, async () => ((await sqlOn(ports.monitor, 'SELECT 1 AS up', 'autoctl_node', 'pg_auto_failover').catch(() => []))[0] ? true : undefined));
  if (tuned) {
    for (const [setting, value] of [['health_check_period', 1000], ['node_considered_unhealthy_timeout', 5000], ['primary_demote_timeout', 12000]] as const) {
      await sqlOn(ports.monitor, `ALTER SYSTEM SET pgautofailover.${setting} = ${value}`, 'postgres', 'pg_auto_failover');
    }
    await sqlOn(ports.monitor, 'SELECT pg_reload_conf()', 'postgres', 'pg_auto_failover');
  }
  const [timings] = await sqlOn(
    ports.monitor,
    "SELECT current_setting('pgautofailover.health_check_period') AS check_ms, current_setting('pgautofailover.node_considered_unhealthy_timeout') AS unhealthy_ms, current_setting('pgautofailover.primary_demote_timeout') AS demote_ms",
    'postgres',
    'pg_auto_failover',
  );
  results.monitor_timings = { ...timings, tuned };
  const monitorUri = `postgres://autoctl_node@${HOST}:${ports.monitor}/pg_auto_failover?sslmode=disable`;
  log('The monitor is up');

  const keepers: Record<'a' | 'b', ChildProcess> = {} as Record<'a' | 'b', ChildProcess>;
  for (const node of ['a', 'b'] as const) {
    keepers[node] = start(`node-${node}`, 'pg_autoctl', [
      'create', 'postgres', '--pgdata', join(workDir, node), '--pgport', String(ports[node]), '--listen', HOST, '--hostname', HOST, '--name', `node_${node}`,
      '--monitor', monitorUri, '--auth', 'trust', '--no-ssl', '--dbname', 'casework', '--run',
    ], { asPostgres: true });
    if (node === 'a') {
      await until('node a as the primary', 120, () => (states().some((state) => state.nodename === 'node_a' && ['single', 'wait_primary', 'primary'].includes(state.current_group_state)) ? true : undefined));
      log('node a is the primary');
    }
  }
  // The standby's base backup waits for a checkpoint on the primary: ask for one now, not in minutes.
  await until('node b as a synchronous standby', 180, async () => {
    await sqlOn(ports.a, 'CHECKPOINT').catch(() => undefined);
    const now = states();
    return now.some((state) => state.nodename === 'node_a' && state.current_group_state === 'primary') && now.some((state) => state.nodename === 'node_b' && state.current_group_state === 'secondary') ? true : undefined;
  });
  if (tuned) {
    // Each keeper reads its configuration again when it is set.
    for (const node of ['a', 'b']) {
      await until(`node ${node}'s network partition timeout`, 60, () => {
        try {
          autoctl(['config', 'set', '--pgdata', join(workDir, node), 'timeout.network_partition_timeout', '10']);
          return true;
        } catch {
          return undefined;
        }
      });
    }
  }
  const [sync] = await sqlOn(ports.a, "SELECT current_setting('synchronous_standby_names') AS names, current_setting('synchronous_commit') AS commit");
  log(`node b is a streaming standby; the primary's synchronous_standby_names = '${sync!.names}', synchronous_commit = ${sync!.commit}`);
  results.synchronous_standby_names = sync!.names;
  results.synchronous_commit = sync!.commit;

  // The service's role: owns nothing; the owner (here the superuser) migrates and grants it what it needs.
  await sqlOn(ports.a, `CREATE ROLE ${SERVICE_ROLE} LOGIN`);

  // Two instances sharing one session secret, as behind any load balancer; the first loads the demo.
  const sessionSecret = randomBytes(32).toString('hex');
  await startApp('app1', true, sessionSecret);
  await startApp('app2', false, sessionSecret);
  log('Both app instances are ready');

  writeFileSync(
    join(workDir, 'haproxy.cfg'),
    [
      'global',
      '  maxconn 512',
      'defaults',
      '  mode http',
      '  timeout connect 2s',
      '  timeout client 30s',
      '  timeout server 30s',
      'frontend casework',
      `  bind ${HOST}:${ports.proxy}`,
      '  default_backend apps',
      'backend apps',
      '  balance roundrobin',
      '  option httpchk GET /readyz',
      '  http-check expect status 200',
      '  default-server inter 1s fall 2 rise 2',
      '  retry-on conn-failure empty-response',
      '  retries 2',
      '  option redispatch',
      `  server app1 ${HOST}:${ports.app1} check`,
      `  server app2 ${HOST}:${ports.app2} check`,
      '',
    ].join('\n'),
  );
  const haproxy = start('haproxy', 'haproxy', ['-db', '-f', join(workDir, 'haproxy.cfg')]);
  const proxy = `http://${HOST}:${ports.proxy}`;
  await untilReady(proxy, haproxy, 30);
  log('HAProxy is up');

  // A team manager, with an API token for each writer (each token has its own allowance), made
  // through the services on a connection that finds the primary by the host list.
  const email = `drill-manager-${Date.now()}@demo-council.example`;
  const tokens: string[] = [];
  const setup = await openDatabase({ databaseUrl, dataDir: 'unused', migrate: false, warn: () => undefined });
  let childIds: string[];
  try {
    const services = createServices({ config: loadConfig({ NODE_ENV: 'test' }), database: setup, clock: systemClock });
    const authority = (await services.reference.findAuthorityByLaCode('999'))!;
    const user = await services.staff.createUser(systemActor(authority.id, 'drill'), { email, name: 'Drill Manager', role: 'team_manager', password: PASSWORD });
    const actor: Actor = { kind: 'user', id: user.id, authorityId: authority.id, roles: ['team_manager'], name: user.name };
    // Two for each writer, its writes' and its reads', each under the API's 600 a minute.
    for (let index = 0; index < workers * 2; index += 1) tokens.push((await services.auth.issueApiToken(actor, user.id, `drill ${index + 1}`)).token);
    childIds = (await queryRows<{ id: string }>(setup.db, sql`SELECT id FROM child WHERE authority_id = ${authority.id} ORDER BY id LIMIT 40`)).map((row) => row.id);
  } finally {
    await setup.close();
  }
  if (childIds.length === 0) throw new Error('The demo has no children');

  // The reports read from the standby: the dashboard through the proxy, then who is connected where.
  const cookie = await signIn(proxy, email, PASSWORD);
  const dashboard = await fetch(`${proxy}/reporting`, { headers: { cookie } });
  const readers = await sqlOn(ports.b, `SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = '${SERVICE_ROLE}'`);
  results.reports_through_proxy = dashboard.status;
  results.service_connections_on_standby = readers[0]!.n;
  log(`The dashboard answered ${dashboard.status} through the proxy; the service has ${readers[0]!.n} connections on the standby (its reads)`);

  // The load: writes retried with their key until acknowledged, reads of the cases, through the proxy.
  const acknowledged: Acknowledged[] = [];
  const failures: { at: number; status: number | string }[] = [];
  let reads = 0;
  let readFailures = 0;
  let writeNumber = 0;
  const loadStarted = Date.now();
  const loadEnds = loadStarted + seconds * 1000;
  const at = () => (Date.now() - loadStarted) / 1000;
  // Each writer at most 8 writes and 8 reads a second: a steady load under the API's allowance
  // of 600 requests a minute for each token.
  const PACE_MS = 125;
  const worker = async (index: number) => {
    while (Date.now() < loadEnds) {
      const turnStarted = Date.now();
      writeNumber += 1;
      const key = `drill-${index}-${writeNumber}`;
      const body = JSON.stringify({ forename: `Parent${writeNumber}`, surname, relationship: 'mother', parentalResponsibility: true });
      const child = childIds[writeNumber % childIds.length]!;
      const token = tokens[index * 2]!;
      for (;;) {
        try {
          const response = await fetch(`${proxy}/api/v1/children/${child}/people`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
            body,
            signal: AbortSignal.timeout(15_000),
          });
          const text = await response.text();
          if (response.status === 201) {
            acknowledged.push({ id: (JSON.parse(text) as { id: string }).id, key, at: at() });
            break;
          }
          failures.push({ at: at(), status: response.status });
        } catch (error) {
          failures.push({ at: at(), status: (error as Error).name });
        }
        // Given up on at the end of the run: sent, perhaps saved, never acknowledged.
        if (Date.now() >= loadEnds) break;
        await sleep(250);
      }
      try {
        const response = await fetch(`${proxy}/api/v1/cases`, { headers: { authorization: `Bearer ${tokens[index * 2 + 1]!}` }, signal: AbortSignal.timeout(15_000) });
        await response.arrayBuffer();
        reads += 1;
        if (!response.ok) readFailures += 1;
      } catch {
        reads += 1;
        readFailures += 1;
      }
      await sleep(Math.max(0, turnStarted + PACE_MS - Date.now()));
    }
  };
  const load = Promise.all(Array.from({ length: workers }, (_, index) => worker(index)));

  // An app instance lost a fifth of the way in, started again a little later.
  const appKilledAt = seconds * 0.2;
  await sleep(appKilledAt * 1000);
  const app1 = children.find((child) => child.name === 'app1')!.process;
  app1.kill('SIGKILL');
  log(`Killed app instance 1 (SIGKILL) at ${at().toFixed(1)} s into the load`);
  await sleep(10_000);
  await startApp('app1', false, sessionSecret);
  log(`App instance 1 is back at ${at().toFixed(1)} s`);

  // The primary lost at two fifths: its PostgreSQL and its keeper, killed together.
  await sleep(Math.max(0, seconds * 0.4 - at()) * 1000);
  // Every process of node a at once: its keeper's group, its PostgreSQL and each of that one's
  // backends (a backend outlives its postmaster until it next looks, and would go on committing).
  const postmaster = Number(readFileSync(join(workDir, 'a', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const backends = spawnSync('ps', ['-o', 'pid=', '--ppid', String(postmaster)], { encoding: 'utf8' }).stdout.split('\n').map(Number).filter((pid) => pid > 0);
  const primaryKilledAt = at();
  for (const pid of [postmaster, ...backends]) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // a backend that had just ended
    }
  }
  process.kill(-keepers.a.pid!, 'SIGKILL');
  log(`Killed the primary (node a: PostgreSQL ${postmaster}, its ${backends.length} backends and its keeper, SIGKILL) at ${primaryKilledAt.toFixed(1)} s into the load`);
  const promoted = await until('node b to take writes', 180, () => (states().some((state) => state.nodename === 'node_b' && ['wait_primary', 'primary'].includes(state.current_group_state)) ? at() : undefined));
  log(`The monitor has node b as the primary at ${promoted.toFixed(1)} s`);

  await load;
  log('The load has stopped');

  // Every acknowledged write on the new primary, once; nothing else but writes given up on at the end.
  const ids = acknowledged.map((entry) => entry.id);
  // Each write names its parent uniquely (Parent<n>): a write saved twice would be two rows of one name.
  const found = await sqlOn(ports.b, `SELECT id::text, forename FROM person WHERE surname = '${surname}'`);
  const foundIds = new Set(found.map((row) => String(row.id)));
  const twice = found.length - new Set(found.map((row) => String(row.forename))).size;
  const lost = ids.filter((id) => !foundIds.has(id));
  const unacknowledged = found.length - twice - new Set(ids).size;

  // The outage after a kill: the longest wait between two acknowledged writes, among those that
  // end after the kill and start before the service took writes again (a write answered just after
  // the kill was in hand before it); and the first and last failed tries in that time.
  const times = acknowledged.map((entry) => entry.at).sort((a, b) => a - b);
  const outage = (from: number, until: number) => {
    let longest = { from: from, to: from, seconds: 0 };
    for (let index = 1; index < times.length; index += 1) {
      const [previous, next] = [times[index - 1]!, times[index]!];
      if (next > from && previous < until && next - previous > longest.seconds) longest = { from: previous, to: next, seconds: next - previous };
    }
    const failed = failures.filter((failure) => failure.at >= from && failure.at <= until + 5).map((failure) => failure.at);
    return {
      seconds_without_a_write: Number(longest.seconds.toFixed(2)),
      from: Number(longest.from.toFixed(2)),
      to: Number(longest.to.toFixed(2)),
      failed_tries: failed.length,
      ...(failed.length ? { first_failed_try: Number(Math.min(...failed).toFixed(2)), last_failed_try: Number(Math.max(...failed).toFixed(2)) } : {}),
    };
  };
  const events = autoctl(['show', 'events', '--pgdata', join(workDir, 'monitor'), '--count', '12']);
  Object.assign(results, {
    date: new Date().toISOString().slice(0, 10),
    seconds_of_load: seconds,
    workers,
    writes_acknowledged: ids.length,
    writes_found_on_new_primary: ids.length - lost.length,
    writes_lost: lost.length,
    writes_found_twice: twice,
    writes_found_unacknowledged: unacknowledged,
    write_attempts_refused_or_failed: failures.length,
    failures_by_status: failures.reduce<Record<string, number>>((counts, failure) => ({ ...counts, [String(failure.status)]: (counts[String(failure.status)] ?? 0) + 1 }), {}),
    reads,
    read_failures: readFailures,
    app_instance_killed: { at: Number(appKilledAt.toFixed(1)), ...outage(appKilledAt, appKilledAt + 10) },
    primary_killed: { at: Number(primaryKilledAt.toFixed(1)), monitor_promoted_standby_at: Number(promoted.toFixed(1)), ...outage(primaryKilledAt, promoted) },
  });
  // A failed try may only say "unavailable, try again" (503, from the service or the proxy): never
  // an error of the service's own (500) or anything else.
  const unexpected = failures.filter((failure) => failure.status !== 503).length;
  results.write_failures_other_than_503 = unexpected;
  const passed = lost.length === 0 && twice === 0 && unacknowledged >= 0 && unacknowledged <= workers && unexpected === 0;
  console.log(JSON.stringify(results, null, 2));
  console.log(`The monitor's last events:\n${events}`);

  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(join(root, 'bench', 'results', `drill-${new Date().toISOString().slice(0, 16).replace(':', '-')}.json`), `${JSON.stringify(results, null, 2)}\n`);
  const primary = results.primary_killed as ReturnType<typeof outage> & { monitor_promoted_standby_at: number };
  const instance = results.app_instance_killed as ReturnType<typeof outage>;
  appendFileSync(
    join(root, 'BENCHMARKS.md'),
    [
      '',
      `## Failover drill, ${results.date} (${seconds} s of load, ${workers} writers, pg_auto_failover ${tuned ? 'with shorter timings' : 'as installed'}, HAProxy): ${passed ? 'passed' : 'FAILED'}`,
      '',
      `\`npm run drill\`: ${ids.length.toLocaleString('en-GB')} writes acknowledged, ${(ids.length - lost.length).toLocaleString('en-GB')} found on the new primary, ${lost.length} lost, ` +
        `${twice} twice; ${unacknowledged} saved but never acknowledged; ${failures.length} tries answered 503 or not at all, ${unexpected} otherwise. An app instance killed: at most ${instance.seconds_without_a_write} s between acknowledged writes, ` +
        `${instance.failed_tries} failed tries. The primary killed: ${primary.seconds_without_a_write} s without an acknowledged write, ${primary.failed_tries} failed tries (the monitor had the standby as primary ` +
        `${(primary.monitor_promoted_standby_at - primaryKilledAt).toFixed(1)} s after the kill). Replication: synchronous_standby_names '${sync!.names}', synchronous_commit ${sync!.commit}.`,
      '',
    ].join('\n'),
  );
  if (!passed) console.error(`The drill FAILED: see the figures above, and the logs kept in ${workDir}.`);
  exitCode = passed ? 0 : 1;
} catch (error) {
  console.error(error);
} finally {
  // Everything stopped by its PID: the proxy and the apps, then each node's keeper, then any
  // PostgreSQL still running in the drill's folder.
  const signalGroup = (child: ChildProcess, signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // the group has ended
    }
  };
  for (const { process: child } of [...children].reverse()) signalGroup(child, 'SIGTERM');
  await sleep(3000);
  for (const name of ['a', 'b', 'monitor']) {
    const pidFile = join(workDir, name, 'postmaster.pid');
    if (!existsSync(pidFile)) continue;
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    // Only a PostgreSQL of the drill's own folder: a stale file may name a process that is not.
    let command = '';
    try {
      command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (command.includes(workDir)) process.kill(pid, 'SIGKILL');
  }
  for (const { process: child } of children) signalGroup(child, 'SIGKILL');
  await sleep(500);
  if (exitCode === 0 && process.env.DRILL_KEEP !== 'true') rmSync(workDir, { recursive: true, force: true });
  else log(`Kept ${workDir}`);
}
process.exit(exitCode);
