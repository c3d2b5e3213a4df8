import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/database.ts';

// What the database holds, cheaply enough to take around every refused request: each table's row
// count and an MD5 of its rows as text in order. The same SQL on PGlite and PostgreSQL.

/**
 * The tables that grow on a refused request by design: the logs of who did and viewed what, and
 * the sign-in state a refused request may touch (a session seen, a failed sign-in counted).
 */
export const TABLES_THAT_LOG = ['audit_event', 'access_log', 'list_access_log'] as const;

/** Tables a refused request may change by design: the session it was sent in is seen, a failed sign-in is counted. */
export const SIGN_IN_STATE = ['staff_session', 'sign_in_failure', 'portal_session'] as const;

export type DatabaseSnapshot = Record<string, { rows: number; md5: string }>;

const tablesOf = new WeakMap<object, string[]>();

async function tables(db: Executor, leaveOut: readonly string[]): Promise<string[]> {
  const known = tablesOf.get(db);
  if (known) return known.filter((name) => !leaveOut.includes(name));
  const rows = await queryRows<{ name: string }>(
    db,
    // A partitioned table's rows are read through it (the logs are partitioned by month), so its
    // partitions are not read again, and leaving out a log leaves out its months.
    sql`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname`,
  );
  const names = rows.map((row) => row.name).filter((name) => /^[a-z_][a-z0-9_]*$/.test(name));
  tablesOf.set(db, names);
  return names.filter((name) => !leaveOut.includes(name));
}

/** Every table's count and checksum, but the ones left out (by default the logs). */
export async function snapshotDatabase(db: Executor, leaveOut: readonly string[] = TABLES_THAT_LOG): Promise<DatabaseSnapshot> {
  const names = await tables(db, leaveOut);
  const parts = names.map(
    (name) => `SELECT '${name}' AS name, count(*)::int AS rows, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS md5 FROM "${name}" t`,
  );
  const rows = await queryRows<{ name: string; rows: number; md5: string }>(db, sql.raw(`/* cross-authority: the whole database's checksum */ ${parts.join(' UNION ALL ')}`));
  return Object.fromEntries(rows.map((row) => [row.name, { rows: Number(row.rows), md5: row.md5 }]));
}

/** The tables whose count or checksum differ between two snapshots, each with its counts. */
export function snapshotDifferences(before: DatabaseSnapshot, after: DatabaseSnapshot): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names]
    .filter((name) => before[name]?.md5 !== after[name]?.md5 || before[name]?.rows !== after[name]?.rows)
    .map((name) => `${name} (${before[name]?.rows ?? 'none'} rows, then ${after[name]?.rows ?? 'none'})`);
}

/**
 * The next transaction id the database will give: it moves only when a transaction writes, so the
 * same number before and after a request proves the request wrote nothing at all (a cheap check
 * that spares the snapshot; on a shared PostgreSQL server another database's writes move it too,
 * which only costs a snapshot).
 */
export async function nextTransactionId(db: Executor): Promise<string> {
  const [row] = await queryRows<{ next: string }>(db, sql`SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS next`);
  return row!.next;
}
