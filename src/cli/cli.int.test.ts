import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { testEngine } from '../test/database.ts';
import { runCasework } from './commands.ts';

const CLI = join(import.meta.dirname, 'main.ts');
// As `npm run casework` runs it: Node's own type stripping where it has it, tsx on Node 20.
const TYPESCRIPT = pathToFileURL(join(import.meta.dirname, '..', '..', 'scripts', 'typescript.mjs')).href;

/** An empty data folder: each test that touches a database has one of its own. */
const folders: string[] = [];
function aDataFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'casework-cli-'));
  folders.push(folder);
  return folder;
}
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

// An embedded database migrated once (by the command itself, in the test that checks `migrate`),
// copied for each test that needs one: migrating from nothing costs a process several seconds.
let migrated: string | undefined;
function aMigratedFolder(): string {
  if (!migrated) {
    migrated = aDataFolder();
    const result = spawned(['migrate'], { DATA_DIR: migrated });
    if (result.code !== 0) throw new Error(`migrate failed: ${result.stderr}`);
  }
  const folder = aDataFolder();
  cpSync(migrated, folder, { recursive: true });
  return folder;
}

/**
 * `npm run casework` itself, in a process of its own: what proves main.ts passes on the arguments,
 * the output and the exit code. Each costs seconds (loading the service), so three tests use it.
 */
function spawned(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['--import', TYPESCRIPT, CLI, ...args], {
    env: { ...process.env, DATA_DIR: aDataFolder(), DATABASE_URL: '', NODE_ENV: 'test', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The same commands run in this process, with their output caught line by line as the console prints it. */
async function casework(args: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCasework(args, {
    env: { ...process.env, DATA_DIR: aDataFolder(), DATABASE_URL: '', NODE_ENV: 'test', ...env },
    out: (line) => (stdout += `${line}\n`),
    err: (line) => (stderr += `${line}\n`),
  });
  return { code, stdout, stderr };
}

// The command line runs on its own embedded database whichever engine the suite is on: run it once.
describe.runIf(testEngine === 'pglite')('the casework command', () => {
  it('prints usage and exits non-zero on bad arguments, before touching the database', async () => {
    const result = spawned(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown command: frobnicate');
    expect(result.stderr).toContain('Usage: npm run casework -- <command>');
    for (const args of [[], ['create-user', '--email', 'a@b.example'], ['create-user', '--colour', 'blue'], ['bank-holidays', 'export']]) {
      const usage = await casework(args);
      expect(usage.code, args.join(' ')).toBe(2);
      expect(usage.stderr).toContain('Usage: npm run casework -- <command>');
    }
  }, 60_000);

  it('migrates, then creates a user and issues an API token shown once', async () => {
    const env = { DATA_DIR: aMigratedFolder() };
    expect(await casework(['migrate'], env)).toMatchObject({ code: 0, stdout: 'Database migrated (pglite).\n' });
    const result = await casework(['create-user', '--email', 'New.Officer@council.example', '--name', 'New Officer', '--role', 'case_officer', '--api-token'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Created case officer new.officer@council.example');
    expect(result.stdout).toMatch(/First password \(shown once\): \S{24}/);
    expect(result.stdout).toMatch(/API token \(shown once; keep it secret\): sct_\S+/);
    const rebuild = await casework(['deadlines', 'rebuild'], env);
    expect(rebuild.code).toBe(0);
    expect(rebuild.stdout).toContain('Rebuilt the deadlines of 0 cases.');
  }, 180_000);

  it('refuses invalid input through the service’s validation, writing nothing', async () => {
    const env = { DATA_DIR: aMigratedFolder() };
    await casework(['create-user', '--email', 'New.Officer@council.example', '--name', 'New Officer', '--role', 'case_officer'], env);
    const badRole = await casework(['create-user', '--email', 'x@council.example', '--name', 'X', '--role', 'wizard'], env);
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toContain('role');
    const duplicate = await casework(['create-user', '--email', 'new.officer@council.example', '--name', 'Again', '--role', 'admin'], env);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('already exists');
    // Passwords are held to the same policy as everywhere else: a common one is refused.
    const common = await casework(['create-user', '--email', 'y@council.example', '--name', 'Y', '--role', 'case_officer', '--password', 'password1234'], env);
    expect(common.code).toBe(1);
    expect(common.stderr).toContain('casework: password: The password is too common');
    const spaces = await casework(['create-user', '--email', 'y@council.example', '--name', 'Y', '--role', 'case_officer', '--password', ' '.repeat(12)], env);
    expect(spaces.code).toBe(1);
    expect(spaces.stderr).toContain('casework: password: The password must not be only spaces');
  }, 120_000);

  it('refuses a bank-holiday file that is not a GOV.UK document', async () => {
    const dataDir = aMigratedFolder();
    const file = join(dataDir, 'holidays.json');
    writeFileSync(file, JSON.stringify({ 'england-and-wales': { division: 'england-and-wales', events: [{ title: 'X', date: 'soon' }] } }));
    const result = await casework(['bank-holidays', 'import', file], { DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/casework: Not a GOV.UK bank-holidays document/);
  }, 60_000);

  it('import-schools imports the GIAS extract with a summary and each refused row, and refuses a file it cannot read', async () => {
    const env = { DATA_DIR: aMigratedFolder() };
    const sample = join(import.meta.dirname, '..', 'db', 'reference', 'gias', 'edubasealldata-sample-1.csv');
    const first = await casework(['import-schools', sample], env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Imported edubasealldata-sample-1\.csv \(Windows-1252\): 30 created, 0 updated \(0 renamed\), 0 closed, 0 unchanged, 0 refused\. Run [0-9a-f-]{36}\./);
    const folder = aDataFolder();
    const wrong = join(folder, 'wrong.csv');
    writeFileSync(wrong, 'URN,LA (code),EstablishmentName,TypeOfEstablishment (name),PhaseOfEducation (name),EstablishmentStatus (name),CloseDate\n160001,999,Ashfield Primary School,Community school,Primary,Open,\n160777,999,Later School,Community school,Primary,Closed,31/02/2026\n');
    const second = await casework(['import-schools', wrong], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('0 created, 0 updated (0 renamed), 0 closed, 1 unchanged, 1 refused.');
    expect(second.stdout).toContain('Refused rows (line, field, value, why):\n  line 3: CloseDate "31/02/2026" is not a date (dd/mm/yyyy)');
    expect(await casework(['import-schools', join(folder, 'none.csv')], env)).toMatchObject({ code: 1, stderr: `casework: Cannot import ${join(folder, 'none.csv')}: there is no such file\n` });
    const people = join(folder, 'people.csv');
    writeFileSync(people, 'name,age\nAlice,7\n');
    expect(await casework(['import-schools', people], env)).toMatchObject({ code: 1, stderr: 'casework: Cannot import people.csv: it has no URN column: is it the GIAS establishment extract?\n' });
    expect((await casework(['import-schools'], env)).code).toBe(2);
    const runs = await casework(['import-schools', 'runs'], env);
    expect(runs.code).toBe(0);
    const listed = runs.stdout.trim().split('\n');
    expect(listed).toHaveLength(3);
    expect(listed[0]).toMatch(/^[0-9a-f-]{36} \S+ failed people\.csv \(by .+\): 0 created, .* \(Cannot import people\.csv: it has no URN column: is it the GIAS establishment extract\?\)$/);
    expect(listed[1]).toMatch(/ finished wrong\.csv \(by .+\): 0 created, 0 updated, 0 renamed, 0 closed, 1 unchanged, 1 refused$/);
    expect(listed[2]).toMatch(/ finished edubasealldata-sample-1\.csv \(by .+\): 30 created, 0 updated, 0 renamed, 0 closed, 0 unchanged, 0 refused$/);
  }, 240_000);

  it('import checks a folder of case files in a dry run, applies it, lists the run and its records, and refuses input it cannot read', async () => {
    const env = { DATA_DIR: aMigratedFolder() };
    const sample = join(import.meta.dirname, '..', 'features', 'cases-import', 'fixtures', 'casesys');
    const mapping = join(sample, 'mapping.json');
    expect((await casework(['create-user', '--email', 's.khan@demo-council.example', '--name', 'Samira Khan', '--role', 'case_officer'], env)).code).toBe(0);
    const dry = await casework(['import', '--dry-run', '--mapping', mapping, sample], env);
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/Dry run of casesys from CaseSys, nothing written: 7 children would be created, 0 updated, 0 unchanged, 0 refused\. Run [0-9a-f-]{36}\./);
    expect(dry.stdout).toContain('people.csv (Windows-1252, comma-separated): 6 rows, 0 refused');
    expect(dry.stdout).toContain("Officers: 1 staff accounts would be created (case officers, without a password), 1 matched to the council's account with their e-mail, 0 updated, 0 unchanged, 0 refused");
    expect(dry.stdout).toContain('reviews.csv (UTF-8, semicolon-separated): 1 rows, 0 refused');
    expect(dry.stdout).toContain('sen2.xml (SEN2 return): 5 Persons, 0 refused; 3 matched a child of the CSV files (2 filled in), 2 children of its own, 1 requests left out');
    const applied = await casework(['import', '--apply', '--mapping', mapping, sample], env);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Imported casesys from CaseSys: 7 children created, 0 updated, 0 unchanged, 0 refused.');
    const runId = /Run ([0-9a-f-]{36})\./.exec(applied.stdout)![1]!;
    const again = await casework(['import', '--apply', '--mapping', mapping, sample], env);
    expect(again.stdout).toContain('0 children created, 0 updated, 7 unchanged, 0 refused.');
    const runs = await casework(['import', 'runs'], env);
    expect(runs.code).toBe(0);
    expect(runs.stdout.trim().split('\n')).toHaveLength(3);
    expect(runs.stdout).toContain(`${runId} `);
    const records = await casework(['import', 'records', runId, '--kind', 'child'], env);
    // Seven children, and the four that took values from the SEN2 return traced to it.
    expect(records.stdout).toContain('11 records of run');
    expect(records.stdout).toMatch(/child C1001 -> [0-9a-f-]{36} \(created\)/);
    expect(records.stdout).toMatch(/child sen2:P999201900404 \(from sen2\) -> [0-9a-f-]{36} \(created\)/);

    // A wrong row: listed with its file, line, field, value and why, and written to the report.
    const folder = aDataFolder();
    writeFileSync(join(folder, 'children.csv'), 'child_id;forename;surname;date_of_birth;sex;upn\nK1;Ann;Lee;01/02/2016;F;A999201400606\nK2;Bea;Lee;03/04/2017;F;\n');
    const report = join(folder, 'refused.csv');
    const checked = await casework(['import', '--dry-run', '--mapping', join(folder, 'mapping.json'), '--report', report, folder], env);
    expect(checked).toMatchObject({ code: 1, stderr: `casework: Cannot read the mapping file ${join(folder, 'mapping.json')}: there is no such file\n` });
    writeFileSync(join(folder, 'mapping.json'), JSON.stringify({ sourceSystem: 'Spreadsheet' }));
    const refused = await casework(['import', '--dry-run', '--mapping', join(folder, 'mapping.json'), '--report', report, folder], env);
    expect(refused.code).toBe(0);
    expect(refused.stdout).toContain('1 children would be created, 0 updated, 0 unchanged, 1 refused.');
    expect(refused.stdout).toContain('Refused rows (file, line, field, value, why):\n  children.csv line 2: upn "A999201400606" is not a UPN: The UPN’s check letter does not match');
    expect(readFileSync(report, 'utf8')).toContain('"children.csv","2","upn","A999201400606"');
    writeFileSync(join(folder, 'children.csv'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]));
    expect(await casework(['import', '--apply', '--mapping', join(folder, 'mapping.json'), folder], env)).toMatchObject({ code: 1, stderr: `casework: Cannot import ${basename(folder)}: children.csv: it is not a CSV file (it holds binary data)\n` });
    expect(await casework(['import', '--apply', '--mapping', mapping, join(folder, 'none')], env)).toMatchObject({ code: 1, stderr: `casework: Cannot import ${join(folder, 'none')}: there is no such folder\n` });
    expect((await casework(['import', '--mapping', mapping, sample], env)).code).toBe(2);
  }, 180_000);

  it('backs up the embedded database and its documents, and restores them into a new DATA_DIR checked against the backup', async () => {
    const dataDir = aMigratedFolder();
    mkdirSync(join(dataDir, 'files', 'ab'), { recursive: true });
    writeFileSync(join(dataDir, 'files', 'ab', 'document'), 'the bytes of a document');
    const directory = join(aDataFolder(), 'backup');
    const made = await casework(['backup', directory], { DATA_DIR: dataDir });
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    const [, tables, rows] = /^Backed up (\d+) tables \((\d+) rows\) and 1 files \(pglite\) to /.exec(made.stdout) ?? [];
    expect(Number(tables)).toBeGreaterThan(50);
    const restoredDir = aDataFolder();
    const restored = await casework(['restore', directory], { DATA_DIR: restoredDir });
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(new RegExp(`^Restored the backup of \\S+ \\(pglite\\): ${tables} tables, ${rows} rows and 1 files, each as backed up, in \\d+ ms\\.`));
    expect(readFileSync(join(restoredDir, 'files', 'ab', 'document'), 'utf8')).toBe('the bytes of a document');
  }, 240_000);

  it('says clearly that the embedded database is in use by another process', async () => {
    const locked = aDataFolder();
    writeFileSync(join(locked, 'casework.lock'), `${process.pid}\n`);
    const result = spawned(['migrate'], { DATA_DIR: locked });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`is in use by another SEND Casework process (PID ${process.pid})`);
  });

  it('sen2 writes a council’s return to a file, and refuses an unknown LA code or a census date to come with a clear message, writing nothing', async () => {
    const env = { DATA_DIR: aMigratedFolder() };
    const file = join(aDataFolder(), 'sen2.xml');
    const made = await casework(['sen2', '--census-date', '2026-01-15', '--authority', '999', '--out', file], env);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(made.stdout).toContain('(LA 999), census 2026-01-15: 0 children');
    expect(readFileSync(file, 'utf8')).toContain('<LEA>999</LEA>');
    const unknown = join(aDataFolder(), 'none.xml');
    expect(await casework(['sen2', '--census-date', '2026-01-15', '--authority', '123', '--out', unknown], env)).toMatchObject({ code: 1, stderr: 'casework: There is no local authority with the LA code 123\n' });
    const future = await casework(['sen2', '--census-date', '2099-01-15', '--authority', '999', '--out', unknown], env);
    expect(future.code).toBe(1);
    expect(future.stderr).toContain('The census date must be today or in the past');
    expect((await casework(['sen2', '--census-date', '15/01/2026', '--out', unknown], env)).stderr).toContain('The census date must be a real date');
    expect(existsSync(unknown)).toBe(false);
  }, 180_000);
});
