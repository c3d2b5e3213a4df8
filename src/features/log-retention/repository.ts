import { eq, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/database.ts';
import { logRetention } from '../../db/schema/index.ts';
import type { PartitionedLog } from '../../domain/retention/index.ts';

/** The years this council set for each log; a log it has not set is absent. */
export async function retentionOf(executor: Executor, authorityId: string): Promise<Map<PartitionedLog, number>> {
  const rows = await executor.select({ log: logRetention.log, years: logRetention.years }).from(logRetention).where(eq(logRetention.authorityId, authorityId));
  return new Map(rows.map((row) => [row.log as PartitionedLog, row.years]));
}

export async function saveRetention(executor: Executor, row: { authorityId: string; log: PartitionedLog; years: number; updatedAt: Date; updatedBy: string }): Promise<void> {
  await executor
    .insert(logRetention)
    .values(row)
    .onConflictDoUpdate({ target: [logRetention.authorityId, logRetention.log], set: { years: row.years, updatedAt: row.updatedAt, updatedBy: row.updatedBy } });
}

/** Every council's periods and how many councils there are: a month holds all their rows. */
export async function retentionOfEveryCouncil(executor: Executor): Promise<{ councils: number; set: { log: PartitionedLog; years: number }[] }> {
  const [councils] = await queryRows<{ count: number }>(executor, sql`SELECT count(*)::int AS count FROM "authority"`);
  const set = await queryRows<{ log: PartitionedLog; years: number }>(
    executor,
    sql`/* cross-authority: a month of a log holds every council's rows */ SELECT "log", "years" FROM "log_retention"`,
  );
  return { councils: councils?.count ?? 0, set };
}

export interface PartitionRow {
  log: PartitionedLog;
  /** <log>_YYYY_MM, or <log>_default. */
  partition: string;
}

/** The partitions of the three logs, read from the catalogue (any role may read it). */
export async function partitions(executor: Executor, logs: readonly PartitionedLog[]): Promise<PartitionRow[]> {
  return queryRows<PartitionRow>(
    executor,
    sql`SELECT p.relname AS "log", c.relname AS "partition"
          FROM pg_inherits i
          JOIN pg_class c ON c.oid = i.inhrelid
          JOIN pg_class p ON p.oid = i.inhparent
          JOIN pg_namespace n ON n.oid = p.relnamespace
         WHERE n.nspname = 'public' AND p.relname IN (${sql.join(logs.map((log) => sql`${log}`), sql`, `)})
         ORDER BY c.relname`,
  );
}

/** Makes a month's partition (moving into it any rows waiting in the default one); false when it existed. Owner only. */
export async function createMonth(owner: Executor, log: PartitionedLog, month: string): Promise<boolean> {
  const [row] = await queryRows<{ created: boolean }>(owner, sql`SELECT create_log_month(${log}, ${`${month}-01`}::date) AS "created"`);
  return row?.created === true;
}

const MONTH_PARTITION = /^(audit_event|access_log|list_access_log)_\d{4}_\d{2}$/;

/** Drops a month's partition, every row of it at once (gone already, as another instance dropped it: nothing). Owner only: the service's role cannot. */
export async function dropMonth(owner: Executor, partition: string): Promise<void> {
  if (!MONTH_PARTITION.test(partition)) throw new Error(`Not a month of a log: ${partition}`);
  await owner.execute(sql`/* cross-authority: a month of a log holds every council's rows */ DROP TABLE IF EXISTS ${sql.identifier(partition)}`);
}

/** Whether the maintenance job is queued or running already, for any council. */
export async function maintenanceScheduled(executor: Executor, kind: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    executor,
    sql`/* cross-authority: one maintenance job serves every council */
        SELECT "id" FROM "job" WHERE "kind" = ${kind} AND "status" IN ('queued', 'running') LIMIT 1`,
  );
  return rows.length > 0;
}

/** A council to own the maintenance job (every job has one); the first made. */
export async function firstAuthorityId(executor: Executor): Promise<string | undefined> {
  const [row] = await queryRows<{ id: string }>(executor, sql`SELECT "id" FROM "authority" ORDER BY "created_at", "id" LIMIT 1`);
  return row?.id;
}
