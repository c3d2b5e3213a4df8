import type { FastifyReply } from 'fastify';

/** RFC 9457 problem details: the one error shape of the JSON API. */
export interface ProblemDetails {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  /** Which input was wrong, for 400s, so a client can point at the field. */
  field?: string;
  [extension: string]: unknown;
}

export function sendProblem(reply: FastifyReply, problem: ProblemDetails): FastifyReply {
  return reply
    .code(problem.status)
    .type('application/problem+json; charset=utf-8')
    .send({ type: 'about:blank', ...problem });
}

export const STATUS_TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorised',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Request too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

/** A problem+json body in an OpenAPI response schema. */
export const problemSchema = {
  type: 'object',
  properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, field: { type: 'string' } },
} as const;

/** The API's authentication in an OpenAPI operation: a bearer token. */
export const bearerSecurity = [{ bearerAuth: [] }];
