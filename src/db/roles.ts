import type pg from 'pg';

/**
 * The logs that are only ever added to. Their triggers refuse UPDATE, DELETE and TRUNCATE; the
 * service's role is also never granted those, so the refusal holds twice.
 */
export const APPEND_ONLY_TABLES = ['audit_event', 'access_log', 'list_access_log', 'case_event', 'plan_revision', 'improvement_change', 'improvement_status_update'] as const;

/**
 * What the service's own role may do, granted by the role that owns the tables after each
 * migration (so a table a migration adds is covered at once). A role that owns a table can
 * switch its triggers off (`ALTER TABLE access_log DISABLE TRIGGER ALL`), drop it or change it;
 * the service's role can only read and write rows, and only add rows to the logs.
 */
export function serviceRoleGrants(role: string, escapeIdentifier: (name: string) => string): string[] {
  const grantee = escapeIdentifier(role);
  const logs = APPEND_ONLY_TABLES.map((table) => escapeIdentifier(table)).join(', ');
  return [
    `GRANT USAGE ON SCHEMA public TO ${grantee}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${grantee}`,
    `REVOKE UPDATE, DELETE, TRUNCATE ON ${logs} FROM ${grantee}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${grantee}`,
  ];
}

/** The logs partitioned by month (ADR 0025): the retention job drops their old months whole. */
export const PARTITIONED_LOGS = ['audit_event', 'access_log', 'list_access_log'] as const;

/**
 * The service's role reaches a partitioned log only through its parent, where it may only add and
 * read rows. The grant on all tables above reaches the months' partitions too, so it is taken back
 * from each: a partition must not be a way round the parent's refusals. (The partitions the
 * retention job makes later are the owner's, granted to no one.)
 */
export function partitionRevokes(role: string, partitions: readonly string[], escapeIdentifier: (name: string) => string): string[] {
  return partitions.map((partition) => `REVOKE ALL ON ${escapeIdentifier(partition)} FROM ${escapeIdentifier(role)}`);
}

/** Grants the service's role what it needs; run as the tables' owner, in the migration's lock. */
export async function grantServiceRole(owner: pg.ClientBase, role: string): Promise<void> {
  for (const statement of serviceRoleGrants(role, (name) => owner.escapeIdentifier(name))) await owner.query(statement);
  const { rows } = await owner.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
      JOIN pg_namespace n ON n.oid = p.relnamespace WHERE n.nspname = 'public' AND p.relname = ANY($1::text[])`,
    [[...PARTITIONED_LOGS]],
  );
  for (const statement of partitionRevokes(role, rows.map((row) => row.name), (name) => owner.escapeIdentifier(name))) await owner.query(statement);
}

export interface RolePowers {
  role: string;
  superuser: boolean;
  /** Tables of the service the role owns, or owns through a role it is a member of. */
  ownedTables: number;
}

/** What the connected role could do beyond reading and writing rows. */
export async function rolePowers(client: pg.ClientBase): Promise<RolePowers> {
  const { rows } = await client.query<{ role: string; superuser: boolean; owned_tables: number }>(
    `SELECT current_user AS role,
            (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
            (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND pg_has_role(current_user, c.relowner, 'MEMBER')) AS owned_tables`,
  );
  const row = rows[0]!;
  return { role: row.role, superuser: row.superuser, ownedTables: row.owned_tables };
}

export class ServiceRoleError extends Error {
  override readonly name = 'ServiceRoleError';
}

/** Why a role is too powerful for the service to run as, or undefined when it is not. */
export function tooPowerful(powers: RolePowers): string | undefined {
  if (!powers.superuser && powers.ownedTables === 0) return undefined;
  const what = powers.superuser ? 'a superuser' : `the owner of ${powers.ownedTables} of its tables`;
  return (
    `The service connects to PostgreSQL as "${powers.role}", ${what}: it could switch off the append-only ` +
    'logs\u2019 triggers and rewrite them. Connect DATABASE_URL as a role that owns nothing, and give the ' +
    'owning role in DATABASE_OWNER_URL: it runs the migrations and grants the service\u2019s role what it needs.'
  );
}
