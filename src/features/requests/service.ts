import { createHash } from 'node:crypto';
import type { Database, Executor } from '../../db/database.ts';
import { parseIsoDate, type IsoDate } from '../../domain/calendar/index.ts';
import { requestDateProblems } from '../../domain/children/request-dates.ts';
import { searchNamesOf, surnameKeyOf } from '../../domain/children/search-keys.ts';
import { checkUpn } from '../../domain/children/upn.ts';
import { canonicalJson } from '../../lib/canonical-json.ts';
import type { Clock } from '../../lib/clock.ts';
import { ConflictError, NotFoundError, problemsOf, ValidationError, type FieldProblem } from '../../lib/errors.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { recordAudit } from '../audit/index.ts';
import { CASEWORK_ROLES, hasRole, requireRole, type Actor } from '../auth/index.ts';
import { findOpenCaseOfChild, openCase, recordCaseEvent } from '../cases/index.ts';
import { heldChildrenLike, requireChildAccess, type SameChildCheck } from '../children/index.ts';
import { findAuthorityCode } from '../reference/index.ts';
import * as requestsRepository from './repository.ts';
import { newChildSchema, newRequestSchema, type NewChild, type NewRequest } from './schemas.ts';

export interface RecordedRequest {
  caseId: string;
  childId: string;
  reference: string;
}

export class RequestsService {
  private readonly db: Database;
  private readonly clock: Clock;

  constructor(db: Database, clock: Clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * Records a request for an EHC needs assessment: the child (new or known), a new case with its
   * reference, the request, its event and the statutory deadlines it starts, in one transaction.
   */
  async recordRequest(actor: Actor, input: NewRequest): Promise<RecordedRequest> {
    const request = await this.checkedRequest(actor, input);
    const sameChild = await this.refuseHeldChild(actor, request);
    return this.db.transaction((tx) => this.writeRequest(tx, actor, request, sameChild));
  }

  /**
   * The children already held who may be the new child of this request (the same UPN, or the same
   * names and date of birth), as "Is this the same child?" shows them; none when the details given
   * are not a new child's valid details.
   */
  async sameChildAs(actor: Actor, input: NewRequest): Promise<SameChildCheck> {
    requireRole(actor, ...CASEWORK_ROLES);
    const child = newChildSchema.safeParse(input.child);
    if (!child.success) return { matches: [], hidden: [], upnHeld: false, upnHolderId: undefined, allIds: [] };
    return heldChildrenLike(this.db, this.clock, actor, child.data, { purpose: 'request' });
  }

  /**
   * For a new child: refuses a UPN another child holds, always, and a child with the same names and
   * date of birth as one held, unless the officer has confirmed this is a different child. Returns
   * what was found, for the audit.
   */
  private async refuseHeldChild(actor: Actor, request: CheckedRequest): Promise<SameChildCheck | undefined> {
    if (!request.child) return undefined;
    const check = await heldChildrenLike(this.db, this.clock, actor, request.child, { purpose: 'request' });
    if (check.upnHeld) throw new SameChildError(check);
    if (check.allIds.length > 0 && !request.confirmedNewChild) throw new SameChildError(check);
    return check.allIds.length > 0 ? check : undefined;
  }

  /** The request as the rules accept it, the known child's access checked; or a ValidationError. */
  private async checkedRequest(actor: Actor, input: NewRequest) {
    requireRole(actor, ...CASEWORK_ROLES);
    const parsed = newRequestSchema.safeParse(input);
    const problems: FieldProblem[] = parsed.success ? [] : problemsOf(parsed.error);
    const today = this.clock.today() as IsoDate;
    if (parsed.success) {
      const { receivedOn, childId, child, recordedLateReason } = parsed.data;
      if (!childId && !child) problems.push({ field: 'childId', message: 'Choose a child or enter a new child’s details' });
      if (child) problems.push(...checkChildFacts(child, today, 'child.'));
      const bornOn = child && child.dateOfBirth <= today ? (child.dateOfBirth as IsoDate) : undefined;
      problems.push(...requestDateFacts({ receivedOn: receivedOn as IsoDate, dateOfBirth: bornOn, today, recordedLateReason }, 'child.dateOfBirth'));
    } else if (typeof input.child?.upn === 'string' && input.child.upn.trim()) {
      // Say everything that is wrong at once, not the UPN only after the rest is put right.
      const upn = checkUpn(input.child.upn);
      if (!upn.valid) problems.push({ field: 'child.upn', message: upn.reason });
    }
    if (problems.length > 0 || !parsed.success) throw new ValidationError(problems);
    const request = parsed.data;
    const receivedOn = parseIsoDate(request.receivedOn)!;
    // A known child is reached through the same access rule as their record, before anything else
    // (an open case's conflict included) can say the child exists.
    if (request.childId) {
      await requireChildAccess(this.db, this.clock, actor, request.childId, 'new-request');
      const dateOfBirth = await requestsRepository.findChildBirthDate(this.db, actor.authorityId, request.childId);
      if (!dateOfBirth) throw new NotFoundError('No such child');
      const known = requestDateFacts({ receivedOn, dateOfBirth: dateOfBirth as IsoDate, today, recordedLateReason: request.recordedLateReason }, 'receivedOn');
      if (known.length > 0) throw new ValidationError(known);
    }
    return { ...request, receivedOn };
  }

  /** The child (new or known), the case, the request, its event and its deadlines, in the caller's transaction. */
  private async writeRequest(tx: Executor, actor: Actor, request: CheckedRequest, sameChild: SameChildCheck | undefined): Promise<RecordedRequest> {
    const receivedOn = request.receivedOn;
    const now = this.clock.now();
    let childId = request.childId;
    if (childId) {
      if (!(await requestsRepository.childExists(tx, actor.authorityId, childId))) throw new NotFoundError('No such child');
      if (await findOpenCaseOfChild(tx, actor.authorityId, childId)) {
        throw new ConflictError('This child already has an open EHC case. Record the request on that case instead.');
      }
    } else {
      const details = request.child!;
      if (details.schoolId && !(await requestsRepository.schoolExists(tx, details.schoolId))) {
        throw new ValidationError([{ field: 'child.schoolId', message: 'There is no school or setting with that id: choose one from the schools list' }]);
      }
      childId = uuidv7();
      const inserted = await requestsRepository.insertChild(tx, {
        id: childId,
        authorityId: actor.authorityId,
        forename: details.forename,
        surname: details.surname,
        preferredName: details.preferredName || null,
        dateOfBirth: details.dateOfBirth,
        sex: details.sex,
        upn: details.upn ? checkUpn(details.upn).valid ? details.upn.trim().toUpperCase() : null : null,
        postcode: details.postcode || null,
        schoolId: details.schoolId ?? null,
        searchNames: searchNamesOf(details),
        surnameKey: surnameKeyOf(details.surname),
        createdAt: now,
      });
      // Another officer gave the UPN to a child a moment ago: the unique index has the last word.
      if (!inserted) throw new SameChildError({ matches: [], hidden: [], upnHeld: true, upnHolderId: undefined, allIds: [] });
      await recordAudit(tx, this.clock, actor, {
        action: 'child.created',
        entityType: 'child',
        entityId: childId,
        // Made although children with the same names and date of birth are held: which, for the audit.
        ...(sameChild ? { details: { confirmedNewChild: true, possibleMatches: sameChild.allIds } } : {}),
      });
    }

    const officerHolds = hasRole(actor, 'case_officer') && actor.kind !== 'system';
    const laCode = (await findAuthorityCode(tx, actor.authorityId)) ?? '000';
    const { caseId, reference } = await openCase(tx, this.clock, actor, { childId, openedOn: receivedOn, laCode, officerId: officerHolds ? actor.id : null });
    const requestId = uuidv7();
    await requestsRepository.insertAssessmentRequest(tx, { id: requestId, authorityId: actor.authorityId, caseId, childId, receivedOn, source: request.source, createdAt: now });
    await recordCaseEvent(tx, this.clock, actor, {
      caseId,
      type: 'request.received',
      occurredOn: receivedOn,
      payload: { requestId, source: request.source },
      opensCase: true,
      ...(request.recordedLateReason ? { reason: request.recordedLateReason } : {}),
    });
    await recordAudit(tx, this.clock, actor, {
      action: 'request.recorded',
      entityType: 'ehc_case',
      entityId: caseId,
      details: { childId, requestId, source: request.source, ...(request.recordedLateReason ? { recordedLate: true } : {}) },
    });
    return { caseId, childId, reference };
  }

  /**
   * Idempotent creation for API clients: the same key and body answer as the first time; the same
   * key with another body is refused. Bodies are compared by what they mean: the same JSON with its
   * keys in another order is the same request. A key is its user's own, and is taken in the request's own
   * transaction, so concurrent retries wait for the first and then replay its answer.
   */
  async recordRequestIdempotently(actor: Actor, key: string, input: NewRequest): Promise<{ replayed: boolean; result: RecordedRequest }> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!/^[\x21-\x7e]{1,200}$/.test(key)) throw new ValidationError([{ field: 'Idempotency-Key', message: 'The Idempotency-Key must be 1 to 200 visible ASCII characters' }]);
    const requestHash = createHash('sha256').update(canonicalJson(input)).digest('hex');
    const request = await this.checkedRequest(actor, input);
    const owner = { authorityId: actor.authorityId, ownerId: actor.id, key };
    // A retry of a request already made is answered as the first time, before the child it made
    // could be taken for a child already held.
    const answered = await requestsRepository.findIdempotentResponse(this.db, owner.authorityId, owner.ownerId, key);
    let sameChild: SameChildCheck | undefined;
    if (!answered) {
      try {
        sameChild = await this.refuseHeldChild(actor, request);
      } catch (error) {
        // A retry running beside the first can find the child the first made a moment ago; the
        // first's answer was committed with that child, so it is there to replay.
        if (!(error instanceof SameChildError)) throw error;
        const previous = await requestsRepository.findIdempotentResponse(this.db, owner.authorityId, owner.ownerId, key);
        if (!previous) throw error;
        if (previous.requestHash !== requestHash) throw new IdempotencyMismatchError('This Idempotency-Key was used with a different request. Use a new key for a new request.');
        return { replayed: true, result: previous.responseBody as RecordedRequest };
      }
    }
    return this.db.transaction(async (tx) => {
      if (!(await requestsRepository.claimIdempotencyKey(tx, { ...owner, requestHash, createdAt: this.clock.now() }))) {
        const previous = await requestsRepository.findIdempotentResponse(tx, owner.authorityId, owner.ownerId, key);
        if (!previous || previous.requestHash !== requestHash) {
          throw new IdempotencyMismatchError('This Idempotency-Key was used with a different request. Use a new key for a new request.');
        }
        return { replayed: true, result: previous.responseBody as RecordedRequest };
      }
      const result = await this.writeRequest(tx, actor, request, sameChild);
      await requestsRepository.completeIdempotencyKey(tx, owner.authorityId, owner.ownerId, key, { status: 201, body: result });
      return { replayed: false, result };
    });
  }
}

type CheckedRequest = Awaited<ReturnType<RequestsService['checkedRequest']>>;

function checkChildFacts(child: NewChild, today: string, prefix: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (child.dateOfBirth > today) problems.push({ field: `${prefix}dateOfBirth`, message: 'The date of birth must be in the past' });
  if (child.upn) {
    const upn = checkUpn(child.upn);
    if (!upn.valid) problems.push({ field: `${prefix}upn`, message: upn.reason });
  }
  return problems;
}

/**
 * What is wrong with the date received, for the child's date of birth (when known and in the past)
 * and today; the age problem is said against `ageField`: the new child's date of birth, or, for a
 * known child, the date received.
 */
function requestDateFacts(
  dates: { receivedOn: IsoDate; dateOfBirth: IsoDate | undefined; today: IsoDate; recordedLateReason: string | undefined },
  ageField: string,
): FieldProblem[] {
  const { receivedOn, dateOfBirth, today, recordedLateReason } = dates;
  // Without a date of birth to judge by, only "in the future" and "late" can be said.
  const found = requestDateProblems({ receivedOn, dateOfBirth: dateOfBirth ?? receivedOn, today });
  return found.flatMap((problem): FieldProblem[] => {
    switch (problem) {
      case 'future':
        return [{ field: 'receivedOn', message: 'The date the request was received must be today or in the past' }];
      case 'before-birth':
        return [{ field: 'receivedOn', message: 'The request cannot have been received before the child was born: check the date received and the date of birth' }];
      case 'aged-25-or-over':
        return [
          {
            field: ageField,
            message:
              ageField === 'receivedOn'
                ? 'On the date the request was received the young person was 25 or older: an EHC needs assessment is for children and young people under 25. Check the date received'
                : 'On the date the request was received, this date of birth makes the young person 25 or older: an EHC needs assessment is for children and young people under 25. Check the date of birth',
          },
        ];
      case 'over-a-year-ago':
        return recordedLateReason ? [] : [{ field: 'recordedLateReason', message: 'The request was received more than a year ago: check the date received, or say why the request is being recorded late' }];
    }
  });
}

/**
 * A new child who may be a child already held: always for a UPN another child holds (a UPN is one
 * child's), and for the same names and date of birth until the officer confirms a different child.
 * Carries what the officer may see of the children found.
 */
export class SameChildError extends ConflictError {
  readonly check: SameChildCheck;

  constructor(check: SameChildCheck) {
    super(sameChildMessage(check));
    this.check = check;
  }
}

function sameChildMessage(check: SameChildCheck): string {
  if (check.upnHeld) {
    if (check.upnHolderId) return `A child with this UPN is already held (child ${check.upnHolderId}): a UPN belongs to one child. Record the request on that child’s record (send childId), or check the UPN.`;
    if (check.hidden.includes('upn')) return 'A child with this UPN is already held, on a record you cannot see: a UPN belongs to one child. Check the UPN, or ask a team manager.';
    return 'A child with this UPN is already held: a UPN belongs to one child. Find the child and record the request on their record, or check the UPN.';
  }
  const seen = check.matches.map((match) => match.id);
  const unseen = check.hidden.length > 0 ? ' Another possible match is on a record you cannot see: ask a team manager.' : '';
  return `A child with the same name and date of birth is already held${seen.length > 0 ? ` (${seen.map((id) => `child ${id}`).join(', ')})` : ''}.${unseen} Record the request on that child’s record (send childId), or, if this is a different child, send "confirmedNewChild": true.`;
}

export class IdempotencyMismatchError extends Error {
  override readonly name = 'IdempotencyMismatchError';
  readonly statusCode = 422;
}
