import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type { Logger } from 'drizzle-orm';
import * as schema from '../db/schema/index.ts';

/**
 * The tables that belong to one authority: every table with an authority_id column, except the
 * authority's own code history.
 */
export const TENANT_TABLES: string[] = (Object.values(schema) as unknown[])
  .filter((value): value is PgTable => typeof value === 'object' && value !== null && Symbol.for('drizzle:IsDrizzleTable') in value)
  .map((table) => getTableConfig(table))
  .filter((config) => config.columns.some((column) => column.name === 'authority_id') && config.name !== 'authority_code')
  .map((config) => config.name);

export class MissingAuthorityPredicateError extends Error {
  override readonly name = 'MissingAuthorityPredicateError';
}

/**
 * Why a query on a tenant table is not scoped to one authority, or undefined when it is. A query is
 * scoped when it filters on authority_id (or, for an insert, sets it). The identity look-ups that
 * cannot know the authority in advance mark themselves with a "cross-authority:" comment.
 */
export function tenancyProblem(query: string): string | undefined {
  const lower = query.toLowerCase();
  if (lower.includes('/* cross-authority:')) return undefined;
  const touched = TENANT_TABLES.filter((table) => lower.includes(`"${table}"`));
  if (touched.length === 0) return undefined;
  const scoped = lower.trimStart().startsWith('insert')
    ? lower.includes('"authority_id"')
    : /"authority_id"\s*(=|in\b|= any)/.test(lower);
  return scoped ? undefined : `query on ${touched.join(', ')} without an authority_id predicate: ${query}`;
}

/** A drizzle logger that fails any query on a tenant table that lacks the authority predicate. */
export const tenancyGuard: Logger = {
  logQuery(query: string) {
    const problem = tenancyProblem(query);
    if (problem) throw new MissingAuthorityPredicateError(problem);
  },
};
