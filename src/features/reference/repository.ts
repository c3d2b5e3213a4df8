import { asc, count, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { authority, authorityCode, bankHoliday, school } from '../../db/schema/index.ts';

// National reference tables (schools, bank holidays) and the authorities themselves: these are
// the only tables without an authority_id predicate.

export interface AuthorityRecord {
  id: string;
  name: string;
  region: string | null;
  laCode: string;
}

export async function findAuthorityByLaCode(executor: Executor, laCode: string): Promise<AuthorityRecord | undefined> {
  const rows = await executor
    .select({ id: authority.id, name: authority.name, region: authority.region, laCode: authorityCode.laCode })
    .from(authority)
    .innerJoin(authorityCode, eq(authorityCode.authorityId, authority.id))
    .where(sql`${authorityCode.laCode} = ${laCode} AND ${authorityCode.validTo} IS NULL`)
    .limit(1);
  return rows[0];
}

export async function insertAuthority(
  executor: Executor,
  values: { id: string; name: string; region: string | null; laCode: string; gssCode: string | null; validFrom: string },
): Promise<void> {
  await executor.insert(authority).values({ id: values.id, name: values.name, region: values.region });
  await executor.insert(authorityCode).values({
    authorityId: values.id,
    laCode: values.laCode,
    gssCode: values.gssCode,
    validFrom: values.validFrom,
  });
}

export interface SchoolRecord {
  id: string;
  urn: number;
  ukprn: number | null;
  name: string;
  phase: string;
  type: string;
  status: string;
  laCode: string | null;
  postcode: string | null;
}

export async function countSchools(executor: Executor): Promise<number> {
  const [row] = await executor.select({ total: count() }).from(school);
  return row?.total ?? 0;
}

export async function insertSchools(executor: Executor, schools: SchoolRecord[]): Promise<void> {
  if (schools.length === 0) return;
  await executor.insert(school).values(schools).onConflictDoNothing({ target: school.urn });
}

export async function listSchoolsByLaCode(executor: Executor, laCode: string): Promise<SchoolRecord[]> {
  return executor.select().from(school).where(eq(school.laCode, laCode)).orderBy(asc(school.name));
}

export interface BankHolidayRecord {
  date: string;
  title: string;
}

export async function replaceBankHolidays(executor: Executor, division: string, holidays: BankHolidayRecord[]): Promise<void> {
  await executor.delete(bankHoliday).where(eq(bankHoliday.division, division));
  if (holidays.length > 0) {
    await executor.insert(bankHoliday).values(holidays.map((holiday) => ({ ...holiday, division })));
  }
}

export async function listBankHolidays(executor: Executor, division: string): Promise<BankHolidayRecord[]> {
  return executor
    .select({ date: bankHoliday.date, title: bankHoliday.title })
    .from(bankHoliday)
    .where(eq(bankHoliday.division, division))
    .orderBy(asc(bankHoliday.date));
}

/** The authority's current LA code, for case references and returns. */
export async function findAuthorityCode(executor: Executor, authorityId: string): Promise<string | undefined> {
  const rows = await executor
    .select({ laCode: authorityCode.laCode })
    .from(authorityCode)
    .where(sql`${authorityCode.authorityId} = ${authorityId} AND ${authorityCode.validTo} IS NULL`)
    .limit(1);
  return rows[0]?.laCode;
}
