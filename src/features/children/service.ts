import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import type { IsoDate } from '../../domain/calendar/index.ts';
import { caseWeight, REVIEW_DEADLINE_IDS, weightRulesFrom } from '../../domain/caseload/index.ts';
import { fullName } from '../../domain/children/names.ts';
import { relationshipName } from '../../domain/children/relationships.ts';
import { searchNamesOf, surnameKeyOf } from '../../domain/children/search-keys.ts';
import { stageInfo } from '../../domain/children/stages.ts';
import { requestDateProblems } from '../../domain/children/request-dates.ts';
import { checkUpn } from '../../domain/children/upn.ts';
import { CHOICE_CHANNELS, isChoiceChannel } from '../../domain/children/young-person-choice.ts';
import { isYoungPerson } from '../../domain/children/young-person.ts';
import { CONTACT_KIND_NAMES, type ContactKind } from '../../domain/contacts/contacts.ts';
import { EXCEPTION_REASON_INFO, week20Outcome, type ExceptionReason } from '../../domain/clocks/index.ts';
import { deadlineStatus } from '../../domain/clocks/status.ts';
import { caseEvent, eventTitle, isDecisionEvent, sen2RequestFacts, stageOfHistory } from '../../domain/events/index.ts';
import { letterTypeName } from '../../domain/letters/letter-types.ts';
import { londonDateOf, type Clock } from '../../lib/clock.ts';
import { documentTypeName } from '../../lib/document-types.ts';
import { ConflictError, NotFoundError, problemsOf, ValidationError } from '../../lib/errors.ts';
import { accessEntry, recordAudit } from '../audit/index.ts';
import { CASEWORK_ROLES, requireRole, type Actor } from '../auth/index.ts';
import { isSendTeam, stateTag } from '../outbox/index.ts';
import { refuseIfRestricted, requireChildAccess } from './access.ts';
import * as childrenRepository from './repository.ts';
import type { ChildRecordEvent } from './repository.ts';
import { heldChildrenLike } from './same-child.ts';
import { childDetailsSchema, type ChildDetailsChange } from './schemas.ts';

// Built once: a zod schema costs more to make than to run, and ids are checked on every record view.
const UUID = z.uuid();

export class ChildrenService {
  private readonly db: Database;
  private readonly clock: Clock;

  constructor(db: Database, clock: Clock) {
    this.db = db;
    this.clock = clock;
  }

  /** A child's record. Every view is written to the access log. */
  async childRecord(actor: Actor, childId: string, view = 'record') {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!UUID.safeParse(childId).success) throw new NotFoundError('No such child');
    // Two reads: who the child is, with their cases; then, once the access check has passed, the
    // rest of the record in one statement that also writes the access log entry.
    const found = await childrenRepository.readChildWithCases(this.db, actor.authorityId, childId);
    if (!found) throw new NotFoundError('No such child');
    const openCase = found.cases.find((entry) => entry.closedOn === null);
    // Said as not found: a restricted record's existence is itself restricted.
    await refuseIfRestricted(this.db, this.clock, actor, childId, { sensitive: found.sensitive, openCaseOfficerId: openCase?.officerId ?? null }, view);
    const rest = await childrenRepository.readChildRecordRest(this.db, accessEntry(this.clock, actor, childId, view), {
      schoolId: found.schoolId,
      officerId: openCase?.officerId ?? null,
    });
    const { people, school, officer } = rest;
    const today = this.clock.today() as IsoDate;
    const stage = openCase ? stageInfo(openCase.stage) : undefined;
    const sendTeam = isSendTeam(actor);
    const open = casePartsOf(rest, openCase?.id, today, sendTeam);
    // Objects are written out field by field rather than spread (see worklist).
    return {
      disputes: rest.disputes,
      exceptions: open.exceptions,
      week20: open.week20,
      sen2: open.sen2,
      child: {
        id: found.id,
        forename: found.forename,
        surname: found.surname,
        preferredName: found.preferredName,
        formerNames: found.formerNames,
        dateOfBirth: found.dateOfBirth,
        sex: found.sex,
        ethnicity: found.ethnicity,
        postcode: found.postcode,
        upn: found.upn,
        upnUnknown: found.upnUnknown,
        uln: found.uln,
        schoolId: found.schoolId,
        sensitive: found.sensitive,
        version: found.version,
        name: fullName(found),
        youngPerson: isYoungPerson(found.dateOfBirth as IsoDate, today),
      },
      people: people.map((entry) => ({
        id: entry.id,
        version: entry.version,
        forename: entry.forename,
        surname: entry.surname,
        email: entry.email,
        phone: entry.phone,
        // A withheld address never leaves the service layer.
        address: entry.doNotDiscloseAddress ? undefined : entry.address,
        postcode: entry.doNotDiscloseAddress ? undefined : entry.postcode,
        doNotDiscloseAddress: entry.doNotDiscloseAddress,
        relationship: entry.relationship,
        relationshipName: relationshipName(entry.relationship),
        parentalResponsibility: entry.parentalResponsibility,
        mainContact: entry.mainContact,
      })),
      school: school ?? undefined,
      openCase: openCase
        ? {
            id: openCase.id,
            reference: openCase.reference,
            stage: openCase.stage,
            officerId: openCase.officerId,
            unallocatedSince: openCase.unallocatedSince,
            openedOn: openCase.openedOn,
            version: openCase.version,
            stageName: stage?.name ?? openCase.stage,
            nextAction: stage?.nextAction,
            // What the case weighs in its officer's caseload, and why.
            weight: caseWeight(
              {
                stage: openCase.stage,
                dateOfBirth: found.dateOfBirth as IsoDate,
                hasSchool: found.schoolId !== null,
                sensitive: found.sensitive,
                reviewOverdue: open.deadlines.some((deadline) => deadline.duty === 'authority' && deadline.status === 'overdue' && (REVIEW_DEADLINE_IDS as readonly string[]).includes(deadline.deadlineId)),
              },
              weightRulesFrom(rest.weightRules),
              today,
            ),
          }
        : undefined,
      officer: officer ?? undefined,
      events: open.events,
      history: open.history,
      deadlines: open.deadlines,
      documents: open.documents,
      letters: open.letters,
      /**
       * The views for section A the family sent through the portal, newest first, every sending
       * kept: read where the officer writes section A and prepares each review.
       */
      familyViews: rest.familyViews.map((entry) => ({
        id: entry.id,
        senderName: entry.senderName,
        byYoungPerson: entry.senderRelationship === 'young-person',
        sentOn: londonDateOf(new Date(entry.sentAt)),
        answers: [
          { label: 'What matters to them', words: entry.whatMatters },
          { label: 'What they are good at', words: entry.goodAt },
          { label: 'What they hope for', words: entry.hopes },
          { label: 'How they like to be helped', words: entry.support },
          { label: 'The parent’s or carer’s own views', words: entry.familyViews },
        ].filter((answer) => answer.words !== null),
      })),
      /** The young person's latest choice whether their family sees the case on the portal, and who recorded it. */
      youngPersonChoice: rest.youngPersonChoice
        ? {
            shareWithFamily: rest.youngPersonChoice.shareWithFamily,
            onPortal: rest.youngPersonChoice.onPortal,
            recorderName: rest.youngPersonChoice.recorderName,
            recordedOn: londonDateOf(new Date(rest.youngPersonChoice.recordedAt)),
            givenHow: isChoiceChannel(rest.youngPersonChoice.givenBy) ? CHOICE_CHANNELS[rest.youngPersonChoice.givenBy] : null,
            givenOn: rest.youngPersonChoice.givenOn,
          }
        : null,
      /** The contacts, complaints and information requests about the child, latest first, each with its clock. */
      contacts: rest.contacts.map((entry) => ({
        ...entry,
        kindName: CONTACT_KIND_NAMES[entry.kind as ContactKind] ?? entry.kind,
        clock: entry.status === 'open' && entry.dueOn ? { dueOn: entry.dueOn, ...deadlineStatus({ due: entry.dueOn as IsoDate, today }) } : undefined,
      })),
      /** The child's closed cases, newest first, each with its outcome, deadlines and history. */
      earlierCases: found.cases
        .filter((entry) => entry.closedOn !== null)
        .map((entry) => {
          const parts = casePartsOf(rest, entry.id, today, sendTeam);
          const closing = stageOfHistory(parts.events.map((event) => ({ type: event.type, occurredOn: event.occurredOn as IsoDate, corrected: parts.corrected.has(event.id) })));
          const outcome = parts.events.find((event) => !parts.corrected.has(event.id) && event.occurredOn === closing.closedOn && caseEvent(event.type)?.stage === 'closed');
          return {
            id: entry.id,
            reference: entry.reference,
            openedOn: entry.openedOn,
            closedOn: entry.closedOn!,
            outcome: outcome ? eventTitle(outcome.type) : 'Closed',
            deadlines: parts.deadlines,
            // On a closed case only what closed it can be corrected (which opens it again).
            history: parts.history.map((event) => ({ ...event, correctable: event.correctable && event.id === outcome?.id })),
            exceptions: parts.exceptions,
            documents: parts.documents,
            sen2: parts.sen2,
            letters: parts.letters,
          };
        }),
    };
  }

  /**
   * Changes a child's details (names, date of birth, sex, UPN, postcode, school); refused if someone
   * else saved since the form was opened. Each changed value is audited before and after.
   */
  async updateChildDetails(actor: Actor, childId: string, input: ChildDetailsChange): Promise<void> {
    requireRole(actor, ...CASEWORK_ROLES);
    const parsed = childDetailsSchema.safeParse(input);
    const problems = parsed.success ? [] : problemsOf(parsed.error);
    const today = this.clock.today() as IsoDate;
    if (parsed.success && parsed.data.upn) {
      const upn = checkUpn(parsed.data.upn);
      if (!upn.valid) problems.push({ field: 'upn', message: upn.reason });
    }
    if (parsed.success && parsed.data.upn && parsed.data.upnUnknown) {
      problems.push({ field: 'upnUnknown', message: 'A child with a UPN needs no reason it is not known: remove the UPN or the reason' });
    }
    if (parsed.success && parsed.data.dateOfBirth && parsed.data.dateOfBirth > today) problems.push({ field: 'dateOfBirth', message: 'The date of birth must be in the past' });
    if (problems.length > 0 || !parsed.success) throw new ValidationError(problems);
    const change = parsed.data;
    await requireChildAccess(this.db, this.clock, actor, childId, 'edit');
    const upn = change.upn ? change.upn.toUpperCase() : null;
    if (upn) {
      // A UPN is one child's: another child holding it is said before the save, which the
      // database's unique index would refuse anyway.
      const held = await heldChildrenLike(this.db, this.clock, actor, { forename: '', surname: '', dateOfBirth: '', upn }, { exceptChildId: childId, purpose: 'edit' });
      if (held.upnHeld) throw new ValidationError([{ field: 'upn', message: upnHeldMessage(held.matches.find((match) => match.id === held.upnHolderId)) }]);
    }
    await this.db.transaction(async (tx) => {
      const current = await childrenRepository.findChild(tx, actor.authorityId, childId);
      if (!current) throw new NotFoundError('No such child');
      const dateOfBirth = change.dateOfBirth ?? current.dateOfBirth;
      if (dateOfBirth !== current.dateOfBirth) {
        // The child's requests must still make sense: none received before the birth, nor once they were 25.
        for (const receivedOn of await childrenRepository.listRequestDates(tx, actor.authorityId, childId)) {
          const refused = requestDateProblems({ receivedOn: receivedOn as IsoDate, dateOfBirth: dateOfBirth as IsoDate, today }).find((problem) => problem === 'before-birth' || problem === 'aged-25-or-over');
          if (refused === 'before-birth') throw new ValidationError([{ field: 'dateOfBirth', message: `A request for this child was received on ${receivedOn}, before that date of birth: check the date of birth` }]);
          if (refused === 'aged-25-or-over') throw new ValidationError([{ field: 'dateOfBirth', message: `A request for this child was received on ${receivedOn}, when that date of birth would make them 25 or older: check the date of birth` }]);
        }
      }
      let schoolId = current.schoolId;
      if (change.schoolUrn !== undefined) {
        const school = change.schoolUrn ? await childrenRepository.findSchoolByUrn(tx, Number(change.schoolUrn)) : undefined;
        if (change.schoolUrn && !school) throw new ValidationError([{ field: 'schoolUrn', message: `There is no school or setting with URN ${change.schoolUrn}: check it on Get Information About Schools` }]);
        schoolId = school?.id ?? null;
      }
      const details = {
        forename: change.forename,
        surname: change.surname,
        preferredName: change.preferredName || null,
        dateOfBirth,
        sex: change.sex ?? current.sex,
        ethnicity: change.ethnicity === undefined ? current.ethnicity : change.ethnicity,
        upn,
        // A UPN given makes a reason it was not known moot (the database holds never both).
        upnUnknown: upn ? null : change.upnUnknown === undefined ? current.upnUnknown : change.upnUnknown,
        postcode: change.postcode ?? null,
        schoolId,
      };
      const saved = await childrenRepository.updateChild(tx, actor.authorityId, childId, change.version, {
        ...details,
        searchNames: searchNamesOf({ ...change, formerNames: current.formerNames }),
        surnameKey: surnameKeyOf(change.surname),
      });
      if (saved === 'upn-taken') throw new ValidationError([{ field: 'upn', message: upnHeldMessage(undefined) }]);
      if (saved === 'stale') {
        throw new ConflictError('Someone else changed this child’s details since you opened the page. Your changes were not saved: open the record again to see theirs.');
      }
      // Each changed detail with its value before and after, as saved: who changed a child's name
      // or address from what to what is what the audit is for (it is append-only and never shown
      // beyond administrators).
      const changed = (Object.keys(details) as (keyof typeof details)[]).filter((field) => (current[field] ?? null) !== details[field]);
      await recordAudit(tx, this.clock, actor, {
        action: 'child.updated',
        entityType: 'child',
        entityId: childId,
        details: { fields: changed, changes: Object.fromEntries(changed.map((field) => [field, { from: current[field] ?? null, to: details[field] }])) },
      });
    });
  }

  /**
   * Changes some of a child's details (the API's PATCH): what is not sent keeps its value, null
   * or '' clears an optional detail, and the result is held to the same rules as the edit page,
   * refused if someone else saved since `version` was read. Answers the details as saved.
   */
  async changeChildDetails(actor: Actor, childId: string, patch: ChildDetailsPatch): Promise<ChildDetails> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!UUID.safeParse(childId).success) throw new NotFoundError('No such child');
    const fields = CHANGEABLE_DETAILS.filter((field) => Object.hasOwn(patch, field));
    if (fields.length === 0) throw new ValidationError([{ field: '', message: `Send the details to change (${CHANGEABLE_DETAILS.join(', ')}) with the version you read` }]);
    await requireChildAccess(this.db, this.clock, actor, childId, 'edit');
    const current = await childrenRepository.findChild(this.db, actor.authorityId, childId);
    if (!current) throw new NotFoundError('No such child');
    const value = (field: (typeof CHANGEABLE_DETAILS)[number], was: string | null) => (Object.hasOwn(patch, field) ? (patch[field] ?? '') : (was ?? undefined));
    await this.updateChildDetails(actor, childId, {
      version: patch.version,
      forename: value('forename', current.forename) ?? '',
      surname: value('surname', current.surname) ?? '',
      preferredName: value('preferredName', current.preferredName),
      upn: value('upn', current.upn),
      postcode: value('postcode', current.postcode),
      ...(Object.hasOwn(patch, 'dateOfBirth') ? { dateOfBirth: patch.dateOfBirth ?? '' } : {}),
      ...(Object.hasOwn(patch, 'sex') ? { sex: patch.sex } : {}),
      // Not sent, these stay as they are (and a reason the UPN was unknown goes once a UPN is given).
      ...(Object.hasOwn(patch, 'ethnicity') ? { ethnicity: patch.ethnicity ?? '' } : {}),
      ...(Object.hasOwn(patch, 'upnUnknown') ? { upnUnknown: patch.upnUnknown ?? '' } : {}),
      ...(Object.hasOwn(patch, 'schoolUrn') ? { schoolUrn: patch.schoolUrn ?? '' } : {}),
    });
    const saved = (await childrenRepository.findChild(this.db, actor.authorityId, childId))!;
    return {
      id: saved.id,
      forename: saved.forename,
      surname: saved.surname,
      preferredName: saved.preferredName,
      dateOfBirth: saved.dateOfBirth,
      sex: saved.sex,
      ethnicity: saved.ethnicity,
      upn: saved.upn,
      upnUnknown: saved.upnUnknown,
      postcode: saved.postcode,
      version: saved.version,
    };
  }
}

/** The details a PATCH may change: every detail the edit page changes; people and cases have pages and endpoints of their own. */
const CHANGEABLE_DETAILS = ['forename', 'surname', 'preferredName', 'upn', 'upnUnknown', 'ethnicity', 'postcode', 'dateOfBirth', 'sex', 'schoolUrn'] as const;

/** Some of a child's details and the version of the record they were read from. */
export interface ChildDetailsPatch {
  version: number;
  forename?: string;
  surname?: string;
  preferredName?: string | null;
  upn?: string | null;
  /** SEN2 UPNunknown (UN1 to UN10); null or '' for none. */
  upnUnknown?: string | null;
  /** A DfE ethnicity code; null or '' for none recorded. */
  ethnicity?: string | null;
  postcode?: string | null;
  dateOfBirth?: string;
  sex?: 'M' | 'F' | 'U';
  /** The school or setting's URN; null or '' for none. */
  schoolUrn?: string | null;
}

/** A child's details as the API gives them. */
export interface ChildDetails {
  id: string;
  forename: string;
  surname: string;
  preferredName: string | null;
  dateOfBirth: string;
  sex: string;
  ethnicity: string | null;
  upn: string | null;
  upnUnknown: string | null;
  postcode: string | null;
  version: number;
}

/** Why a UPN cannot be given to a second child: whose it is, when the officer may see them. */
export function upnHeldMessage(holder: { name: string; dateOfBirth: string } | undefined): string {
  return holder
    ? `This UPN is already on the record of ${holder.name}, born ${holder.dateOfBirth}: a UPN belongs to one child. Check the UPN`
    : 'This UPN is already on another child’s record, which you cannot see: a UPN belongs to one child. Check the UPN, or ask a team manager';
}

export interface HistoryEntry {
  id: string;
  occurredOn: string;
  title: string;
  /** Withdrawn or re-dated by a later correction: shown struck through. */
  corrected: boolean;
  /** For a correction: what it corrected, how and why. */
  correction?: { title: string; occurredOn: string; change: 'withdraw' | 'redate'; newDate?: string; reason: string };
  /** A step or exception that a correction can still take. */
  correctable: boolean;
  /** A decision on the assessment: only a team manager or service lead corrects it. */
  decision: boolean;
  /** A request recorded more than a year after it was received: when it was recorded, and why. */
  recordedLate?: { recordedOn: string; reason: string };
}

/** A case's history as the record shows it: newest first, corrections beside what they corrected. */
export function caseHistoryEntries(events: readonly ChildRecordEvent[]): HistoryEntry[] {
  const corrected = new Set(events.map((event) => event.correctsEventId).filter(Boolean));
  return events.map((event) => {
    const payload = (event.payload ?? {}) as Record<string, unknown>;
    const entry: HistoryEntry = {
      id: event.id,
      occurredOn: event.occurredOn,
      title: eventTitle(event.type),
      corrected: corrected.has(event.id),
      correctable: !corrected.has(event.id) && Boolean(caseEvent(event.type)?.correctable),
      decision: isDecisionEvent(event.type),
    };
    if (event.type === 'request.received' && event.reason) entry.recordedLate = { recordedOn: londonDateOf(new Date(event.recordedAt)), reason: event.reason };
    if (event.type === 'step.corrected') {
      entry.correction = {
        title: eventTitle(String(payload.correctedType ?? '')),
        occurredOn: String(payload.correctedOn ?? ''),
        change: payload.change === 'redate' ? 'redate' : 'withdraw',
        ...(typeof payload.newDate === 'string' ? { newDate: payload.newDate } : {}),
        reason: String(payload.reason ?? ''),
      };
    }
    return entry;
  });
}

/** One case's part of the record: its events and history, deadlines with their status, exceptions and 20-week outcome. */
function casePartsOf(rest: childrenRepository.ChildRecordRest, caseId: string | undefined, today: IsoDate, sendTeam: boolean) {
  const events = rest.events.filter((event) => event.caseId === caseId);
  const exceptions = rest.exceptions.filter((entry) => entry.caseId === caseId);
  const corrected = new Set(events.map((event) => event.correctsEventId).filter(Boolean));
  const request = events.find((event) => event.type === 'request.received' && !corrected.has(event.id));
  const planIssued = events.find((event) => event.type === 'plan.issued' && !corrected.has(event.id));
  return {
    events,
    corrected,
    history: caseHistoryEntries(events),
    /** The SEN2 return's outcomes of the case's request, derived from its history (undefined without a case). */
    sen2: caseId ? sen2RequestFacts(events.map((event) => ({ type: event.type, occurredOn: event.occurredOn as IsoDate, corrected: corrected.has(event.id) }))) : undefined,
    /** The case's documents, newest first (their bytes are read through the documents feature). */
    documents: rest.documents
      .filter((entry) => entry.caseId === caseId)
      .map((entry) => ({
        id: entry.id,
        title: entry.title,
        filename: entry.filename,
        typeName: documentTypeName(entry.mediaType),
        sizeBytes: entry.sizeBytes,
        notScanned: entry.scanVerdict === 'not-scanned',
        sentBy: entry.sentBy ?? null,
        uploadedOn: londonDateOf(new Date(entry.uploadedAt)),
      })),
    /** The letters sent on the case, newest first (their words are read through the letters feature). */
    letters: rest.letters
      .filter((entry) => entry.caseId === caseId)
      .map((entry) => ({
        id: entry.id,
        subject: entry.subject,
        typeName: letterTypeName(entry.letterType),
        recipientName: entry.recipientName,
        channel: entry.channel,
        sentOn: londonDateOf(new Date(entry.createdAt)),
        status: stateTag(entry.state),
        pdfReady: entry.pdfReady && (!entry.addressWithheld || sendTeam),
        pdfWithheld: entry.pdfReady && entry.addressWithheld && !sendTeam,
      })),
    exceptions: exceptions.map((entry) => ({
      id: entry.id,
      reason: entry.reason,
      evidence: entry.evidence,
      startsOn: entry.startsOn,
      withdrawn: entry.withdrawn,
      reasonTitle: EXCEPTION_REASON_INFO[entry.reason as ExceptionReason]?.title ?? entry.reason,
    })),
    week20: request
      ? week20Outcome({
          requestReceived: request.occurredOn as IsoDate,
          finalIssued: planIssued?.occurredOn as IsoDate | undefined,
          exceptions: exceptions.filter((entry) => !entry.withdrawn).map((entry) => ({ reason: entry.reason as ExceptionReason })),
        })
      : undefined,
    deadlines: rest.deadlines
      .filter((deadline) => deadline.caseId === caseId)
      .map((deadline) => {
        const status = deadlineStatus({ due: deadline.dueOn as IsoDate, met: (deadline.metOn ?? undefined) as IsoDate | undefined, today });
        return {
          deadlineId: deadline.deadlineId,
          title: deadline.title,
          dueOn: deadline.dueOn,
          basis: deadline.basis,
          metOn: deadline.metOn,
          duty: deadline.duty,
          status: status.status,
          daysRemaining: status.daysRemaining,
          daysLate: status.daysLate,
        };
      }),
  };
}
