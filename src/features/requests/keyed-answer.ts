// The API's answer to a write that takes an Idempotency-Key, the same for every feature: 201 with
// where the thing made is found (or 200 for a change), a retry's replayed answer marked as such,
// and a key used for another request refused with a 422 that names it.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem, STATUS_TITLES } from '../../web/problem.ts';
import type { Written } from './idempotency.ts';
import { IdempotencyMismatchError } from './service.ts';

/** The request's Idempotency-Key, as the services take it. */
export function idempotencyKeyOf(request: FastifyRequest): { idempotencyKey?: string } {
  const key = request.headers['idempotency-key'];
  return typeof key === 'string' ? { idempotencyKey: key } : {};
}

export async function answerKeyedWrite<T>(reply: FastifyReply, write: () => Promise<Written<T>>, status: 200 | 201, location: (result: T) => string): Promise<FastifyReply> {
  try {
    const { result, replayed } = await write();
    if (replayed) reply.header('idempotent-replayed', 'true');
    return reply.code(status).header('location', location(result)).send(result);
  } catch (error) {
    if (!(error instanceof IdempotencyMismatchError)) throw error;
    const problem = { field: 'Idempotency-Key', message: error.message };
    return sendProblem(reply, { status: 422, title: STATUS_TITLES[422]!, detail: error.message, field: problem.field, errors: [problem] });
  }
}
