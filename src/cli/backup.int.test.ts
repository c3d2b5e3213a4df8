// The restore drill: data built, backed up, restored into a new place, and compared with the
// original table by table, row by row, and byte by byte for the documents.
import { sql } from 'drizzle-orm';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../composition.ts';
import { testConfig } from '../config.ts';
import { LocalFileStore } from '../features/documents/index.ts';
import { systemClock } from '../lib/clock.ts';
import { uuidv7 } from '../lib/uuid.ts';
import { asHostList, createTestDatabase, testEngine, withDatabaseName } from '../test/database.ts';
import { aCase, anOfficer, aPerson, aPlan } from '../test/factories/index.ts';
import { aPdf } from '../test/files.ts';
import { backup, BackupError, restore } from '../db/backup.ts';
import { openDatabase, queryRows, type DatabaseHandle } from '../db/database.ts';

// The logs a restore must give back exactly: what happened, who saw what, and each version.
const HISTORY_TABLES = ['case_event', 'plan_revision', 'plan_version', 'audit_event', 'access_log', 'list_access_log', 'improvement_change', 'import_record'];

type Query = (text: string) => Promise<Record<string, unknown>[]>;

/** Rows of every table, and an md5 of each history table's rows in a fixed order: computed here, not by the code under test. */
async function contentsOf(query: Query): Promise<{ counts: Record<string, number>; history: Record<string, string> }> {
  // Every table; a log partitioned by month is read whole through its parent.
  const tables = (
    await query(`SELECT c.relname AS table_name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1`)
  ).map((row) => String(row['table_name']));
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = Number((await query(`/* cross-authority: the whole database */ SELECT count(*)::int AS n FROM "${table}"`))[0]!['n']);
  const history: Record<string, string> = {};
  for (const table of HISTORY_TABLES) {
    history[table] = String((await query(`/* cross-authority: the whole database */ SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text COLLATE "C"), '')) AS digest FROM "${table}" t`))[0]!['digest']);
  }
  return { counts, history };
}

const folders: string[] = [];
function aFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'casework-backup-'));
  folders.push(folder);
  return folder;
}

// PostgreSQL: a new, empty database to restore into, dropped after the tests.
const made: string[] = [];
async function anEmptyDatabase(): Promise<string> {
  const name = `casework_restore_${uuidv7().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  made.push(name);
  return withDatabaseName(process.env.TEST_DATABASE_URL!, name);
}

let database: DatabaseHandle & { ownerUrl?: string };
let dataDir: string;
let before: Awaited<ReturnType<typeof contentsOf>>;
let documentBytes: Buffer;
const viaHandle = (handle: DatabaseHandle): Query => (text) => queryRows<Record<string, unknown>>(handle.db, sql.raw(text));

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = aFolder();
  const config = testConfig({ dataDir });
  const fileStore = new LocalFileStore(join(dataDir, 'files'));
  const services = createServices({ config, database, clock: systemClock, fileStore });
  await services.reference.ensureReferenceData();
  const authorityId = (await services.reference.findAuthorityByLaCode('999'))!.id;
  const testApp = { services, clock: systemClock, authorityId, database };
  const officer = await anOfficer(testApp);
  const first = await aCase(testApp, officer.actor);
  await aPerson(testApp, officer.actor, first.childId);
  await aPlan(testApp, officer.actor);
  documentBytes = aPdf('Advice to be kept');
  await services.documents.upload(officer.actor, first.caseId, { title: 'Advice', file: { filename: 'advice.pdf', bytes: documentBytes, truncated: false } });
  // A pending import's upload, in DATA_DIR/imports, is kept with the rest.
  const imports = join(dataDir, 'imports', uuidv7());
  mkdirSync(imports, { recursive: true });
  writeFileSync(join(imports, 'children.csv'), 'id,forename\n1,Ada\n');
  // A view for the access log, through the service as a page would ask.
  await services.children.childRecord(officer.actor, first.childId);
  before = await contentsOf(viaHandle(database));
}, 120_000);

afterAll(async () => {
  await database?.close();
  if (made.length > 0) {
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    for (const name of made) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe(`a backup of ${testEngine}`, () => {
  let directory: string;

  // On PostgreSQL through a host list whose first server refuses, as pg_auto_failover's nodes are named:
  // the backup and the restore find the primary, and pg_dump and pg_restore work on that one.
  it('restores into a new place with every table’s rows, the history tables row for row, and the documents’ bytes', async () => {
    for (const table of ['case_event', 'plan_revision', 'audit_event', 'access_log', 'document']) expect(before.counts[table], table).toBeGreaterThan(0);
    directory = join(aFolder(), 'backup');
    const manifest = await backup({ directory, dataDir, database, databaseUrl: database.ownerUrl && asHostList(database.ownerUrl, 'read-write') });
    expect(manifest.engine).toBe(testEngine);
    expect(manifest.folders['files']).toMatchObject({ files: 1, bytes: documentBytes.length });
    expect(manifest.folders['imports']?.files).toBe(1);

    const target = aFolder();
    if (testEngine === 'postgres') {
      const restoredUrl = await anEmptyDatabase();
      const result = await restore({ directory, dataDir: target, databaseUrl: asHostList(restoredUrl, 'read-write') });
      expect(result.tables).toBe(Object.keys(before.counts).length);
      const client = new pg.Client({ connectionString: restoredUrl });
      await client.connect();
      try {
        expect(await contentsOf(async (text) => (await client.query(text)).rows)).toEqual(before);
      } finally {
        await client.end();
      }
    } else {
      const result = await restore({ directory, dataDir: target });
        expect(result.tables).toBe(Object.keys(before.counts).length);
      // The restored folder opens as the service opens it, migrations and all.
      const restored = await openDatabase({ dataDir: target, warn: () => undefined });
      try {
        expect(await contentsOf(viaHandle(restored))).toEqual(before);
      } finally {
        await restored.close();
      }
    }
    const [stored] = (await queryRows<{ storage_key: string }>(database.db, sql`/* cross-authority: the one document */ SELECT storage_key FROM document LIMIT 1`));
    expect(readFileSync(join(target, 'files', ...stored!.storage_key.split('/')))).toEqual(documentBytes);
  }, 120_000);

  it('refuses to write over a backup or restore over data, and says so when what it restored is not what was backed up', async () => {
    await expect(backup({ directory, dataDir, database, databaseUrl: database.ownerUrl })).rejects.toThrow(/is not empty: a backup goes into a new folder/);
    // A backup whose document has changed since: the restore finds it.
    const changed = join(aFolder(), 'backup');
    cpSync(directory, changed, { recursive: true });
    const [document] = readdirSync(join(changed, 'files'), { recursive: true, encoding: 'utf8' }).filter((entry) => statSync(join(changed, 'files', entry)).isFile());
    const documentFile = join(changed, 'files', document!);
    writeFileSync(documentFile, Buffer.concat([readFileSync(documentFile), Buffer.from('%')]));
    const error = await restore({ directory: changed, dataDir: aFolder(), ...(testEngine === 'postgres' ? { databaseUrl: await anEmptyDatabase() } : {}) }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BackupError);
    expect((error as Error).message).toMatch(/^The restore does not match the backup: folder files: 1 files backed up, 1 restored with different bytes\.$/);

    const used = aFolder();
    mkdirSync(join(used, 'files'));
    writeFileSync(join(used, 'files', 'kept'), 'a document');
    await expect(restore({ directory, dataDir: used, ...(testEngine === 'postgres' ? { databaseUrl: await anEmptyDatabase() } : {}) })).rejects.toThrow(/is not empty: a restore goes into a new place/);
    if (testEngine === 'postgres') await expect(restore({ directory, dataDir: aFolder(), databaseUrl: database.ownerUrl })).rejects.toThrow(/has tables already: a restore goes into a new, empty database/);
    await expect(restore({ directory, dataDir: aFolder(), ...(testEngine === 'pglite' ? { databaseUrl: 'postgres://nobody@127.0.0.1:1/none' } : {}) })).rejects.toThrow(/restores only into the same/);
  }, 60_000);
});
