// Migrates one template database before the integration tests; each test file then gets its own
// copy (PGlite: the template's data folder loaded into a fresh in-memory instance; PostgreSQL:
// CREATE DATABASE ... TEMPLATE), so files never see each other's rows and need not migrate.
import { PGlite } from '@electric-sql/pglite';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, PGLITE_EXTENSIONS, wrapPglite } from '../db/database.ts';
import { asServiceRole, TEMPLATE_DATABASE, TEST_SERVICE_ROLE, withDatabaseName } from './database.ts';

export default async function setup() {
  const postgresUrl = process.env.TEST_DATABASE_URL;
  if (postgresUrl) {
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE}`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
    // Roles belong to the whole server: made once, kept (the server is the suite's own, throwaway).
    const { rows } = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [TEST_SERVICE_ROLE.name]);
    if (rows.length === 0) {
      await admin.query(
        `CREATE ROLE ${admin.escapeIdentifier(TEST_SERVICE_ROLE.name)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${admin.escapeLiteral(TEST_SERVICE_ROLE.password)}`,
      );
    }
    await admin.end();
    // The owner migrates the template and grants the service's role; each test file's copy of the
    // template keeps those grants.
    const template = await openDatabase({
      databaseUrl: asServiceRole(withDatabaseName(postgresUrl, TEMPLATE_DATABASE)),
      ownerUrl: withDatabaseName(postgresUrl, TEMPLATE_DATABASE),
      refuseOwnerRole: true,
      dataDir: 'unused',
    });
    await template.close();
    return async () => {
      const cleanup = new pg.Client({ connectionString: postgresUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE}`);
      await cleanup.end();
    };
  }
  const folder = mkdtempSync(join(tmpdir(), 'casework-test-'));
  const client = new PGlite('memory://', { extensions: PGLITE_EXTENSIONS });
  const handle = await wrapPglite(client, true);
  const dump = await client.dumpDataDir('none');
  const path = join(folder, 'template.tar');
  writeFileSync(path, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  process.env.TEST_PGLITE_TEMPLATE = path;
  return () => rmSync(folder, { recursive: true, force: true });
}
