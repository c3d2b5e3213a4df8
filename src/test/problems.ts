// What every API error looks like, for tests: application/problem+json (RFC 9457) in the one shape
// the Problem schema documents.
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { ValidationError } from '../lib/errors.ts';
import { STATUS_TITLES } from '../web/problem.ts';

const PROBLEM_MEMBERS = ['type', 'title', 'status', 'detail', 'instance', 'field', 'errors'];

/**
 * The response is problem+json with this status: about:blank, the status's title, only the
 * Problem schema's members, each field problem a field and a message, `field` the first of them;
 * and it has the members given. Returns the body.
 */
export function expectProblem(response: LightMyRequestResponse, status: number, members: Record<string, unknown> = {}): Record<string, unknown> {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = response.json() as Record<string, unknown>;
  expect(body).toMatchObject({ type: 'about:blank', title: STATUS_TITLES[status], status, ...members });
  expect(PROBLEM_MEMBERS).toEqual(expect.arrayContaining(Object.keys(body)));
  if (body.detail !== undefined) expect(typeof body.detail).toBe('string');
  if (body.errors !== undefined) {
    for (const entry of body.errors as Record<string, unknown>[]) {
      expect(Object.keys(entry).sort()).toEqual(['field', 'message']);
      expect(typeof entry.field).toBe('string');
      expect(typeof entry.message).toBe('string');
    }
    expect(body.field).toBe((body.errors as { field: string }[])[0]?.field);
  }
  return body;
}

/** The ValidationError a service call is refused with (the test fails if it succeeds or fails otherwise). */
export async function validationRefusal(work: Promise<unknown>): Promise<ValidationError> {
  const error = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error instanceof ValidationError, String(error)).toBe(true);
  return error as ValidationError;
}

/** The fields a refusal names, in order. */
export const refusedFields = (error: ValidationError) => error.problems.map((problem) => problem.field);

/** A refusal's messages, as one text. */
export const refusedMessages = (error: ValidationError) => error.problems.map((problem) => problem.message).join(' ');
