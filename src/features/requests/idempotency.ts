// Idempotency-Key for any API write, on the one table of keys: a key is its user's own, taken in
// the write's own transaction, and answered again with the first answer for the same request.
// Each operation hashes what it was asked with its own name, so a key used for one operation and
// then another is a different request (422), never the first one's answer.
import { createHash } from 'node:crypto';
import type { Database, Executor } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import { canonicalJson } from '../../lib/canonical-json.ts';
import { ValidationError } from '../../lib/errors.ts';
import type { Actor } from '../auth/index.ts';
import * as requestsRepository from './repository.ts';
import { IdempotencyMismatchError } from './service.ts';

export interface IdempotencyClaim {
  authorityId: string;
  ownerId: string;
  key: string;
  requestHash: string;
}

/** The key checked (1 to 200 visible ASCII characters) and the request's hash, for this actor. */
export function idempotencyClaim(actor: Actor, key: string, operation: string, request: unknown): IdempotencyClaim {
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) throw new ValidationError([{ field: 'Idempotency-Key', message: 'The Idempotency-Key must be 1 to 200 visible ASCII characters' }]);
  const requestHash = createHash('sha256').update(`${operation}\n${canonicalJson(request)}`).digest('hex');
  return { authorityId: actor.authorityId, ownerId: actor.id, key, requestHash };
}

/** The first answer to this key, if it was answered: refused (422) when it was for another request. */
export async function answeredBefore<T>(executor: Executor, claim: IdempotencyClaim): Promise<T | undefined> {
  const previous = await requestsRepository.findIdempotentResponse(executor, claim.authorityId, claim.ownerId, claim.key);
  if (!previous) return undefined;
  if (previous.requestHash !== claim.requestHash) throw new IdempotencyMismatchError('This Idempotency-Key was used with a different request. Use a new key for a new request.');
  return previous.responseBody as T;
}

/**
 * Takes the key in the write's transaction; false when another request holds it (a concurrent
 * retry waits on the unique index until the first commits, then finds it taken).
 */
export async function claimIdempotencyKey(tx: Executor, claim: IdempotencyClaim, now: Date): Promise<boolean> {
  return requestsRepository.claimIdempotencyKey(tx, { ...claim, createdAt: now });
}

/** Keeps the answer to a claimed key, committed with the write it answers. */
export async function keepIdempotentAnswer(tx: Executor, claim: IdempotencyClaim, status: number, body: unknown): Promise<void> {
  await requestsRepository.completeIdempotencyKey(tx, claim.authorityId, claim.ownerId, claim.key, { status, body });
}

/** What a keyed write answers: its result, and whether it is the first answer replayed for a retry. */
export interface Written<T> {
  result: T;
  replayed: boolean;
}

/** What a key is given for: the operation, what it acts on, and the request's body. */
export interface KeyedRequest {
  operation: string;
  target: string;
  input: unknown;
}

/**
 * Runs a write, once per Idempotency-Key: `prepare` checks the input and access outside the
 * transaction (refusing with nothing written) and gives the work, run in one transaction. With a
 * key, a retry of a write already made is answered from the stored result before anything is
 * checked again (a decision it made would now be "already recorded"); the key is taken in the
 * write's own transaction, so concurrent retries wait for the first and then replay its answer.
 */
export async function writeOnce<T>(
  db: Database,
  clock: Clock,
  actor: Actor,
  key: string | undefined,
  request: KeyedRequest,
  prepare: () => Promise<(tx: Executor) => Promise<T>>,
): Promise<Written<T>> {
  if (key === undefined) {
    const work = await prepare();
    return { result: await db.transaction((tx) => work(tx)), replayed: false };
  }
  const claim = idempotencyClaim(actor, key, `${request.operation}:${request.target}`, request.input);
  const answered = await answeredBefore<T>(db, claim);
  if (answered !== undefined) return { result: answered, replayed: true };
  const work = await prepare();
  return db.transaction(async (tx) => {
    if (!(await claimIdempotencyKey(tx, claim, clock.now()))) {
      const previous = await answeredBefore<T>(tx, claim);
      if (previous === undefined) throw new IdempotencyMismatchError('This Idempotency-Key was used with a different request. Use a new key for a new request.');
      return { result: previous, replayed: true };
    }
    const result = await work(tx);
    await keepIdempotentAnswer(tx, claim, 201, result);
    return { result, replayed: false };
  });
}
