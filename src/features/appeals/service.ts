// Mediation and appeals to the First-tier Tribunal (SEND), each tied to the decision on the case it
// is about: the register of appeals (CFA 2014 s.51) with the tribunal's dates, the council's
// decision to defend or concede, each section's outcome and each order until it is carried out
// (SEND Regs 2014 reg. 44); mediation (regs 32-42) with its certificate, meeting and agreement;
// and the early-resolution triage of what a tribunal would see against the council. Each step
// records its case event (the clocks reach the case's deadlines and the officer's worklist) and
// its audit entry in one transaction; a step the law does not allow is refused with nothing saved.
import type { Database, Executor } from '../../db/database.ts';
import { addDays, parseIsoDate, type BankHolidayCalendar, type IsoDate } from '../../domain/calendar/index.ts';
import {
  mediationActionDeadline,
  mediationCertificateDeadline,
  mediationMeetingDeadline,
  TRIBUNAL_ORDERS,
  tribunalOrderCompletion,
  type AgreementAction,
  type Deadline,
  type TribunalOrder,
} from '../../domain/clocks/index.ts';
import { disputeConcerns, DECISION_DEADLINES, type Concern } from '../../domain/disputes/triage.ts';
import { eventTitle } from '../../domain/events/index.ts';
import { planContentSchema, type PlanContent } from '../../domain/plans/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { collect, type FieldProblem, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { recordAccess, recordAudit, recordListAccess } from '../audit/index.ts';
import { CASEWORK_ROLES, DECISION_ROLES, MANAGER_ROLES, hasRole, requireRole, type Actor } from '../auth/index.ts';
import { recordCaseEvent } from '../cases/index.ts';
import { requireCaseAccess } from '../children/index.ts';
import { writeOnce, type Written } from '../requests/index.ts';
import * as repository from './repository.ts';
import type { AppealOrderRow, AppealRow, AppealSectionRow, CaseOfAppeal, MediationActionRow, MediationRow, RegisterRow } from './repository.ts';
import type { ContactsService } from '../contacts/index.ts';
import { pastDate } from '../../lib/entered-dates.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const TEXT_LIMIT = 5000;
export const PAGE_SIZE = 50;

/** What can be appealed (CFA 2014 s.51(2)), and the decisions on the case each is made against. */
export const APPEAL_TYPES = {
  'refusal-to-assess': { name: 'Refusal to assess', decisions: ['assessment.refused'] },
  'refusal-to-reassess': { name: 'Refusal to re-assess', decisions: ['reassessment.refused'] },
  'refusal-to-issue': { name: 'Refusal to issue a plan', decisions: ['plan.refused'] },
  'plan-content': { name: 'The plan’s content: sections B, F or I, or no school named', decisions: ['plan.issued', 'plan.amended'] },
  'refusal-to-amend': { name: 'Refusal to amend after a review or re-assessment', decisions: ['amendment.declined', 'review.decided'] },
  cease: { name: 'Decision to cease the plan', decisions: ['cease.decided'] },
} as const;
export type AppealType = keyof typeof APPEAL_TYPES;
export const isAppealType = (value: string | undefined): value is AppealType => value !== undefined && Object.hasOwn(APPEAL_TYPES, value);
export const APPEALABLE_DECISIONS = [...new Set(Object.values(APPEAL_TYPES).flatMap((type) => type.decisions))];

export const PLAN_SECTIONS_APPEALED = { B: 'Section B: special educational needs', F: 'Section F: special educational provision', I: 'Section I: placement', 'no-school': 'No school named' } as const;
export type AppealedSection = keyof typeof PLAN_SECTIONS_APPEALED | 'decision';
export const SECTION_NAMES: Record<AppealedSection, string> = { ...PLAN_SECTIONS_APPEALED, decision: 'The decision' };

export const OUTCOMES = { upheld: 'Upheld (the family’s appeal succeeded)', partly: 'Partly upheld', dismissed: 'Dismissed (the council’s decision stands)', withdrawn: 'Withdrawn by the family', conceded: 'Conceded by the council' } as const;
export type Outcome = keyof typeof OUTCOMES;
/** Outcomes that can come before the hearing: the family withdraws, or the council concedes. */
const BEFORE_HEARING: readonly Outcome[] = ['withdrawn', 'conceded'];

export const ORDER_NAMES: Record<TribunalOrder, string> = {
  assess: 'Carry out an EHC needs assessment',
  'make-plan': 'Make and maintain an EHC plan',
  'amend-plan': 'Amend the needs or provision (sections B and F, with or without I)',
  'name-placement': 'Name the school or college, or its type, in section I',
  cease: 'Cease to maintain the plan (the appeal dismissed)',
  continue: 'Continue to maintain the plan',
};

export const STATUS_NAMES: Record<string, string> = { registered: 'Registered: response due', defending: 'Defending', conceded: 'Conceded', concluded: 'Concluded' };
export const MEDIATION_STATUS_NAMES: Record<string, string> = { advice: 'Mediation advice: certificate to issue', arranging: 'Mediation being arranged', held: 'Mediation held', certificate: 'Certificate issued: no mediation' };
export const ACTION_KINDS = { appealable: 'An issue that could be appealed: the limits of a tribunal order (reg. 42(2))', other: 'Anything else: within 2 weeks (reg. 42(3))', agreed: 'A timescale agreed in writing (reg. 42(5))' } as const;

export interface CaseRef {
  id: string;
  childId: string;
  childName: string;
  reference: string;
}

export interface DecisionOption {
  id: string;
  type: string;
  title: string;
  occurredOn: string;
}

export interface SectionView {
  id: string;
  section: AppealedSection;
  name: string;
  outcome: Outcome | null;
  outcomeName: string | null;
  outcomeOn: string | null;
}

export interface OrderView {
  id: string;
  orderKind: TribunalOrder;
  name: string;
  madeOn: string;
  dueOn: string;
  basis: string;
  compliedOn: string | null;
  limits: Deadline[];
}

export interface AppealView {
  id: string;
  case: CaseRef;
  appealType: AppealType;
  typeName: string;
  decision: { eventId: string; type: string; title: string; on: string; by: string };
  tribunalReference: string;
  registeredOn: string;
  responseDueOn: string;
  evidenceDueOn: string | null;
  hearingOn: string | null;
  status: string;
  statusName: string;
  position: 'defend' | 'concede' | null;
  positionOn: string | null;
  positionBy: string | null;
  positionReasons: string | null;
  settledEarly: boolean;
  concludedOn: string | null;
  sections: SectionView[];
  orders: OrderView[];
  /** The clocks on the appeal, each with its basis and whether it is met. */
  clocks: { title: string; due: string; met: string | null; basis: string }[];
}

export interface MediationView {
  id: string;
  case: CaseRef;
  about: string;
  decisionTitle: string | null;
  adviserContactedOn: string;
  requestedOn: string | null;
  certificateDutyOn: string | null;
  certificateOn: string | null;
  heldOn: string | null;
  outcome: 'agreement' | 'no-agreement' | null;
  status: string;
  statusName: string;
  clocks: { title: string; due: string; met: string | null; basis: string }[];
  actions: { id: string; description: string; kind: string; dueOn: string; basis: string; doneOn: string | null }[];
}

/** One row of the live disputes a manager triages: an appeal or a mediation now, a complaint later. */
export interface AppealsDependencies {
  calendar: () => Promise<BankHolidayCalendar>;
  /** The open complaints, weighed in the early-resolution triage beside the appeals. */
  contacts: Pick<ContactsService, 'liveComplaints'>;
}

export interface DisputeRow {
  kind: 'appeal' | 'mediation' | 'complaint';
  id: string;
  href: 'appeal' | 'mediation' | 'complaint';
  caseId: string;
  childId: string;
  childName: string;
  reference: string;
  officerName: string | null;
  what: string;
  status: string;
  nextDate: { label: string; on: string } | null;
  concerns: Concern[];
  settled: boolean;
}

export interface RegisterInput {
  appealType?: string;
  decisionEventId?: string;
  sections?: string[];
  tribunalReference?: string;
  registeredOn?: string;
  responseDueOn?: string;
  evidenceDueOn?: string;
  hearingOn?: string;
}
export interface DatesInput {
  evidenceDueOn?: string;
  hearingOn?: string;
}
export interface PositionInput {
  position?: string;
  decidedOn?: string;
  reasons?: string;
  /** Settled from the early-resolution triage. */
  settle?: boolean;
}
export interface OutcomeInput {
  outcomeOn?: string;
  /** The outcome of each section appealed, by the section's id. */
  outcomes?: Record<string, string | undefined>;
  orderKind?: string;
}
export interface CompliedInput {
  compliedOn?: string;
}
export interface MediationInput {
  about?: string;
  decisionEventId?: string;
  adviserContactedOn?: string;
  /** 'yes': the family want mediation (the council was told on `requestedOn`); 'no': a certificate only. */
  wantsMediation?: string;
  requestedOn?: string;
}
export interface MediationHeldInput {
  heldOn?: string;
  outcome?: string;
}
export interface ActionInput {
  description?: string;
  kind?: string;
  orderKind?: string;
  agreedDueOn?: string;
}
interface WriteOptions {
  idempotencyKey?: string;
}

export interface AppealResult {
  appealId: string;
  caseId: string;
  status: string;
  eventId: string | null;
}

export interface RegisterFilterInput {
  view?: string;
  appealType?: string;
  status?: string;
  officerId?: string;
  page?: string;
}

export interface ReportMonth {
  month: string;
  registered: number;
  byType: Record<string, number>;
  outcomes: Record<string, number>;
  sectionOutcomes: Record<string, Record<string, number>>;
  conceded: number;
  settledEarly: number;
  ordersDue: number;
  ordersInTime: number;
}

export class AppealsService {
  private readonly db: Database;
  private readonly clock: Clock;
  private readonly dependencies: AppealsDependencies;

  constructor(db: Database, clock: Clock, dependencies: AppealsDependencies) {
    this.db = db;
    this.clock = clock;
    this.dependencies = dependencies;
  }

  today(): IsoDate {
    return this.clock.today() as IsoDate;
  }

  // --- Reading ---------------------------------------------------------------------------------

  /** A case's appeals and mediations, and the decisions that can be appealed (a view of the child's record, logged). */
  async ofCase(actor: Actor, caseId: string) {
    const found = await this.readCase(actor, caseId, 'appeals');
    const decisions = await this.decisionsOf(actor, caseId);
    const register = await repository.listRegister(this.db, actor.authorityId, { live: true, caseId }, { limit: 100, offset: 0 });
    const closed = await repository.listRegister(this.db, actor.authorityId, { live: false, caseId }, { limit: 100, offset: 0 });
    const mediations = await repository.listMediations(this.db, actor.authorityId, { caseId });
    return { case: caseRef(found), decisions, appeals: [...register.rows, ...closed.rows], mediations };
  }

  private async decisionsOf(actor: Actor, caseId: string): Promise<DecisionOption[]> {
    const events = await repository.listDecisionEvents(this.db, actor.authorityId, caseId, APPEALABLE_DECISIONS);
    const options: DecisionOption[] = [];
    for (const event of events) {
      const checked = await repository.findEvent(this.db, actor.authorityId, caseId, event.id);
      if (checked && !checked.corrected) options.push({ id: event.id, type: event.type, title: eventTitle(event.type), occurredOn: event.occurredOn });
    }
    return options;
  }

  async appeal(actor: Actor, appealId: string, purpose = 'appeal'): Promise<AppealView> {
    requireRole(actor, ...CASEWORK_ROLES);
    const row = await this.findAppeal(actor, appealId);
    const found = await this.readCase(actor, row.caseId, purpose);
    const sections = await repository.listSections(this.db, actor.authorityId, appealId);
    const orders = await repository.listOrders(this.db, actor.authorityId, appealId);
    return appealView(row, found, sections, orders, (await repository.staffName(this.db, actor.authorityId, row.decisionBy)) ?? 'Recorded by the service');
  }

  /** The register: live or closed appeals, filtered and paged (a list of children, logged). */
  async register(actor: Actor, input: RegisterFilterInput) {
    requireRole(actor, ...CASEWORK_ROLES);
    const live = input.view !== 'closed';
    const page = Math.max(1, Math.min(10_000, Number.parseInt(input.page ?? '1', 10) || 1));
    const filter = {
      live,
      appealType: isAppealType(input.appealType) ? input.appealType : undefined,
      status: input.status && Object.hasOwn(STATUS_NAMES, input.status) ? input.status : undefined,
      officerId: input.officerId && UUID.test(input.officerId) ? input.officerId : undefined,
    };
    const { rows, total } = await repository.listRegister(this.db, actor.authorityId, filter, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const officers = await repository.listAppealOfficers(this.db, actor.authorityId);
    await recordListAccess(this.db, this.clock, actor, 'appeals-register', rows.map((row) => row.childId), JSON.stringify(filter));
    return { rows, total, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)), filter, officers };
  }

  async mediation(actor: Actor, mediationId: string): Promise<MediationView> {
    requireRole(actor, ...CASEWORK_ROLES);
    const row = await this.findMediation(actor, mediationId);
    const found = await this.readCase(actor, row.caseId, 'mediation');
    const actions = await repository.listActions(this.db, actor.authorityId, mediationId);
    const decisionTitle = row.decisionEventId ? eventTitle((await repository.findEvent(this.db, actor.authorityId, row.caseId, row.decisionEventId))?.type ?? '') : null;
    return mediationView(row, found, actions, decisionTitle, await this.dependencies.calendar());
  }

  /**
   * The live disputes, each with what a tribunal would see against the council from the case's own
   * record, for a manager to weigh settling early (a list of children, logged).
   */
  async triage(actor: Actor): Promise<DisputeRow[]> {
    requireRole(actor, ...MANAGER_ROLES);
    const [{ rows: appeals }, mediations, complaints] = await Promise.all([
      repository.listRegister(this.db, actor.authorityId, { live: true }, { limit: 500, offset: 0 }),
      repository.listMediations(this.db, actor.authorityId, { live: true }),
      this.dependencies.contacts.liveComplaints(actor),
    ]);
    const caseIds = [...new Set([...appeals.map((row) => row.caseId), ...mediations.map((row) => row.caseId), ...complaints.map((row) => row.caseId)])];
    const concernsOf = await this.concerns(actor, caseIds);
    const rows: DisputeRow[] = [
      ...appeals.map((row): DisputeRow => ({
        kind: 'appeal',
        id: row.id,
        href: 'appeal',
        caseId: row.caseId,
        childId: row.childId,
        childName: `${row.forename} ${row.surname}`,
        reference: row.reference,
        officerName: row.officerName,
        what: `Appeal ${row.tribunalReference}: ${APPEAL_TYPES[row.appealType as AppealType]?.name ?? row.appealType}`,
        status: STATUS_NAMES[row.status] ?? row.status,
        nextDate: row.openOrderDueOn ? { label: 'Order due', on: row.openOrderDueOn } : row.hearingOn ? { label: 'Hearing', on: row.hearingOn } : { label: 'Response due', on: row.responseDueOn },
        concerns: concernsOf.get(row.caseId) ?? [],
        settled: row.position === 'concede',
      })),
      ...mediations.map((row): DisputeRow => ({
        kind: 'mediation',
        id: row.id,
        href: 'mediation',
        caseId: row.caseId,
        childId: row.childId,
        childName: `${row.forename} ${row.surname}`,
        reference: row.reference,
        officerName: row.officerName,
        what: `Mediation: ${row.about}`,
        status: MEDIATION_STATUS_NAMES[row.status] ?? row.status,
        nextDate: row.nextActionDueOn ? { label: 'Agreed action due', on: row.nextActionDueOn } : row.requestedOn && !row.heldOn ? { label: 'Mediation by', on: addDays(row.requestedOn as IsoDate, 30) } : null,
        concerns: concernsOf.get(row.caseId) ?? [],
        settled: false,
      })),
      // A complaint about a child's case: what a tribunal would see is what the complaint may turn into.
      ...complaints.map((row): DisputeRow => ({
        kind: 'complaint',
        id: row.id,
        href: 'complaint',
        caseId: row.caseId,
        childId: row.childId,
        childName: row.childName,
        reference: row.caseReference,
        officerName: row.ownerName,
        what: `Complaint ${row.reference}${row.themeName ? `: ${row.themeName.toLowerCase()}` : ''}`,
        status: row.stageName,
        nextDate: row.dueOn ? { label: 'Response due', on: row.dueOn } : null,
        concerns: concernsOf.get(row.caseId) ?? [],
        settled: false,
      })),
    ];
    // The ones with most to answer first, then by the nearest date.
    rows.sort((a, b) => b.concerns.length - a.concerns.length || (a.nextDate?.on ?? '9999').localeCompare(b.nextDate?.on ?? '9999'));
    await recordListAccess(this.db, this.clock, actor, 'appeals-triage', [...new Set(rows.map((row) => row.childId))]);
    return rows;
  }

  private async concerns(actor: Actor, caseIds: string[]): Promise<Map<string, Concern[]>> {
    const today = this.today();
    const [deadlines, exceptions, advice, plans, schools] = await Promise.all([
      repository.deadlinesOf(this.db, actor.authorityId, caseIds, ['final-plan', ...DECISION_DEADLINES]),
      repository.casesWithExceptions(this.db, actor.authorityId, caseIds),
      repository.lateAdvice(this.db, actor.authorityId, caseIds, today),
      repository.latestPlanContents(this.db, actor.authorityId, caseIds),
      repository.schoolPreferences(this.db, actor.authorityId, caseIds),
    ]);
    const result = new Map<string, Concern[]>();
    for (const caseId of caseIds) {
      const stored = plans.find((row) => row.caseId === caseId)?.content;
      const parsed = stored === undefined ? undefined : planContentSchema.safeParse(stored);
      result.set(
        caseId,
        disputeConcerns(
          {
            deadlines: deadlines.filter((row) => row.caseId === caseId),
            exceptionRecorded: exceptions.has(caseId),
            lateAdvice: advice.filter((row) => row.caseId === caseId),
            plan: parsed?.success ? (parsed.data as PlanContent) : undefined,
            preferences: schools.preferences.filter((row) => row.caseId === caseId),
            consultations: schools.consultations.filter((row) => row.caseId === caseId),
          },
          today,
        ),
      );
    }
    return result;
  }

  /** By month: appeals registered, outcomes by type and section, concessions, orders carried out in time. */
  async report(actor: Actor, input: { from?: string; to?: string }): Promise<{ from: string; to: string; months: ReportMonth[] }> {
    requireRole(actor, ...MANAGER_ROLES, 'board_member');
    const today = this.today();
    const to = parseIsoDate(input.to) ?? today;
    const from = parseIsoDate(input.from) ?? (`${Number(to.slice(0, 4)) - 1}${to.slice(4, 8)}01` as IsoDate);
    if (from > to) throw new ValidationError([{ field: 'from', message: 'The first month must be before the last' }]);
    const { appeals, sections, orders } = await repository.reportRows(this.db, actor.authorityId, from, to);
    const months = new Map<string, ReportMonth>();
    const month = (day: string) => {
      const key = day.slice(0, 7);
      let row = months.get(key);
      if (!row) {
        row = { month: key, registered: 0, byType: {}, outcomes: {}, sectionOutcomes: {}, conceded: 0, settledEarly: 0, ordersDue: 0, ordersInTime: 0 };
        months.set(key, row);
      }
      return row;
    };
    for (let cursor = from.slice(0, 7); cursor <= to.slice(0, 7); cursor = nextMonth(cursor)) month(`${cursor}-01`);
    for (const row of appeals) {
      const m = month(row.registeredOn);
      m.registered += 1;
      m.byType[row.appealType] = (m.byType[row.appealType] ?? 0) + 1;
      if (row.position === 'concede') m.conceded += 1;
      if (row.settledEarly) m.settledEarly += 1;
    }
    for (const row of sections) {
      const m = month(row.outcomeOn!);
      const key = `${row.appealType}:${row.outcome}`;
      m.outcomes[key] = (m.outcomes[key] ?? 0) + 1;
      m.sectionOutcomes[row.section] ??= {};
      m.sectionOutcomes[row.section]![row.outcome!] = (m.sectionOutcomes[row.section]![row.outcome!] ?? 0) + 1;
    }
    for (const row of orders) {
      const m = month(row.dueOn);
      m.ordersDue += 1;
      if (row.compliedOn !== null && row.compliedOn <= row.dueOn) m.ordersInTime += 1;
    }
    return { from, to, months: [...months.values()].sort((a, b) => a.month.localeCompare(b.month)) };
  }

  // --- The appeals register --------------------------------------------------------------------

  /**
   * Registers an appeal against a decision on the case, with the dates from the tribunal's letter.
   * Refused when the decision is not one of the case's (or was withdrawn by a correction), is not
   * of a kind the appeal type is about, or is dated after the appeal's registration.
   */
  async registerAppeal(actor: Actor, caseId: string, input: RegisterInput, options: WriteOptions = {}): Promise<Written<AppealResult>> {
    const today = this.today();
    const problems: FieldProblem[] = [];
    const appealType = collect(problems, () => {
      if (!isAppealType(input.appealType)) throw new ValidationError([{ field: 'appealType', message: 'Select what the appeal is against' }]);
      return input.appealType;
    });
    const tribunalReference = collect(problems, () => text(input.tribunalReference, 'tribunalReference', 'the tribunal’s reference', true, 50));
    const registeredOn = collect(problems, () => pastDate(input.registeredOn, 'registeredOn', 'registration', today, true));
    const responseDueOn = collect(problems, () => anyDate(input.responseDueOn, 'responseDueOn', 'the day the response is due', true));
    const evidenceDueOn = collect(problems, () => anyDate(input.evidenceDueOn, 'evidenceDueOn', 'the day evidence is due', false));
    const hearingOn = collect(problems, () => anyDate(input.hearingOn, 'hearingOn', 'the hearing', false));
    const sections = collect(problems, () => sectionsOf(appealType, input.sections ?? []));
    if (!input.decisionEventId || !UUID.test(input.decisionEventId)) problems.push({ field: 'decisionEventId', message: 'Select the decision the appeal is against' });
    if (registeredOn && responseDueOn && responseDueOn < registeredOn) problems.push({ field: 'responseDueOn', message: 'The response cannot be due before the appeal was registered' });
    if (registeredOn && hearingOn && hearingOn < registeredOn) problems.push({ field: 'hearingOn', message: 'The hearing cannot be before the appeal was registered' });
    if (problems.length > 0) throw new ValidationError(problems);
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'appeal.register', target: caseId, input }, async () => {
      const found = await this.writableCase(actor, caseId);
      const decision = await repository.findEvent(this.db, actor.authorityId, caseId, input.decisionEventId!);
      if (!decision || decision.corrected) throw new ValidationError([{ field: 'decisionEventId', message: 'Select a decision recorded on this case' }]);
      const allowed: readonly string[] = APPEAL_TYPES[appealType!].decisions;
      if (!allowed.includes(decision.type)) {
        throw new ValidationError([{ field: 'decisionEventId', message: `An appeal about “${APPEAL_TYPES[appealType!].name.toLowerCase()}” is against ${allowed.map((type) => `“${eventTitle(type).toLowerCase()}”`).join(' or ')}: select that decision, or another kind of appeal` }]);
      }
      if (registeredOn! < decision.occurredOn) {
        throw new ValidationError([{ field: 'registeredOn', message: `The appeal cannot be registered before the decision it is against, made on ${decision.occurredOn}` }]);
      }
      return async (tx) => {
        const appealId = uuidv7();
        const now = this.clock.now();
        const eventId = await recordCaseEvent(tx, this.clock, actor, {
          caseId,
          type: 'appeal.registered',
          occurredOn: registeredOn!,
          payload: { appealId, decisionEventId: decision.id, deadlines: { 'appeal-response': { due: responseDueOn!, basis: `The response to appeal ${tribunalReference} by the date in the tribunal’s registration letter (HESC Rules 2008 r.21).` } } },
        });
        await repository.insertAppeal(
          tx,
          {
            id: appealId,
            authorityId: actor.authorityId,
            caseId,
            childId: found.childId,
            appealType: appealType!,
            decisionEventId: decision.id,
            decisionType: decision.type,
            decisionOn: decision.occurredOn,
            decisionBy: decision.actorId,
            tribunalReference: tribunalReference!,
            registeredOn: registeredOn!,
            responseDueOn: responseDueOn!,
            evidenceDueOn: evidenceDueOn ?? null,
            hearingOn: hearingOn ?? null,
            status: 'registered',
            registeredEventId: eventId,
            createdBy: actor.id,
            createdAt: now,
            updatedAt: now,
          },
          sections!.map((section) => ({ id: uuidv7(), authorityId: actor.authorityId, appealId, section })),
        );
        await recordAudit(tx, this.clock, actor, { action: 'appeal.registered', entityType: 'appeal', entityId: appealId, details: { caseId, appealType, decisionEventId: decision.id, sections, registeredOn, responseDueOn, hearingOn, eventId } });
        return { appealId, caseId, status: 'registered', eventId };
      };
    });
  }

  /** The tribunal's later dates: the evidence and the hearing, often set after the registration letter. */
  async updateDates(actor: Actor, appealId: string, input: DatesInput, options: WriteOptions = {}): Promise<Written<AppealResult>> {
    const evidenceDueOn = anyDate(input.evidenceDueOn, 'evidenceDueOn', 'the day evidence is due', false);
    const hearingOn = anyDate(input.hearingOn, 'hearingOn', 'the hearing', false);
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'appeal.dates', target: appealId, input }, async () => {
      const row = await this.writableAppeal(actor, appealId);
      if (hearingOn && hearingOn < row.registeredOn) throw new ValidationError([{ field: 'hearingOn', message: 'The hearing cannot be before the appeal was registered' }]);
      return async (tx) => {
        const locked = await this.lockedLive(tx, actor, appealId);
        await repository.updateAppeal(tx, actor.authorityId, appealId, { evidenceDueOn: evidenceDueOn ?? locked.evidenceDueOn, hearingOn: hearingOn ?? locked.hearingOn, updatedAt: this.clock.now() });
        await recordAudit(tx, this.clock, actor, { action: 'appeal.dates-changed', entityType: 'appeal', entityId: appealId, details: { caseId: row.caseId, evidenceDueOn, hearingOn } });
        return { appealId, caseId: row.caseId, status: locked.status, eventId: null };
      };
    });
  }

  /**
   * The council's decision to defend or to concede, with its reasons, by a team manager or service
   * lead (as the council's other decisions are); the response to the tribunal meets its date.
   * From the triage, a concession is a decision to settle early.
   */
  async decidePosition(actor: Actor, appealId: string, input: PositionInput, options: WriteOptions = {}): Promise<Written<AppealResult>> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!hasRole(actor, ...DECISION_ROLES)) throw new ValidationError([{ field: 'position', message: 'Only a team manager or service lead can decide to defend or concede an appeal: ask one of them to record it.' }]);
    const today = this.today();
    const problems: FieldProblem[] = [];
    const position = input.position === 'defend' || input.position === 'concede' ? input.position : undefined;
    if (!position) problems.push({ field: 'position', message: 'Select whether the council defends or concedes the appeal' });
    const decidedOn = collect(problems, () => pastDate(input.decidedOn, 'decidedOn', 'the decision', today));
    const reasons = collect(problems, () => text(input.reasons, 'reasons', 'the reasons for the decision', true));
    if (problems.length > 0) throw new ValidationError(problems);
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'appeal.position', target: appealId, input }, async () => {
      const row = await this.writableAppeal(actor, appealId);
      if (decidedOn! < row.registeredOn) throw new ValidationError([{ field: 'decidedOn', message: `The decision cannot be before the appeal was registered, on ${row.registeredOn}` }]);
      return async (tx) => {
        const locked = await this.lockedLive(tx, actor, appealId);
        if (locked.position === 'concede') throw new ValidationError([{ field: 'position', message: 'The council has already conceded this appeal' }]);
        const eventId = await recordCaseEvent(tx, this.clock, actor, { caseId: row.caseId, type: 'appeal.decided', occurredOn: decidedOn!, payload: { appealId, position } });
        const status = position === 'concede' ? 'conceded' : 'defending';
        await repository.updateAppeal(tx, actor.authorityId, appealId, { position, positionOn: decidedOn!, positionBy: actor.id, positionReasons: reasons!, settledEarly: position === 'concede' && input.settle === true, status, updatedAt: this.clock.now() });
        await recordAudit(tx, this.clock, actor, { action: position === 'concede' ? (input.settle ? 'appeal.settled' : 'appeal.conceded') : 'appeal.defended', entityType: 'appeal', entityId: appealId, details: { caseId: row.caseId, decidedOn, eventId } });
        return { appealId, caseId: row.caseId, status, eventId };
      };
    });
  }

  /**
   * How the appeal ended, for each section appealed, and the tribunal's order if it made one (its
   * Regs 44 clock starts). An outcome dated before the hearing is refused unless the family withdrew
   * or the council conceded.
   */
  async recordOutcome(actor: Actor, appealId: string, input: OutcomeInput, options: WriteOptions = {}): Promise<Written<AppealResult & { orderId: string | null }>> {
    requireRole(actor, ...CASEWORK_ROLES);
    const today = this.today();
    const outcomeOn = pastDate(input.outcomeOn, 'outcomeOn', 'the outcome', today, true);
    const orderKind = input.orderKind ? ((TRIBUNAL_ORDERS as readonly string[]).includes(input.orderKind) ? (input.orderKind as TribunalOrder) : undefined) : undefined;
    if (input.orderKind && !orderKind) throw new ValidationError([{ field: 'orderKind', message: 'Select the order the tribunal made' }]);
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'appeal.outcome', target: appealId, input }, async () => {
      const row = await this.writableAppeal(actor, appealId);
      const sections = await repository.listSections(this.db, actor.authorityId, appealId);
      const problems: FieldProblem[] = [];
      const outcomes = new Map<string, Outcome>();
      for (const section of sections) {
        const value = input.outcomes?.[section.id] ?? input.outcomes?.[section.section];
        if (value === undefined || !Object.hasOwn(OUTCOMES, value)) problems.push({ field: `outcome-${section.id}`, message: `Select the outcome for ${SECTION_NAMES[section.section as AppealedSection].toLowerCase()}` });
        else outcomes.set(section.id, value as Outcome);
      }
      if (problems.length > 0) throw new ValidationError(problems);
      if (outcomeOn < row.registeredOn) throw new ValidationError([{ field: 'outcomeOn', message: `The outcome cannot be before the appeal was registered, on ${row.registeredOn}` }]);
      const decided = [...outcomes.values()].filter((outcome) => !BEFORE_HEARING.includes(outcome));
      if (decided.length > 0 && (row.hearingOn === null || outcomeOn < row.hearingOn)) {
        throw new ValidationError([
          {
            field: 'outcomeOn',
            message: row.hearingOn === null ? 'Enter the hearing’s date first: only a withdrawal or a concession ends an appeal without a hearing' : `The tribunal decides at the hearing on ${row.hearingOn}: an outcome before it can only be a withdrawal or a concession`,
          },
        ]);
      }
      if (orderKind && ![...outcomes.values()].some((outcome) => outcome === 'upheld' || outcome === 'partly' || outcome === 'conceded') && orderKind !== 'cease') {
        throw new ValidationError([{ field: 'orderKind', message: 'The tribunal orders the council to act only when the appeal succeeds in whole or part, or is conceded' }]);
      }
      return async (tx) => {
        const locked = await this.lockedLive(tx, actor, appealId);
        for (const [sectionId, outcome] of outcomes) await repository.setSectionOutcome(tx, actor.authorityId, sectionId, outcome, outcomeOn);
        const eventId = await recordCaseEvent(tx, this.clock, actor, { caseId: row.caseId, type: 'appeal.concluded', occurredOn: outcomeOn, payload: { appealId, outcomes: Object.fromEntries(outcomes) } });
        let orderId: string | null = null;
        if (orderKind) {
          orderId = uuidv7();
          const completion = tribunalOrderCompletion(outcomeOn, orderKind);
          const madeEventId = await recordCaseEvent(tx, this.clock, actor, {
            caseId: row.caseId,
            type: 'appeal.order-made',
            occurredOn: outcomeOn,
            payload: { appealId, orderId, orderKind, deadlines: { 'appeal-order': { due: completion.due, basis: completion.basis } } },
          });
          await repository.insertOrder(tx, { id: orderId, authorityId: actor.authorityId, appealId, orderKind, madeOn: outcomeOn, dueOn: completion.due, basis: completion.basis, madeEventId, createdBy: actor.id, createdAt: this.clock.now() });
        }
        await repository.updateAppeal(tx, actor.authorityId, appealId, { status: 'concluded', concludedOn: outcomeOn, updatedAt: this.clock.now() });
        await recordAudit(tx, this.clock, actor, { action: 'appeal.concluded', entityType: 'appeal', entityId: appealId, details: { caseId: row.caseId, outcomeOn, outcomes: Object.fromEntries(outcomes), orderKind, orderId, eventId, before: locked.status } });
        return { appealId, caseId: row.caseId, status: 'concluded', eventId, orderId };
      };
    });
  }

  /** The tribunal's order carried out: the Regs 44 clock is met (late if after its day). */
  async recordOrderComplied(actor: Actor, orderId: string, input: CompliedInput, options: WriteOptions = {}): Promise<Written<AppealResult & { orderId: string }>> {
    requireRole(actor, ...CASEWORK_ROLES);
    const compliedOn = pastDate(input.compliedOn, 'compliedOn', 'carrying out the order', this.today());
    if (!UUID.test(orderId)) throw new NotFoundError('No such order');
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'appeal.order-complied', target: orderId, input }, async () => {
      const [order] = await this.db.transaction(async (tx) => [await repository.findOrder(tx, actor.authorityId, orderId)]);
      if (!order) throw new NotFoundError('No such order');
      const row = await this.writableAppeal(actor, order.appealId);
      if (compliedOn < order.madeOn) throw new ValidationError([{ field: 'compliedOn', message: `The order cannot be carried out before it was made, on ${order.madeOn}` }]);
      return async (tx) => {
        const locked = await repository.findOrder(tx, actor.authorityId, orderId);
        if (!locked || locked.compliedOn !== null) throw new ValidationError([{ field: 'compliedOn', message: 'This order is already recorded as carried out' }]);
        const eventId = await recordCaseEvent(tx, this.clock, actor, { caseId: row.caseId, type: 'appeal.order-complied', occurredOn: compliedOn, payload: { appealId: row.id, orderId } });
        await repository.completeOrder(tx, actor.authorityId, orderId, compliedOn, eventId);
        await recordAudit(tx, this.clock, actor, { action: 'appeal.order-complied', entityType: 'appeal', entityId: row.id, details: { caseId: row.caseId, orderId, compliedOn, dueOn: order.dueOn, late: compliedOn > order.dueOn, eventId } });
        return { appealId: row.id, caseId: row.caseId, status: row.status, eventId, orderId };
      };
    });
  }

  // --- Mediation -------------------------------------------------------------------------------

  /**
   * The family contacted a mediation adviser about a decision. When they want mediation the council
   * must arrange it within 30 days of hearing so (regs 36-38); otherwise the adviser issues the
   * certificate within 3 working days (reg. 34).
   */
  async startMediation(actor: Actor, caseId: string, input: MediationInput, options: WriteOptions = {}): Promise<Written<{ mediationId: string; caseId: string; eventId: string | null }>> {
    const today = this.today();
    const problems: FieldProblem[] = [];
    const about = collect(problems, () => text(input.about, 'about', 'what the mediation is about', true, 500));
    const contacted = collect(problems, () => pastDate(input.adviserContactedOn, 'adviserContactedOn', 'the contact with the mediation adviser', today, true));
    const wants = input.wantsMediation === 'yes' ? true : input.wantsMediation === 'no' ? false : undefined;
    if (wants === undefined) problems.push({ field: 'wantsMediation', message: 'Select whether the family want mediation' });
    const requestedOn = wants ? collect(problems, () => pastDate(input.requestedOn, 'requestedOn', 'the council hearing that the family want mediation', today, true)) : undefined;
    if (contacted && requestedOn && requestedOn < contacted) problems.push({ field: 'requestedOn', message: 'The council cannot hear the family want mediation before they contacted the adviser' });
    if (input.decisionEventId && !UUID.test(input.decisionEventId)) problems.push({ field: 'decisionEventId', message: 'Select a decision recorded on this case' });
    if (problems.length > 0) throw new ValidationError(problems);
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'mediation.start', target: caseId, input }, async () => {
      const found = await this.writableCase(actor, caseId);
      if (input.decisionEventId) {
        const decision = await repository.findEvent(this.db, actor.authorityId, caseId, input.decisionEventId);
        if (!decision || decision.corrected) throw new ValidationError([{ field: 'decisionEventId', message: 'Select a decision recorded on this case' }]);
        if (contacted! < decision.occurredOn) throw new ValidationError([{ field: 'adviserContactedOn', message: `The family cannot contact the adviser about a decision before it was made, on ${decision.occurredOn}` }]);
      }
      return async (tx) => {
        const mediationId = uuidv7();
        const now = this.clock.now();
        const eventId = wants ? await recordCaseEvent(tx, this.clock, actor, { caseId, type: 'mediation.requested', occurredOn: requestedOn!, payload: { mediationId } }) : null;
        await repository.insertMediation(tx, {
          id: mediationId,
          authorityId: actor.authorityId,
          caseId,
          childId: found.childId,
          decisionEventId: input.decisionEventId || null,
          about: about!,
          adviserContactedOn: contacted!,
          requestedOn: requestedOn ?? null,
          certificateDutyOn: wants ? null : contacted!,
          status: wants ? 'arranging' : 'advice',
          createdBy: actor.id,
          createdAt: now,
          updatedAt: now,
        });
        await recordAudit(tx, this.clock, actor, { action: 'mediation.started', entityType: 'mediation', entityId: mediationId, details: { caseId, wantsMediation: wants, requestedOn, eventId } });
        return { mediationId, caseId, eventId };
      };
    });
  }

  /** The mediation held and its outcome; the certificate follows within 3 working days (reg. 39). */
  async recordMediationHeld(actor: Actor, mediationId: string, input: MediationHeldInput, options: WriteOptions = {}): Promise<Written<{ mediationId: string; eventId: string }>> {
    const today = this.today();
    const problems: FieldProblem[] = [];
    const heldOn = collect(problems, () => pastDate(input.heldOn, 'heldOn', 'the mediation', today, true));
    const outcome = input.outcome === 'agreement' || input.outcome === 'no-agreement' ? input.outcome : undefined;
    if (!outcome) problems.push({ field: 'outcome', message: 'Select whether the mediation reached an agreement' });
    if (problems.length > 0) throw new ValidationError(problems);
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'mediation.held', target: mediationId, input }, async () => {
      const row = await this.writableMediation(actor, mediationId);
      if (row.status !== 'arranging') throw new ValidationError([{ field: 'heldOn', message: 'Only a mediation the family asked for, not yet held, can be recorded as held' }]);
      if (heldOn! < row.requestedOn!) throw new ValidationError([{ field: 'heldOn', message: `The mediation cannot be held before the family asked for it, on ${row.requestedOn}` }]);
      return async (tx) => {
        const locked = await repository.lockMediation(tx, actor.authorityId, mediationId);
        if (locked?.status !== 'arranging') throw new ValidationError([{ field: 'heldOn', message: 'The mediation is already recorded as held' }]);
        const eventId = await recordCaseEvent(tx, this.clock, actor, { caseId: row.caseId, type: 'mediation.held', occurredOn: heldOn!, payload: { mediationId, outcome } });
        await repository.updateMediation(tx, actor.authorityId, mediationId, { heldOn: heldOn!, outcome, status: 'held', certificateDutyOn: heldOn!, updatedAt: this.clock.now() });
        await recordAudit(tx, this.clock, actor, { action: 'mediation.held', entityType: 'mediation', entityId: mediationId, details: { caseId: row.caseId, heldOn, outcome, eventId } });
        return { mediationId, eventId };
      };
    });
  }

  /** The mediation certificate issued (the family may then appeal). */
  async recordCertificate(actor: Actor, mediationId: string, input: { certificateOn?: string }, options: WriteOptions = {}): Promise<Written<{ mediationId: string }>> {
    const certificateOn = pastDate(input.certificateOn, 'certificateOn', 'the certificate', this.today(), true);
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'mediation.certificate', target: mediationId, input }, async () => {
      const row = await this.writableMediation(actor, mediationId);
      if (row.certificateOn) throw new ValidationError([{ field: 'certificateOn', message: 'The certificate is already recorded' }]);
      if (row.status === 'arranging') throw new ValidationError([{ field: 'certificateOn', message: 'The certificate follows the mediation: record the mediation held first' }]);
      if (certificateOn < row.adviserContactedOn) throw new ValidationError([{ field: 'certificateOn', message: `The certificate cannot be issued before the family contacted the adviser, on ${row.adviserContactedOn}` }]);
      return async (tx) => {
        await repository.updateMediation(tx, actor.authorityId, mediationId, { certificateOn, status: row.status === 'advice' ? 'certificate' : row.status, updatedAt: this.clock.now() });
        await recordAudit(tx, this.clock, actor, { action: 'mediation.certificate', entityType: 'mediation', entityId: mediationId, details: { caseId: row.caseId, certificateOn } });
        return { mediationId };
      };
    });
  }

  /** An action the mediation agreement binds the council to, with its reg. 42 day. */
  async addAction(actor: Actor, mediationId: string, input: ActionInput, options: WriteOptions = {}): Promise<Written<{ mediationId: string; actionId: string }>> {
    const problems: FieldProblem[] = [];
    const description = collect(problems, () => text(input.description, 'description', 'what the council agreed to do', true, 1000));
    const kind = input.kind && Object.hasOwn(ACTION_KINDS, input.kind) ? (input.kind as keyof typeof ACTION_KINDS) : undefined;
    if (!kind) problems.push({ field: 'kind', message: 'Select what kind of action it is' });
    const orderKind = kind === 'appealable' ? ((TRIBUNAL_ORDERS as readonly string[]).includes(input.orderKind ?? '') ? (input.orderKind as TribunalOrder) : undefined) : undefined;
    if (kind === 'appealable' && !orderKind) problems.push({ field: 'orderKind', message: 'Select the tribunal order the action is treated as' });
    const agreedDueOn = kind === 'agreed' ? collect(problems, () => anyDate(input.agreedDueOn, 'agreedDueOn', 'the day agreed in writing', true)) : undefined;
    if (problems.length > 0) throw new ValidationError(problems);
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'mediation.action', target: mediationId, input }, async () => {
      const row = await this.writableMediation(actor, mediationId);
      if (row.outcome !== 'agreement' || !row.heldOn) throw new ValidationError([{ field: 'description', message: 'Only a mediation that reached an agreement has actions to track' }]);
      if (agreedDueOn && agreedDueOn < row.heldOn) throw new ValidationError([{ field: 'agreedDueOn', message: 'The day agreed cannot be before the agreement' }]);
      const action: AgreementAction = kind === 'appealable' ? { kind, order: orderKind! } : kind === 'agreed' ? { kind, due: agreedDueOn! } : { kind: 'other' };
      const deadline = mediationActionDeadline(row.heldOn as IsoDate, action);
      return async (tx) => {
        const actionId = uuidv7();
        await repository.insertAction(tx, { id: actionId, authorityId: actor.authorityId, mediationId, description: description!, kind: kind!, orderKind: orderKind ?? null, dueOn: deadline.due, basis: deadline.basis, createdBy: actor.id, createdAt: this.clock.now() });
        await recordAudit(tx, this.clock, actor, { action: 'mediation.action-agreed', entityType: 'mediation', entityId: mediationId, details: { caseId: row.caseId, actionId, kind, orderKind, dueOn: deadline.due } });
        return { mediationId, actionId };
      };
    });
  }

  async completeAction(actor: Actor, actionId: string, input: { doneOn?: string }, options: WriteOptions = {}): Promise<Written<{ mediationId: string; actionId: string }>> {
    const doneOn = pastDate(input.doneOn, 'doneOn', 'the action done', this.today());
    if (!UUID.test(actionId)) throw new NotFoundError('No such action');
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'mediation.action-done', target: actionId, input }, async () => {
      const [action] = await this.db.transaction(async (tx) => [await repository.findAction(tx, actor.authorityId, actionId)]);
      if (!action) throw new NotFoundError('No such action');
      const row = await this.writableMediation(actor, action.mediationId);
      if (doneOn < row.heldOn!) throw new ValidationError([{ field: 'doneOn', message: `The action cannot be done before the agreement, on ${row.heldOn}` }]);
      return async (tx) => {
        const locked = await repository.findAction(tx, actor.authorityId, actionId);
        if (!locked || locked.doneOn) throw new ValidationError([{ field: 'doneOn', message: 'This action is already recorded as done' }]);
        await repository.completeAction(tx, actor.authorityId, actionId, doneOn);
        await recordAudit(tx, this.clock, actor, { action: 'mediation.action-done', entityType: 'mediation', entityId: row.id, details: { caseId: row.caseId, actionId, doneOn, dueOn: action.dueOn, late: doneOn > action.dueOn } });
        return { mediationId: row.id, actionId };
      };
    });
  }

  // --- Access ----------------------------------------------------------------------------------

  private async readCase(actor: Actor, caseId: string, purpose: string): Promise<CaseOfAppeal> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!UUID.test(caseId)) throw new NotFoundError('No such case');
    const found = await repository.findCase(this.db, actor.authorityId, caseId);
    if (!found) throw new NotFoundError('No such case');
    await requireCaseAccess(this.db, this.clock, actor, caseId, purpose);
    await recordAccess(this.db, this.clock, actor, found.childId, purpose);
    return found;
  }

  private async writableCase(actor: Actor, caseId: string): Promise<CaseOfAppeal> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!UUID.test(caseId)) throw new NotFoundError('No such case');
    const found = await repository.findCase(this.db, actor.authorityId, caseId);
    if (!found) throw new NotFoundError('No such case');
    await requireCaseAccess(this.db, this.clock, actor, caseId, 'appeals');
    return found;
  }

  private async findAppeal(actor: Actor, appealId: string): Promise<AppealRow> {
    if (!UUID.test(appealId)) throw new NotFoundError('No such appeal');
    const row = await repository.findAppeal(this.db, actor.authorityId, appealId);
    if (!row) throw new NotFoundError('No such appeal');
    return row;
  }

  private async writableAppeal(actor: Actor, appealId: string): Promise<AppealRow> {
    requireRole(actor, ...CASEWORK_ROLES);
    const row = await this.findAppeal(actor, appealId);
    await this.writableCase(actor, row.caseId);
    return row;
  }

  /** The appeal as it stands in the transaction, held; refused once it has concluded. */
  private async lockedLive(tx: Executor, actor: Actor, appealId: string): Promise<AppealRow> {
    const row = await repository.lockAppeal(tx, actor.authorityId, appealId);
    if (!row) throw new NotFoundError('No such appeal');
    if (row.concludedOn !== null) throw new ValidationError([{ field: 'appeal', message: 'The appeal has concluded: nothing more can be recorded on it but its orders' }]);
    return row;
  }

  private async findMediation(actor: Actor, mediationId: string): Promise<MediationRow> {
    if (!UUID.test(mediationId)) throw new NotFoundError('No such mediation');
    const row = await repository.findMediation(this.db, actor.authorityId, mediationId);
    if (!row) throw new NotFoundError('No such mediation');
    return row;
  }

  private async writableMediation(actor: Actor, mediationId: string): Promise<MediationRow> {
    requireRole(actor, ...CASEWORK_ROLES);
    const row = await this.findMediation(actor, mediationId);
    await this.writableCase(actor, row.caseId);
    return row;
  }
}

function caseRef(found: CaseOfAppeal): CaseRef {
  return { id: found.id, childId: found.childId, childName: `${found.forename} ${found.surname}`, reference: found.reference };
}

function appealView(row: AppealRow, found: CaseOfAppeal, sections: AppealSectionRow[], orders: AppealOrderRow[], decisionBy: string): AppealView {
  const clocks: AppealView['clocks'] = [];
  // Once the appeal has ended without a response, the response is no longer owed: not shown as to do.
  if (row.positionOn !== null || row.concludedOn === null) {
    clocks.push({ title: 'The council’s response to the tribunal', due: row.responseDueOn, met: row.positionOn, basis: 'By the date in the tribunal’s registration letter (Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008 r.21).' });
  }
  if (row.evidenceDueOn && row.concludedOn === null) clocks.push({ title: 'Evidence to the tribunal', due: row.evidenceDueOn, met: null, basis: 'The date the tribunal set for the evidence.' });
  const orderViews = orders.map((order): OrderView => {
    const completion = tribunalOrderCompletion(order.madeOn as IsoDate, order.orderKind as TribunalOrder);
    clocks.push({ title: `Carry out the order: ${lowerFirst(ORDER_NAMES[order.orderKind as TribunalOrder])}`, due: order.dueOn, met: order.compliedOn, basis: order.basis });
    return { id: order.id, orderKind: order.orderKind as TribunalOrder, name: ORDER_NAMES[order.orderKind as TribunalOrder], madeOn: order.madeOn, dueOn: order.dueOn, basis: order.basis, compliedOn: order.compliedOn, limits: completion.limits };
  });
  return {
    id: row.id,
    case: caseRef(found),
    appealType: row.appealType as AppealType,
    typeName: APPEAL_TYPES[row.appealType as AppealType]?.name ?? row.appealType,
    decision: { eventId: row.decisionEventId, type: row.decisionType, title: eventTitle(row.decisionType), on: row.decisionOn, by: decisionBy },
    tribunalReference: row.tribunalReference,
    registeredOn: row.registeredOn,
    responseDueOn: row.responseDueOn,
    evidenceDueOn: row.evidenceDueOn,
    hearingOn: row.hearingOn,
    status: row.status,
    statusName: STATUS_NAMES[row.status] ?? row.status,
    position: row.position as 'defend' | 'concede' | null,
    positionOn: row.positionOn,
    positionBy: row.positionBy,
    positionReasons: row.positionReasons,
    settledEarly: row.settledEarly,
    concludedOn: row.concludedOn,
    sections: sections.map((section) => ({
      id: section.id,
      section: section.section as AppealedSection,
      name: SECTION_NAMES[section.section as AppealedSection] ?? section.section,
      outcome: section.outcome as Outcome | null,
      outcomeName: section.outcome ? OUTCOMES[section.outcome as Outcome] : null,
      outcomeOn: section.outcomeOn,
    })),
    orders: orderViews,
    clocks,
  };
}

function mediationView(row: MediationRow, found: CaseOfAppeal, actions: MediationActionRow[], decisionTitle: string | null, calendar: BankHolidayCalendar): MediationView {
  const clocks: MediationView['clocks'] = [];
  if (row.requestedOn) {
    const meeting = mediationMeetingDeadline(row.requestedOn as IsoDate);
    clocks.push({ title: meeting.title, due: meeting.due, met: row.heldOn, basis: meeting.basis });
  }
  if (row.certificateDutyOn) {
    const certificate = mediationCertificateDeadline(row.certificateDutyOn as IsoDate, calendar);
    clocks.push({ title: certificate.title, due: certificate.due, met: row.certificateOn, basis: certificate.basis });
  }
  for (const action of actions) clocks.push({ title: `Agreed: ${action.description}`, due: action.dueOn, met: action.doneOn, basis: action.basis });
  return {
    id: row.id,
    case: caseRef(found),
    about: row.about,
    decisionTitle,
    adviserContactedOn: row.adviserContactedOn,
    requestedOn: row.requestedOn,
    certificateDutyOn: row.certificateDutyOn,
    certificateOn: row.certificateOn,
    heldOn: row.heldOn,
    outcome: row.outcome as MediationView['outcome'],
    status: row.status,
    statusName: MEDIATION_STATUS_NAMES[row.status] ?? row.status,
    clocks,
    actions: actions.map((action) => ({ id: action.id, description: action.description, kind: action.kind, dueOn: action.dueOn, basis: action.basis, doneOn: action.doneOn })),
  };
}

function sectionsOf(appealType: AppealType | undefined, chosen: string[]): AppealedSection[] {
  if (appealType !== 'plan-content') return ['decision'];
  const sections = [...new Set(chosen)].filter((section): section is keyof typeof PLAN_SECTIONS_APPEALED => Object.hasOwn(PLAN_SECTIONS_APPEALED, section));
  if (sections.length === 0) throw new ValidationError([{ field: 'sections', message: 'Select the sections appealed: B, F, I, or no school named' }]);
  return sections;
}

const lowerFirst = (text: string) => `${text.charAt(0).toLowerCase()}${text.slice(1)}`;

function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

function anyDate(value: string | undefined, field: string, what: string, required: boolean): IsoDate | undefined {
  if (value === undefined || value === '') {
    if (required) throw new ValidationError([{ field, message: `Enter ${what}` }]);
    return undefined;
  }
  const parsed = parseIsoDate(value);
  if (!parsed) throw new ValidationError([{ field, message: `Enter ${what} as a real date` }]);
  return parsed;
}

function text(value: string | undefined, field: string, what: string, required: boolean, limit = TEXT_LIMIT): string | undefined {
  const trimmed = (value ?? '').trim();
  if (!trimmed) {
    if (required) throw new ValidationError([{ field, message: `Enter ${what}` }]);
    return undefined;
  }
  if (trimmed.length > limit) throw new ValidationError([{ field, message: `${what[0]!.toUpperCase()}${what.slice(1)} must be ${limit} characters or fewer` }]);
  return trimmed;
}

export type { RegisterRow };
