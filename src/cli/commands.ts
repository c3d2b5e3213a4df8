// The administrator's command line (`npm run casework -- <command>`, started by main.ts). It calls services, never the
// database directly, so validation and the audit apply exactly as they do on the web.
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { basename, join } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { createServices, type Services } from '../composition.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { DatabaseUnavailableError, openDatabase, type DatabaseHandle } from '../db/database.ts';
import { DataFolderLockedError } from '../db/lock.ts';
import { generatePassword, STAFF_ROLES, systemActor } from '../features/auth/index.ts';
import { ensureDemoAccounts } from '../features/demo/index.ts';
import { BankHolidayImportError, DEMO_AUTHORITY } from '../features/reference/index.ts';
import { seedAtScale } from '../db/seed/scale.ts';
import { systemClock } from '../lib/clock.ts';
import { ConflictError, NotFoundError, ValidationError } from '../lib/errors.ts';
import { SchoolsImportFileError, type SchoolsImportResult } from '../features/schools-import/index.ts';
import { sen2Filename, type Sen2Result } from '../features/sen2/index.ts';
import { CaseImportFileError, folderSource, readMappingFile, type CaseImportResult } from '../features/cases-import/index.ts';

const USAGE = `Usage: npm run casework -- <command> [options]

Commands:
  migrate                                 apply database migrations and load reference data
  create-user --email E --name N --role R [--authority LA] [--password P] [--api-token]
                                          create a staff account (roles: ${STAFF_ROLES.join(', ')});
                                          prints a first password if none is given, and with
                                          --api-token issues and prints an API token once
  seed --scale demo                       load demo data (about 200 children, demo accounts) into
                                          the demo authority, when it has no children yet
  seed --scale council|national [--seed N]
                                          load synthetic data at scale into an empty database:
                                          a Birmingham-sized council (12,000 plans) or all 153
                                          authorities (~720,000 plans), from published figures
  bank-holidays import FILE               replace the England and Wales bank holidays with a
                                          GOV.UK bank-holidays JSON file, then rebuild deadlines
  import-schools FILE.csv                 import the schools register (the GIAS establishment extract,
                                          UTF-8 or Windows-1252) or bring it up to date: schools
                                          created, changed, closed (never deleted) and renamed (the
                                          old name kept); each refused row listed
  import-schools runs                     the latest imports of the schools register, newest first
  import --dry-run|--apply --mapping FILE [--authority LA] [--report FILE.csv] DIR
                                          import cases from an old system's CSV files in the folder
                                          DIR (and last year's SEN2 return, sen2.xml, to fill what
                                          they lack), names and codes mapped by the JSON mapping FILE
                                          (docs/import-cases.md): --dry-run checks and reports,
                                          writing nothing; --apply writes every valid child whole;
                                          --report writes the refused rows to a CSV file
  import runs [--authority LA]            the latest import runs, newest first
  import records RUN [--kind K] [--authority LA]
                                          the records a run created or changed, with their old ids
  deadlines rebuild                       recompute every case's statutory deadlines from its events
  sen2 --census-date YYYY-MM-DD [--authority LA] --out PATH
                                          the DfE SEN2 return: with --authority, that council's XML
                                          to the file PATH; without, every council's, one file each
                                          in the folder PATH; each failure of the DfE checks listed
  backup DIR                              back up the database and DATA_DIR's documents and uploads
                                          into the new folder DIR, with a manifest of every table's
                                          rows and checksum (PostgreSQL: pg_dump, as DATABASE_OWNER_URL
                                          when set; the embedded database: the service stopped first)
  restore DIR                             restore the backup in DIR into an empty database (PostgreSQL)
                                          or an empty DATA_DIR, and check it against its manifest

The database is the one the service uses: DATABASE_URL, or the embedded one in DATA_DIR.`;

class UsageError extends Error {}

async function withServices<T>(io: CliIo, run: (services: Services, database: DatabaseHandle) => Promise<T>): Promise<T> {
  const config = loadConfig(io.env);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    ownerUrl: config.databaseOwnerUrl,
    refuseOwnerRole: config.environment === 'production',
    dataDir: config.dataDir,
    warn: (message) => io.err(message),
  });
  let readDatabase: DatabaseHandle | undefined;
  try {
    // The SEN2 return reads from the replica where there is one, as the service's does (ADR 0027).
    if (config.databaseReadUrl) {
      readDatabase = await openDatabase({ databaseUrl: config.databaseReadUrl, dataDir: config.dataDir, migrate: false, warn: () => undefined }).catch((error: unknown) => {
        // A command never fails for want of the replica: it reads the primary.
        if (!(error instanceof DatabaseUnavailableError)) throw error;
        io.err(`${error.message.replace('DATABASE_URL', 'DATABASE_READ_URL')} Reading from DATABASE_URL instead.`);
        return undefined;
      });
    }
    const services = createServices({ config, database, readDatabase, clock: systemClock });
    await services.reference.ensureReferenceData();
    return await run(services, database);
  } finally {
    await readDatabase?.close();
    await database.close();
  }
}

async function rebuildDeadlines(io: CliIo, services: Services): Promise<void> {
  let total = 0;
  for (const authorityId of await services.deadlines.authorityIds()) {
    total += await services.deadlines.rebuildDeadlines(systemActor(authorityId, 'cli'));
  }
  io.out(`Rebuilt the deadlines of ${total} cases.`);
}

/** One council's return written to a file; a file left half-made by a failure is removed. */
async function writeSen2(file: string, make: (out: Writable) => Promise<Sen2Result>): Promise<Sen2Result> {
  const made = createWriteStream(file);
  try {
    const result = await make(made);
    made.end();
    await finished(made);
    return result;
  } catch (error) {
    made.destroy();
    rmSync(file, { force: true });
    throw error;
  }
}

function printSen2(io: CliIo, result: Sen2Result, file: string): void {
  const { counts } = result;
  io.out(
    `${result.authority.name} (LA ${result.authority.laCode}), census ${result.period.censusDate}: ${counts.persons} children, ${counts.requests} requests, ${counts.activePlans} plans maintained, ${counts.plansIssued} issued and ${counts.plansCeased} ceased in ${result.period.from.slice(0, 4)}: ${file}`,
  );
  if (result.problems === 0) return;
  io.out(`  ${result.problems} failures of the DfE checks, for ${result.childrenWithProblems} children (every child is in the file as their record stands):`);
  for (const group of result.groups) {
    io.out(`  ${group.rule} ${group.title}: ${group.count}`);
    for (const entry of group.entries.slice(0, 10)) io.out(`    ${entry.reference ?? 'child'} ${entry.childName}: ${entry.message} (/children/${entry.childId})`);
    if (group.count > 10) io.out(`    and ${group.count - 10} more: see the SEN2 return page`);
  }
}

/** Who ran an import, for its record: the command line and the account it ran under. */
function commandLineUser(): string {
  try {
    return `command line (user ${userInfo().username})`;
  } catch {
    return 'command line';
  }
}

function printSchoolsImport(io: CliIo, result: SchoolsImportResult): void {
  const { counts } = result;
  io.out(
    `Imported ${result.fileName} (${result.encoding}${result.bom ? ' with a byte-order mark' : ''}): ${counts.created} created, ${counts.updated} updated (${counts.renamed} renamed), ${counts.closed} closed, ${counts.unchanged} unchanged, ${counts.refused} refused. Run ${result.runId}.`,
  );
  if (result.missingColumns.length > 0) io.out(`The file has no ${result.missingColumns.join(', ')} column: those details were left as they were.`);
  if (result.refusals.length === 0) return;
  io.out('Refused rows (line, field, value, why):');
  for (const refusal of result.refusals) io.out(`  line ${refusal.line}: ${refusal.field} "${refusal.value}" ${refusal.why}`);
}

const DELIMITER_NAMES = { ',': 'comma', ';': 'semicolon' } as const;

function printCasesImport(io: CliIo, result: CaseImportResult, folder: string): void {
  const { counts } = result;
  if (result.mode === 'dry-run') {
    io.out(
      `Dry run of ${folder} from ${result.sourceSystem}, nothing written: ${counts.created} children would be created, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.refused} refused. Run ${result.runId}.`,
    );
  } else {
    io.out(`Imported ${folder} from ${result.sourceSystem}: ${counts.created} children created, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.refused} refused. Run ${result.runId}.`);
  }
  for (const file of result.files) {
    const rows = counts.rows[file.file] ?? { read: 0, refused: 0 };
    io.out(`  ${file.name} (${file.encoding}, ${DELIMITER_NAMES[file.delimiter]}-separated): ${rows.read} rows, ${rows.refused} refused`);
  }
  if (counts.officers) {
    const officers = counts.officers;
    io.out(
      `  Officers: ${officers.created} staff accounts ${result.mode === 'dry-run' ? 'would be ' : ''}created (case officers, without a password), ${officers.matched} matched to the council's account with their e-mail, ${officers.updated} updated, ${officers.unchanged} unchanged, ${officers.refused} refused`,
    );
  }
  if (counts.sen2) {
    const persons = counts.rows.sen2 ?? { read: 0, refused: 0 };
    io.out(
      `  ${counts.sen2.file} (SEN2 return): ${persons.read} Persons, ${persons.refused} refused; ${counts.sen2.matched} matched a child of the CSV files (${counts.sen2.filled} filled in), ${counts.sen2.own} children of its own, ${counts.sen2.skipped} requests left out (withdrawn, historical or without the plan's start)`,
    );
  }
  if (result.absent.length > 0) io.out(`  Not in the folder: ${result.absent.join(', ')}`);
  if (result.refusals.length === 0) return;
  io.out('Refused rows (file, line, field, value, why):');
  for (const refusal of result.refusals) io.out(`  ${refusal.file} line ${refusal.line}: ${refusal.field} "${refusal.value}" ${refusal.why}`);
}

/** The refused rows as CSV, for the data team to work through in a spreadsheet. */
function writeRefusalReport(file: string, result: CaseImportResult): void {
  const quote = (value: string | number) => `"${String(value).replaceAll('"', '""')}"`;
  const lines = [['file', 'line', 'field', 'value', 'why'].join(','), ...result.refusals.map((refusal) => [refusal.file, refusal.line, refusal.field, refusal.value, refusal.why].map(quote).join(','))];
  writeFileSync(file, `${lines.join('\r\n')}\r\n`, 'utf8');
}

async function importCommand(io: CliIo, rest: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      'dry-run': { type: 'boolean', default: false },
      apply: { type: 'boolean', default: false },
      mapping: { type: 'string' },
      authority: { type: 'string', default: '999' },
      report: { type: 'string' },
      kind: { type: 'string' },
    },
    strict: true,
    allowPositionals: true,
  });
  const withCouncil = (run: (services: Services, actor: ReturnType<typeof systemActor>) => Promise<void>) =>
    withServices(io, async (services) => {
      const authority = await services.reference.findAuthorityByLaCode(values.authority);
      if (!authority) throw new UsageError(`No authority with LA code ${values.authority}`);
      await run(services, systemActor(authority.id, 'cli'));
    });
  if (!values['dry-run'] && !values.apply) {
    const [action, runId, ...extra] = positionals;
    if (action === 'runs' && !runId) {
      await withCouncil(async (services, actor) => {
        const runs = await services.casesImport.listRuns(actor);
        if (runs.length === 0) io.out('No import runs yet.');
        for (const run of runs) {
          const counts = run.counts as { created?: number; updated?: number; unchanged?: number; refused?: number };
          io.out(
            `${run.id} ${run.startedAt.toISOString()} ${run.mode} ${run.status} ${run.sourceSystem} ${run.source}: ${counts.created ?? 0} created, ${counts.updated ?? 0} updated, ${counts.unchanged ?? 0} unchanged, ${counts.refused ?? 0} refused${run.failure ? ` (${run.failure})` : ''}`,
          );
        }
      });
      return;
    }
    if (action === 'records' && runId && extra.length === 0) {
      await withCouncil(async (services, actor) => {
        const found = await services.casesImport.runRecords(actor, runId, values.kind);
        if (!found) throw new UsageError(`No import run ${runId}`);
        io.out(`${found.records.length} records of run ${runId} (${found.run.sourceSystem}):`);
        for (const record of found.records) io.out(`  ${record.kind} ${record.sourceId}${record.sourceSystem === found.run.sourceSystem ? '' : ` (from ${record.sourceSystem})`} -> ${record.targetId}${record.firstRunId === runId ? ' (created)' : ' (updated)'}`);
      });
      return;
    }
    throw new UsageError('import needs --dry-run or --apply, --mapping FILE and a folder; or import runs; or import records RUN');
  }
  if (values['dry-run'] && values.apply) throw new UsageError('import takes --dry-run or --apply, not both');
  const [directory, ...extra] = positionals;
  if (!values.mapping || !directory || extra.length > 0) throw new UsageError('import --dry-run|--apply --mapping FILE DIR');
  const mapping = readMappingFile(values.mapping);
  const folder = folderSource(directory);
  await withCouncil(async (services, actor) => {
    const result = await services.casesImport.importCases(actor, { ...mapping, ...folder, mode: values.apply ? 'apply' : 'dry-run', ranBy: commandLineUser() });
    printCasesImport(io, result, folder.source);
    if (values.report) {
      writeRefusalReport(values.report, result);
      io.out(`The refused rows are in ${values.report}.`);
    }
  });
}

/** `backup DIR` and `restore DIR`: the database as it is, without migrating it or loading the services. */
async function backupCommand(io: CliIo, command: 'backup' | 'restore', rest: string[]): Promise<void> {
  const [directory, ...extra] = rest;
  if (!directory || extra.length > 0) throw new UsageError(`${command} DIR`);
  const config = loadConfig(io.env);
  const { backup, restore } = await import('../db/backup.ts');
  // The owner's role, where there is one, reads every table and owns what a restore creates.
  const databaseUrl = config.databaseOwnerUrl ?? config.databaseUrl;
  const started = Date.now();
  if (command === 'restore') {
    const result = await restore({ directory, dataDir: config.dataDir, databaseUrl });
    io.out(
      `Restored the backup of ${result.manifest.madeAt} (${result.manifest.engine}): ${result.tables} tables, ${result.rows} rows and ${result.files} files, each as backed up, in ${Date.now() - started} ms.`,
    );
    if (databaseUrl) io.out('Start the service with DATABASE_OWNER_URL set: it gives the service role its grants on the restored tables.');
    return;
  }
  let database: DatabaseHandle | undefined;
  if (!databaseUrl) database = await openDatabase({ dataDir: config.dataDir, migrate: false, warn: (message) => io.err(message) });
  try {
    const manifest = await backup({ directory, dataDir: config.dataDir, databaseUrl, database });
    const rows = Object.values(manifest.tables).reduce((sum, table) => sum + table.rows, 0);
    const files = Object.values(manifest.folders).reduce((sum, folder) => sum + folder.files, 0);
    io.out(`Backed up ${Object.keys(manifest.tables).length} tables (${rows} rows) and ${files} files (${manifest.engine}) to ${directory} in ${Date.now() - started} ms.`);
  } finally {
    await database?.close();
  }
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'backup':
    case 'restore':
      await backupCommand(io, command, rest);
      return 0;
    case 'migrate': {
      if (rest.length > 0) throw new UsageError(`migrate takes no arguments`);
      await withServices(io, async (_services, database) => io.out(`Database migrated (${database.engine}).`));
      return 0;
    }
    case 'create-user': {
      const { values } = parseArgs({
        args: rest,
        options: {
          email: { type: 'string' },
          name: { type: 'string' },
          role: { type: 'string' },
          authority: { type: 'string', default: '999' },
          password: { type: 'string' },
          'api-token': { type: 'boolean', default: false },
        },
        strict: true,
        allowPositionals: false,
      });
      if (!values.email || !values.name || !values.role) throw new UsageError('create-user needs --email, --name and --role');
      await withServices(io, async (services) => {
        const authority = await services.reference.findAuthorityByLaCode(values.authority);
        if (!authority) throw new UsageError(`No authority with LA code ${values.authority}`);
        const admin = systemActor(authority.id, 'cli');
        const password = values.password ?? generatePassword(values.email);
        const user = await services.staff.createUser(admin, { email: values.email!, name: values.name!, role: values.role as never, password });
        io.out(`Created ${user.roleName.toLowerCase()} ${user.email} (${user.id}) in ${authority.name}.`);
        if (!values.password) io.out(`First password (shown once): ${password}`);
        if (values['api-token']) {
          const token = await services.auth.issueApiToken(admin, user.id, 'Issued at the command line');
          io.out(`API token (shown once; keep it secret): ${token.token}`);
        }
      });
      return 0;
    }
    case 'seed': {
      const { values } = parseArgs({ args: rest, options: { scale: { type: 'string' }, seed: { type: 'string' } }, strict: true });
      if (values.scale === 'council' || values.scale === 'national') {
        const scale = values.scale;
        await withServices(io, async (services, database) => {
          if (await services.reference.findAuthorityByLaCode('330')) {
            io.out('The database already holds synthetic authorities: nothing added. Use an empty database.');
            return;
          }
          const result = await seedAtScale(database, { scale, seed: values.seed ? Number(values.seed) : 2026, today: systemClock.today(), log: (line) => io.out(line) });
          io.out(`Loaded the ${scale} data set: ${JSON.stringify(result)}`);
        });
        return 0;
      }
      if (values.scale !== 'demo') throw new UsageError('seed needs --scale demo, council or national');
      await withServices(io, async (services) => {
        const authority = await services.reference.findAuthorityByLaCode(DEMO_AUTHORITY.laCode);
        if (!authority) throw new UsageError('The demo authority is missing');
        for (const line of await ensureDemoAccounts(services, authority.id)) io.out(line);
        if (!(await services.demo.isEmpty(authority.id))) {
          io.out('The demo authority already has children: nothing added.');
          return;
        }
        const seeded = await services.demo.seedDemo(authority.id, values.seed ? { seed: Number(values.seed) } : {});
        io.out(`Loaded demo data: ${seeded.children} children (${seeded.unallocated} unallocated).`);
      });
      return 0;
    }
    case 'bank-holidays': {
      const [action, file, ...extra] = rest;
      if (action !== 'import' || !file || extra.length > 0) throw new UsageError('bank-holidays import FILE');
      let document: unknown;
      try {
        document = JSON.parse(readFileSync(file, 'utf8'));
      } catch (error) {
        throw new BankHolidayImportError(`Cannot read ${file} as JSON: ${(error as Error).message}`);
      }
      await withServices(io, async (services) => {
        const result = await services.reference.importBankHolidays(document);
        io.out(`Imported ${result.count} bank holidays for ${result.years.join(', ')}.`);
        await rebuildDeadlines(io, services);
      });
      return 0;
    }
    case 'import-schools': {
      const [file, ...extra] = rest;
      if (!file || extra.length > 0) throw new UsageError('import-schools FILE.csv; or import-schools runs');
      if (file === 'runs' && !existsSync(file)) {
        await withServices(io, async (services) => {
          const runs = await services.schoolsImport.listRuns();
          if (runs.length === 0) io.out('No schools register imports yet.');
          for (const run of runs) {
            io.out(
              `${run.id} ${run.startedAt.toISOString()} ${run.status} ${run.fileName} (by ${run.ranBy}): ${run.created} created, ${run.updated} updated, ${run.renamed} renamed, ${run.closed} closed, ${run.unchanged} unchanged, ${run.refused} refused${run.failure ? ` (${run.failure})` : ''}`,
            );
          }
        });
        return 0;
      }
      try {
        if (!statSync(file).isFile()) throw new SchoolsImportFileError(`Cannot import ${file}: it is not a file`);
      } catch (error) {
        if (error instanceof SchoolsImportFileError) throw error;
        throw new SchoolsImportFileError(`Cannot import ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (error as Error).message}`);
      }
      await withServices(io, async (services) => {
        const result = await services.schoolsImport.importSchools(createReadStream(file), { fileName: basename(file), ranBy: commandLineUser() });
        printSchoolsImport(io, result);
      });
      return 0;
    }
    case 'import': {
      await importCommand(io, rest);
      return 0;
    }
    case 'deadlines': {
      if (rest.length !== 1 || rest[0] !== 'rebuild') throw new UsageError('deadlines rebuild');
      await withServices(io, (services) => rebuildDeadlines(io, services));
      return 0;
    }
    case 'sen2': {
      const { values } = parseArgs({ args: rest, options: { 'census-date': { type: 'string' }, authority: { type: 'string' }, out: { type: 'string' } }, strict: true, allowPositionals: false });
      if (!values['census-date'] || !values.out) throw new UsageError('sen2 needs --census-date and --out');
      const censusDate = values['census-date'];
      const out = values.out;
      let failures = 0;
      await withServices(io, async (services) => {
        services.sen2.checkCensusDate(censusDate);
        const councils = values.authority ? [await services.sen2.authorityOfLaCode(values.authority)] : await services.sen2.authorities();
        if (!values.authority) mkdirSync(out, { recursive: true });
        for (const council of councils) {
          const file = values.authority ? out : join(out, sen2Filename(council.laCode, censusDate));
          const result = await writeSen2(file, (stream) => services.sen2.export(systemActor(council.id, 'cli'), censusDate, stream));
          failures += result.problems;
          printSen2(io, result, file);
        }
      });
      return failures > 0 ? 3 : 0;
    }
    default:
      throw new UsageError(command ? `Unknown command: ${command}` : 'No command given');
  }
}

/** Where a command's output goes, and the environment it reads its configuration from. */
export interface CliIo {
  /** The process's own environment when not given. */
  env?: NodeJS.ProcessEnv;
  out(line: string): void;
  err(line: string): void;
}

/**
 * Runs one command and answers its exit code: 0 done, 1 refused or failed (the reason on err),
 * 2 a usage error, 3 a SEN2 return written with failures of the DfE checks.
 */
export async function runCasework(argv: string[], io: CliIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error: unknown) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    if (
      error instanceof DataFolderLockedError ||
      error instanceof DatabaseUnavailableError ||
      error instanceof ConfigError ||
      error instanceof ValidationError ||
      error instanceof ConflictError ||
      error instanceof NotFoundError ||
      error instanceof BankHolidayImportError ||
      error instanceof SchoolsImportFileError ||
      error instanceof CaseImportFileError ||
      (error as Error).name === 'BackupError'
    ) {
      io.err(`casework: ${(error as Error).message}`);
      return 1;
    }
    io.err(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return 1;
  }
}
