import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { school, schoolImportRun, schoolNameChange } from '../../db/schema/index.ts';
import type { HeldSchool } from '../../domain/schools/gias.ts';

// The national schools register and its imports: reference data, without an authority_id.

export type HeldSchoolRow = HeldSchool & { id: string };

const heldColumns = {
  id: school.id,
  urn: school.urn,
  ukprn: school.ukprn,
  name: school.name,
  type: school.type,
  phase: school.phase,
  status: school.status,
  laCode: school.laCode,
  street: school.street,
  locality: school.locality,
  address3: school.address3,
  town: school.town,
  county: school.county,
  postcode: school.postcode,
  openDate: school.openDate,
  closeDate: school.closeDate,
};

export async function schoolsByUrn(executor: Executor, urns: number[]): Promise<HeldSchoolRow[]> {
  if (urns.length === 0) return [];
  const rows = await executor.select(heldColumns).from(school).where(inArray(school.urn, urns));
  return rows.map((row) => ({ ...row, laCode: row.laCode ?? '' })) as HeldSchoolRow[];
}

export async function insertSchools(executor: Executor, rows: (HeldSchoolRow & { importRunId: string })[]): Promise<void> {
  if (rows.length === 0) return;
  await executor.insert(school).values(rows);
}

export async function updateSchool(executor: Executor, id: string, values: HeldSchool & { importRunId: string }): Promise<void> {
  await executor.update(school).set(values).where(eq(school.id, id));
}

export type NameChangeRow = typeof schoolNameChange.$inferInsert;

export async function insertNameChanges(executor: Executor, rows: NameChangeRow[]): Promise<void> {
  if (rows.length === 0) return;
  await executor.insert(schoolNameChange).values(rows);
}

export async function nameChangesOf(executor: Executor, urn: number) {
  return executor
    .select({ fromName: schoolNameChange.fromName, toName: schoolNameChange.toName, seenOn: schoolNameChange.seenOn, importRunId: schoolNameChange.importRunId })
    .from(schoolNameChange)
    .innerJoin(school, eq(school.id, schoolNameChange.schoolId))
    .where(eq(school.urn, urn))
    .orderBy(asc(schoolNameChange.seenOn), asc(schoolNameChange.id));
}

export type ImportRunRow = typeof schoolImportRun.$inferSelect;

export async function insertRun(executor: Executor, values: typeof schoolImportRun.$inferInsert): Promise<void> {
  await executor.insert(schoolImportRun).values(values);
}

export async function updateRun(executor: Executor, id: string, values: Partial<typeof schoolImportRun.$inferInsert>): Promise<void> {
  await executor.update(schoolImportRun).set(values).where(eq(schoolImportRun.id, id));
}

export async function listRuns(executor: Executor, limit: number): Promise<ImportRunRow[]> {
  return executor.select().from(schoolImportRun).orderBy(desc(schoolImportRun.startedAt), desc(schoolImportRun.id)).limit(limit);
}
