// `npm test`: the whole suite, in the order that fails fastest. Typecheck, lint, the dependencies'
// licences, unit tests (in Europe/London and UTC), integration tests on PGlite and on a real
// PostgreSQL started here, then the browser journeys with axe. Each runner's report is checked against the test files in the
// tree, so a runner that silently skips files fails the suite.
import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const inCi = process.env.CI === 'true' || process.env.CI === '1';
const results: { step: string; passed: number; failed: number; note?: string }[] = [];

function listFiles(folder: string, pattern: RegExp): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      if (entry === 'node_modules' || entry.startsWith('.')) continue;
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (pattern.test(entry)) found.push(relative(root, path));
    }
  };
  if (existsSync(join(root, folder))) walk(join(root, folder));
  return found.sort();
}

function run(step: string, command: string, args: string[], options: SpawnSyncOptions = {}, vitestReport?: string): void {
  console.log(`\n=== ${step}: ${command} ${args.join(' ')}`);
  if (vitestReport) rmSync(vitestReport, { force: true });
  const started = Date.now();
  const outcome = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options, env: { ...process.env, ...options.env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (outcome.status !== 0) {
    console.error(`\n=== ${step} FAILED (exit ${outcome.status ?? outcome.signal}) after ${seconds} s`);
    if (vitestReport) reportFailures(step, vitestReport);
    finish(1);
  }
  console.log(`=== ${step} passed in ${seconds} s`);
}

/**
 * Steps that each use one core and need nothing of the other, run side by side; each one's output
 * is printed whole when it ends, so the log reads as if they ran in turn.
 */
async function runSideBySide(steps: { step: string; command: string; args: string[] }[]): Promise<void> {
  const outcomes = await Promise.all(
    steps.map(
      ({ step, command, args }) =>
        new Promise<{ step: string; command: string; args: string[]; code: number | null; output: string; seconds: string }>((resolve) => {
          const started = Date.now();
          const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
          let output = '';
          child.stdout.on('data', (chunk) => (output += String(chunk)));
          child.stderr.on('data', (chunk) => (output += String(chunk)));
          child.on('close', (code) => resolve({ step, command, args, code, output, seconds: ((Date.now() - started) / 1000).toFixed(1) }));
        }),
    ),
  );
  let failed = false;
  for (const outcome of outcomes) {
    console.log(`\n=== ${outcome.step}: ${outcome.command} ${outcome.args.join(' ')} (side by side with the others)`);
    process.stdout.write(outcome.output);
    if (outcome.code === 0) {
      console.log(`=== ${outcome.step} passed in ${outcome.seconds} s`);
      results.push({ step: outcome.step, passed: 1, failed: 0 });
    } else {
      console.error(`\n=== ${outcome.step} FAILED (exit ${outcome.code}) after ${outcome.seconds} s`);
      failed = true;
    }
  }
  if (failed) finish(1);
}

const failures: string[] = [];

/**
 * The tests that failed, by name, for the summary: a runner's own report can scroll out of sight
 * (pg_virtualenv prints the server's log after a failing run).
 */
function reportFailures(step: string, reportPath: string): void {
  if (!existsSync(reportPath)) return;
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as VitestReport;
  results.push({ step, passed: report.numPassedTests, failed: report.numFailedTests });
  for (const file of report.testResults) {
    for (const test of file.assertionResults ?? []) {
      if (test.status !== 'failed') continue;
      const reason = (test.failureMessages?.[0] ?? '').split('\n')[0]!.slice(0, 300);
      failures.push(`${step}: ${relative(root, file.name)} > ${test.fullName}\n      ${reason}`);
    }
  }
}

function finish(code: number): never {
  const passed = results.reduce((sum, result) => sum + result.passed, 0);
  const failed = results.reduce((sum, result) => sum + result.failed, 0);
  console.log('\nSummary');
  for (const result of results) console.log(`  ${result.step}: ${result.passed} passed, ${result.failed} failed${result.note ? ` (${result.note})` : ''}`);
  if (failures.length > 0) console.log(`\nFailed\n${failures.map((failure) => `  ${failure}`).join('\n')}`);
  console.log(`\nall: ${passed} passed, ${failed} failed`);
  process.exit(code === 0 && failed === 0 ? 0 : 1);
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  testResults: { name: string; assertionResults?: { status: string; fullName: string; failureMessages?: string[] }[] }[];
}

function checkVitest(step: string, reportPath: string, expectedFiles: string[]): void {
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as VitestReport;
  const ran = new Set(report.testResults.map((file) => relative(root, file.name)));
  const missing = expectedFiles.filter((file) => !ran.has(file));
  results.push({ step, passed: report.numPassedTests, failed: report.numFailedTests });
  if (missing.length > 0 || ran.size < expectedFiles.length) {
    console.error(`=== ${step}: the runner ran ${ran.size} of ${expectedFiles.length} test files; not run: ${missing.join(', ')}`);
    finish(1);
  }
  if (report.numPassedTests === 0) {
    console.error(`=== ${step}: no test passed`);
    finish(1);
  }
}

function vitest(step: string, project: string, files: string[], env: Record<string, string>, options: { everyCore?: boolean } = {}): void {
  const report = join('test-results', `${step.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.json`);
  const args = ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile=${report}`];
  // Vitest leaves a core free by default, which on two cores is one file at a time. Most of a
  // file's time is loading the service's modules and making its database, work done on the test's
  // own thread, so the files use every core.
  if (options.everyCore) args.push('--maxWorkers=100%');
  run(step, 'npx', args, { env }, join(root, report));
  checkVitest(step, join(root, report), files);
}

function which(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function skipOrFail(step: string, reason: string): void {
  if (inCi) {
    console.error(`=== ${step}: ${reason}. Under CI this is a failure.`);
    finish(1);
  }
  const banner = '!'.repeat(78);
  console.warn(`\n${banner}\n!!! SKIPPED ${step}: ${reason}.\n!!! This run does not prove the suite passes. Install it (see README) and run again.\n${banner}`);
  results.push({ step, passed: 0, failed: 0, note: `SKIPPED: ${reason}` });
}

mkdirSync(join(root, 'test-results'), { recursive: true });
const unitFiles = [...listFiles('src', /\.test\.ts$/), ...listFiles('scripts', /\.test\.ts$/)].filter((file) => !file.endsWith('.int.test.ts'));
const integrationFiles = listFiles('src', /\.int\.test\.ts$/);
const e2eFiles = listFiles('e2e', /\.spec\.ts$/);
console.log(`Test files in the tree: ${unitFiles.length} unit, ${integrationFiles.length} integration, ${e2eFiles.length} browser journeys`);

// The type checker and the linter each use one core: on two, side by side, in the time of the longer.
// The licences' check (a second or two) reads the lockfile alongside them.
await runSideBySide([
  { step: 'typecheck', command: 'npx', args: ['tsc', '--noEmit', '-p', 'tsconfig.json'] },
  { step: 'lint', command: 'npx', args: ['eslint', '.'] },
  { step: 'licences', command: 'node', args: ['--import', 'tsx', 'scripts/licences.ts'] },
]);
run('build assets', 'npm', ['run', '--silent', 'build:assets']);

vitest('unit (Europe/London)', 'unit', unitFiles, { TZ: 'Europe/London' }, { everyCore: true });
vitest('unit (UTC)', 'unit', unitFiles, { TZ: 'UTC' }, { everyCore: true });
vitest('integration on PGlite', 'integration', integrationFiles, { TZ: 'Europe/London' }, { everyCore: true });

if (which('pg_virtualenv')) {
  // pg_virtualenv creates a throwaway cluster on a free port, exports PG* variables, and drops it after.
  const databaseUrl = 'postgres://$PGUSER:$PGPASSWORD@$PGHOST:$PGPORT/$PGDATABASE';
  const report = join('test-results', 'integration-on-postgresql.json');
  const step = 'integration on PostgreSQL';
  run(step, 'pg_virtualenv', [
    '-t',
    'sh',
    '-c',
    `TEST_DATABASE_URL="${databaseUrl}" TZ=UTC npx vitest run --project integration --maxWorkers=100% --reporter=default --reporter=json --outputFile=${report}`,
  ], {}, join(root, report));
  checkVitest(step, join(root, report), integrationFiles);
} else {
  skipOrFail('integration on PostgreSQL', 'pg_virtualenv (Debian postgresql-common) is not installed');
}

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(chromium)) {
  run('browser journeys', 'npx', ['playwright', 'test'], { env: { TZ: 'Europe/London' } });
  const report = JSON.parse(readFileSync(join(root, 'test-results', 'e2e.json'), 'utf8')) as {
    suites: { file: string }[];
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  };
  const ran = new Set(report.suites.map((suite) => join('e2e', suite.file)));
  results.push({ step: 'browser journeys', passed: report.stats.expected, failed: report.stats.unexpected + report.stats.flaky });
  const missing = e2eFiles.filter((file) => !ran.has(file));
  if (missing.length > 0) {
    console.error(`=== browser journeys: not run: ${missing.join(', ')}`);
    finish(1);
  }
} else {
  skipOrFail('browser journeys', `no Chromium at ${chromium} (apt-get install chromium)`);
}

finish(0);
