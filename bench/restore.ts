// How long a backup and its restore take (docs/operations.md, "Backup and restore"), in a process of
// its own on a database already seeded, as `npm run casework -- backup DIR` and `restore DIR` run
// them: PostgreSQL restored into a new database on the same server, PGlite into a new folder. The
// restore includes its check of every table against the manifest. Prints one line of JSON for
// bench/run.ts.
//   DATABASE_URL=postgres://... node --import tsx bench/restore.ts
//   DATA_DIR=/path/to/data node --import tsx bench/restore.ts
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { backup, restore } from '../src/db/backup.ts';
import { openDatabase } from '../src/db/database.ts';

const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = process.env.DATA_DIR ?? 'unused';
const folder = mkdtempSync(join(os.tmpdir(), 'casework-restore-'));
const directory = join(folder, 'backup');
const target = join(folder, 'restored');
let restoredDatabase: string | undefined;
try {
  const backupStarted = performance.now();
  const database = databaseUrl ? undefined : await openDatabase({ dataDir, migrate: false });
  const manifest = await (async () => {
    try {
      return await backup({ directory, dataDir, databaseUrl, database });
    } finally {
      await database?.close();
    }
  })();
  const backupSeconds = (performance.now() - backupStarted) / 1000;
  const megabytes = statSync(join(directory, manifest.database)).size / 1024 / 1024;

  let restoreUrl: string | undefined;
  if (databaseUrl) {
    restoredDatabase = `casework_restore_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${restoredDatabase}`);
    await admin.end();
    const url = new URL(databaseUrl);
    url.pathname = `/${restoredDatabase}`;
    restoreUrl = url.toString();
  }
  const restoreStarted = performance.now();
  const result = await restore({ directory, dataDir: target, databaseUrl: restoreUrl });
  const restoreSeconds = (performance.now() - restoreStarted) / 1000;
  console.log(
    JSON.stringify({
      engine: manifest.engine,
      tables: result.tables,
      rows: result.rows,
      megabytes: Number(megabytes.toFixed(1)),
      backup_seconds: Number(backupSeconds.toFixed(1)),
      seconds: Number(restoreSeconds.toFixed(1)),
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
} finally {
  if (restoredDatabase) {
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${restoredDatabase} WITH (FORCE)`);
    await admin.end();
  }
  rmSync(folder, { recursive: true, force: true });
}
