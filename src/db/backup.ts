// A backup of the whole service, and its restore (docs/operations.md, "Backup and restore"): the
// database (PostgreSQL: pg_dump's custom format; PGlite: its data folder as a tarball) and the
// folders of bytes beside it in DATA_DIR (documents, and uploads waiting to be imported). With it a
// manifest of every table's row count and checksum, which the restore checks its result against:
// a restore that does not give back what was backed up says so and fails.
import { PGlite } from '@electric-sql/pglite';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type pg from 'pg';
import { sql } from 'drizzle-orm';
import { environmentWith } from '../config.ts';
import { PGLITE_EXTENSIONS, queryRows, type DatabaseHandle } from './database.ts';
import { connectHostList, describeHosts } from './hosts.ts';
import { acquireDataFolderLock } from './lock.ts';

export const MANIFEST = 'manifest.json';
const PGLITE_DUMP = 'database.tar.gz';
const POSTGRES_DUMP = 'database.dump';
/** The folders of DATA_DIR that hold bytes the database points at. */
export const BACKED_UP_FOLDERS = ['files', 'imports'] as const;

export class BackupError extends Error {
  override readonly name = 'BackupError';
}

export interface TableFingerprint {
  rows: number;
  /** md5 of the table's rows as text, in a fixed order. */
  md5: string;
}

export interface FolderDigest {
  files: number;
  bytes: number;
  /** sha256 over each file's path and bytes, in path order. */
  sha256: string;
}

export interface BackupManifest {
  format: 'send-casework-backup';
  version: 1;
  engine: 'pglite' | 'postgres';
  madeAt: string;
  database: string;
  tables: Record<string, TableFingerprint>;
  folders: Record<string, FolderDigest>;
}

type Query = (text: string) => Promise<Record<string, unknown>[]>;

// Timestamps and numbers written the same whatever the session's settings; rows ordered by their
// text in bytewise order, whatever the database's collation.
const FIXED_SETTINGS = ["SET LOCAL TimeZone = 'UTC'", "SET LOCAL DateStyle = 'ISO, YMD'", "SET LOCAL IntervalStyle = 'postgres'", 'SET LOCAL extra_float_digits = 1'];

/**
 * Every table of the service (schema public): its row count and a checksum of its rows. A table
 * partitioned by month (the logs) is read whole through its parent, so its months are not listed
 * again (and the service's role, which may have no right on a month, reads them the same way).
 */
async function fingerprintWith(query: Query): Promise<Record<string, TableFingerprint>> {
  const tables = await query(
    `SELECT c.relname AS tablename FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname COLLATE "C"`,
  );
  const fingerprints: Record<string, TableFingerprint> = {};
  for (const { tablename } of tables) {
    const name = String(tablename).replaceAll('"', '""');
    const [row] = await query(`/* cross-authority: a backup is of every council */ SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text COLLATE "C"), '')) AS md5 FROM public."${name}" t`);
    fingerprints[String(tablename)] = { rows: Number(row!['rows']), md5: String(row!['md5']) };
  }
  return fingerprints;
}

/** The fingerprint of every table, read in one transaction (one snapshot) of the database given. */
export async function fingerprintDatabase(database: DatabaseHandle): Promise<Record<string, TableFingerprint>> {
  return database.db.transaction(async (tx) => {
    for (const setting of FIXED_SETTINGS) await tx.execute(sql.raw(setting));
    return fingerprintWith((text) => queryRows<Record<string, unknown>>(tx, sql.raw(text)));
  });
}

function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((entry) => join(folder, entry))
    .filter((path) => notIncoming(relative(folder, path)) && statSync(path).isFile())
    .sort();
}

/** The files of a folder: how many, their bytes, and a digest of their names and contents. */
export function digestFolder(folder: string): FolderDigest {
  const hash = createHash('sha256');
  let bytes = 0;
  const files = filesUnder(folder);
  for (const file of files) {
    const content = readFileSync(file);
    bytes += content.length;
    hash.update(`${relative(folder, file)}\0${content.length}\0`).update(content);
  }
  return { files: files.length, bytes, sha256: hash.digest('hex') };
}

/** A file store's half-written files (.incoming) are not documents: they are left out. */
function notIncoming(path: string): boolean {
  return !path.split(/[\\/]/).includes('.incoming');
}

function isEmptyFolder(folder: string): boolean {
  return !existsSync(folder) || readdirSync(folder).length === 0;
}

/** A libpq connection string without its password, which goes in PGPASSWORD, out of the process list. */
function libpqTarget(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { dbname: parsed.toString(), env: environmentWith(password ? { PGPASSWORD: password } : {}) };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk) => (errors += String(chunk)));
    child.on('error', (error) => reject(new BackupError(`Cannot run ${command}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it is not installed (it comes with the PostgreSQL client tools)' : error.message}`)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new BackupError(`${command} failed (exit ${code}): ${errors.trim().split('\n').slice(-3).join(' ')}`))));
  });
}

export interface BackupOptions {
  /** The folder to write; it must be new or empty. */
  directory: string;
  /** DATA_DIR: its documents and uploads are copied. */
  dataDir: string;
  /** PostgreSQL: a URL of a role that may read every table (the owner's, DATABASE_OWNER_URL, where there is one). */
  databaseUrl?: string | undefined;
  /** PGlite: the open database (the service must be stopped: the data folder's lock sees to it). */
  database?: DatabaseHandle | undefined;
  clock?: () => Date;
}

/** Writes a backup of the database and DATA_DIR's folders of bytes to a new folder, with its manifest. */
export async function backup(options: BackupOptions): Promise<BackupManifest> {
  const { directory, dataDir } = options;
  if (!isEmptyFolder(directory)) throw new BackupError(`The folder ${directory} is not empty: a backup goes into a new folder.`);
  mkdirSync(directory, { recursive: true });
  let engine: BackupManifest['engine'];
  let databaseFile: string;
  let tables: Record<string, TableFingerprint>;
  if (options.databaseUrl) {
    engine = 'postgres';
    databaseFile = POSTGRES_DUMP;
    // The checksums and pg_dump read one snapshot, so the manifest describes exactly the dump while
    // the service goes on writing.
    // Of a host list (pg_auto_failover's nodes), the primary; pg_dump reads the same server.
    const client = await connectHostList(options.databaseUrl, { connectionTimeoutMillis: 5_000 }).catch((error: Error) => {
      throw new BackupError(`Cannot connect to PostgreSQL at ${describeHosts(options.databaseUrl!)}: ${error.message}`);
    });
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      for (const setting of FIXED_SETTINGS) await client.query(setting);
      const snapshot = String((await client.query('SELECT pg_export_snapshot() AS id')).rows[0].id);
      const target = libpqTarget(client.url);
      const dumped = run('pg_dump', ['--format=custom', `--snapshot=${snapshot}`, `--file=${join(directory, databaseFile)}`, `--dbname=${target.dbname}`], target.env);
      // Awaited below; a failure of the checksums first must not leave its rejection unhandled.
      dumped.catch(() => undefined);
      tables = await fingerprintWith(async (text) => (await client.query(text)).rows);
      await dumped;
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
  } else {
    const database = options.database;
    if (!database?.dumpDataDir) throw new BackupError('A backup of the embedded database needs it open (and the service stopped).');
    engine = 'pglite';
    databaseFile = PGLITE_DUMP;
    tables = await fingerprintDatabase(database);
    const tarball = await database.dumpDataDir();
    writeFileSync(join(directory, databaseFile), Buffer.from(await tarball.arrayBuffer()));
  }
  // After the database: every document it names was written before it was, so it is in the copy.
  const folders: Record<string, FolderDigest> = {};
  for (const folder of BACKED_UP_FOLDERS) {
    const from = join(dataDir, folder);
    if (existsSync(from) && !dataDir.startsWith('memory://')) cpSync(from, join(directory, folder), { recursive: true, filter: (source) => notIncoming(relative(from, source)) });
    folders[folder] = digestFolder(join(directory, folder));
  }
  const manifest: BackupManifest = {
    format: 'send-casework-backup',
    version: 1,
    engine,
    madeAt: (options.clock?.() ?? new Date()).toISOString(),
    database: databaseFile,
    tables,
    folders,
  };
  writeFileSync(join(directory, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export function readManifest(directory: string): BackupManifest {
  const path = join(directory, MANIFEST);
  if (!existsSync(path)) throw new BackupError(`${directory} is not a backup: it has no ${MANIFEST}.`);
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as BackupManifest;
  if (manifest.format !== 'send-casework-backup' || manifest.version !== 1) throw new BackupError(`${path} is not a SEND Casework backup manifest this version can read.`);
  return manifest;
}

/** What differs between the manifest's tables and folders and the restored ones: none when the restore is whole. */
export function differences(expected: Pick<BackupManifest, 'tables' | 'folders'>, found: Pick<BackupManifest, 'tables' | 'folders'>): string[] {
  const problems: string[] = [];
  for (const name of new Set([...Object.keys(expected.tables), ...Object.keys(found.tables)])) {
    const want = expected.tables[name];
    const got = found.tables[name];
    if (!want || !got) problems.push(`table ${name}: ${want ? 'missing from the restore' : 'not in the backup'}`);
    else if (want.rows !== got.rows) problems.push(`table ${name}: ${want.rows} rows backed up, ${got.rows} restored`);
    else if (want.md5 !== got.md5) problems.push(`table ${name}: its rows differ`);
  }
  for (const [name, want] of Object.entries(expected.folders)) {
    const got = found.folders[name];
    if (!got || got.sha256 !== want.sha256) problems.push(`folder ${name}: ${want.files} files backed up, ${got?.files ?? 0} restored${got && got.files === want.files ? ' with different bytes' : ''}`);
  }
  return problems;
}

export interface RestoreOptions {
  directory: string;
  /** DATA_DIR to restore into: its documents and uploads folders (and, for PGlite, the database) must not exist yet or be empty. */
  dataDir: string;
  /** PostgreSQL: a URL of an empty database, as the role that is to own the tables. */
  databaseUrl?: string | undefined;
}

export interface RestoreResult {
  manifest: BackupManifest;
  tables: number;
  rows: number;
  files: number;
}

/** Restores a backup into an empty place and checks the result against the backup's manifest. */
export async function restore(options: RestoreOptions): Promise<RestoreResult> {
  const { directory, dataDir, databaseUrl } = options;
  const manifest = readManifest(directory);
  const engine = databaseUrl ? 'postgres' : 'pglite';
  if (manifest.engine !== engine) {
    throw new BackupError(`This backup is of ${manifest.engine === 'postgres' ? 'PostgreSQL' : 'the embedded database (PGlite)'}: it restores only into the same (${manifest.engine === 'postgres' ? 'set DATABASE_URL' : 'unset DATABASE_URL'}).`);
  }
  for (const folder of [...BACKED_UP_FOLDERS, ...(databaseUrl ? [] : ['pgdata'])]) {
    if (!isEmptyFolder(join(dataDir, folder))) throw new BackupError(`${join(dataDir, folder)} is not empty: a restore goes into a new place.`);
  }
  let client: (pg.Client & { readonly url: string }) | undefined;
  const lock = databaseUrl ? undefined : acquireDataFolderLock(dataDir, () => undefined);
  try {
    if (databaseUrl) {
      client = await connectHostList(databaseUrl, { connectionTimeoutMillis: 5_000 }).catch((error: Error) => {
        throw new BackupError(`Cannot connect to PostgreSQL at ${describeHosts(databaseUrl)}: ${error.message}`);
      });
      const held = await client.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`);
      if (held.rows[0].n > 0) throw new BackupError(`The database ${describeHosts(databaseUrl)} has tables already: a restore goes into a new, empty database.`);
    }
    // The documents first: the quicker check, before the database's.
    const folders: Record<string, FolderDigest> = {};
    for (const folder of BACKED_UP_FOLDERS) {
      const from = join(directory, folder);
      if (existsSync(from)) cpSync(from, join(dataDir, folder), { recursive: true });
      folders[folder] = digestFolder(join(dataDir, folder));
    }
    const folderProblems = differences({ tables: {}, folders: manifest.folders }, { tables: {}, folders });
    if (folderProblems.length > 0) throw new BackupError(`The restore does not match the backup: ${folderProblems.join('; ')}.`);

    let tables: Record<string, TableFingerprint>;
    if (client) {
      const target = libpqTarget(client.url);
      // Owned by the role restoring; the service role's grants are given again when the service
      // starts with DATABASE_OWNER_URL.
      await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${target.dbname}`, join(directory, manifest.database)], target.env);
      const restored = client;
      await restored.query('BEGIN');
      for (const setting of FIXED_SETTINGS) await restored.query(setting);
      tables = await fingerprintWith(async (text) => (await restored.query(text)).rows);
      await restored.query('COMMIT');
    } else {
      const tarball = new Blob([readFileSync(join(directory, manifest.database))]);
      const pglite = new PGlite(join(dataDir, 'pgdata'), { loadDataDir: tarball, extensions: PGLITE_EXTENSIONS });
      try {
        await pglite.waitReady;
        tables = await pglite.transaction(async (tx) => {
          for (const setting of FIXED_SETTINGS) await tx.exec(setting);
          return fingerprintWith(async (text) => (await tx.query<Record<string, unknown>>(text)).rows);
        });
      } finally {
        await pglite.close();
      }
    }
    const problems = differences(manifest, { tables, folders });
    if (problems.length > 0) throw new BackupError(`The restore does not match the backup: ${problems.join('; ')}.`);
    return {
      manifest,
      tables: Object.keys(tables).length,
      rows: Object.values(tables).reduce((sum, table) => sum + table.rows, 0),
      files: Object.values(folders).reduce((sum, folder) => sum + folder.files, 0),
    };
  } finally {
    await client?.end();
    lock?.release();
  }
}
