// The council's one improvement plan: areas of weakness, each with actions (an owner, milestones, a
// status the owner keeps up with a note, evidence), measures of the reporting catalogue bound to
// an area or an action with a baseline and a target, read live from the case data against a
// straight line to the target; board meetings, each keeping the plan as it stood when it was
// recorded; and the plan's change log. Managers write; an action's owner updates its status; the
// improvement board reads. Every view goes to the log of lists (the plan names no child), every
// change to the audit log and the plan's own change log, in the change's transaction.
import type { Database, Executor } from '../../db/database.ts';
import { checkIsoDate, type IsoDate } from '../../domain/calendar/index.ts';
import {
  ACTION_STATUS_NAMES,
  ACTION_STATUSES,
  CHANGE_WHAT,
  flaggedToBoard,
  loggedBaseline,
  loggedTarget,
  targetDateProblem,
  trajectory,
  trend,
  type ActionStatus,
  type Better,
  type Trend,
  type TrajectoryStatus,
} from '../../domain/improvement/index.ts';
import { addMonthsToMonth, monthName, monthOf } from '../../domain/reporting/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { collect, ForbiddenError, NotFoundError, ValidationError, type FieldProblem } from '../../lib/errors.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { recordAudit, recordListAccess } from '../audit/index.ts';
import { hasRole, MANAGER_ROLES, requireRole, STAFF_ROLES, type Actor } from '../auth/index.ts';
import type { AcceptedMediaType, DocumentsService, StoredFile, UploadedFile } from '../documents/index.ts';
import { documentTypeName } from '../../lib/document-types.ts';
import { isMeasureId, measure, MEASURES, type MeasureDeclaration, type MeasureValue, type MonthValue, type ReportInput } from '../reporting/index.ts';
import * as repository from './repository.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const TEXT_LIMIT = 5000;
export const TITLE_LIMIT = 200;
/** The most areas a plan holds: an inspection's findings, many times over. */
const MAX_POSITION = 999;

/** Who reads the measures' figures: managers and the improvement board (as the dashboard). */
const FIGURE_ROLES = [...MANAGER_ROLES, 'board_member'] as const;

/** What the plan reads of the reporting feature: a measure's value now and its months. */
export interface MeasureSource {
  measureValue(actor: Actor, measureId: string, input?: ReportInput): Promise<MeasureValue>;
  measureSeries(actor: Actor, measureId: string, input?: ReportInput): Promise<MonthValue[]>;
}

export interface AreaInput {
  title?: string;
  finding?: string;
  /** The area's place in the plan, from 1; empty for the end. */
  position?: string;
  reason?: string;
}
export interface ActionInput {
  title?: string;
  description?: string;
  ownerId?: string;
  /** The board meeting the action arose from, if one did. */
  meetingId?: string;
}
export interface StatusInput {
  status?: string;
  note?: string;
}
export interface OwnerInput {
  ownerId?: string;
  reason?: string;
}
export interface MilestoneInput {
  title?: string;
  dueOn?: string;
}
export interface EvidenceInput {
  title?: string;
  url?: string;
}
export interface EvidenceDocumentInput {
  title?: string;
  file: UploadedFile | undefined;
}

/** What the plan uses of the documents feature: a file checked, scanned and kept, and its bytes again. */
export type EvidenceFiles = Pick<DocumentsService, 'keepFile' | 'openFile'>;

/** The kinds of document taken as evidence: a case's, and spreadsheets (a tracker, an audit's figures). */
export const EVIDENCE_TYPES: readonly AcceptedMediaType[] = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'image/jpeg',
  'image/png',
];
const EVIDENCE_TYPE_LIST = 'a PDF, DOCX, XLSX, JPEG or PNG';

/** Evidence of an action as its page lists it: a link, or a document to download. */
export type EvidenceView = {
  id: string;
  title: string;
  byName: string;
  at: string;
} & ({ kind: 'link'; url: string } | { kind: 'document'; filename: string; typeName: string; sizeBytes: number; scanVerdict: 'clean' | 'not-scanned' });
export interface BindInput {
  measureId?: string;
  baselineValue?: string;
  baselineOn?: string;
  targetValue?: string;
  targetOn?: string;
}
export interface TargetInput {
  baselineValue?: string;
  baselineOn?: string;
  targetValue?: string;
  targetOn?: string;
  reason?: string;
}
export interface MeetingInput {
  heldOn?: string;
  attendees?: string;
  decisions?: string;
}
export interface MeetingCorrection {
  attendees?: string;
  decisions?: string;
  reason?: string;
  /** Never accepted: the plan as it stood at a meeting does not change. */
  snapshot?: unknown;
}

/** A month's figure, as the plan shows (and a snapshot keeps) it. */
export interface MonthFigure {
  month: string;
  value: number | null;
  numerator: number;
  denominator: number;
}

/** A measure bound to an area or an action: its target and where it stands. JSON through and through, for snapshots. */
export interface BoundMeasureView {
  id: string;
  measureId: string;
  title: string;
  unit: 'percent' | 'count';
  timing: 'monthly' | 'now';
  better: Better;
  baselineValue: number;
  baselineOn: string;
  targetValue: number;
  targetOn: string;
  /** False when the reader may not see the figures (an officer who owns an action): then none are given. */
  figuresShown: boolean;
  current: number | null;
  /** What the current value covers: today, or the last three months. */
  currentOver: string;
  expected: number;
  trajectory: TrajectoryStatus;
  trend: Trend;
  months: MonthFigure[];
}

export interface MilestoneView {
  id: string;
  title: string;
  dueOn: string;
  doneOn: string | null;
}

export interface ActionView {
  id: string;
  areaId: string;
  title: string;
  description: string;
  ownerId: string;
  ownerName: string;
  status: ActionStatus;
  statusName: string;
  statusNote: string;
  statusAt: string;
  meetingId: string | null;
  measures: BoundMeasureView[];
  milestones: MilestoneView[];
  /** On track while a measure it is bound to moves away from its target: flagged to the board. */
  flagged: boolean;
}

export interface AreaView {
  id: string;
  position: number;
  title: string;
  finding: string;
  measures: BoundMeasureView[];
  actions: ActionView[];
}

/** The plan as it stands (or stood, in a meeting's snapshot). */
export interface PlanView {
  asAt: string;
  areas: AreaView[];
  flagged: { areaTitle: string; action: ActionView }[];
}

export interface ChangeView {
  at: string;
  byName: string;
  subject: string;
  what: string;
  before: string | null;
  after: string | null;
  reason: string | null;
}

interface Change {
  entityType: 'area' | 'action' | 'measure' | 'meeting';
  entityId: string;
  subject: string;
  what: string;
  before?: string | null;
  after?: string | null;
  reason?: string | null;
}

export class ImprovementPlanService {
  private readonly db: Database;
  private readonly clock: Clock;
  private readonly measures: MeasureSource;
  private readonly files: EvidenceFiles;

  constructor(db: Database, clock: Clock, sources: { measures: MeasureSource; files: EvidenceFiles }) {
    this.db = db;
    this.clock = clock;
    this.measures = sources.measures;
    this.files = sources.files;
  }

  today(): IsoDate {
    return this.clock.today() as IsoDate;
  }

  /** Whether the actor may change the plan (managers), for the pages' buttons. */
  canManage(actor: Actor): boolean {
    return hasRole(actor, ...MANAGER_ROLES);
  }

  /** The measures of the reporting catalogue a plan may bind to. */
  catalogue(): readonly MeasureDeclaration[] {
    return MEASURES;
  }

  /** The staff who may own an action; managers only (they give actions owners). */
  async owners(actor: Actor): Promise<{ id: string; name: string }[]> {
    requireRole(actor, ...MANAGER_ROLES);
    return repository.listOwners(this.db, actor.authorityId);
  }

  /** Refuses anyone but a manager, before a form to change the plan is shown. */
  requireManager(actor: Actor): void {
    requireRole(actor, ...MANAGER_ROLES);
  }

  // --- Reading -------------------------------------------------------------------------------------

  /** The whole plan with every measure's figures now. */
  async plan(actor: Actor): Promise<PlanView> {
    this.requireReader(actor);
    const view = await this.buildPlan(actor);
    await this.logView(actor, 'improvement-plan', 'the plan');
    return view;
  }

  /** One area: its finding, its measures (with their months) and its actions. */
  async area(actor: Actor, areaId: string): Promise<AreaView> {
    this.requireReader(actor);
    const found = (await this.buildPlan(actor, { areaId: this.id(areaId, 'area') })).areas[0];
    if (!found) throw new NotFoundError('No such area of the plan');
    await this.logView(actor, 'improvement-area', `area ${areaId}`);
    return found;
  }

  /** One action with its area, its status history, milestones, evidence and changes. Its owner may read it too. */
  async action(actor: Actor, actionId: string) {
    const row = await this.findAction(actor, actionId);
    this.requireActionReader(actor, row);
    const plan = await this.buildPlan(actor, { areaId: row.areaId });
    const area = plan.areas[0]!;
    const action = area.actions.find((entry) => entry.id === actionId)!;
    const [history, evidence, changes] = await Promise.all([
      repository.listStatusUpdates(this.db, actor.authorityId, actionId),
      repository.listEvidence(this.db, actor.authorityId, actionId),
      repository.listChanges(this.db, actor.authorityId, [actionId, ...action.measures.map((entry) => entry.id)]),
    ]);
    const meeting = row.meetingId ? await repository.findMeeting(this.db, actor.authorityId, row.meetingId) : undefined;
    await this.logView(actor, 'improvement-action', `action ${actionId}`);
    return {
      area: { id: area.id, title: area.title, position: area.position },
      action,
      meeting: meeting ? { id: meeting.id, heldOn: meeting.heldOn } : undefined,
      history: history.map((entry) => ({ status: entry.status as ActionStatus, statusName: ACTION_STATUS_NAMES[entry.status as ActionStatus], note: entry.note, byName: entry.byName, at: entry.at.toISOString() })),
      evidence: evidence.map(evidenceView),
      changes: changes.map(changeView),
      mayUpdateStatus: this.canManage(actor) || row.ownerId === actor.id,
    };
  }

  /**
   * A document kept as evidence of an action, to download: to those who may read the action (the
   * plan's readers and the action's owner). Each download goes to the log of lists.
   */
  async evidenceDocument(actor: Actor, evidenceId: string): Promise<{ document: { title: string; filename: string; mediaType: string }; file: StoredFile }> {
    const evidence = await repository.findEvidence(this.db, actor.authorityId, this.id(evidenceId, 'evidence'));
    if (!evidence || evidence.storageKey === null) throw new NotFoundError('No such evidence');
    this.requireActionReader(actor, await this.findAction(actor, evidence.actionId));
    const file = await this.files.openFile(evidence.storageKey);
    try {
      await this.logView(actor, 'improvement-evidence', `evidence ${evidence.id}`);
    } catch (error) {
      file.stream.destroy();
      throw error;
    }
    return { document: { title: evidence.title, filename: evidence.filename!, mediaType: evidence.mediaType! }, file };
  }

  /** The action, for a form its owner or a manager fills in (its status, its evidence): refused to anyone else. */
  async actionForOwner(actor: Actor, actionId: string) {
    const row = await this.findAction(actor, actionId);
    this.requireOwnerOrManager(actor, row);
    return this.action(actor, actionId);
  }

  /** One measure bound to the plan, with what it is bound to; managers, for the target's form. */
  async boundMeasure(actor: Actor, bindingId: string) {
    requireRole(actor, ...MANAGER_ROLES);
    const row = await repository.findMeasure(this.db, actor.authorityId, this.id(bindingId, 'measure'));
    if (!row) throw new NotFoundError('No such measure of the plan');
    const declaration = measure(row.measureId);
    const owner = row.areaId ? await repository.findArea(this.db, actor.authorityId, row.areaId) : await repository.findAction(this.db, actor.authorityId, row.actionId!);
    return { binding: row, declaration: declaration!, ownerTitle: owner?.title ?? '', areaId: row.areaId, actionId: row.actionId };
  }

  /** The board's meetings, the latest first. */
  async meetings(actor: Actor) {
    this.requireReader(actor);
    const rows = await repository.listMeetings(this.db, actor.authorityId);
    await this.logView(actor, 'improvement-meetings', 'the board’s meetings');
    return rows.map((row) => ({ id: row.id, heldOn: row.heldOn, attendees: row.attendees, decisions: row.decisions, snapshotTakenAt: row.snapshotTakenAt.toISOString() }));
  }

  /** A meeting with the plan as it stood when it was recorded, and the actions that arose from it. */
  async meeting(actor: Actor, meetingId: string) {
    this.requireReader(actor);
    const row = await repository.findMeeting(this.db, actor.authorityId, this.id(meetingId, 'meeting'));
    if (!row) throw new NotFoundError('No such meeting');
    const [arising, changes] = await Promise.all([repository.listActions(this.db, actor.authorityId, { meetingId }), repository.listChanges(this.db, actor.authorityId, [meetingId])]);
    await this.logView(actor, 'improvement-meeting', `meeting ${meetingId}`);
    return {
      id: row.id,
      heldOn: row.heldOn,
      attendees: row.attendees,
      decisions: row.decisions,
      recordedByName: row.recordedByName,
      snapshotTakenAt: row.snapshotTakenAt.toISOString(),
      snapshot: row.snapshot as unknown as PlanView,
      arising: arising.map((entry) => ({ id: entry.id, title: entry.title, ownerName: entry.ownerName, status: entry.status as ActionStatus, statusName: ACTION_STATUS_NAMES[entry.status as ActionStatus] })),
      changes: changes.map(changeView),
    };
  }

  /** The plan's change log, the latest first. */
  async changes(actor: Actor): Promise<ChangeView[]> {
    this.requireReader(actor);
    const rows = await repository.listChanges(this.db, actor.authorityId);
    await this.logView(actor, 'improvement-changes', 'the plan’s change log');
    return rows.map(changeView);
  }

  // --- Areas ---------------------------------------------------------------------------------------

  async addArea(actor: Actor, input: AreaInput): Promise<{ areaId: string }> {
    requireRole(actor, ...MANAGER_ROLES);
    const problems: FieldProblem[] = [];
    const title = collect(problems, () => text(input.title, 'title', 'the area’s title', TITLE_LIMIT));
    const finding = collect(problems, () => text(input.finding, 'finding', 'what was found', TEXT_LIMIT));
    const position = collect(problems, () => positionOf(input.position));
    if (problems.length > 0) throw new ValidationError(problems);
    const areaId = uuidv7();
    await this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const last = await repository.nextAreaPosition(tx, actor.authorityId);
      const place = position === undefined || position > last ? last : position;
      if (place < last) await repository.makeRoomForArea(tx, actor.authorityId, place, areaId);
      await repository.insertArea(tx, { id: areaId, authorityId: actor.authorityId, title: title!, finding: finding!, position: place, createdAt: now, updatedAt: now });
      await this.logChanges(tx, actor, [{ entityType: 'area', entityId: areaId, subject: title!, what: CHANGE_WHAT.areaAdded, after: `${place}. ${title!}` }]);
      await recordAudit(tx, this.clock, actor, { action: 'improvement.area-added', entityType: 'improvement_area', entityId: areaId, details: { position: place } });
    });
    return { areaId };
  }

  /** Changes an area's title, finding or place in the plan; the reason goes to the change log. */
  async editArea(actor: Actor, areaId: string, input: AreaInput): Promise<{ areaId: string }> {
    requireRole(actor, ...MANAGER_ROLES);
    this.id(areaId, 'area');
    const problems: FieldProblem[] = [];
    const title = collect(problems, () => text(input.title, 'title', 'the area’s title', TITLE_LIMIT));
    const finding = collect(problems, () => text(input.finding, 'finding', 'what was found', TEXT_LIMIT));
    const position = collect(problems, () => positionOf(input.position));
    const reason = collect(problems, () => text(input.reason, 'reason', 'why the area is changed', TEXT_LIMIT));
    if (problems.length > 0) throw new ValidationError(problems);
    await this.db.transaction(async (tx) => {
      const row = await repository.findArea(tx, actor.authorityId, areaId, true);
      if (!row) throw new NotFoundError('No such area of the plan');
      // A place past the last is the last.
      const place = Math.min(position ?? row.position, (await repository.nextAreaPosition(tx, actor.authorityId)) - 1);
      const changes: Change[] = [];
      if (title !== row.title) changes.push({ entityType: 'area', entityId: areaId, subject: row.title, what: CHANGE_WHAT.areaTitle, before: row.title, after: title!, reason: reason! });
      if (finding !== row.finding) changes.push({ entityType: 'area', entityId: areaId, subject: title!, what: CHANGE_WHAT.areaFinding, before: row.finding, after: finding!, reason: reason! });
      if (place !== row.position) changes.push({ entityType: 'area', entityId: areaId, subject: title!, what: CHANGE_WHAT.areaPlace, before: String(row.position), after: String(place), reason: reason! });
      if (changes.length === 0) throw new ValidationError([{ field: 'title', message: 'Change the title, the finding or the area’s place in the plan, or go back' }]);
      // The areas between its old place and its new one move one place towards the old.
      if (place > row.position) await repository.shiftAreas(tx, actor.authorityId, row.position + 1, place, -1, areaId);
      if (place < row.position) await repository.shiftAreas(tx, actor.authorityId, place, row.position - 1, 1, areaId);
      await repository.updateArea(tx, actor.authorityId, areaId, { title: title!, finding: finding!, position: place, updatedAt: this.clock.now() });
      await repository.renumberAreas(tx, actor.authorityId);
      await this.logChanges(tx, actor, changes);
      await recordAudit(tx, this.clock, actor, { action: 'improvement.area-changed', entityType: 'improvement_area', entityId: areaId, details: { fields: changes.map((entry) => entry.what) } });
    });
    return { areaId };
  }

  // --- Actions -------------------------------------------------------------------------------------

  async addAction(actor: Actor, areaId: string, input: ActionInput): Promise<{ actionId: string }> {
    requireRole(actor, ...MANAGER_ROLES);
    this.id(areaId, 'area');
    const problems: FieldProblem[] = [];
    const title = collect(problems, () => text(input.title, 'title', 'the action', TITLE_LIMIT));
    const description = collect(problems, () => optionalText(input.description, 'description', 'what the action involves')) ?? '';
    const ownerId = (input.ownerId ?? '').trim();
    if (!UUID.test(ownerId)) problems.push({ field: 'ownerId', message: 'Select who owns the action' });
    const meetingId = (input.meetingId ?? '').trim() || null;
    if (meetingId !== null && !UUID.test(meetingId)) problems.push({ field: 'meetingId', message: 'Select the meeting the action arose from, or none' });
    if (problems.length > 0) throw new ValidationError(problems);
    const actionId = uuidv7();
    await this.db.transaction(async (tx) => {
      const area = await repository.findArea(tx, actor.authorityId, areaId, true);
      if (!area) throw new NotFoundError('No such area of the plan');
      const owner = (await repository.listOwners(tx, actor.authorityId)).find((entry) => entry.id === ownerId);
      if (!owner) throw new ValidationError([{ field: 'ownerId', message: 'Select who owns the action from the council’s staff' }]);
      if (meetingId !== null && !(await repository.findMeeting(tx, actor.authorityId, meetingId))) throw new ValidationError([{ field: 'meetingId', message: 'Select the meeting the action arose from, or none' }]);
      const now = this.clock.now();
      const note = 'Action added to the plan';
      await repository.insertAction(tx, {
        id: actionId,
        authorityId: actor.authorityId,
        areaId,
        title: title!,
        description,
        ownerId,
        status: 'not-started',
        statusNote: note,
        statusAt: now,
        meetingId,
        position: await repository.nextActionPosition(tx, actor.authorityId, areaId),
        createdAt: now,
        updatedAt: now,
      });
      const byName = await this.nameOf(tx, actor);
      await repository.insertStatusUpdate(tx, { id: uuidv7(), authorityId: actor.authorityId, actionId, status: 'not-started', note, byId: actor.id, byName, at: now });
      await this.logChanges(tx, actor, [{ entityType: 'action', entityId: actionId, subject: title!, what: CHANGE_WHAT.actionAdded, after: `${title!} (${area.title}), owned by ${owner.name}` }]);
      await recordAudit(tx, this.clock, actor, { action: 'improvement.action-added', entityType: 'improvement_action', entityId: actionId, details: { areaId, ownerId, meetingId } });
    });
    return { actionId };
  }

  /** The action's status with a note: its owner or a manager. */
  async updateStatus(actor: Actor, actionId: string, input: StatusInput): Promise<{ actionId: string }> {
    requireRole(actor, ...STAFF_ROLES.filter((role) => role !== 'board_member'));
    const problems: FieldProblem[] = [];
    const status = (input.status ?? '').trim() as ActionStatus;
    if (!(ACTION_STATUSES as readonly string[]).includes(status)) problems.push({ field: 'status', message: 'Select where the action stands' });
    const note = collect(problems, () => text(input.note, 'note', 'a note saying why the action stands where it does', TEXT_LIMIT));
    // Whose action it is is known before the note is judged, so no one else learns more than a refusal.
    const found = await this.findAction(actor, actionId);
    this.requireOwnerOrManager(actor, found);
    if (problems.length > 0) throw new ValidationError(problems);
    await this.db.transaction(async (tx) => {
      const row = (await repository.findAction(tx, actor.authorityId, actionId, true))!;
      const now = this.clock.now();
      await repository.updateAction(tx, actor.authorityId, actionId, { status, statusNote: note!, statusAt: now, updatedAt: now });
      await repository.insertStatusUpdate(tx, { id: uuidv7(), authorityId: actor.authorityId, actionId, status, note: note!, byId: actor.id, byName: await this.nameOf(tx, actor), at: now });
      await this.logChanges(tx, actor, [{ entityType: 'action', entityId: actionId, subject: row.title, what: 'Status', before: ACTION_STATUS_NAMES[row.status as ActionStatus], after: ACTION_STATUS_NAMES[status], reason: note! }]);
      await recordAudit(tx, this.clock, actor, { action: 'improvement.status-updated', entityType: 'improvement_action', entityId: actionId, details: { from: row.status, to: status } });
    });
    return { actionId };
  }

  /** Gives the action a new owner, with the reason. */
  async changeOwner(actor: Actor, actionId: string, input: OwnerInput): Promise<{ actionId: string }> {
    requireRole(actor, ...MANAGER_ROLES);
    const problems: FieldProblem[] = [];
    const ownerId = (input.ownerId ?? '').trim();
    if (!UUID.test(ownerId)) problems.push({ field: 'ownerId', message: 'Select who owns the action' });
    const reason = collect(problems, () => text(input.reason, 'reason', 'why the owner changes', TEXT_LIMIT));
    if (problems.length > 0) throw new ValidationError(problems);
    await this.findAction(actor, actionId);
    await this.db.transaction(async (tx) => {
      const row = (await repository.findAction(tx, actor.authorityId, actionId, true))!;
      const owner = (await repository.listOwners(tx, actor.authorityId)).find((entry) => entry.id === ownerId);
      if (!owner) throw new ValidationError([{ field: 'ownerId', message: 'Select who owns the action from the council’s staff' }]);
      if (owner.id === row.ownerId) throw new ValidationError([{ field: 'ownerId', message: `${owner.name} owns the action already: select someone else, or go back` }]);
      await repository.updateAction(tx, actor.authorityId, actionId, { ownerId, updatedAt: this.clock.now() });
      await this.logChanges(tx, actor, [{ entityType: 'action', entityId: actionId, subject: row.title, what: CHANGE_WHAT.actionOwner, before: row.ownerName, after: owner.name, reason: reason! }]);
      await recordAudit(tx, this.clock, actor, { action: 'improvement.owner-changed', entityType: 'improvement_action', entityId: actionId, details: { from: row.ownerId, to: ownerId } });
    });
    return { actionId };
  }

  async addMilestone(actor: Actor, actionId: string, input: MilestoneInput): Promise<{ actionId: string }> {
    requireRole(actor, ...MANAGER_ROLES);
    const problems: FieldProblem[] = [];
    const title = collect(problems, () => text(input.title, 'title', 'the milestone', TITLE_LIMIT));
    const dueOn = collect(problems, () => dateOf(input.dueOn, 'dueOn', 'the day the milestone is due'));
    if (problems.length > 0) throw new ValidationError(problems);
    const row = await this.findAction(actor, actionId);
    await this.db.transaction(async (tx) => {
      const milestoneId = uuidv7();
      await repository.insertMilestone(tx, { id: milestoneId, authorityId: actor.authorityId, actionId, title: title!, dueOn: dueOn!, createdAt: this.clock.now() });
      await this.logChanges(tx, actor, [{ entityType: 'action', entityId: actionId, subject: row.title, what: 'Milestone added', after: `${title!}, due ${dueOn!}` }]);
      await recordAudit(tx, this.clock, actor, { action: 'improvement.milestone-added', entityType: 'improvement_action', entityId: actionId, details: { milestoneId, dueOn } });
    });
    return { actionId };
  }

  /** Marks a milestone done today: its owner or a manager. */
  async milestoneDone(actor: Actor, actionId: string, milestoneId: string): Promise<{ actionId: string }> {
    requireRole(actor, ...STAFF_ROLES.filter((role) => role !== 'board_member'));
    const row = await this.findAction(actor, actionId);
    this.requireOwnerOrManager(actor, row);
    this.id(milestoneId, 'milestone');
    await this.db.transaction(async (tx) => {
      const done = await repository.markMilestoneDone(tx, actor.authorityId, actionId, milestoneId, this.today());
      if (!done) throw new ValidationError([{ field: 'milestones', message: 'That milestone is done already, or is not one of this action’s' }]);
      await this.logChanges(tx, actor, [{ entityType: 'action', entityId: actionId, subject: row.title, what: 'Milestone done', after: `${done.title}, done ${done.doneOn}` }]);
      await recordAudit(tx, this.clock, actor, { action: 'improvement.milestone-done', entityType: 'improvement_action', entityId: actionId, details: { milestoneId } });
    });
    return { actionId };
  }

  /** A link to evidence of the action: its owner or a manager. */
  async addEvidence(actor: Actor, actionId: string, input: EvidenceInput): Promise<{ actionId: string }> {
    requireRole(actor, ...STAFF_ROLES.filter((role) => role !== 'board_member'));
    const problems: FieldProblem[] = [];
    const title = collect(problems, () => text(input.title, 'title', 'what the evidence is', TITLE_LIMIT));
    const url = collect(problems, () => linkOf(input.url));
    const row = await this.findAction(actor, actionId);
    this.requireOwnerOrManager(actor, row);
    if (problems.length > 0) throw new ValidationError(problems);
    await this.db.transaction(async (tx) => {
      const evidenceId = uuidv7();
      await repository.insertEvidence(tx, { id: evidenceId, authorityId: actor.authorityId, actionId, title: title!, url: url!, byId: actor.id, byName: await this.nameOf(tx, actor), at: this.clock.now() });
      await this.logChanges(tx, actor, [{ entityType: 'action', entityId: actionId, subject: row.title, what: 'Evidence added', after: `${title!} (${url!})` }]);
      await recordAudit(tx, this.clock, actor, { action: 'improvement.evidence-added', entityType: 'improvement_action', entityId: actionId, details: { evidenceId, kind: 'link' } });
    });
    return { actionId };
  }

  /**
   * A document uploaded as evidence of the action: its owner or a manager. The file is checked and
   * scanned as a case's documents are (PDF, DOCX, XLSX, JPEG or PNG, at most 20 MB, no malware);
   * refused, nothing is kept, neither the row nor the bytes.
   */
  async addEvidenceDocument(actor: Actor, actionId: string, input: EvidenceDocumentInput): Promise<{ actionId: string; evidenceId: string }> {
    requireRole(actor, ...STAFF_ROLES.filter((role) => role !== 'board_member'));
    const row = await this.findAction(actor, actionId);
    this.requireOwnerOrManager(actor, row);
    const problems: FieldProblem[] = [];
    const title = collect(problems, () => text(input.title, 'title', 'what the evidence is', TITLE_LIMIT));
    const kept = await this.files.keepFile(
      actor,
      { file: input.file, problems, only: { types: EVIDENCE_TYPES, list: EVIDENCE_TYPE_LIST }, folder: 'improvement-evidence' },
      { entityType: 'improvement_action', entityId: actionId },
    );
    const evidenceId = uuidv7();
    try {
      await this.db.transaction(async (tx) => {
        await repository.insertEvidence(tx, {
          id: evidenceId,
          authorityId: actor.authorityId,
          actionId,
          title: title!,
          url: null,
          filename: kept.filename,
          mediaType: kept.mediaType,
          sizeBytes: kept.sizeBytes,
          sha256: kept.sha256,
          storageKey: kept.storageKey,
          scanVerdict: kept.scan.verdict,
          scanEngine: kept.scan.engine,
          byId: actor.id,
          byName: await this.nameOf(tx, actor),
          at: this.clock.now(),
        });
        await this.logChanges(tx, actor, [{ entityType: 'action', entityId: actionId, subject: row.title, what: 'Evidence added', after: `${title!} (document: ${kept.filename})` }]);
        await recordAudit(tx, this.clock, actor, {
          action: 'improvement.evidence-added',
          entityType: 'improvement_action',
          entityId: actionId,
          details: { evidenceId, kind: 'document', mediaType: kept.mediaType, sizeBytes: kept.sizeBytes, sha256: kept.sha256, scanVerdict: kept.scan.verdict },
        });
      });
    } catch (error) {
      await kept.discard();
      throw error;
    }
    return { actionId, evidenceId };
  }

  // --- Measures ------------------------------------------------------------------------------------

  /** Binds a measure of the catalogue to an area or an action, with its baseline and target. */
  async bindMeasure(actor: Actor, to: { areaId: string } | { actionId: string }, input: BindInput): Promise<{ bindingId: string; areaId: string | null; actionId: string | null }> {
    requireRole(actor, ...MANAGER_ROLES);
    const problems: FieldProblem[] = [];
    const measureId = (input.measureId ?? '').trim();
    const declaration = isMeasureId(measureId) ? measure(measureId) : undefined;
    if (!declaration) problems.push({ field: 'measureId', message: 'Select a measure from the list' });
    const target = collect(problems, () => checkTarget(input, declaration, this.today()));
    if (problems.length > 0) throw new ValidationError(problems);
    const areaId = 'areaId' in to ? this.id(to.areaId, 'area') : null;
    const actionId = 'actionId' in to ? this.id(to.actionId, 'action') : null;
    const bindingId = uuidv7();
    await this.db.transaction(async (tx) => {
      const owner = areaId ? await repository.findArea(tx, actor.authorityId, areaId, true) : await repository.findAction(tx, actor.authorityId, actionId!, true);
      if (!owner) throw new NotFoundError(areaId ? 'No such area of the plan' : 'No such action of the plan');
      if (await repository.findBinding(tx, actor.authorityId, { areaId, actionId }, measureId)) {
        throw new ValidationError([{ field: 'measureId', message: `“${declaration!.title}” is bound to this ${areaId ? 'area' : 'action'} already: change its target there` }]);
      }
      const now = this.clock.now();
      await repository.insertMeasure(tx, { id: bindingId, authorityId: actor.authorityId, areaId, actionId, measureId, ...target!, createdAt: now, updatedAt: now });
      await this.logChanges(tx, actor, [
        { entityType: 'measure', entityId: bindingId, subject: `${declaration!.title} (${owner.title})`, what: 'Measure bound', after: targetText(declaration!, target!) },
      ]);
      await recordAudit(tx, this.clock, actor, { action: 'improvement.measure-bound', entityType: 'improvement_measure', entityId: bindingId, details: { measureId, areaId, actionId } });
    });
    return { bindingId, areaId, actionId };
  }

  /** Changes a bound measure's baseline or target, with the reason. */
  async changeTarget(actor: Actor, bindingId: string, input: TargetInput): Promise<{ bindingId: string; areaId: string | null; actionId: string | null }> {
    requireRole(actor, ...MANAGER_ROLES);
    this.id(bindingId, 'measure');
    const problems: FieldProblem[] = [];
    const existing = await repository.findMeasure(this.db, actor.authorityId, bindingId);
    if (!existing) throw new NotFoundError('No such measure of the plan');
    const declaration = measure(existing.measureId)!;
    const target = collect(problems, () => checkTarget(input, declaration, this.today()));
    const reason = collect(problems, () => text(input.reason, 'reason', 'why the target changes', TEXT_LIMIT));
    if (problems.length > 0) throw new ValidationError(problems);
    await this.db.transaction(async (tx) => {
      const row = (await repository.findMeasure(tx, actor.authorityId, bindingId, true))!;
      const owner = row.areaId ? await repository.findArea(tx, actor.authorityId, row.areaId) : await repository.findAction(tx, actor.authorityId, row.actionId!);
      const subject = `${declaration.title} (${owner?.title ?? ''})`;
      const changes: Change[] = [];
      const before = { baselineValue: row.baselineValue, baselineOn: row.baselineOn, targetValue: row.targetValue, targetOn: row.targetOn };
      if (before.targetValue !== target!.targetValue || before.targetOn !== target!.targetOn) {
        changes.push({ entityType: 'measure', entityId: bindingId, subject, what: CHANGE_WHAT.measureTarget, before: loggedTarget(declaration.unit, before.targetValue, before.targetOn), after: loggedTarget(declaration.unit, target!.targetValue, target!.targetOn), reason: reason! });
      }
      if (before.baselineValue !== target!.baselineValue || before.baselineOn !== target!.baselineOn) {
        changes.push({ entityType: 'measure', entityId: bindingId, subject, what: CHANGE_WHAT.measureBaseline, before: loggedBaseline(declaration.unit, before.baselineValue, before.baselineOn), after: loggedBaseline(declaration.unit, target!.baselineValue, target!.baselineOn), reason: reason! });
      }
      if (changes.length === 0) throw new ValidationError([{ field: 'targetValue', message: 'Change the target or the baseline, or go back' }]);
      await repository.updateMeasure(tx, actor.authorityId, bindingId, { ...target!, updatedAt: this.clock.now() });
      await this.logChanges(tx, actor, changes);
      await recordAudit(tx, this.clock, actor, { action: 'improvement.target-changed', entityType: 'improvement_measure', entityId: bindingId, details: { before, after: target } });
    });
    return { bindingId, areaId: existing.areaId, actionId: existing.actionId };
  }

  // --- Board meetings ------------------------------------------------------------------------------

  /** Records a board meeting, keeping the plan as it stands now (figures and all) as its snapshot. */
  async recordMeeting(actor: Actor, input: MeetingInput): Promise<{ meetingId: string }> {
    requireRole(actor, ...MANAGER_ROLES);
    const problems: FieldProblem[] = [];
    const today = this.today();
    const heldOn = collect(problems, () => dateOf(input.heldOn, 'heldOn', 'the day the meeting was held'));
    if (heldOn && heldOn > today) problems.push({ field: 'heldOn', message: 'Record a meeting once it has been held: the day cannot be in the future' });
    const attendees = collect(problems, () => text(input.attendees, 'attendees', 'who attended', TEXT_LIMIT));
    const decisions = collect(problems, () => text(input.decisions, 'decisions', 'what the board decided', TEXT_LIMIT));
    if (problems.length > 0) throw new ValidationError(problems);
    // The figures are read before the transaction: they are the case data's, not the plan's.
    const snapshot = await this.buildPlan(actor);
    const meetingId = uuidv7();
    await this.db.transaction(async (tx) => {
      const now = this.clock.now();
      await repository.insertMeeting(tx, {
        id: meetingId,
        authorityId: actor.authorityId,
        heldOn: heldOn!,
        attendees: attendees!,
        decisions: decisions!,
        snapshot: snapshot as unknown as Record<string, unknown>,
        snapshotTakenAt: now,
        recordedByName: await this.nameOf(tx, actor),
        createdAt: now,
        updatedAt: now,
      });
      await this.logChanges(tx, actor, [{ entityType: 'meeting', entityId: meetingId, subject: `Board meeting of ${heldOn!}`, what: 'Meeting recorded', after: `${snapshot.areas.length} areas, ${snapshot.areas.reduce((sum, area) => sum + area.actions.length, 0)} actions kept as they stood` }]);
      await recordAudit(tx, this.clock, actor, { action: 'improvement.meeting-recorded', entityType: 'board_meeting', entityId: meetingId, details: { heldOn } });
    });
    return { meetingId };
  }

  /**
   * Corrects who attended and what was decided, with the reason. The plan as it stood at the
   * meeting is never changed: an attempt to change it is refused (and so is it in the database).
   */
  async correctMeeting(actor: Actor, meetingId: string, input: MeetingCorrection): Promise<{ meetingId: string }> {
    requireRole(actor, ...MANAGER_ROLES);
    this.id(meetingId, 'meeting');
    if (input.snapshot !== undefined) throw new ValidationError([{ field: 'snapshot', message: 'The plan as it stood at a past meeting cannot be changed' }]);
    const problems: FieldProblem[] = [];
    const attendees = collect(problems, () => text(input.attendees, 'attendees', 'who attended', TEXT_LIMIT));
    const decisions = collect(problems, () => text(input.decisions, 'decisions', 'what the board decided', TEXT_LIMIT));
    const reason = collect(problems, () => text(input.reason, 'reason', 'why the meeting’s record is corrected', TEXT_LIMIT));
    if (problems.length > 0) throw new ValidationError(problems);
    await this.db.transaction(async (tx) => {
      const row = await repository.findMeeting(tx, actor.authorityId, meetingId, true);
      if (!row) throw new NotFoundError('No such meeting');
      const subject = `Board meeting of ${row.heldOn}`;
      const changes: Change[] = [];
      if (attendees !== row.attendees) changes.push({ entityType: 'meeting', entityId: meetingId, subject, what: 'Attendees', before: row.attendees, after: attendees!, reason: reason! });
      if (decisions !== row.decisions) changes.push({ entityType: 'meeting', entityId: meetingId, subject, what: 'Decisions', before: row.decisions, after: decisions!, reason: reason! });
      if (changes.length === 0) throw new ValidationError([{ field: 'attendees', message: 'Change who attended or what was decided, or go back' }]);
      await repository.updateMeetingRecord(tx, actor.authorityId, meetingId, { attendees: attendees!, decisions: decisions!, updatedAt: this.clock.now() });
      await this.logChanges(tx, actor, changes);
      await recordAudit(tx, this.clock, actor, { action: 'improvement.meeting-corrected', entityType: 'board_meeting', entityId: meetingId, details: { fields: changes.map((entry) => entry.what) } });
    });
    return { meetingId };
  }

  // --- Inside --------------------------------------------------------------------------------------

  private isReader(actor: Actor): boolean {
    return hasRole(actor, ...FIGURE_ROLES);
  }

  private requireReader(actor: Actor): void {
    requireRole(actor, ...FIGURE_ROLES);
  }

  private requireActionReader(actor: Actor, row: repository.ActionRow): void {
    if (!this.isReader(actor) && row.ownerId !== actor.id) throw new ForbiddenError('Only managers, the improvement board and the action’s owner can see it');
  }

  private requireOwnerOrManager(actor: Actor, row: repository.ActionRow): void {
    if (this.canManage(actor) || row.ownerId === actor.id) return;
    throw new ForbiddenError('Only the action’s owner or a manager can change it');
  }

  private id(value: string, what: string): string {
    if (!UUID.test(value)) throw new NotFoundError(`No such ${what}`);
    return value;
  }

  private async findAction(actor: Actor, actionId: string): Promise<repository.ActionRow> {
    const row = await repository.findAction(this.db, actor.authorityId, this.id(actionId, 'action'));
    if (!row) throw new NotFoundError('No such action of the plan');
    return row;
  }

  private async nameOf(executor: Executor, actor: Actor): Promise<string> {
    return actor.name ?? (await repository.staffName(executor, actor.authorityId, actor.id)) ?? (actor.kind === 'system' ? 'The system' : actor.id);
  }

  private async logChanges(executor: Executor, actor: Actor, changes: readonly Change[]): Promise<void> {
    const at = this.clock.now();
    const byName = await this.nameOf(executor, actor);
    await repository.insertChanges(
      executor,
      changes.map((change) => ({ id: uuidv7(), authorityId: actor.authorityId, at, byId: actor.id, byName, ...change, before: change.before ?? null, after: change.after ?? null, reason: change.reason ?? null })),
    );
  }

  /** A view of the plan, which names no child: the log of lists keeps who looked, with no children. */
  private async logView(actor: Actor, view: string, what: string): Promise<void> {
    await recordListAccess(this.db, this.clock, actor, view, [], what);
  }

  /** The plan (or one area of it) with each bound measure's figures from the case data now. */
  private async buildPlan(actor: Actor, only: { areaId?: string } = {}): Promise<PlanView> {
    const today = this.today();
    const [areaRows, actionRows, measureRows] = await Promise.all([
      repository.listAreas(this.db, actor.authorityId),
      repository.listActions(this.db, actor.authorityId, only.areaId ? { areaId: only.areaId } : {}),
      repository.listMeasures(this.db, actor.authorityId),
    ]);
    const areas = only.areaId ? areaRows.filter((row) => row.id === only.areaId) : areaRows;
    const actionIds = new Set(actionRows.map((row) => row.id));
    const areaIds = new Set(areas.map((row) => row.id));
    const bound = measureRows.filter((row) => (row.areaId !== null && areaIds.has(row.areaId)) || (row.actionId !== null && actionIds.has(row.actionId)));
    const milestones = await repository.listMilestones(this.db, actor.authorityId, [...actionIds]);
    const figures = await this.figuresOf(actor, [...new Set(bound.map((row) => row.measureId))]);
    const measureView = (row: repository.MeasureRow): BoundMeasureView => boundMeasureView(row, figures.get(row.measureId), today);
    const areaViews = areas.map((area): AreaView => ({
      id: area.id,
      position: area.position,
      title: area.title,
      finding: area.finding,
      measures: bound.filter((row) => row.areaId === area.id).map(measureView),
      actions: actionRows
        .filter((row) => row.areaId === area.id)
        .map((row): ActionView => {
          const measures = bound.filter((entry) => entry.actionId === row.id).map(measureView);
          const status = row.status as ActionStatus;
          return {
            id: row.id,
            areaId: row.areaId,
            title: row.title,
            description: row.description,
            ownerId: row.ownerId,
            ownerName: row.ownerName,
            status,
            statusName: ACTION_STATUS_NAMES[status],
            statusNote: row.statusNote,
            statusAt: row.statusAt.toISOString(),
            meetingId: row.meetingId,
            measures,
            milestones: milestones.filter((entry) => entry.actionId === row.id).map((entry) => ({ id: entry.id, title: entry.title, dueOn: entry.dueOn, doneOn: entry.doneOn })),
            flagged: flaggedToBoard(status, measures.filter((entry) => entry.figuresShown).map((entry) => entry.trend)),
          };
        }),
    }));
    return {
      asAt: today,
      areas: areaViews,
      flagged: areaViews.flatMap((area) => area.actions.filter((action) => action.flagged).map((action) => ({ areaTitle: area.title, action }))),
    };
  }

  /**
   * Each measure's figures from the reporting feature, once each however many times it is bound:
   * now (today's count, or the last three months' share) and its twelve months. None for a reader
   * who may not see the service's figures.
   */
  private async figuresOf(actor: Actor, measureIds: readonly string[]): Promise<Map<string, MeasureFigures>> {
    const found = new Map<string, MeasureFigures>();
    if (!this.isReader(actor)) return found;
    const thisMonth = monthOf(this.today());
    const lastThree = { from: addMonthsToMonth(thisMonth, -2), to: thisMonth };
    for (const measureId of measureIds) {
      const declaration = measure(measureId);
      if (!declaration) continue;
      const [value, series] = await Promise.all([
        this.measures.measureValue(actor, measureId, declaration.timing === 'now' ? {} : lastThree),
        this.measures.measureSeries(actor, measureId, {}),
      ]);
      found.set(measureId, {
        declaration,
        value: value.value,
        over: declaration.timing === 'now' ? 'Today' : `${monthName(lastThree.from)} to ${monthName(lastThree.to)}`,
        months: series.map((month) => ({ month: month.month, value: month.value, numerator: month.numerator, denominator: month.denominator })),
        // A monthly measure's month under way is not over: the trend reads the months that are.
        trendMonths: (declaration.timing === 'monthly' ? series.filter((month) => month.month !== thisMonth) : series).map((month) => month.value),
      });
    }
    return found;
  }
}

/** A measure's figures as a bound measure's view reads them. */
export interface MeasureFigures {
  declaration: MeasureDeclaration;
  value: number | null;
  over: string;
  months: MonthFigure[];
  trendMonths: (number | null)[];
}

/** A bound measure against its target on the day, from its figures (none for a reader who may not see them). */
export function boundMeasureView(row: repository.MeasureRow, figures: MeasureFigures | undefined, today: IsoDate): BoundMeasureView {
  const declaration = measure(row.measureId)!;
  const target = { baselineValue: row.baselineValue, baselineOn: row.baselineOn as IsoDate, targetValue: row.targetValue, targetOn: row.targetOn as IsoDate, better: declaration.better };
  const current = figures?.value ?? null;
  const where = trajectory(target, current, today);
  return {
    id: row.id,
    measureId: row.measureId,
    title: declaration.title,
    unit: declaration.unit,
    timing: declaration.timing,
    better: declaration.better,
    baselineValue: row.baselineValue,
    baselineOn: row.baselineOn,
    targetValue: row.targetValue,
    targetOn: row.targetOn,
    figuresShown: figures !== undefined,
    current,
    currentOver: figures?.over ?? '',
    expected: where.expected,
    trajectory: figures ? where.status : 'no-figure',
    trend: figures ? trend(target, figures.trendMonths) : 'not-enough-months',
    months: figures?.months ?? [],
  };
}

function evidenceView(row: repository.EvidenceRow): EvidenceView {
  const common = { id: row.id, title: row.title, byName: row.byName, at: row.at.toISOString() };
  if (row.storageKey === null) return { ...common, kind: 'link', url: row.url ?? '' };
  return { ...common, kind: 'document', filename: row.filename ?? '', typeName: documentTypeName(row.mediaType ?? ''), sizeBytes: row.sizeBytes ?? 0, scanVerdict: row.scanVerdict === 'clean' ? 'clean' : 'not-scanned' };
}

function changeView(row: repository.ChangeRow): ChangeView {
  return { at: row.at.toISOString(), byName: row.byName, subject: row.subject, what: row.what, before: row.before, after: row.after, reason: row.reason };
}

/** A measure's baseline and target as the change log says them when it is bound. */
function targetText(declaration: MeasureDeclaration, target: { baselineValue: number; baselineOn: string; targetValue: number; targetOn: string }): string {
  return `Baseline ${loggedBaseline(declaration.unit, target.baselineValue, target.baselineOn)}, target ${loggedTarget(declaration.unit, target.targetValue, target.targetOn)}`;
}

function text(value: string | undefined, field: string, what: string, limit: number): string {
  const trimmed = (value ?? '').trim();
  if (!trimmed) throw new ValidationError([{ field, message: `Enter ${what}` }]);
  if (trimmed.length > limit) throw new ValidationError([{ field, message: `${what.charAt(0).toUpperCase()}${what.slice(1)} must be ${limit} characters or fewer` }]);
  return trimmed;
}

function optionalText(value: string | undefined, field: string, what: string): string {
  const trimmed = (value ?? '').trim();
  return trimmed ? text(trimmed, field, what, TEXT_LIMIT) : '';
}

function positionOf(value: string | undefined): number | undefined {
  const raw = (value ?? '').trim();
  if (!raw) return undefined;
  if (!/^\d{1,3}$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_POSITION) throw new ValidationError([{ field: 'position', message: 'Enter the area’s place in the plan as a whole number, like 3, or leave it empty for the end' }]);
  return Number(raw);
}

function dateOf(value: string | undefined, field: string, what: string): IsoDate {
  const raw = (value ?? '').trim();
  if (!raw) throw new ValidationError([{ field, message: `Enter ${what}` }]);
  const checked = checkIsoDate(raw);
  if (!checked.ok || raw < '2000-01-01' || raw > '2099-12-31') throw new ValidationError([{ field, message: `Enter ${what} as a real date, like 31 3 2027` }]);
  return checked.date;
}

function linkOf(value: string | undefined): string {
  const raw = (value ?? '').trim();
  if (!raw) throw new ValidationError([{ field: 'url', message: 'Enter the link to the evidence' }]);
  let parsed: URL | undefined;
  try {
    parsed = new URL(raw);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || raw.length > 2000) {
    throw new ValidationError([{ field: 'url', message: 'Enter the link as a web address starting https://, like https://intranet.example/board-paper.pdf' }]);
  }
  return parsed.toString();
}

/** A figure of the measure's unit: a share from 0 to 100 (to one decimal place), or a whole count. */
function figureOf(value: string | undefined, field: string, what: string, declaration: MeasureDeclaration | undefined): number {
  const raw = (value ?? '').trim().replace(/%$/, '');
  if (!raw) throw new ValidationError([{ field, message: `Enter ${what}` }]);
  const percent = declaration?.unit !== 'count';
  const number = /^\d{1,7}(\.\d)?$/.test(raw) ? Number(raw) : NaN;
  if (percent && !(number >= 0 && number <= 100)) throw new ValidationError([{ field, message: `Enter ${what} as a percentage from 0 to 100, like 46.4` }]);
  if (!percent && !(Number.isInteger(number) && number >= 0)) throw new ValidationError([{ field, message: `Enter ${what} as a whole number of cases, like 120` }]);
  return number;
}

/** A baseline and a target: the baseline measured by today, the target's date after the baseline's. */
function checkTarget(input: TargetInput | BindInput, declaration: MeasureDeclaration | undefined, today: IsoDate) {
  const problems: FieldProblem[] = [];
  const baselineValue = collect(problems, () => figureOf(input.baselineValue, 'baselineValue', 'the baseline', declaration));
  const baselineOn = collect(problems, () => dateOf(input.baselineOn, 'baselineOn', 'the day of the baseline'));
  if (baselineOn && baselineOn > today) problems.push({ field: 'baselineOn', message: 'The baseline is a figure already measured: its day cannot be in the future' });
  const targetValue = collect(problems, () => figureOf(input.targetValue, 'targetValue', 'the target', declaration));
  const targetOn = collect(problems, () => dateOf(input.targetOn, 'targetOn', 'the day the target is to be met by'));
  const dateProblem = baselineOn && targetOn ? targetDateProblem(baselineOn, targetOn) : undefined;
  if (dateProblem) problems.push({ field: 'targetOn', message: dateProblem });
  if (problems.length > 0) throw new ValidationError(problems);
  return { baselineValue: baselineValue!, baselineOn: baselineOn!, targetValue: targetValue!, targetOn: targetOn! };
}

