import type { Database } from './database.ts';

/**
 * Reads for the pages used most, written as SQL of fixed shape and sent to PostgreSQL by name
 * (ADR 0007). Against drizzle's query builder this saves, on every call, building the SQL and
 * mapping each field through its column (together about 0.45 ms of CPU for a 50-row page, more
 * than the database takes to answer), and PostgreSQL parses and plans the statement once per
 * connection instead of every time.
 *
 * Rows come back as the driver gives them, keyed by the column aliases in the SQL, with dates
 * and timestamps as the text PostgreSQL sends (as `queryRows` gives them). Values are always
 * parameters ($1, $2 ...), never part of the text.
 */
export interface PreparedRead<Row> {
  /** null: sent unnamed, so PostgreSQL plans it for its values each time (see planEachTime). */
  readonly name: string | null;
  readonly text: string;
  /** Carries the row type only. */
  readonly row?: Row;
}

/** Runs a named statement on one database; set up by openDatabase for each engine. */
export type PreparedReadRunner = (name: string | null, text: string, params: readonly unknown[]) => Promise<Record<string, unknown>[]>;

const runners = new WeakMap<Database, PreparedReadRunner>();
const takenNames = new Map<string, string>();

export function preparedRead<Row>(name: string, text: string): PreparedRead<Row> {
  // The driver refuses a second text under a name it has prepared on a connection.
  const taken = takenNames.get(name);
  if (taken !== undefined && taken !== text) throw new Error(`Two prepared reads are named ${name}`);
  takenNames.set(name, text);
  return { name, text };
}

/**
 * A read whose best plan depends on its values (a trigram search: a rare name and a common one
 * want different plans), or whose text varies with its input: written in SQL like a prepared
 * read, but sent unnamed, so PostgreSQL plans it each time instead of settling on a generic plan.
 */
export function planEachTime<Row>(text: string): PreparedRead<Row> {
  return { name: null, text };
}

export function registerPreparedReadRunner(db: Database, runner: PreparedReadRunner): void {
  runners.set(db, runner);
}

/**
 * Runs a prepared read on the database. Only on the database itself: a transaction's reads go
 * through its own connection, with the query builder.
 */
export async function readRows<Row>(db: Database, statement: PreparedRead<Row>, params: readonly unknown[]): Promise<Row[]> {
  const run = runners.get(db);
  if (!run) throw new Error(`The prepared read ${statement.name ?? statement.text.slice(0, 40)} runs on the database, not in a transaction`);
  return (await run(statement.name, statement.text, params)) as Row[];
}
