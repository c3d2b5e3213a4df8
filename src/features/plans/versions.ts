// What a change to a maintained plan does to its versions, in the caller's transaction: a working
// copy of the last issued version opened for proposed amendments (edited with the plan's own
// pages), frozen as the amended plan, set back when the council decides not to amend, and the
// ceased version that ends the plan. The plan's own rules on content hold for each.
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { planVersion } from '../../db/schema/index.ts';
import type { IsoDate } from '../../domain/calendar/index.ts';
import { checkPlan, contentProblems, planContentSchema, planDifference, PLAN_SCHEMA_VERSION, type PlanContent, type SectionDifference } from '../../domain/plans/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { ConflictError, ValidationError } from '../../lib/errors.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import type { Actor } from '../auth/index.ts';
import * as repository from './repository.ts';
import type { PlanVersionRow } from './repository.ts';

export type MaintainedState = 'being-made' | 'maintained' | 'ceased';

export interface PlanVersionsState {
  state: MaintainedState;
  /** The last version issued as the final or amended plan: what an amendment changes. */
  lastIssued: { number: number; status: string; issuedOn: string } | null;
  /** The version open for changes, if any. */
  working: { number: number; revision: number } | null;
}

const ISSUED_PLAN = new Set(['final', 'amended']);

function lastIssuedOf(rows: readonly PlanVersionRow[]): PlanVersionRow | undefined {
  return rows.filter((row) => ISSUED_PLAN.has(row.status)).at(-1);
}

/** Whether the plan is maintained (a final plan issued, not ceased), and its last issued and working versions. */
export async function planVersionsState(executor: Executor, authorityId: string, planId: string): Promise<PlanVersionsState> {
  const rows = await repository.listVersions(executor, authorityId, planId);
  const last = lastIssuedOf(rows);
  const working = rows.find((row) => row.status === 'working');
  const state: MaintainedState = rows.some((row) => row.status === 'ceased') ? 'ceased' : last ? 'maintained' : 'being-made';
  return {
    state,
    lastIssued: last ? { number: last.number, status: last.status, issuedOn: last.issuedOn! } : null,
    working: working ? { number: working.number, revision: working.revision } : null,
  };
}

/**
 * Opens the working copy of the last issued version for proposed amendments, or sets the one left
 * by an earlier amendment back to it. Returns its number and the number it is a copy of.
 */
export async function openWorkingCopy(tx: Executor, clock: Clock, actor: Actor, planId: string): Promise<{ number: number; baseNumber: number }> {
  await repository.lockPlan(tx, actor.authorityId, planId);
  const rows = await repository.listVersions(tx, actor.authorityId, planId);
  const last = lastIssuedOf(rows);
  if (!last) throw new ConflictError('The plan has no final version yet: finish it before amending it');
  const content = planContentSchema.parse(last.content);
  const working = rows.find((row) => row.status === 'working');
  const now = clock.now();
  if (working) {
    await setWorking(tx, actor, working, content, now);
    return { number: working.number, baseNumber: last.number };
  }
  const id = uuidv7();
  const number = rows.at(-1)!.number + 1;
  await repository.insertVersion(tx, { id, authorityId: actor.authorityId, planId, number, status: 'working', schemaVersion: PLAN_SCHEMA_VERSION, content, revision: 1, updatedBy: actor.id, updatedAt: now });
  await repository.insertRevision(tx, { id: uuidv7(), authorityId: actor.authorityId, versionId: id, revision: 1, content, savedBy: actor.id, savedAt: now });
  return { number, baseNumber: last.number };
}

async function setWorking(tx: Executor, actor: Actor, working: PlanVersionRow, content: PlanContent, now: Date): Promise<void> {
  if (!(await repository.saveWorkingContent(tx, actor.authorityId, working.id, working.revision, { content, schemaVersion: PLAN_SCHEMA_VERSION, updatedBy: actor.id, updatedAt: now }))) {
    throw new ConflictError('Someone else saved the plan at the same moment: open it again to see their change');
  }
  await repository.insertRevision(tx, { id: uuidv7(), authorityId: actor.authorityId, versionId: working.id, revision: working.revision + 1, content, savedBy: actor.id, savedAt: now });
}

/** The proposed amendments: the working copy against the version it was copied from. */
export async function proposedDifference(executor: Executor, authorityId: string, planId: string, baseNumber: number): Promise<SectionDifference[]> {
  const rows = await repository.listVersions(executor, authorityId, planId);
  const base = rows.find((row) => row.number === baseNumber);
  const working = rows.find((row) => row.status === 'working');
  if (!base || !working) return [];
  return planDifference(planContentSchema.parse(base.content), planContentSchema.parse(working.content));
}

/**
 * Freezes the working copy as the final amended plan. Refused when it changes nothing, when its
 * content breaks the plan's rules, or without sections B, F and I (SEND Regs 2014 reg. 12).
 */
export async function issueAmendedVersion(
  tx: Executor,
  clock: Clock,
  actor: Actor,
  planId: string,
  issue: { issuedOn: IsoDate; eventId: string; letterId: string | null },
): Promise<{ number: number; previous: number; sections: SectionDifference[] }> {
  await repository.lockPlan(tx, actor.authorityId, planId);
  const rows = await repository.listVersions(tx, actor.authorityId, planId);
  const last = lastIssuedOf(rows);
  const working = rows.find((row) => row.status === 'working');
  if (!last || !working) throw new ConflictError('There are no proposed amendments to issue: propose them first');
  const content = planContentSchema.parse(working.content);
  const sections = planDifference(planContentSchema.parse(last.content), content);
  const problems = [...contentProblems(content).map((problem) => problem.message), ...checkPlan(content, 'final').filter((finding) => finding.blocking).map((finding) => `${finding.message}: an amended plan cannot be issued without sections B, F and I (SEND Regulations 2014 reg. 12)`)];
  if (problems.length > 0) throw new ValidationError(problems.map((message) => ({ field: 'issue', message })));
  await freeze(tx, actor.authorityId, working.id, { status: 'amended', issuedOn: issue.issuedOn, issuedAt: clock.now(), issuedBy: actor.id, eventId: issue.eventId, letterId: issue.letterId });
  return { number: working.number, previous: last.number, sections };
}

/** The decision not to amend: the working copy set back to the plan as issued. */
export async function discardProposedAmendments(tx: Executor, clock: Clock, actor: Actor, planId: string): Promise<void> {
  await repository.lockPlan(tx, actor.authorityId, planId);
  const rows = await repository.listVersions(tx, actor.authorityId, planId);
  const last = lastIssuedOf(rows);
  const working = rows.find((row) => row.status === 'working');
  if (!last || !working) return;
  await setWorking(tx, actor, working, planContentSchema.parse(last.content), clock.now());
}

/**
 * The plan ceased: a last version, the plan as last issued, frozen as ceased on its day. A working
 * copy left open becomes that version, so nothing stays open for changes on a ceased plan.
 */
export async function ceaseVersion(tx: Executor, clock: Clock, actor: Actor, planId: string, ceased: { ceasedOn: IsoDate; eventId: string }): Promise<{ number: number }> {
  await repository.lockPlan(tx, actor.authorityId, planId);
  const rows = await repository.listVersions(tx, actor.authorityId, planId);
  const last = lastIssuedOf(rows);
  if (!last) throw new ConflictError('The plan has no final version: there is nothing to cease');
  const content = planContentSchema.parse(last.content);
  const working = rows.find((row) => row.status === 'working');
  const now = clock.now();
  const frozen = { status: 'ceased', issuedOn: ceased.ceasedOn, issuedAt: now, issuedBy: actor.id, eventId: ceased.eventId, letterId: null };
  if (working) {
    await setWorking(tx, actor, working, content, now);
    await freeze(tx, actor.authorityId, working.id, frozen);
    return { number: working.number };
  }
  const number = rows.at(-1)!.number + 1;
  await repository.insertVersion(tx, { id: uuidv7(), authorityId: actor.authorityId, planId, number, schemaVersion: PLAN_SCHEMA_VERSION, content, revision: 1, updatedBy: actor.id, updatedAt: now, ...frozen });
  return { number };
}

async function freeze(
  tx: Executor,
  authorityId: string,
  versionId: string,
  issue: { status: string; issuedOn: string; issuedAt: Date; issuedBy: string; eventId: string; letterId: string | null },
): Promise<void> {
  await tx
    .update(planVersion)
    .set(issue)
    .where(and(eq(planVersion.authorityId, authorityId), eq(planVersion.id, versionId), eq(planVersion.status, 'working')));
}

/** What is wrong with the parts of a plan received from another council: its content's rules, and section I's school on the schools register. */
export async function receivedPlanProblems(executor: Executor, content: PlanContent): Promise<{ field: string; message: string }[]> {
  const problems = contentProblems(content).map((problem) => ({ field: problem.field, message: problem.message }));
  if (content.i?.kind === 'school' && (await repository.schoolsByUrn(executor, [content.i.urn])).length === 0) {
    problems.push({ field: 'i.urn', message: `There is no school with URN ${content.i.urn} in the schools register` });
  }
  return problems;
}

/**
 * A plan received from another council on a move (SEND Regs 2014 reg. 15: the new council
 * maintains it as if it had made it): the case's plan, its one version the final plan as that
 * council issued it on its day, holding the sections the officer took from its papers. Everything
 * that reads the plan in force (the SEN2 return, the plan's pages, amendments after a review) reads
 * it as any final plan; it is never edited, and an amendment starts from it.
 */
export async function recordReceivedPlan(
  tx: Executor,
  clock: Clock,
  actor: Actor,
  received: { planId: string; caseId: string; childId: string; content: PlanContent; issuedOn: IsoDate; eventId: string },
): Promise<{ planId: string; versionId: string; number: number }> {
  const problems = await receivedPlanProblems(tx, received.content);
  if (problems.length > 0) throw new ValidationError(problems);
  if (await repository.findPlanOfCase(tx, actor.authorityId, received.caseId, 'ehc')) throw new ConflictError('This case already has an EHC plan');
  const now = clock.now();
  const versionId = uuidv7();
  await repository.insertPlan(tx, { id: received.planId, authorityId: actor.authorityId, caseId: received.caseId, childId: received.childId, type: 'ehc', createdBy: actor.id, createdAt: now });
  await repository.insertVersion(tx, {
    id: versionId,
    authorityId: actor.authorityId,
    planId: received.planId,
    number: 1,
    status: 'final',
    schemaVersion: PLAN_SCHEMA_VERSION,
    content: received.content,
    revision: 1,
    updatedBy: actor.id,
    updatedAt: now,
    issuedOn: received.issuedOn,
    issuedAt: now,
    issuedBy: actor.id,
    eventId: received.eventId,
    letterId: null,
  });
  return { planId: received.planId, versionId, number: 1 };
}
