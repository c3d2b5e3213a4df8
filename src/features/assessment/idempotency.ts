// An API client's retry never records a decision, a panel or a withdrawal twice: each write may
// carry an Idempotency-Key, answered the second time as the first. The same key with another
// request (or on another operation) is refused, as for a request's record.
import { createHash } from 'node:crypto';
import type { Database, Executor } from '../../db/database.ts';
import { canonicalJson } from '../../lib/canonical-json.ts';
import type { Clock } from '../../lib/clock.ts';
import { ValidationError } from '../../lib/errors.ts';
import type { Actor } from '../auth/index.ts';
import { IdempotencyMismatchError } from '../requests/index.ts';
import * as repository from './repository.ts';

/** What a write answers: its result, and whether it is the first answer replayed for a retry. */
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

const MISMATCH = 'This Idempotency-Key was used with a different request. Use a new key for a new request.';

/**
 * Runs a write: `prepare` checks the input and access outside the transaction (refusing with
 * nothing written) and gives the work, run in one transaction. With a key, a retry of a write
 * already made is answered from the stored result before anything is checked again (the decision
 * it made would now be "already recorded"); the key is taken in the write's own transaction, so
 * concurrent retries wait for the first and then replay its answer.
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
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) throw new ValidationError([{ field: 'Idempotency-Key', message: 'The Idempotency-Key must be 1 to 200 visible ASCII characters' }]);
  const requestHash = createHash('sha256').update(canonicalJson(request)).digest('hex');
  const owner = { authorityId: actor.authorityId, ownerId: actor.id, key };
  const answered = await repository.findIdempotentAnswer(db, owner.authorityId, owner.ownerId, key);
  if (answered) return replay<T>(answered, requestHash);
  const work = await prepare();
  return db.transaction(async (tx) => {
    if (!(await repository.claimIdempotencyKey(tx, { ...owner, requestHash, createdAt: clock.now() }))) {
      const previous = await repository.findIdempotentAnswer(tx, owner.authorityId, owner.ownerId, key);
      if (!previous) throw new IdempotencyMismatchError(MISMATCH);
      return replay<T>(previous, requestHash);
    }
    const result = await work(tx);
    await repository.storeIdempotentAnswer(tx, owner.authorityId, owner.ownerId, key, result);
    return { result, replayed: false };
  });
}

function replay<T>(answered: { requestHash: string; responseBody: unknown }, requestHash: string): Written<T> {
  if (answered.requestHash !== requestHash) throw new IdempotencyMismatchError(MISMATCH);
  return { result: answered.responseBody as T, replayed: true };
}
