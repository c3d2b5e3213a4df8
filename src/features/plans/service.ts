// The EHC plan of a case (SEND Regs 2014 regs 11 to 14): its working version written section by
// section, checked as a tribunal would read it, issued as a draft with the family's 15 days to
// comment, then as the final plan with the right of appeal. Every issued version is kept, frozen,
// and can be compared with any other. Each issue records its case event and queues its notice in
// the transaction that freezes the version.
import type { Database, Executor } from '../../db/database.ts';
import { parseIsoDate, type BankHolidayCalendar, type IsoDate } from '../../domain/calendar/index.ts';
import { fullName } from '../../domain/children/names.ts';
import { appealDeadline, draftCommentsDeadline, mediationAdviceDeadline } from '../../domain/clocks/index.ts';
import { refusalOfStep } from '../../domain/events/index.ts';
import {
  checkPlan,
  contentProblems,
  emptyPlanContent,
  isItemSection,
  issueRefusals,
  planContentSchema,
  planDifference,
  PLAN_SCHEMA_VERSION,
  sen2PlanFacts,
  SECTION_SCHEMAS,
  type AdviceItem,
  type Finding,
  type ItemSection,
  type Override,
  type PlanContent,
  type PlanSection,
  type PlanStage,
  type SectionDifference,
  type Sen2PlanFacts,
} from '../../domain/plans/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldProblem } from '../../lib/errors.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { longDate } from '../../web/long-date.ts';
import { recordAccess, recordAudit } from '../audit/index.ts';
import { CASEWORK_ROLES, DECISION_ROLES, hasRole, requireRole, type Actor } from '../auth/index.ts';
import { caseHistory, recordCaseEvent, requireOpenCase } from '../cases/index.ts';
import { requireCaseAccess } from '../children/index.ts';
import { sendLetter, type LetterRecipient } from '../letters/index.ts';
import { personRecipient } from '../outbox/index.ts';
import { writeOnce, type Written } from '../requests/index.ts';
import * as repository from './repository.ts';
import type { PlanVersionRow, PlanWithCase } from './repository.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type VersionStatus = 'working' | 'draft' | 'final' | 'amended' | 'ceased';

export const STATUS_NAMES: Record<VersionStatus, string> = {
  working: 'Being written',
  draft: 'Draft issued',
  final: 'Final',
  amended: 'Amended',
  ceased: 'Ceased',
};

export interface VersionSummary {
  id: string;
  number: number;
  status: VersionStatus;
  revision: number;
  issuedOn: string | null;
  updatedAt: string;
}

export interface PlanSummary {
  id: string;
  type: 'ehc';
  caseId: string;
  childId: string;
  childName: string;
  dateOfBirth: string;
  reference: string;
  versions: VersionSummary[];
}

/** One version of a plan with what its pages need: the content, the schools it names, its findings. */
export interface PlanVersionView {
  plan: PlanSummary;
  version: VersionSummary & { schemaVersion: number; overrides: Override[]; letterId: string | null };
  content: PlanContent;
  /** The schools section I names, by URN. */
  schools: Record<string, { name: string; postcode: string | null }>;
  /** For the working version: what it would be issued as, and what the check finds. */
  stage: PlanStage | null;
  findings: Finding[];
  /** Whether the reader may issue the working version at its stage (the final plan is a decision-maker's). */
  mayIssue: boolean;
  /** For the final plan: what the SEN2 return will say of it, from the case's history and this content. */
  sen2: Sen2PlanFacts | null;
}

export interface PlanDifferenceView {
  plan: PlanSummary;
  from: VersionSummary;
  to: VersionSummary;
  sections: SectionDifference[];
}

export interface IssueInput {
  /** The day it is issued in law; today unless given. */
  issuedOn?: string;
  overrides?: Override[];
  /** The revision the officer checked; refused when someone has saved since. */
  revision?: number;
}

export interface IssueResult {
  planId: string;
  versionNumber: number;
  status: 'draft' | 'final';
  issuedOn: string;
  eventId: string;
  letterId: string | null;
}

/** A save based on a revision someone else has changed since: what they changed. */
export class StaleRevisionError extends ConflictError {
  readonly changes: SectionDifference[];
  readonly currentRevision: number;
  constructor(message: string, changes: SectionDifference[], currentRevision: number) {
    super(message);
    this.changes = changes;
    this.currentRevision = currentRevision;
  }
}

/** An API edit whose If-Match names a revision that is no longer the plan's (412). */
export class PreconditionFailedError extends Error {
  override readonly name = 'PreconditionFailedError';
  readonly statusCode = 412;
}

/** An API edit without If-Match (428): a blind overwrite of someone's work is never made. */
export class PreconditionRequiredError extends Error {
  override readonly name = 'PreconditionRequiredError';
  readonly statusCode = 428;
}

interface WriteOptions {
  idempotencyKey?: string;
}

export class PlansService {
  private readonly db: Database;
  private readonly clock: Clock;
  private readonly dependencies: { calendar: () => Promise<BankHolidayCalendar> };

  constructor(db: Database, clock: Clock, dependencies: { calendar: () => Promise<BankHolidayCalendar> }) {
    this.db = db;
    this.clock = clock;
    this.dependencies = dependencies;
  }

  /** The case's plan, if one was started, and whether one can be (the decision to make a plan recorded). */
  async planOfCase(actor: Actor, caseId: string): Promise<{ planId: string | null; canStart: boolean; childId: string }> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!UUID.test(caseId)) throw new NotFoundError('No such case');
    const { childId } = await requireCaseAccess(this.db, this.clock, actor, caseId, 'plan');
    const found = await repository.findPlanOfCase(this.db, actor.authorityId, caseId, 'ehc');
    if (found) return { planId: found.id, canStart: false, childId };
    return { planId: null, canStart: await this.planAgreed(this.db, actor, caseId), childId };
  }

  private async planAgreed(executor: Executor, actor: Actor, caseId: string): Promise<boolean> {
    const history = await caseHistory(executor, actor.authorityId, caseId);
    return history.some((event) => event.type === 'plan.agreed' && !event.corrected);
  }

  /**
   * Starts the case's EHC plan once the decision to make one is recorded (reg. 10): a working
   * version with section K filled from the advice received in the assessment.
   */
  async startDraft(actor: Actor, caseId: string, options: WriteOptions = {}): Promise<Written<{ planId: string }>> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!UUID.test(caseId)) throw new NotFoundError('No such case');
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'plan.start', target: caseId, input: {} }, async () => {
      await requireCaseAccess(this.db, this.clock, actor, caseId, 'plan');
      return async (tx) => {
        const found = await requireOpenCase(tx, actor, caseId);
        if (await repository.findPlanOfCase(tx, actor.authorityId, caseId, 'ehc')) throw new ConflictError('This case already has an EHC plan: open it from the child’s record');
        if (!(await this.planAgreed(tx, actor, caseId))) {
          throw new ValidationError([{ field: 'case', message: 'Record the decision to make an EHC plan (after the assessment) before writing the draft plan' }]);
        }
        const planId = uuidv7();
        const now = this.clock.now();
        await repository.insertPlan(tx, { id: planId, authorityId: actor.authorityId, caseId, childId: found.childId, type: 'ehc', createdBy: actor.id, createdAt: now });
        const content: PlanContent = { ...emptyPlanContent(), k: await this.adviceReceived(tx, actor, caseId, []) };
        await this.newWorkingVersion(tx, actor, planId, 1, content);
        await recordAudit(tx, this.clock, actor, { action: 'plan.started', entityType: 'plan', entityId: planId, details: { caseId } });
        return { planId };
      };
    });
  }

  private async newWorkingVersion(tx: Executor, actor: Actor, planId: string, number: number, content: PlanContent): Promise<string> {
    const id = uuidv7();
    const now = this.clock.now();
    await repository.insertVersion(tx, { id, authorityId: actor.authorityId, planId, number, status: 'working', schemaVersion: PLAN_SCHEMA_VERSION, content, revision: 1, updatedBy: actor.id, updatedAt: now });
    await repository.insertRevision(tx, { id: uuidv7(), authorityId: actor.authorityId, versionId: id, revision: 1, content, savedBy: actor.id, savedAt: now });
    return id;
  }

  /** Section K's items for the advice received in the assessment, keeping what was already written for each. */
  private async adviceReceived(executor: Executor, actor: Actor, caseId: string, existing: readonly AdviceItem[]): Promise<AdviceItem[]> {
    const rows = await repository.listAdviceReceived(executor, actor.authorityId, caseId);
    const items = [...existing];
    for (const row of rows) {
      if (items.some((item) => item.adviceRequestId === row.id)) continue;
      items.push({
        id: `k-${row.id.slice(-8)}`,
        description: `${ADVICE_KIND_NAMES[row.kind] ?? 'Advice'}`,
        from: [row.professionalName, row.organisation].filter(Boolean).join(', '),
        receivedOn: row.receivedOn,
        adviceRequestId: row.id,
      });
    }
    return items;
  }

  /** The plan and its versions (a view of the child's record, logged). */
  async planSummary(actor: Actor, planId: string, purpose = 'plan'): Promise<PlanSummary> {
    const { summary } = await this.readPlan(actor, planId, purpose);
    return summary;
  }

  private async readPlan(actor: Actor, planId: string, purpose: string): Promise<{ found: PlanWithCase; summary: PlanSummary; rows: PlanVersionRow[] }> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!UUID.test(planId)) throw new NotFoundError('No such plan');
    const found = await repository.findPlan(this.db, actor.authorityId, planId);
    if (!found) throw new NotFoundError('No such plan');
    await requireCaseAccess(this.db, this.clock, actor, found.caseId, purpose);
    const rows = await repository.listVersions(this.db, actor.authorityId, planId);
    await recordAccess(this.db, this.clock, actor, found.childId, purpose);
    return { found, summary: summaryOf(found, rows), rows };
  }

  /**
   * One version of the plan: by number, or the working version (else the latest issued) when no
   * number is given. A view of the child's record, logged.
   */
  async versionView(actor: Actor, planId: string, number?: number, purpose = 'plan'): Promise<PlanVersionView> {
    const { summary, rows } = await this.readPlan(actor, planId, purpose);
    const row = number === undefined ? (rows.find((entry) => entry.status === 'working') ?? rows.at(-1)) : rows.find((entry) => entry.number === number);
    if (!row) throw new NotFoundError('No such version of the plan');
    const content = readContent(row);
    const urns = content.i?.kind === 'school' ? [content.i.urn] : [];
    const schools = Object.fromEntries((await repository.schoolsByUrn(this.db, urns)).map((entry) => [String(entry.urn), { name: entry.name, postcode: entry.postcode }]));
    const stage = row.status === 'working' ? stageOf(rows) : null;
    // One more query, and only for the final plan: the case's history gives its SEN2 dates.
    const sen2 = row.status === 'final' ? sen2PlanFacts(await caseHistory(this.db, actor.authorityId, summary.caseId), content) : null;
    return {
      plan: summary,
      version: { ...versionSummary(row), schemaVersion: row.schemaVersion, overrides: (row.overrides as Override[]) ?? [], letterId: row.letterId },
      content,
      schools,
      stage,
      findings: stage ? checkPlan(content, stage) : [],
      mayIssue: stage !== null && mayIssue(actor, stage),
      sen2,
    };
  }

  /**
   * The plan a family may read: the latest issued version (a draft sent for comments, or the final
   * plan), never the version being written. For the family portal's service, which has already
   * checked the account's link to the child and logs the view itself; staff go through versionView.
   */
  async issuedVersionOfCase(authorityId: string, caseId: string): Promise<PlanVersionView | undefined> {
    if (!UUID.test(caseId)) return undefined;
    const found = await repository.findPlanOfCase(this.db, authorityId, caseId, 'ehc');
    if (!found) return undefined;
    const [withCase, rows] = await Promise.all([repository.findPlan(this.db, authorityId, found.id), repository.listVersions(this.db, authorityId, found.id)]);
    const row = rows.filter((entry) => entry.status !== 'working').at(-1);
    if (!withCase || !row) return undefined;
    const content = readContent(row);
    const urns = content.i?.kind === 'school' ? [content.i.urn] : [];
    const schools = Object.fromEntries((await repository.schoolsByUrn(this.db, urns)).map((entry) => [String(entry.urn), { name: entry.name, postcode: entry.postcode }]));
    return {
      plan: summaryOf(withCase, rows.filter((entry) => entry.status !== 'working')),
      version: { ...versionSummary(row), schemaVersion: row.schemaVersion, overrides: [], letterId: row.letterId },
      content,
      schools,
      stage: null,
      findings: [],
      mayIssue: false,
      sen2: null,
    };
  }

  /** The difference between two versions of the plan, by number (a view of the child's record, logged). */
  async difference(actor: Actor, planId: string, from: number, to: number, purpose = 'plan-compare'): Promise<PlanDifferenceView> {
    const { summary, rows } = await this.readPlan(actor, planId, purpose);
    const before = rows.find((row) => row.number === from);
    const after = rows.find((row) => row.number === to);
    const problems: FieldProblem[] = [];
    if (!before) problems.push({ field: 'from', message: `The plan has no version ${from}` });
    if (!after) problems.push({ field: 'to', message: `The plan has no version ${to}` });
    if (problems.length > 0) throw new ValidationError(problems);
    return { plan: summary, from: versionSummary(before!), to: versionSummary(after!), sections: planDifference(readContent(before!), readContent(after!)) };
  }

  /** What was saved to the working version since `revision` (empty when that revision is not known). */
  async changesSince(actor: Actor, planId: string, revision: number): Promise<SectionDifference[]> {
    const found = await this.requireWritable(actor, planId);
    const working = (await repository.listVersions(this.db, actor.authorityId, found.id)).find((row) => row.status === 'working');
    if (!working || !(revision > 0 && revision < working.revision)) return [];
    const base = await repository.findRevision(this.db, actor.authorityId, working.id, revision);
    return base ? planDifference(planContentSchema.parse(base.content), readContent(working)) : [];
  }

  /** Replaces whole sections of the working version (the API's edit), refused unless it is still at `revision`. */
  async saveSections(actor: Actor, planId: string, sections: Partial<Record<PlanSection, unknown>>, revision: number): Promise<PlanVersionView> {
    const problems: FieldProblem[] = [];
    const parsed: Partial<PlanContent> = {};
    for (const [section, value] of Object.entries(sections)) {
      const schema = SECTION_SCHEMAS[section as PlanSection];
      if (!schema) {
        problems.push({ field: `sections.${section}`, message: `There is no section ${section} in an EHC plan` });
        continue;
      }
      const result = schema.safeParse(value);
      if (result.success) Object.assign(parsed, { [section]: result.data });
      else for (const issue of result.error.issues) problems.push({ field: ['sections', section, ...issue.path.map(String)].join('.'), message: issue.message });
    }
    if (problems.length > 0) throw new ValidationError(problems);
    await this.changeWorking(actor, planId, revision, (content) => ({ ...content, ...parsed }), { action: 'plan.sections-saved', details: { sections: Object.keys(parsed) } });
    return this.versionView(actor, planId, undefined, 'api:plan');
  }

  /** Adds an item to a section of the working version, or changes the one with its id. */
  async saveItem(actor: Actor, planId: string, section: ItemSection, item: Record<string, unknown>, revision: number): Promise<{ itemId: string }> {
    if (!isItemSection(section)) throw new NotFoundError('No such section');
    const id = typeof item.id === 'string' && item.id ? item.id : `${section}-${uuidv7().slice(-8)}`;
    const schema = SECTION_SCHEMAS[section].unwrap().element;
    const result = schema.safeParse({ ...item, id });
    if (!result.success) throw new ValidationError(result.error.issues.map((issue) => ({ field: issue.path.map(String).join('.') || 'item', message: issue.message })));
    await this.changeWorking(
      actor,
      planId,
      revision,
      (content) => {
        const items = content[section] as { id: string }[];
        const exists = items.some((entry) => entry.id === id);
        if (!exists && typeof item.id === 'string' && item.id) throw new NotFoundError('No such item in this section');
        return { ...content, [section]: exists ? items.map((entry) => (entry.id === id ? result.data : entry)) : [...items, result.data] };
      },
      { action: 'plan.item-saved', details: { section, itemId: id }, itemPrefix: `${section}.${id}.` },
    );
    return { itemId: id };
  }

  async removeItem(actor: Actor, planId: string, section: ItemSection, itemId: string, revision: number): Promise<void> {
    if (!isItemSection(section)) throw new NotFoundError('No such section');
    await this.changeWorking(
      actor,
      planId,
      revision,
      (content) => {
        const items = content[section] as { id: string }[];
        if (!items.some((entry) => entry.id === itemId)) throw new NotFoundError('No such item in this section');
        return { ...content, [section]: items.filter((entry) => entry.id !== itemId) };
      },
      { action: 'plan.item-removed', details: { section, itemId } },
    );
  }

  /** Section A, I or J as a whole (null clears I or J). */
  async saveSection(actor: Actor, planId: string, section: 'a' | 'i' | 'j', value: unknown, revision: number): Promise<void> {
    const result = SECTION_SCHEMAS[section].safeParse(value);
    if (!result.success) throw new ValidationError(result.error.issues.map((issue) => ({ field: issue.path.map(String).join('.') || section, message: issue.message })));
    await this.changeWorking(actor, planId, revision, (content) => ({ ...content, [section]: result.data }), { action: 'plan.section-saved', details: { section }, itemPrefix: `${section}.` });
  }

  /** Section K filled again from the advice received in the assessment (what was written for each kept). */
  async fillAdvice(actor: Actor, planId: string, revision: number): Promise<void> {
    const found = await this.requireWritable(actor, planId);
    const items = await this.adviceReceived(this.db, actor, found.caseId, []);
    await this.changeWorking(actor, planId, revision, (content) => ({ ...content, k: [...content.k, ...items.filter((item) => !content.k.some((entry) => entry.adviceRequestId === item.adviceRequestId))] }), {
      action: 'plan.advice-filled',
      details: {},
    });
  }

  private async requireWritable(actor: Actor, planId: string): Promise<PlanWithCase> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!UUID.test(planId)) throw new NotFoundError('No such plan');
    const found = await repository.findPlan(this.db, actor.authorityId, planId);
    if (!found) throw new NotFoundError('No such plan');
    await requireCaseAccess(this.db, this.clock, actor, found.caseId, 'plan-edit');
    return found;
  }

  /**
   * The one way the working version changes: the change applied to its content as it stands,
   * checked whole, saved as the next revision, audited; refused when the version is no longer at
   * `revision`, saying what the other save changed.
   */
  private async changeWorking(
    actor: Actor,
    planId: string,
    revision: number,
    change: (content: PlanContent) => PlanContent,
    audit: { action: string; details: Record<string, unknown>; itemPrefix?: string },
  ): Promise<void> {
    const found = await this.requireWritable(actor, planId);
    await this.db.transaction(async (tx) => {
      await repository.lockPlan(tx, actor.authorityId, planId);
      const rows = await repository.listVersions(tx, actor.authorityId, planId);
      const working = rows.find((row) => row.status === 'working');
      if (!working) throw new ConflictError(ISSUED_IS_FROZEN);
      await this.refuseStale(tx, actor, working, revision);
      const content = change(readContent(working));
      const problems = [...contentProblems(content), ...(await this.placementProblems(tx, content))];
      if (problems.length > 0) {
        const prefix = audit.itemPrefix;
        throw new ValidationError(problems.map((problem) => ({ field: prefix && problem.field.startsWith(prefix) ? problem.field.slice(prefix.length) : problem.field, message: problem.message })));
      }
      const now = this.clock.now();
      if (!(await repository.saveWorkingContent(tx, actor.authorityId, working.id, revision, { content, schemaVersion: PLAN_SCHEMA_VERSION, updatedBy: actor.id, updatedAt: now }))) {
        throw new ConflictError('Someone else saved the plan at the same moment: open it again to see their change');
      }
      await repository.insertRevision(tx, { id: uuidv7(), authorityId: actor.authorityId, versionId: working.id, revision: revision + 1, content, savedBy: actor.id, savedAt: now });
      await recordAudit(tx, this.clock, actor, { action: audit.action, entityType: 'plan', entityId: planId, details: { ...audit.details, caseId: found.caseId, versionId: working.id, revision: revision + 1 } });
    });
  }

  private async refuseStale(tx: Executor, actor: Actor, working: PlanVersionRow, revision: number): Promise<void> {
    if (working.revision === revision) return;
    const base = revision > 0 && revision < working.revision ? await repository.findRevision(tx, actor.authorityId, working.id, revision) : undefined;
    const changes = base ? planDifference(planContentSchema.parse(base.content), readContent(working)) : [];
    const when = working.updatedAt.toISOString().slice(11, 16);
    throw new StaleRevisionError(
      `Someone else saved this plan (at ${when} UTC) after you opened it, so your change was not saved. Their change is shown below: check it, then make your change again.`,
      changes,
      working.revision,
    );
  }

  /** Section I's school must be on the schools register. */
  private async placementProblems(tx: Executor, content: PlanContent): Promise<{ field: string; message: string }[]> {
    if (content.i?.kind !== 'school') return [];
    const found = await repository.schoolsByUrn(tx, [content.i.urn]);
    return found.length === 0 ? [{ field: 'i.urn', message: `There is no school with URN ${content.i.urn} in the schools register` }] : [];
  }

  /**
   * Issues the draft plan (SEND Regs 2014 reg. 13(1)): after the check, each warning overridden
   * with a reason. The working version is frozen as the draft, the case's `draft.issued` event
   * starts the family's 15 days, the notice is queued, and a new working version (a copy) is
   * opened for the final plan.
   */
  async issueDraft(actor: Actor, planId: string, input: IssueInput, options: WriteOptions = {}): Promise<Written<IssueResult>> {
    return this.issue(actor, planId, 'draft', input, options);
  }

  /**
   * Issues the final plan (reg. 13(2), 14): not before the family's 15 days on the draft are over
   * (reg. 13(1)(a), the case's own rule for `plan.issued`), never without sections B, F and I.
   * The version is frozen, `plan.issued` recorded and the notice with the right of appeal queued.
   */
  async issueFinal(actor: Actor, planId: string, input: IssueInput, options: WriteOptions = {}): Promise<Written<IssueResult>> {
    return this.issue(actor, planId, 'final', input, options);
  }

  /** Refuses (403) anyone who may not issue the plan at this stage: the final plan is a decision-maker's. */
  requireIssuer(actor: Actor, stage: PlanStage): void {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!mayIssue(actor, stage)) throw new ForbiddenError(NOT_A_FINAL_PLAN_ISSUER);
  }

  private async issue(actor: Actor, planId: string, stage: PlanStage, input: IssueInput, options: WriteOptions): Promise<Written<IssueResult>> {
    // Refused before anything is read or written, like the decisions on the assessment.
    this.requireIssuer(actor, stage);
    if (!UUID.test(planId)) throw new NotFoundError('No such plan');
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: `plan.issue-${stage}`, target: planId, input }, async () => {
      const today = this.clock.today() as IsoDate;
      const issuedOn = input.issuedOn === undefined || input.issuedOn === '' ? today : parseIsoDate(input.issuedOn);
      if (!issuedOn) throw new ValidationError([{ field: 'issuedOn', message: 'Enter the date the plan is issued as a real date' }]);
      if (issuedOn > today) throw new ValidationError([{ field: 'issuedOn', message: 'The date the plan is issued must be today or in the past' }]);
      const found = await this.requireWritable(actor, planId);
      const calendar = stage === 'final' ? await this.dependencies.calendar() : undefined;
      return async (tx) => {
        await repository.lockPlan(tx, actor.authorityId, planId);
        const caseRow = await requireOpenCase(tx, actor, found.caseId);
        const rows = await repository.listVersions(tx, actor.authorityId, planId);
        const issuedDraft = rows.find((row) => row.status === 'draft');
        if (stage === 'draft' && issuedDraft) throw new ValidationError([{ field: 'issue', message: `The draft plan was already issued, on ${issuedDraft.issuedOn}: issue the final plan next` }]);
        if (stage === 'final' && rows.some((row) => row.status === 'final')) throw new ValidationError([{ field: 'issue', message: 'The final plan is already issued: to change it, propose amendments' }]);
        if (stage === 'final' && !issuedDraft) throw new ValidationError([{ field: 'issue', message: 'Issue the draft plan before the final plan: the family must have at least 15 days to comment on it (SEND Regulations 2014 reg. 13(1))' }]);
        const working = rows.find((row) => row.status === 'working');
        if (!working) throw new ConflictError(ISSUED_IS_FROZEN);
        if (input.revision !== undefined) await this.refuseStale(tx, actor, working, input.revision);
        if (issuedOn < caseRow.openedOn) throw new ValidationError([{ field: 'issuedOn', message: `The plan cannot be issued before the request was received, on ${caseRow.openedOn}` }]);
        const content = readContent(working);
        const problems = [...contentProblems(content), ...(await this.placementProblems(tx, content))];
        if (problems.length > 0) throw new ValidationError(problems.map((problem) => ({ field: 'issue', message: problem.message })));
        const findings = checkPlan(content, stage);
        const overrides = (input.overrides ?? []).filter((override) => findings.some((finding) => finding.id === override.findingId)).map((override) => ({ findingId: override.findingId, reason: override.reason.trim() }));
        const refusals = issueRefusals(findings, overrides);
        if (refusals.length > 0) throw new ValidationError(refusals);
        const type = stage === 'draft' ? 'draft.issued' : 'plan.issued';
        // The case's own order of the process: for the final plan, the family's 15 days on the draft.
        const refusal = refusalOfStep(await caseHistory(tx, actor.authorityId, found.caseId), { type, occurredOn: issuedOn });
        if (refusal) throw new ValidationError([{ field: 'issuedOn', message: refusal.message }]);
        const eventId = await recordCaseEvent(tx, this.clock, actor, { caseId: found.caseId, type, occurredOn: issuedOn, payload: { planId, versionId: working.id, versionNumber: working.number } });
        const fields: Record<string, string> =
          stage === 'draft'
            ? { issuedOn: longDate(issuedOn), commentsBy: longDate(draftCommentsDeadline(issuedOn).due) }
            : // The right of appeal runs from the notice, which is dated the day the plan is issued in
              // law, not the day it was entered (an officer may record yesterday's plan today).
              { issuedOn: longDate(issuedOn), appealBy: longDate(appealDeadline({ decisionNotice: issuedOn }, calendar!).due), mediationBy: longDate(mediationAdviceDeadline(issuedOn).due) };
        const letterId = await this.sendNotice(tx, actor, found, stage === 'draft' ? 'draft-plan-issued' : 'final-plan-issued', fields);
        await repository.issueVersion(tx, actor.authorityId, working.id, { status: stage, issuedOn, issuedAt: this.clock.now(), issuedBy: actor.id, eventId, overrides, letterId });
        if (stage === 'draft') await this.newWorkingVersion(tx, actor, planId, working.number + 1, content);
        await recordAudit(tx, this.clock, actor, {
          action: stage === 'draft' ? 'plan.draft-issued' : 'plan.final-issued',
          entityType: 'plan',
          entityId: planId,
          details: { caseId: found.caseId, versionId: working.id, versionNumber: working.number, eventId, letterId, overridden: overrides.map((override) => override.findingId) },
        });
        return { planId, versionNumber: working.number, status: stage, issuedOn, eventId, letterId };
      };
    });
  }

  /** The notice to the family, in the issue's transaction; none when no one on the record can be written to. */
  private async sendNotice(tx: Executor, actor: Actor, found: PlanWithCase, type: 'draft-plan-issued' | 'final-plan-issued', fields: Record<string, string>): Promise<string | null> {
    let recipient: LetterRecipient | undefined;
    for (const parent of await repository.listParents(tx, actor.authorityId, found.childId)) {
      const address = (await personRecipient(tx, actor.authorityId, parent.personId, 'letter')) ?? (await personRecipient(tx, actor.authorityId, parent.personId, 'email'));
      if (address) {
        recipient = { name: address.recipientName, channel: address.channel, address: address.recipientAddress, personId: parent.personId, addressWithheld: address.addressWithheld ?? false };
        break;
      }
    }
    if (!recipient) return null;
    try {
      return (await sendLetter(tx, this.clock, actor, { caseId: found.caseId, type, recipient, fields })).letterId;
    } catch (error) {
      if (error instanceof ValidationError) throw new ValidationError(error.problems.map((problem) => ({ field: 'issue', message: problem.message })));
      throw error;
    }
  }
}

/** A difference in a sentence, for a message: "section F: F1 changed (How often); section C: C1 added". */
export function differenceSummary(sections: readonly SectionDifference[]): string {
  return sections
    .map((section) => `section ${section.section.toUpperCase()}: ${section.items.map((item) => `${item.reference} ${item.change}${item.change === 'changed' ? ` (${item.fields.map((field) => field.label).join(', ')})` : ''}`).join(', ')}`)
    .join('; ');
}

export const NOT_A_FINAL_PLAN_ISSUER =
  'Only a team manager or service lead can issue the final plan: it is the council’s decision on the provision and the placement, which it delegates to senior officers, as it does its decisions on an assessment. Ask one of them to issue it.';

/**
 * Any case officer sends the draft for the family's comments; the final plan binds the council to
 * sections B, F and I and opens the right of appeal, so it is issued with the same delegated
 * authority as the decisions on the assessment.
 */
export function mayIssue(actor: Actor, stage: PlanStage): boolean {
  return stage === 'draft' ? hasRole(actor, ...CASEWORK_ROLES) : hasRole(actor, ...DECISION_ROLES);
}

export const ISSUED_IS_FROZEN = 'This version of the plan has been issued and cannot be changed: every issued version is kept as it was sent';

const ADVICE_KIND_NAMES: Record<string, string> = {
  'parent-or-young-person': 'Advice and information from the parent or young person',
  educational: 'Educational advice and information',
  medical: 'Medical advice and information',
  psychological: 'Psychological advice and information',
  'social-care': 'Social care advice and information',
  'preparing-for-adulthood': 'Advice on preparing for adulthood',
  'family-request': 'Advice the family asked for',
  other: 'Other advice and information',
};

/** A version's content, read under the schema it was written with. */
function readContent(row: PlanVersionRow): PlanContent {
  return planContentSchema.parse(row.content);
}

/** What the working version would be issued as: the draft first, then the final plan. */
function stageOf(rows: readonly PlanVersionRow[]): PlanStage {
  return rows.some((row) => row.status === 'draft') ? 'final' : 'draft';
}

function versionSummary(row: PlanVersionRow): VersionSummary {
  return { id: row.id, number: row.number, status: row.status as VersionStatus, revision: row.revision, issuedOn: row.issuedOn, updatedAt: row.updatedAt.toISOString() };
}

function summaryOf(found: PlanWithCase, rows: readonly PlanVersionRow[]): PlanSummary {
  return {
    id: found.id,
    type: 'ehc',
    caseId: found.caseId,
    childId: found.childId,
    childName: fullName(found),
    dateOfBirth: found.dateOfBirth,
    reference: found.reference,
    versions: rows.map(versionSummary),
  };
}
