// Demo data's own writes: counting the children already there, and marking some records restricted.
import { and, count, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { caseHolder, child, ehcCase, school } from '../../db/schema/index.ts';
import { uuidv7 } from '../../lib/uuid.ts';

export async function countChildren(executor: Executor, authorityId: string): Promise<number> {
  const [row] = await executor.select({ total: count() }).from(child).where(eq(child.authorityId, authorityId));
  return row?.total ?? 0;
}

/** Marks a child's record restricted (seen only by the officer who holds it and managers). */
export async function markSensitive(executor: Executor, authorityId: string, childId: string): Promise<void> {
  await executor.update(child).set({ sensitive: true, version: sql`${child.version} + 1` }).where(and(eq(child.authorityId, authorityId), eq(child.id, childId)));
}

/** An unallocated case's wait, from the day its request arrived rather than the day the demo was made. */
export async function waitingSince(executor: Executor, authorityId: string, caseId: string, since: string): Promise<void> {
  await executor
    .update(ehcCase)
    .set({ unallocatedSince: since })
    .where(and(eq(ehcCase.authorityId, authorityId), eq(ehcCase.id, caseId), sql`${ehcCase.officerId} IS NULL`));
  // Its spell in the queue starts that day too, at the start of the day in England.
  await executor
    .update(caseHolder)
    .set({ heldFrom: sql`(${since}::date::timestamp AT TIME ZONE 'Europe/London')` })
    .where(and(eq(caseHolder.authorityId, authorityId), eq(caseHolder.caseId, caseId), sql`${caseHolder.officerId} IS NULL AND ${caseHolder.heldTo} IS NULL`));
}

/**
 * A wait in the queue before the case's first officer had it, from one day to another (9:30 in
 * England each): the officer's first spell starts when it ends. For a case whose only spell is
 * its officer's.
 */
export async function waitedInQueue(executor: Executor, authorityId: string, caseId: string, from: string, to: string): Promise<void> {
  const at = (day: string) => sql`((${day}::date + time '09:30') AT TIME ZONE 'Europe/London')`;
  const [spell] = await executor
    .update(caseHolder)
    .set({ heldFrom: at(to) })
    .where(and(eq(caseHolder.authorityId, authorityId), eq(caseHolder.caseId, caseId), sql`${caseHolder.officerId} IS NOT NULL AND ${caseHolder.heldTo} IS NULL`))
    .returning({ recordedAt: caseHolder.recordedAt });
  if (!spell) return;
  await executor.insert(caseHolder).values({
    id: uuidv7(),
    authorityId,
    caseId,
    officerId: null,
    heldFrom: at(from),
    heldTo: at(to),
    change: 'carried-over',
    recordedBy: 'seed',
    recordedAt: spell.recordedAt,
  });
}

/** The name of the child's school or setting, if they have one. */
export async function schoolOf(executor: Executor, authorityId: string, childId: string): Promise<string | undefined> {
  const [row] = await executor
    .select({ name: school.name })
    .from(child)
    .innerJoin(school, eq(school.id, child.schoolId))
    .where(and(eq(child.authorityId, authorityId), eq(child.id, childId)))
    .limit(1);
  return row?.name;
}

/** The case of the showcase child with this surname (the demo names each showcase child once). */
export async function caseOfChildNamed(executor: Executor, authorityId: string, surname: string): Promise<string | undefined> {
  const [row] = await executor
    .select({ id: ehcCase.id })
    .from(ehcCase)
    .innerJoin(child, and(eq(child.authorityId, ehcCase.authorityId), eq(child.id, ehcCase.childId)))
    .where(and(eq(ehcCase.authorityId, authorityId), eq(child.surname, surname)))
    .limit(1);
  return row?.id;
}

/**
 * Gives every child of the authority with no ethnicity one from `spread` (one code a slot), the
 * children taken in order of name and birth and stepped through the slots so that neighbours
 * differ; and every child with no UPN the reason it is not known (SEN2 UPNunknown, in the DfE's
 * meanings): UN1 for a child born after `underSixFrom` (aged under 6 and not yet given one), UN8
 * for a child who moved here with a plan from another council (new to the council, the UPN not yet
 * known), UN2 for a child with no school on the record (never at a state-funded school in England),
 * and UN5 for the others, at a school whose records do not match the child's name and date of
 * birth reliably enough to find the UPN.
 */
export async function recordEthnicities(executor: Executor, authorityId: string, spread: readonly string[], underSixFrom: string): Promise<void> {
  const slots = sql`ARRAY[${sql.join(
    spread.map((code) => sql`${code}`),
    sql`, `,
  )}]::text[]`;
  await executor.execute(sql`
    UPDATE "child" SET
      "ethnicity" = (${slots})[((ordered.n * 37) % ${spread.length}) + 1],
      "upn_unknown" = CASE
        WHEN "child"."upn" IS NOT NULL THEN NULL
        WHEN "child"."date_of_birth" > ${underSixFrom}::date THEN 'UN1'
        WHEN EXISTS (SELECT 1 FROM "council_transfer" t WHERE t."authority_id" = "child"."authority_id" AND t."child_id" = "child"."id" AND t."direction" = 'in') THEN 'UN8'
        WHEN "child"."school_id" IS NULL THEN 'UN2'
        ELSE 'UN5'
      END,
      "version" = "child"."version" + 1
    FROM (SELECT "id", row_number() OVER (ORDER BY "surname", "forename", "date_of_birth", "id") - 1 AS n
            FROM "child" WHERE "authority_id" = ${authorityId} AND "ethnicity" IS NULL) ordered
    WHERE "child"."id" = ordered."id"`);
}
