import { createHash } from 'node:crypto';
import type { Database, Executor } from '../../db/database.ts';
import { parseIsoDate } from '../../domain/calendar/index.ts';
import { searchNamesOf, surnameKeyOf } from '../../domain/children/search-keys.ts';
import { checkUpn } from '../../domain/children/upn.ts';
import { canonicalJson } from '../../lib/canonical-json.ts';
import type { Clock } from '../../lib/clock.ts';
import { ConflictError, NotFoundError, problemsOf, ValidationError, type FieldProblem } from '../../lib/errors.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { recordAudit } from '../audit/index.ts';
import { CASEWORK_ROLES, hasRole, requireRole, type Actor } from '../auth/index.ts';
import { findOpenCaseOfChild, openCase, recordCaseEvent } from '../cases/index.ts';
import { requireChildAccess } from '../children/index.ts';
import { findAuthorityCode } from '../reference/index.ts';
import * as requestsRepository from './repository.ts';
import { newRequestSchema, type NewChild, type NewRequest } from './schemas.ts';

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
    return this.db.transaction((tx) => this.writeRequest(tx, actor, request));
  }

  /** The request as the rules accept it, the known child's access checked; or a ValidationError. */
  private async checkedRequest(actor: Actor, input: NewRequest) {
    requireRole(actor, ...CASEWORK_ROLES);
    const parsed = newRequestSchema.safeParse(input);
    const problems: FieldProblem[] = parsed.success ? [] : problemsOf(parsed.error);
    const today = this.clock.today();
    if (parsed.success) {
      const { receivedOn, childId, child } = parsed.data;
      if (receivedOn > today) problems.push({ field: 'receivedOn', message: 'The date the request was received must be today or in the past' });
      if (!childId && !child) problems.push({ field: 'childId', message: 'Choose a child or enter a new child’s details' });
      if (child) problems.push(...checkChildFacts(child, today, 'child.'));
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
    if (request.childId) await requireChildAccess(this.db, this.clock, actor, request.childId, 'new-request');
    return { ...request, receivedOn };
  }

  /** The child (new or known), the case, the request, its event and its deadlines, in the caller's transaction. */
  private async writeRequest(tx: Executor, actor: Actor, request: Awaited<ReturnType<RequestsService['checkedRequest']>>): Promise<RecordedRequest> {
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
      await requestsRepository.insertChild(tx, {
        id: childId,
        authorityId: actor.authorityId,
        forename: details.forename,
        surname: details.surname,
        preferredName: details.preferredName || null,
        dateOfBirth: details.dateOfBirth,
        sex: details.sex,
        upn: details.upn ? checkUpn(details.upn).valid ? details.upn.toUpperCase() : null : null,
        postcode: details.postcode || null,
        schoolId: details.schoolId ?? null,
        searchNames: searchNamesOf(details),
        surnameKey: surnameKeyOf(details.surname),
        createdAt: now,
      });
      await recordAudit(tx, this.clock, actor, { action: 'child.created', entityType: 'child', entityId: childId });
    }

    const officerHolds = hasRole(actor, 'case_officer') && actor.kind !== 'system';
    const laCode = (await findAuthorityCode(tx, actor.authorityId)) ?? '000';
    const { caseId, reference } = await openCase(tx, this.clock, actor, { childId, openedOn: receivedOn, laCode, officerId: officerHolds ? actor.id : null });
    const requestId = uuidv7();
    await requestsRepository.insertAssessmentRequest(tx, { id: requestId, authorityId: actor.authorityId, caseId, childId, receivedOn, source: request.source, createdAt: now });
    await recordCaseEvent(tx, this.clock, actor, { caseId, type: 'request.received', occurredOn: receivedOn, payload: { requestId, source: request.source }, opensCase: true });
    await recordAudit(tx, this.clock, actor, { action: 'request.recorded', entityType: 'ehc_case', entityId: caseId, details: { childId, requestId, source: request.source } });
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
    return this.db.transaction(async (tx) => {
      if (!(await requestsRepository.claimIdempotencyKey(tx, { ...owner, requestHash, createdAt: this.clock.now() }))) {
        const previous = await requestsRepository.findIdempotentResponse(tx, owner.authorityId, owner.ownerId, key);
        if (!previous || previous.requestHash !== requestHash) {
          throw new IdempotencyMismatchError('This Idempotency-Key was used with a different request. Use a new key for a new request.');
        }
        return { replayed: true, result: previous.responseBody as RecordedRequest };
      }
      const result = await this.writeRequest(tx, actor, request);
      await requestsRepository.completeIdempotencyKey(tx, owner.authorityId, owner.ownerId, key, { status: 201, body: result });
      return { replayed: false, result };
    });
  }
}

function checkChildFacts(child: NewChild, today: string, prefix: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (child.dateOfBirth > today) problems.push({ field: `${prefix}dateOfBirth`, message: 'The date of birth must be in the past' });
  if (child.dateOfBirth < '1990-01-01') problems.push({ field: `${prefix}dateOfBirth`, message: 'EHC plans are for people aged 0 to 25: check the date of birth' });
  if (child.upn) {
    const upn = checkUpn(child.upn);
    if (!upn.valid) problems.push({ field: `${prefix}upn`, message: upn.reason });
  }
  return problems;
}

export class IdempotencyMismatchError extends Error {
  override readonly name = 'IdempotencyMismatchError';
  readonly statusCode = 422;
}
