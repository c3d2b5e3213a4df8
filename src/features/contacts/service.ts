// The front door for contacts: enquiries, complaints, freedom of information and subject access
// requests, and MP and councillor enquiries, each with a reference, an owner and a clock from the
// council's policy (or statute, for FOI and subject access). A complaint goes from stage 1 to
// stage 2 to the Ombudsman, each stage answered with an outcome, and the remedies offered are
// tracked to done. Every change is audited in its own transaction; every view of a contact about
// a child is written to the access log, and a restricted child's contacts follow the child's rule.
import type { Database, Executor } from '../../db/database.ts';
import { addMonths, checkIsoDate, type BankHolidayCalendar, type IsoDate } from '../../domain/calendar/index.ts';
import { fullName } from '../../domain/children/names.ts';
import { deadlineStatus, type Deadline, type DeadlineStatusResult } from '../../domain/clocks/index.ts';
import {
  COMPLAINT_OUTCOMES,
  COMPLAINT_STAGE_NAMES,
  COMPLAINT_THEME_NAMES,
  COMPLAINT_THEMES,
  CONTACT_CHANNELS,
  CONTACT_KINDS,
  CONTACT_SOURCES,
  contactReference,
  contactResponseDeadline,
  DEFAULT_CONTACT_POLICY,
  MAX_POLICY_WORKING_DAYS,
  REMEDY_KINDS,
  stage2ResponseDeadline,
  type ComplaintOutcome,
  type ComplaintStage,
  type ComplaintTheme,
  type ContactKind,
  type ContactPolicy,
  type RemedyKind,
} from '../../domain/contacts/contacts.ts';
import type { Clock } from '../../lib/clock.ts';
import { collect, type FieldProblem, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { recordAccess, recordAudit, recordListAccess } from '../audit/index.ts';
import { CASEWORK_ROLES, MANAGER_ROLES, requireRole, type Actor } from '../auth/index.ts';
import { maySeeRestricted, requireChildAccess } from '../children/index.ts';
import { writeOnce, type Written } from '../requests/index.ts';
import * as repository from './repository.ts';
import type { ContactFilter, ContactRow, ListedContact, StageRow } from './repository.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CASE_REFERENCE = /^\d{3}-EHC-\d{4}-\d{5}$/i;
export const TEXT_LIMIT = 5000;
export const NAME_LIMIT = 200;
export const REGISTER_PAGE_SIZE = 50;
/** A payment offered as a remedy: whole pence, up to £100,000. */
const MAX_PAYMENT_PENCE = 10_000_000;

export interface NewContactInput {
  kind?: string;
  channel?: string;
  source?: string;
  /** The child's id, or the reference of one of their cases (999-EHC-2026-00123); empty for none. */
  childId?: string;
  caseReference?: string;
  ownerId?: string;
  fromName?: string;
  summary?: string;
  theme?: string;
  receivedOn?: string;
}
export interface RespondInput {
  respondedOn?: string;
  summary?: string;
  outcome?: string;
}
export interface EscalateInput {
  to?: string;
  receivedOn?: string;
  ombudsmanReference?: string;
}
export interface RemedyInput {
  kind?: string;
  description?: string;
  amount?: string;
  ownerId?: string;
  dueOn?: string;
}
export interface DoneInput {
  doneOn?: string;
}
export interface PolicyInput {
  enquiryWorkingDays?: string | number;
  memberEnquiryWorkingDays?: string | number;
  stage1WorkingDays?: string | number;
  stage2WorkingDays?: string | number;
}
interface WriteOptions {
  idempotencyKey?: string;
}

export interface ContactResult {
  contactId: string;
  reference: string;
  status: string;
  dueOn: string | null;
}

export interface ContactClock extends DeadlineStatusResult {
  dueOn: string;
}

export interface StageView {
  id: string;
  stage: ComplaintStage;
  receivedOn: string;
  dueOn: string | null;
  respondedOn: string | null;
  responseSummary: string | null;
  outcome: ComplaintOutcome | null;
  ombudsmanReference: string | null;
  clock: ContactClock | null;
}

export interface RemedyView {
  id: string;
  stage: ComplaintStage;
  kind: RemedyKind;
  description: string;
  amountPence: number | null;
  ownerId: string | null;
  ownerName: string | null;
  dueOn: string | null;
  doneOn: string | null;
  clock: ContactClock | null;
}

export interface ContactView {
  id: string;
  reference: string;
  kind: ContactKind;
  channel: string;
  source: string;
  child: { id: string; name: string } | null;
  ownerId: string;
  ownerName: string;
  fromName: string;
  summary: string;
  theme: string | null;
  receivedOn: string;
  status: 'open' | 'closed';
  stage: ComplaintStage | null;
  outcome: ComplaintOutcome | null;
  dueOn: string | null;
  respondedOn: string | null;
  responseSummary: string | null;
  closedOn: string | null;
  /** The response awaited now, with its status today; null when none is. */
  clock: ContactClock | null;
  /** How the first response was due, with its basis. */
  deadline: Deadline | null;
  stages: StageView[];
  remedies: RemedyView[];
  /** What can be done now. */
  can: { respond: boolean; escalateToStage2: boolean; referToOmbudsman: boolean; addRemedy: boolean; close: boolean };
}

export interface RegisterRow {
  id: string;
  reference: string;
  kind: ContactKind;
  source: string;
  status: string;
  stage: string | null;
  fromName: string;
  receivedOn: string;
  ownerId: string;
  ownerName: string;
  /** Null for a restricted child the reader may not see: the row is shown, the child is not. */
  child: { id: string; name: string } | null;
  childWithheld: boolean;
  clock: ContactClock | null;
}

export interface RegisterQuery {
  kind?: string;
  status?: string;
  owner?: string;
  overdue?: string;
  month?: string;
  theme?: string;
  outcome?: string;
  answered?: string;
  child?: string;
  page?: string | number;
}

export interface Register {
  rows: RegisterRow[];
  total: number;
  page: number;
  pages: number;
  /** The filter as understood (anything not understood is left out). */
  filter: { kind?: ContactKind; status?: 'open' | 'closed'; owner?: string; overdue?: boolean; month?: string; theme?: string; outcome?: string; answered?: 'any' | 'on-time' | 'late'; child?: string };
}

export interface ReportRow {
  month: string;
  kind: ContactKind;
  received: number;
  answered: number;
  answeredWithinDeadline: number;
}
export interface ContactsReport {
  year: number;
  months: string[];
  volumes: ReportRow[];
  outcomes: { month: string; outcome: ComplaintOutcome; total: number }[];
  themes: { month: string; theme: string; total: number }[];
}

export class ContactsService {
  private readonly db: Database;
  private readonly clock: Clock;
  private readonly calendar: () => Promise<BankHolidayCalendar>;

  constructor(db: Database, clock: Clock, dependencies: { calendar: () => Promise<BankHolidayCalendar> }) {
    this.db = db;
    this.clock = clock;
    this.calendar = dependencies.calendar;
  }

  today(): IsoDate {
    return this.clock.today() as IsoDate;
  }

  // --- The council's policy ----------------------------------------------------------------------

  async policy(actor: Actor): Promise<ContactPolicy & { saved: boolean }> {
    requireRole(actor, ...CASEWORK_ROLES);
    const row = await repository.findPolicy(this.db, actor.authorityId);
    if (!row) return { ...DEFAULT_CONTACT_POLICY, saved: false };
    return { enquiryWorkingDays: row.enquiryWorkingDays, memberEnquiryWorkingDays: row.memberEnquiryWorkingDays, stage1WorkingDays: row.stage1WorkingDays, stage2WorkingDays: row.stage2WorkingDays, saved: true };
  }

  /** Sets the council's response times (managers): contacts logged after it run on the new times. */
  async savePolicy(actor: Actor, input: PolicyInput): Promise<ContactPolicy> {
    requireRole(actor, ...MANAGER_ROLES);
    const problems: FieldProblem[] = [];
    const days = (name: keyof PolicyInput, what: string): number => {
      const raw = String(input[name] ?? '').trim();
      const value = /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
      if (!(value >= 1 && value <= MAX_POLICY_WORKING_DAYS)) problems.push({ field: name, message: `Enter ${what} as a whole number of working days from 1 to ${MAX_POLICY_WORKING_DAYS}` });
      return value;
    };
    const policy: ContactPolicy = {
      enquiryWorkingDays: days('enquiryWorkingDays', 'the time to answer an enquiry'),
      memberEnquiryWorkingDays: days('memberEnquiryWorkingDays', 'the time to answer an MP or councillor'),
      stage1WorkingDays: days('stage1WorkingDays', 'the time to answer a stage 1 complaint'),
      stage2WorkingDays: days('stage2WorkingDays', 'the time to answer a stage 2 complaint'),
    };
    if (problems.length > 0) throw new ValidationError(problems);
    await this.db.transaction(async (tx) => {
      await repository.savePolicy(tx, { authorityId: actor.authorityId, ...policy, updatedBy: actor.id, updatedAt: this.clock.now() });
      await recordAudit(tx, this.clock, actor, { action: 'contact.policy-set', entityType: 'authority', entityId: actor.authorityId, details: { ...policy } });
    });
    return policy;
  }

  /** The staff who can own a contact. */
  async owners(actor: Actor): Promise<{ id: string; name: string }[]> {
    requireRole(actor, ...CASEWORK_ROLES);
    return repository.listOwners(this.db, actor.authorityId);
  }

  /** The child a new contact is about, for its form (a view of the child's record, logged). */
  async childForNewContact(actor: Actor, childId: string): Promise<{ id: string; name: string }> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!UUID.test(childId)) throw new NotFoundError('No such child');
    await requireChildAccess(this.db, this.clock, actor, childId, 'contact-new');
    const found = await repository.findChild(this.db, actor.authorityId, childId);
    if (!found) throw new NotFoundError('No such child');
    await recordAccess(this.db, this.clock, actor, childId, 'contact-new');
    return { id: found.id, name: fullName(found) };
  }

  // --- Logging a contact -------------------------------------------------------------------------

  async logContact(actor: Actor, input: NewContactInput, options: WriteOptions = {}): Promise<Written<ContactResult>> {
    requireRole(actor, ...CASEWORK_ROLES);
    const today = this.today();
    const problems: FieldProblem[] = [];
    const kind = oneOf(problems, input.kind, CONTACT_KINDS, 'kind', 'Select what kind of contact it is');
    const channel = oneOf(problems, input.channel, CONTACT_CHANNELS, 'channel', 'Select how it came in');
    const source = oneOf(problems, input.source, CONTACT_SOURCES, 'source', 'Select who it is from');
    const fromName = collect(problems, () => text(input.fromName, 'fromName', 'the name of who it is from', true, NAME_LIMIT));
    const summary = collect(problems, () => text(input.summary, 'summary', 'what it is about', true));
    const receivedOn = collect(problems, () => pastDate(input.receivedOn, 'receivedOn', 'the day it was received', today, true));
    let theme: string | undefined;
    if (kind === 'complaint') theme = oneOf(problems, input.theme, COMPLAINT_THEMES, 'theme', 'Select what the complaint is about');
    else if (input.theme) theme = oneOf(problems, input.theme, COMPLAINT_THEMES, 'theme', 'Select a theme from the list');
    const ownerId = (input.ownerId ?? '').trim() || actor.id;
    if (!UUID.test(ownerId)) problems.push({ field: 'ownerId', message: 'Select who owns it' });
    const childKey = (input.childId ?? '').trim();
    const caseReference = (input.caseReference ?? '').trim();
    if (childKey && !UUID.test(childKey)) problems.push({ field: 'childId', message: 'No child of your council has this record: check it, or leave it empty for a contact about no one child' });
    if (caseReference && !CASE_REFERENCE.test(caseReference)) problems.push({ field: 'caseReference', message: 'Enter a case reference like 330-EHC-2026-00123, or leave it empty' });
    if (problems.length > 0) throw new ValidationError(problems);

    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'contact.log', target: actor.authorityId, input }, async () => {
      const childId = await this.childOfContact(actor, childKey, caseReference);
      const owner = await repository.findOwner(this.db, actor.authorityId, ownerId);
      if (!owner) throw new ValidationError([{ field: 'ownerId', message: 'Select who owns it from the council’s staff' }]);
      const policy = await this.policy(actor);
      const deadline = contactResponseDeadline(kind!, receivedOn!, policy, await this.calendar());
      return async (tx) => {
        const year = Number(today.slice(0, 4));
        const reference = contactReference(year, await repository.takeContactNumber(tx, actor.authorityId, year));
        const contactId = uuidv7();
        const now = this.clock.now();
        await repository.insertContact(tx, {
          id: contactId,
          authorityId: actor.authorityId,
          reference,
          kind: kind!,
          channel: channel!,
          source: source!,
          childId: childId ?? null,
          ownerId: owner.id,
          fromName: fromName!,
          summary: summary!,
          theme: theme ?? null,
          receivedOn: receivedOn!,
          status: 'open',
          stage: kind === 'complaint' ? 'stage-1' : null,
          dueOn: deadline.due,
          firstDueOn: deadline.due,
          createdBy: actor.id,
          createdAt: now,
          updatedAt: now,
        });
        if (kind === 'complaint') {
          await repository.insertStage(tx, { id: uuidv7(), authorityId: actor.authorityId, contactId, stage: 'stage-1', receivedOn: receivedOn!, dueOn: deadline.due, recordedBy: actor.id, recordedAt: now });
        }
        await recordAudit(tx, this.clock, actor, { action: 'contact.logged', entityType: 'contact', entityId: contactId, details: { reference, kind, channel, source, childId: childId ?? null, ownerId: owner.id, theme: theme ?? null, receivedOn, dueOn: deadline.due } });
        return { contactId, reference, status: 'open', dueOn: deadline.due };
      };
    });
  }

  /**
   * An enquiry or a complaint a parent, carer or young person sends through the family portal
   * about their child: received today by the portal, from the family, owned by the case's officer,
   * with its response deadline from the council's policy (a complaint at stage 1). The family
   * portal's service has checked the account's link to the child and the words.
   */
  async logFromFamily(actor: Actor, input: { kind: 'enquiry' | 'complaint'; childId: string; ownerId: string; fromName: string; summary: string }): Promise<ContactResult> {
    if (actor.kind !== 'portal') throw new NotFoundError('No such child');
    const today = this.today();
    const row = await repository.findPolicy(this.db, actor.authorityId);
    const policy = row
      ? { enquiryWorkingDays: row.enquiryWorkingDays, memberEnquiryWorkingDays: row.memberEnquiryWorkingDays, stage1WorkingDays: row.stage1WorkingDays, stage2WorkingDays: row.stage2WorkingDays }
      : DEFAULT_CONTACT_POLICY;
    const deadline = contactResponseDeadline(input.kind, today, policy, await this.calendar());
    return this.db.transaction(async (tx) => {
      const year = Number(today.slice(0, 4));
      const reference = contactReference(year, await repository.takeContactNumber(tx, actor.authorityId, year));
      const contactId = uuidv7();
      const now = this.clock.now();
      const theme = input.kind === 'complaint' ? 'other' : null;
      await repository.insertContact(tx, {
        id: contactId,
        authorityId: actor.authorityId,
        reference,
        kind: input.kind,
        channel: 'portal',
        source: 'family',
        childId: input.childId,
        ownerId: input.ownerId,
        fromName: input.fromName,
        summary: input.summary,
        theme,
        receivedOn: today,
        status: 'open',
        stage: input.kind === 'complaint' ? 'stage-1' : null,
        dueOn: deadline.due,
        firstDueOn: deadline.due,
        createdBy: `portal:${actor.id}`,
        createdAt: now,
        updatedAt: now,
      });
      if (input.kind === 'complaint') {
        await repository.insertStage(tx, { id: uuidv7(), authorityId: actor.authorityId, contactId, stage: 'stage-1', receivedOn: today, dueOn: deadline.due, recordedBy: `portal:${actor.id}`, recordedAt: now });
      }
      await recordAudit(tx, this.clock, actor, { action: 'contact.logged', entityType: 'contact', entityId: contactId, details: { reference, kind: input.kind, channel: 'portal', source: 'family', childId: input.childId, ownerId: input.ownerId, theme, receivedOn: today, dueOn: deadline.due } });
      return { contactId, reference, status: 'open', dueOn: deadline.due };
    });
  }

  /** The child a contact is about: one of the council's children the actor may reach, or none. */
  private async childOfContact(actor: Actor, childKey: string, caseReference: string): Promise<string | undefined> {
    let childId = childKey || undefined;
    if (!childId && caseReference) {
      childId = await repository.findChildIdByCaseReference(this.db, actor.authorityId, caseReference.toUpperCase());
      if (!childId) throw new ValidationError([{ field: 'caseReference', message: 'No case of your council has this reference: check it, or leave it empty' }]);
    }
    if (!childId) return undefined;
    const found = await repository.findChild(this.db, actor.authorityId, childId);
    // Another council's child, an unknown one and a restricted one the actor may not reach are one answer.
    if (!found || (found.sensitive && !maySeeRestricted(actor, found.openCaseOfficerId))) {
      throw new ValidationError([{ field: childKey ? 'childId' : 'caseReference', message: 'No child of your council has this record: check it, or leave it empty for a contact about no one child' }]);
    }
    return childId;
  }

  // --- Reading -----------------------------------------------------------------------------------

  async contact(actor: Actor, contactId: string, purpose = 'contact'): Promise<ContactView> {
    const row = await this.readable(actor, contactId, purpose);
    const stages = await repository.listStages(this.db, actor.authorityId, contactId);
    const remedies = await repository.listRemedies(this.db, actor.authorityId, contactId);
    const ownerName = await repository.staffName(this.db, actor.authorityId, row.ownerId);
    const childRow = row.childId ? await repository.findChild(this.db, actor.authorityId, row.childId) : undefined;
    const today = this.today();
    const policy = await this.policy(actor);
    const deadline = contactResponseDeadline(row.kind as ContactKind, row.receivedOn as IsoDate, policy, await this.calendar());
    const current = stages.at(-1);
    const awaiting = row.status === 'open' && (row.kind === 'complaint' ? current !== undefined && current.respondedOn === null : row.respondedOn === null);
    const openActions = remedies.some(({ remedy }) => remedy.kind === 'action' && remedy.doneOn === null);
    return {
      id: row.id,
      reference: row.reference,
      kind: row.kind as ContactKind,
      channel: row.channel,
      source: row.source,
      child: childRow ? { id: childRow.id, name: fullName(childRow) } : null,
      ownerId: row.ownerId,
      ownerName: ownerName ?? '',
      fromName: row.fromName,
      summary: row.summary,
      theme: row.theme,
      receivedOn: row.receivedOn,
      status: row.status as 'open' | 'closed',
      stage: row.stage as ComplaintStage | null,
      outcome: row.outcome as ComplaintOutcome | null,
      dueOn: row.dueOn,
      respondedOn: row.respondedOn,
      responseSummary: row.responseSummary,
      closedOn: row.closedOn,
      clock: clockOf(row.status === 'open' ? row.dueOn : null, today),
      // The first response's basis; a complaint's later stages show their own due dates.
      deadline: row.receivedOn ? { ...deadline, due: row.firstDueOn as IsoDate } : null,
      stages: stages.map((stage) => stageView(stage, today)),
      remedies: remedies.map(({ remedy, ownerName }) => ({
        id: remedy.id,
        stage: remedy.stage as ComplaintStage,
        kind: remedy.kind as RemedyKind,
        description: remedy.description,
        amountPence: remedy.amountPence,
        ownerId: remedy.ownerId,
        ownerName,
        dueOn: remedy.dueOn,
        doneOn: remedy.doneOn,
        clock: remedy.kind === 'action' && remedy.dueOn ? { dueOn: remedy.dueOn, ...deadlineStatus({ due: remedy.dueOn as IsoDate, met: (remedy.doneOn ?? undefined) as IsoDate | undefined, today }) } : null,
      })),
      can: {
        respond: awaiting,
        escalateToStage2: row.status === 'open' && row.stage === 'stage-1' && current?.respondedOn !== null && current !== undefined,
        referToOmbudsman: row.status === 'open' && row.stage === 'stage-2' && current?.respondedOn !== null && current !== undefined,
        addRemedy: row.kind === 'complaint' && row.status === 'open' && stages.some((stage) => stage.respondedOn !== null),
        close: row.kind === 'complaint' && row.status === 'open' && !awaiting && !openActions,
      },
    };
  }

  /** The contact, once the actor may reach its child; a view (not a change, which is audited) is written to the access log. */
  private async readable(actor: Actor, contactId: string, purpose: string, logged = true): Promise<ContactRow> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!UUID.test(contactId)) throw new NotFoundError('No such contact');
    const row = await repository.findContact(this.db, actor.authorityId, contactId);
    if (!row) throw new NotFoundError('No such contact');
    if (row.childId) {
      await requireChildAccess(this.db, this.clock, actor, row.childId, purpose);
      if (logged) await recordAccess(this.db, this.clock, actor, row.childId, purpose);
    }
    return row;
  }

  /** The register, filtered and paged; the children shown are written to the access log. */
  async register(actor: Actor, query: RegisterQuery): Promise<Register> {
    requireRole(actor, ...CASEWORK_ROLES);
    const today = this.today();
    const { filter, understood } = readFilter(query, actor, today);
    const page = Math.max(1, Math.min(10_000, Math.trunc(Number(query.page)) || 1));
    const { rows, total } = await repository.listContacts(this.db, actor.authorityId, filter, { limit: REGISTER_PAGE_SIZE, offset: (page - 1) * REGISTER_PAGE_SIZE });
    const shown = rows.map((row) => registerRow(row, actor, today));
    const childIds = [...new Set(shown.flatMap((row) => (row.child ? [row.child.id] : [])))];
    if (childIds.length > 0) await recordListAccess(this.db, this.clock, actor, 'contacts', childIds, JSON.stringify(understood));
    return { rows: shown, total, page, pages: Math.max(1, Math.ceil(total / REGISTER_PAGE_SIZE)), filter: understood };
  }

  /**
   * The open complaints about a child whose case is open, soonest due first, for the managers'
   * early-resolution triage beside the live appeals (at most 500).
   */
  async liveComplaints(actor: Actor): Promise<{ id: string; reference: string; stageName: string; themeName: string | null; dueOn: string | null; childId: string; childName: string; caseId: string; caseReference: string; ownerName: string | null }[]> {
    requireRole(actor, ...MANAGER_ROLES);
    const rows = await repository.listLiveComplaints(this.db, actor.authorityId, 500);
    return rows.map((row) => ({
      id: row.id,
      reference: row.reference,
      stageName: row.stage ? (COMPLAINT_STAGE_NAMES[row.stage as ComplaintStage] ?? row.stage) : 'Stage 1',
      themeName: row.theme ? (COMPLAINT_THEME_NAMES[row.theme as ComplaintTheme] ?? row.theme) : null,
      dueOn: row.dueOn,
      childId: row.childId!,
      childName: fullName(row),
      caseId: row.caseId,
      caseReference: row.caseReference,
      ownerName: row.ownerName,
    }));
  }

  /**
   * An officer's open contacts with their due dates, soonest first, for a worklist: only those
   * about no child, or a child the reader may reach.
   */
  async openContactsOwnedBy(actor: Actor, officerId: string): Promise<{ id: string; reference: string; kind: ContactKind; childId: string | null; childName: string | null; receivedOn: string; dueOn: string | null }[]> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!UUID.test(officerId)) return [];
    const rows = await repository.listOpenOwnedBy(this.db, actor.authorityId, officerId);
    return rows
      .filter((row) => !(row.childId && row.childSensitive && !maySeeRestricted(actor, row.childOfficerId)))
      .map((row) => ({ id: row.id, reference: row.reference, kind: row.kind as ContactKind, childId: row.childId, childName: row.forename !== null && row.surname !== null ? fullName({ forename: row.forename, surname: row.surname, preferredName: row.preferredName }) : null, receivedOn: row.receivedOn, dueOn: row.dueOn }));
  }

  // --- Answering, escalating, remedies, closing ---------------------------------------------------

  /**
   * The response to an enquiry or information request (which closes it), or to the complaint's
   * current stage with its outcome (which leaves it open, to be escalated or closed).
   */
  async respond(actor: Actor, contactId: string, input: RespondInput, options: WriteOptions = {}): Promise<Written<ContactResult>> {
    const today = this.today();
    const problems: FieldProblem[] = [];
    const respondedOn = collect(problems, () => pastDate(input.respondedOn, 'respondedOn', 'the response', today, true));
    const summary = collect(problems, () => text(input.summary, 'summary', 'what the response said', true));
    const outcomeRaw = (input.outcome ?? '').trim();
    if (outcomeRaw && !(COMPLAINT_OUTCOMES as readonly string[]).includes(outcomeRaw)) problems.push({ field: 'outcome', message: 'Select the outcome' });
    if (problems.length > 0) throw new ValidationError(problems);
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'contact.respond', target: contactId, input }, async () => {
      await this.readable(actor, contactId, 'contact-respond', false);
      return async (tx) => {
        const row = await this.locked(tx, actor, contactId);
        if (row.status === 'closed') throw new ValidationError([{ field: 'contact', message: 'This contact is closed: a response can no longer be recorded' }]);
        if (respondedOn! < row.receivedOn) throw new ValidationError([{ field: 'respondedOn', message: `The response cannot be dated before the contact was received, on ${row.receivedOn}` }]);
        const now = this.clock.now();
        if (row.kind !== 'complaint') {
          if (row.respondedOn) throw new ValidationError([{ field: 'contact', message: `The response was already recorded, on ${row.respondedOn}` }]);
          await repository.updateContact(tx, actor.authorityId, contactId, { respondedOn, responseSummary: summary, firstRespondedOn: respondedOn, status: 'closed', closedOn: respondedOn, dueOn: null, updatedAt: now });
          await recordAudit(tx, this.clock, actor, { action: 'contact.responded', entityType: 'contact', entityId: contactId, details: { reference: row.reference, respondedOn, late: respondedOn! > (row.dueOn ?? respondedOn!) } });
          return { contactId, reference: row.reference, status: 'closed', dueOn: null };
        }
        if (!outcomeRaw) throw new ValidationError([{ field: 'outcome', message: 'Select the outcome: upheld, partly upheld or not upheld' }]);
        const stages = await repository.listStages(tx, actor.authorityId, contactId);
        const current = stages.at(-1);
        if (!current || current.respondedOn) throw new ValidationError([{ field: 'contact', message: 'No stage of this complaint is waiting for a response: escalate it or close it' }]);
        if (respondedOn! < current.receivedOn) throw new ValidationError([{ field: 'respondedOn', message: `The response cannot be dated before this stage was received, on ${current.receivedOn}` }]);
        await repository.updateStage(tx, actor.authorityId, current.id, { respondedOn, responseSummary: summary, outcome: outcomeRaw });
        await repository.updateContact(tx, actor.authorityId, contactId, {
          respondedOn,
          responseSummary: summary,
          outcome: outcomeRaw,
          dueOn: null,
          ...(current.stage === 'stage-1' ? { firstRespondedOn: respondedOn } : {}),
          updatedAt: now,
        });
        await recordAudit(tx, this.clock, actor, { action: current.stage === 'ombudsman' ? 'contact.ombudsman-decision' : 'contact.stage-responded', entityType: 'contact', entityId: contactId, details: { reference: row.reference, stage: current.stage, respondedOn, outcome: outcomeRaw } });
        return { contactId, reference: row.reference, status: 'open', dueOn: null };
      };
    });
  }

  /** Stage 1 answered, to stage 2 (its own clock); stage 2 answered, to the Ombudsman (their reference). */
  async escalate(actor: Actor, contactId: string, input: EscalateInput, options: WriteOptions = {}): Promise<Written<ContactResult>> {
    const today = this.today();
    const problems: FieldProblem[] = [];
    const to = input.to === 'stage-2' || input.to === 'ombudsman' ? input.to : undefined;
    if (!to) problems.push({ field: 'to', message: 'Select stage 2 or the Ombudsman' });
    const receivedOn = collect(problems, () => pastDate(input.receivedOn, 'receivedOn', 'the day it was received', today, true));
    const ombudsmanReference = to === 'ombudsman' ? collect(problems, () => text(input.ombudsmanReference, 'ombudsmanReference', 'the Ombudsman’s reference', true, 50)) : undefined;
    if (problems.length > 0) throw new ValidationError(problems);
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'contact.escalate', target: contactId, input }, async () => {
      await this.readable(actor, contactId, 'contact-escalate', false);
      const policy = await this.policy(actor);
      const calendar = await this.calendar();
      return async (tx) => {
        const row = await this.locked(tx, actor, contactId);
        if (row.kind !== 'complaint') throw new ValidationError([{ field: 'to', message: 'Only a complaint can be escalated' }]);
        if (row.status === 'closed') throw new ValidationError([{ field: 'to', message: 'This complaint is closed: it can no longer be escalated' }]);
        const stages = await repository.listStages(tx, actor.authorityId, contactId);
        const current = stages.at(-1)!;
        const needed = to === 'stage-2' ? 'stage-1' : 'stage-2';
        if (current.stage !== needed) {
          throw new ValidationError([
            { field: 'to', message: to === 'stage-2' ? 'This complaint is already past stage 1' : 'A complaint goes to the Ombudsman after the council’s stage 2 response: escalate it to stage 2 first' },
          ]);
        }
        if (!current.respondedOn) {
          throw new ValidationError([{ field: 'to', message: to === 'stage-2' ? 'Record the stage 1 response before escalating to stage 2' : 'Record the stage 2 response before the Ombudsman’s referral' }]);
        }
        if (receivedOn! < current.respondedOn) throw new ValidationError([{ field: 'receivedOn', message: `It cannot be dated before the ${to === 'stage-2' ? 'stage 1' : 'stage 2'} response, on ${current.respondedOn}` }]);
        const dueOn = to === 'stage-2' ? stage2ResponseDeadline(receivedOn!, policy, calendar).due : null;
        const now = this.clock.now();
        await repository.insertStage(tx, { id: uuidv7(), authorityId: actor.authorityId, contactId, stage: to!, receivedOn: receivedOn!, dueOn, ombudsmanReference: ombudsmanReference ?? null, recordedBy: actor.id, recordedAt: now });
        await repository.updateContact(tx, actor.authorityId, contactId, { stage: to!, dueOn, respondedOn: null, responseSummary: null, updatedAt: now });
        await recordAudit(tx, this.clock, actor, { action: to === 'stage-2' ? 'contact.escalated' : 'contact.ombudsman-referral', entityType: 'contact', entityId: contactId, details: { reference: row.reference, to, receivedOn, dueOn, ombudsmanReference: ombudsmanReference ?? null } });
        return { contactId, reference: row.reference, status: 'open', dueOn };
      };
    });
  }

  /** An apology, a payment (with its amount) or an action (with its owner and due date) to put it right. */
  async addRemedy(actor: Actor, contactId: string, input: RemedyInput, options: WriteOptions = {}): Promise<Written<{ remedyId: string; contactId: string }>> {
    const today = this.today();
    const problems: FieldProblem[] = [];
    const kind = oneOf(problems, input.kind, REMEDY_KINDS, 'kind', 'Select an apology, a payment or an action');
    const description = collect(problems, () => text(input.description, 'description', 'what is offered', true));
    let amountPence: number | null = null;
    let ownerId: string | null = null;
    let dueOn: string | null = null;
    if (kind === 'payment') {
      const raw = (input.amount ?? '').trim().replace(/^£/, '').replace(/,/g, '');
      const pounds = /^\d{1,6}(\.\d{1,2})?$/.test(raw) ? Number(raw) : NaN;
      amountPence = Math.round(pounds * 100);
      if (!(amountPence > 0 && amountPence <= MAX_PAYMENT_PENCE)) problems.push({ field: 'amount', message: 'Enter the amount in pounds, like 250 or 250.00' });
    }
    if (kind === 'action') {
      ownerId = (input.ownerId ?? '').trim() || null;
      if (!ownerId || !UUID.test(ownerId)) problems.push({ field: 'ownerId', message: 'Select who will do it' });
      dueOn = collect(problems, () => anyDate(input.dueOn, 'dueOn', 'the day it is due')) ?? null;
      if (dueOn && dueOn < today) problems.push({ field: 'dueOn', message: 'The day it is due cannot be in the past' });
    }
    if (problems.length > 0) throw new ValidationError(problems);
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'contact.remedy', target: contactId, input }, async () => {
      await this.readable(actor, contactId, 'contact-remedy', false);
      if (ownerId && !(await repository.findOwner(this.db, actor.authorityId, ownerId))) throw new ValidationError([{ field: 'ownerId', message: 'Select who will do it from the council’s staff' }]);
      return async (tx) => {
        const row = await this.locked(tx, actor, contactId);
        if (row.kind !== 'complaint') throw new ValidationError([{ field: 'kind', message: 'Remedies are recorded on complaints' }]);
        if (row.status === 'closed') throw new ValidationError([{ field: 'kind', message: 'This complaint is closed: a remedy can no longer be added' }]);
        const stages = await repository.listStages(tx, actor.authorityId, contactId);
        const answered = stages.filter((stage) => stage.respondedOn !== null).at(-1);
        if (!answered) throw new ValidationError([{ field: 'kind', message: 'Record the response to the complaint before the remedy it offers' }]);
        const remedyId = uuidv7();
        await repository.insertRemedy(tx, { id: remedyId, authorityId: actor.authorityId, contactId, stage: answered.stage, kind: kind!, description: description!, amountPence, ownerId, dueOn, recordedBy: actor.id, recordedAt: this.clock.now() });
        await repository.updateContact(tx, actor.authorityId, contactId, { updatedAt: this.clock.now() });
        await recordAudit(tx, this.clock, actor, { action: 'contact.remedy-added', entityType: 'contact', entityId: contactId, details: { reference: row.reference, remedyId, kind, amountPence, ownerId, dueOn } });
        return { remedyId, contactId };
      };
    });
  }

  async remedyDone(actor: Actor, contactId: string, remedyId: string, input: DoneInput, options: WriteOptions = {}): Promise<Written<{ remedyId: string; contactId: string }>> {
    const today = this.today();
    const doneOn = pastDate(input.doneOn, 'doneOn', 'the day it was done', today, true);
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'contact.remedy-done', target: `${contactId}/${remedyId}`, input }, async () => {
      await this.readable(actor, contactId, 'contact-remedy', false);
      if (!UUID.test(remedyId)) throw new NotFoundError('No such remedy');
      return async (tx) => {
        const row = await this.locked(tx, actor, contactId);
        const remedy = await repository.findRemedy(tx, actor.authorityId, contactId, remedyId);
        if (!remedy) throw new NotFoundError('No such remedy');
        if (remedy.kind !== 'action') throw new ValidationError([{ field: 'doneOn', message: 'Only an action is tracked to done' }]);
        if (remedy.doneOn) throw new ValidationError([{ field: 'doneOn', message: `This action was already done, on ${remedy.doneOn}` }]);
        if (doneOn < row.receivedOn) throw new ValidationError([{ field: 'doneOn', message: `It cannot be dated before the complaint was received, on ${row.receivedOn}` }]);
        await repository.markRemedyDone(tx, actor.authorityId, remedyId, doneOn);
        await recordAudit(tx, this.clock, actor, { action: 'contact.action-done', entityType: 'contact', entityId: contactId, details: { reference: row.reference, remedyId, doneOn } });
        return { remedyId, contactId };
      };
    });
  }

  /** Closes a complaint once no stage awaits a response and every action is done. */
  async close(actor: Actor, contactId: string, input: { closedOn?: string }, options: WriteOptions = {}): Promise<Written<ContactResult>> {
    const closedOn = pastDate(input.closedOn, 'closedOn', 'the day it was closed', this.today(), true);
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'contact.close', target: contactId, input }, async () => {
      await this.readable(actor, contactId, 'contact-close', false);
      return async (tx) => {
        const row = await this.locked(tx, actor, contactId);
        if (row.kind !== 'complaint') throw new ValidationError([{ field: 'closedOn', message: 'An enquiry or request closes when its response is recorded' }]);
        if (row.status === 'closed') throw new ValidationError([{ field: 'closedOn', message: `This complaint was already closed, on ${row.closedOn}` }]);
        const stages = await repository.listStages(tx, actor.authorityId, contactId);
        if (stages.at(-1)?.respondedOn === null) throw new ValidationError([{ field: 'closedOn', message: 'Record the response to the current stage before closing the complaint' }]);
        const remedies = await repository.listRemedies(tx, actor.authorityId, contactId);
        if (remedies.some(({ remedy }) => remedy.kind === 'action' && remedy.doneOn === null)) throw new ValidationError([{ field: 'closedOn', message: 'Every action offered must be done before the complaint is closed' }]);
        const last = stages.at(-1)!;
        if (closedOn < last.respondedOn!) throw new ValidationError([{ field: 'closedOn', message: `It cannot be closed before the last response, on ${last.respondedOn}` }]);
        await repository.updateContact(tx, actor.authorityId, contactId, { status: 'closed', closedOn, dueOn: null, updatedAt: this.clock.now() });
        await recordAudit(tx, this.clock, actor, { action: 'contact.closed', entityType: 'contact', entityId: contactId, details: { reference: row.reference, closedOn, stage: row.stage, outcome: row.outcome } });
        return { contactId, reference: row.reference, status: 'closed', dueOn: null };
      };
    });
  }

  private async locked(tx: Executor, actor: Actor, contactId: string): Promise<ContactRow> {
    const row = await repository.lockContact(tx, actor.authorityId, contactId);
    if (!row) throw new NotFoundError('No such contact');
    return row;
  }

  // --- Reporting --------------------------------------------------------------------------------

  /** A year's contacts by month received: volumes, responses within policy, complaints' outcomes and themes (managers). */
  async report(actor: Actor, year?: number | string): Promise<ContactsReport> {
    requireRole(actor, ...MANAGER_ROLES, 'board_member');
    const thisYear = Number(this.today().slice(0, 4));
    const chosen = Number(year);
    const reportYear = Number.isInteger(chosen) && chosen >= 2000 && chosen <= thisYear ? chosen : thisYear;
    const counts = await repository.reportCounts(this.db, actor.authorityId, `${reportYear}-01-01`, `${reportYear + 1}-01-01`);
    const months = Array.from({ length: 12 }, (_, index) => `${reportYear}-${String(index + 1).padStart(2, '0')}`);
    const volumes: ReportRow[] = [];
    for (const month of months) {
      for (const kind of CONTACT_KINDS) {
        const found = counts.volumes.find((row) => row.month === month && row.kind === kind);
        volumes.push({ month, kind, received: found?.received ?? 0, answered: found?.answered ?? 0, answeredWithinDeadline: found?.onTime ?? 0 });
      }
    }
    return {
      year: reportYear,
      months,
      volumes,
      outcomes: counts.outcomes.map((row) => ({ month: row.month, outcome: row.outcome as ComplaintOutcome, total: row.total })),
      themes: counts.themes,
    };
  }
}

function registerRow(row: ListedContact, actor: Actor, today: IsoDate): RegisterRow {
  const withheld = row.childId !== null && row.childSensitive === true && !maySeeRestricted(actor, row.childOfficerId);
  return {
    id: row.id,
    reference: row.reference,
    kind: row.kind as ContactKind,
    source: row.source,
    status: row.status,
    stage: row.stage,
    fromName: withheld ? '' : row.fromName,
    receivedOn: row.receivedOn,
    ownerId: row.ownerId,
    ownerName: row.ownerName ?? '',
    child: row.childId && !withheld ? { id: row.childId, name: fullName({ forename: row.childForename ?? '', surname: row.childSurname ?? '' }) } : null,
    childWithheld: withheld,
    clock: clockOf(row.status === 'open' ? row.dueOn : null, today),
  };
}

function readFilter(query: RegisterQuery, actor: Actor, today: IsoDate): { filter: ContactFilter; understood: Register['filter'] } {
  const filter: ContactFilter = {};
  const understood: Register['filter'] = {};
  const value = (raw: unknown) => (typeof raw === 'string' ? raw.trim() : '');
  const kind = value(query.kind);
  if ((CONTACT_KINDS as readonly string[]).includes(kind)) filter.kind = understood.kind = kind as ContactKind;
  const status = value(query.status);
  if (status === 'open' || status === 'closed') filter.status = understood.status = status;
  const owner = value(query.owner);
  if (owner === 'mine') {
    filter.ownerId = actor.id;
    understood.owner = 'mine';
  } else if (UUID.test(owner)) filter.ownerId = understood.owner = owner;
  if (value(query.overdue) === 'yes') {
    filter.overdueOn = today;
    understood.overdue = true;
  }
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value(query.month));
  if (month) {
    filter.receivedFrom = `${month[1]}-${month[2]}-01`;
    filter.receivedBefore = addMonths(filter.receivedFrom as IsoDate, 1);
    understood.month = month[0];
  }
  const theme = value(query.theme);
  if ((COMPLAINT_THEMES as readonly string[]).includes(theme)) filter.theme = understood.theme = theme;
  const outcome = value(query.outcome);
  if ((COMPLAINT_OUTCOMES as readonly string[]).includes(outcome)) filter.outcome = understood.outcome = outcome;
  const answered = value(query.answered);
  if (answered === 'any' || answered === 'on-time' || answered === 'late') filter.answered = understood.answered = answered;
  const childId = value(query.child);
  if (UUID.test(childId)) filter.childId = understood.child = childId;
  return { filter, understood };
}

function clockOf(dueOn: string | null, today: IsoDate): ContactClock | null {
  if (!dueOn) return null;
  return { dueOn, ...deadlineStatus({ due: dueOn as IsoDate, today }) };
}

function stageView(stage: StageRow, today: IsoDate): StageView {
  return {
    id: stage.id,
    stage: stage.stage as ComplaintStage,
    receivedOn: stage.receivedOn,
    dueOn: stage.dueOn,
    respondedOn: stage.respondedOn,
    responseSummary: stage.responseSummary,
    outcome: stage.outcome as ComplaintOutcome | null,
    ombudsmanReference: stage.ombudsmanReference,
    clock: stage.dueOn ? { dueOn: stage.dueOn, ...deadlineStatus({ due: stage.dueOn as IsoDate, met: (stage.respondedOn ?? undefined) as IsoDate | undefined, today }) } : null,
  };
}

function oneOf<T extends string>(problems: FieldProblem[], value: string | undefined, allowed: readonly T[], field: string, message: string): T | undefined {
  const trimmed = (value ?? '').trim();
  if ((allowed as readonly string[]).includes(trimmed)) return trimmed as T;
  problems.push({ field, message });
  return undefined;
}

function anyDate(value: string | undefined, field: string, what: string): IsoDate | undefined {
  const raw = (value ?? '').trim();
  if (!raw) throw new ValidationError([{ field, message: `Enter ${what}` }]);
  const checked = checkIsoDate(raw);
  if (!checked.ok) throw new ValidationError([{ field, message: `Enter ${what} as a real date` }]);
  return checked.date;
}

function pastDate(value: string | undefined, field: string, what: string, today: IsoDate, required: boolean): IsoDate {
  const raw = (value ?? '').trim();
  if (!raw && !required) return today;
  const date = anyDate(raw, field, what)!;
  if (date > today) throw new ValidationError([{ field, message: `The date of ${what.replace(/^the /, '')} cannot be in the future` }]);
  if (date < '2000-01-01') throw new ValidationError([{ field, message: `Enter ${what} as a date from 2000 on` }]);
  return date;
}

function text(value: string | undefined, field: string, what: string, required: boolean, limit = TEXT_LIMIT): string | undefined {
  const trimmed = (value ?? '').trim();
  if (!trimmed) {
    if (required) throw new ValidationError([{ field, message: `Enter ${what}` }]);
    return undefined;
  }
  if (trimmed.length > limit) throw new ValidationError([{ field, message: `${what.charAt(0).toUpperCase()}${what.slice(1)} must be ${limit} characters or fewer` }]);
  return trimmed;
}

