import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/database.ts';
import type { NewChildDetails } from './factories/index.ts';

/**
 * The rows a request writes, counted across the tables it touches: the same before and after a
 * refused request shows that nothing was half-written.
 */
export async function requestTableCounts(db: Database): Promise<Record<string, number>> {
  const [row] = await queryRows<Record<string, number>>(
    db,
    sql`SELECT (SELECT count(*)::int FROM child) AS children, (SELECT count(*)::int FROM ehc_case) AS cases, (SELECT count(*)::int FROM case_event) AS events,
               (SELECT count(*)::int FROM assessment_request) AS requests, (SELECT count(*)::int FROM audit_event) AS audit`,
  );
  return row!;
}

/** A date as a GOV.UK date input's three boxes send it: `${prefix}-day`, `-month` and `-year`. */
export function dateFields(prefix: string, iso: string): Record<string, string> {
  const [year, month, day] = iso.split('-');
  return { [`${prefix}-day`]: String(Number(day)), [`${prefix}-month`]: String(Number(month)), [`${prefix}-year`]: year! };
}

/** The request form's fields for a new child, as a browser sends them, with any others given. */
export function requestFormFor(child: NewChildDetails, receivedOn: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    forename: child.forename,
    surname: child.surname,
    ...dateFields('dateOfBirth', child.dateOfBirth),
    sex: child.sex,
    upn: child.upn ?? '',
    postcode: child.postcode ?? '',
    ...dateFields('receivedOn', receivedOn),
    source: '1',
    ...extra,
  };
}
