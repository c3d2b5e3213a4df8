// The process as an operator runs it: `node src/server.ts` with environment variables.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildApp } from './app.ts';
import { testConfig } from './config.ts';
import { createTestDatabase, testEngine } from './test/database.ts';
import { afterAll, describe, expect, it } from 'vitest';

const SERVER = join(import.meta.dirname, 'server.ts');
// As `npm start` runs it: Node's own type stripping where it has it, tsx on Node 20.
const TYPESCRIPT = pathToFileURL(join(import.meta.dirname, '..', 'scripts', 'typescript.mjs')).href;
const started: ChildProcess[] = [];

interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; ms: number }>;
}

function startServer(env: Record<string, string>): Running {
  const begun = Date.now();
  const child = spawn(process.execPath, ['--import', TYPESCRIPT, SERVER], {
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', SEED_DEMO_DATA: 'false', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  child.stdout?.on('data', (chunk) => (output += String(chunk)));
  child.stderr?.on('data', (chunk) => (output += String(chunk)));
  const exited = new Promise<{ code: number | null; ms: number }>((resolve) =>
    child.on('exit', (code) => resolve({ code, ms: Date.now() - begun })),
  );
  return { child, output: () => output, exited };
}

async function waitForOutput(running: Running, pattern: RegExp, timeoutMs: number): Promise<string> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const match = pattern.exec(running.output());
    if (match) return match[0];
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out waiting for ${pattern}; output so far: ${running.output()}`);
}

afterAll(() => {
  for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
});

// Spawned processes use their own databases whichever engine the suite is on: run them once.
describe.runIf(testEngine === 'pglite')('the server process', () => {
  // The demo accounts are printed before the demo's cases are loaded (tens of seconds of work that
  // the browser journeys and the smoke tests of `npm start` wait for): what is asked here is there
  // as soon as the lines are.
  it('prints the demo accounts on an empty database, before any other e-mail address', async () => {
    const running = startServer({ DATA_DIR: mkdtempSync(join(tmpdir(), 'casework-server-')), SEED_DEMO_DATA: 'true' });
    await waitForOutput(running, /(^Demo sign-in: .*\n){4}/m, 90_000);
    const demoLines = running.output().match(/^Demo sign-in: email \S+@\S+ password \S+$/gm) ?? [];
    expect(demoLines).toHaveLength(4);
    const firstAddress = /\S+@\S+/.exec(running.output())?.index ?? -1;
    expect(running.output().lastIndexOf('Demo sign-in:', firstAddress)).toBe(running.output().indexOf('Demo sign-in:'));
    running.child.kill('SIGKILL');
    await running.exited;
  }, 120_000);

  it('refuses a second process on the same embedded data folder within 10 s, and stops cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'casework-server-'));
    const first = startServer({ DATA_DIR: dataDir });
    const address = await waitForOutput(first, /http:\/\/127\.0\.0\.1:\d+/, 90_000);
    expect((await fetch(`${address}/healthz`)).status).toBe(200);

    const second = startServer({ DATA_DIR: dataDir });
    const secondExit = await second.exited;
    expect(secondExit.code).not.toBe(0);
    expect(secondExit.ms).toBeLessThan(10_000);
    expect(second.output()).toContain(`is in use by another SEND Casework process (PID ${first.child.pid})`);

    first.child.kill('SIGTERM');
    const firstExit = await first.exited;
    expect(firstExit.code).toBe(0);
    expect(existsSync(join(dataDir, 'casework.lock'))).toBe(false);
  }, 120_000);

  it('exits non-zero with a clear message when the database is down at start', async () => {
    const running = startServer({ DATABASE_URL: 'postgres://casework:none@127.0.0.1:1/casework' });
    const exit = await running.exited;
    expect(exit.code).toBe(1);
    expect(running.output()).toContain('Cannot connect to PostgreSQL at 127.0.0.1:1/casework');
    expect(running.output()).not.toContain('none@');
  }, 30_000);

  it('exits non-zero naming the setting when the configuration is wrong', async () => {
    const running = startServer({ PORT: 'eighty' });
    const exit = await running.exited;
    expect(exit.code).toBe(1);
    expect(running.output()).toMatch(/Configuration is not valid: PORT/);
  }, 30_000);
});

describe('graceful close', () => {
  it('finishes a request in flight before the server closes (what SIGTERM relies on)', async () => {
    const database = await createTestDatabase();
    const app = await buildApp({ config: testConfig(), database });
    app.get('/slow', { config: { public: true } }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      return { finished: true };
    });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const inFlight = fetch(`${address}/slow`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closed = app.close();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ finished: true });
    await closed;
    await database.close();
  });
});
