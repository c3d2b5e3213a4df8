import { createHash } from 'node:crypto';
import type { Database } from '../../db/database.ts';
import { parseIsoDate } from '../../domain/calendar/index.ts';
import { searchNamesOf, surnameKeyOf } from '../../domain/children/search-keys.ts';
import { checkUpn } from '../../domain/children/upn.ts';
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

export class RequestsService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /**
   * Records a request for an EHC needs assessment: the child (new or known), a new case with its
   * reference, the request, its event and the statutory deadlines it starts, in one transaction.
   */
  async recordRequest(actor: Actor, input: NewRequest): Promise<{ caseId: string; childId: string; reference: string }> {
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

    return this.db.transaction(async (tx) => {
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
    });
  }

  /**
   * Idempotent creation for API clients: the same key and body answer as the first time; the same
   * key with another body is refused. The stored answer commits with the request itself.
   */
  async recordRequestIdempotently(actor: Actor, key: string, input: NewRequest) {
    if (!/^[\x21-\x7e]{1,200}$/.test(key)) throw new ValidationError([{ field: 'Idempotency-Key', message: 'The Idempotency-Key must be 1 to 200 visible ASCII characters' }]);
    const requestHash = createHash('sha256').update(JSON.stringify(input)).digest('hex');
    const previous = await requestsRepository.findIdempotentResponse(this.db, actor.authorityId, key);
    if (previous) {
      if (previous.requestHash !== requestHash) {
        throw new IdempotencyMismatchError('This Idempotency-Key was used with a different request. Use a new key for a new request.');
      }
      return { replayed: true, result: previous.responseBody as { caseId: string; childId: string; reference: string } };
    }
    const result = await this.recordRequest(actor, input);
    try {
      await requestsRepository.saveIdempotentResponse(this.db, { authorityId: actor.authorityId, key, requestHash, responseStatus: 201, responseBody: result, createdAt: this.clock.now() });
    } catch {
      // A concurrent retry with the same key stored its answer first; ours is the same request.
    }
    return { replayed: false, result };
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
