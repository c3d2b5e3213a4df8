import type { FastifyReply } from 'fastify';
import type { FieldProblem } from '../lib/errors.ts';

/** RFC 9457 problem details: the one error shape of the JSON API, whatever the status. */
export interface ProblemDetails {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  /** For a 5xx, the reference of the request in the service's log. */
  instance?: string;
  /** Which input was wrong, for 400s (the first of `errors`), so a client can point at the field. */
  field?: string;
  /** Every input that was wrong, each with a message a person can read. */
  errors?: FieldProblem[];
  /** For a 409 on a new child who may be a child already held: why. */
  duplicate?: 'upn' | 'name-and-date-of-birth';
  /** With `duplicate: 'upn'`: the child who holds the UPN, when the caller may see them. */
  existingChildId?: string;
  /** With `duplicate`: the children already held, that the caller may see, who may be this child. */
  matchingChildIds?: string[];
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
  412: 'Precondition failed',
  413: 'Request too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  428: 'Precondition required',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

/** A 400 for the inputs that were wrong: the first names the field, all are listed. */
export function badRequest(problems: readonly FieldProblem[]): ProblemDetails {
  return {
    status: 400,
    title: STATUS_TITLES[400]!,
    detail: problems.length === 0 ? 'The request is not valid.' : problems.map((problem) => problem.message).join('; '),
    ...(problems[0] ? { field: problems[0].field } : {}),
    errors: [...problems],
  };
}

/** The id of the shared problem+json schema (`$ref: 'Problem#'`), a component of the OpenAPI document. */
export const PROBLEM_SCHEMA_ID = 'Problem';

/** The problem+json body, added to the app once (`app.addSchema`) and referenced by every error response. */
export const problemSchema = {
  $id: PROBLEM_SCHEMA_ID,
  type: 'object',
  description: 'RFC 9457 problem details: the shape of every error the API gives.',
  required: ['type', 'title', 'status'],
  additionalProperties: false,
  properties: {
    type: { type: 'string', description: 'Always about:blank: the status and title say what happened.' },
    title: { type: 'string', description: 'The HTTP status, in words.' },
    status: { type: 'integer', description: 'The HTTP status code.' },
    detail: { type: 'string', description: 'What went wrong, for a person to read.' },
    instance: { type: 'string', description: 'For a server error, the reference to quote to the service desk.' },
    field: { type: 'string', description: 'For a 400 or 422, the input that was wrong (the first of `errors`): a JSON path such as child.dateOfBirth, a parameter or a header.' },
    errors: {
      type: 'array',
      description: 'For a 400, every input that was wrong.',
      items: {
        type: 'object',
        required: ['field', 'message'],
        additionalProperties: false,
        properties: {
          field: { type: 'string', description: 'The JSON path of the field (child.dateOfBirth), the parameter or the header; empty for the body as a whole.' },
          message: { type: 'string', description: 'What is wrong, for a person to read.' },
        },
      },
    },
    duplicate: {
      type: 'string',
      enum: ['upn', 'name-and-date-of-birth'],
      description: 'For a 409 on a new child who may be a child already held: the same UPN (always refused), or the same first name, last name and date of birth (refused until confirmedNewChild is sent).',
    },
    existingChildId: { type: 'string', format: 'uuid', description: 'With duplicate "upn": the child who holds the UPN, when the token’s user may see them; send it as childId.' },
    matchingChildIds: {
      type: 'array',
      items: { type: 'string', format: 'uuid' },
      description: 'With duplicate: the children already held that the token’s user may see and who may be this child. A restricted record they may not see is never named.',
    },
  },
} as const;

const PROBLEM_REF = { $ref: `${PROBLEM_SCHEMA_ID}#` } as const;

/** What each error status means on this API, as the OpenAPI document says it. */
const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'The request is not valid: `errors` names each field that is wrong and says why.',
  401: 'No API token, or one the service does not accept.',
  403: 'The token’s user may not do this.',
  404: 'There is no such record for this token, or the record is restricted (the two are not told apart).',
  409: 'The request conflicts with the record as it now stands.',
  412: 'The If-Match sent is not the record’s ETag: it has changed since it was read. Read it again.',
  413: 'The request body is larger than 1 MB.',
  415: 'The request body is not JSON.',
  422: 'The Idempotency-Key was used before with a different request.',
  428: 'The write needs If-Match with the ETag of the record as read.',
  429: 'Too many requests with this token (or from this address): wait for the time in Retry-After.',
  500: 'The service failed; `instance` is the reference to quote.',
  503: 'The service cannot reach its database: nothing was saved; try again after Retry-After.',
};

/** An example problem for a status, shown in the OpenAPI document. */
export type ProblemExample = Omit<ProblemDetails, 'type'>;

/**
 * Error responses of an API operation, each a problem+json body with the shared schema, its
 * meaning and, where given, an example. `problemResponses([401, 404], { 404: {...} })`.
 */
export function problemResponses(statuses: readonly number[], examples: Partial<Record<number, ProblemExample>> = {}) {
  return Object.fromEntries(
    statuses.map((status) => {
      const example = examples[status] ?? { status, title: STATUS_TITLES[status] ?? 'Error', ...(defaultDetail(status) ? { detail: defaultDetail(status) } : {}) };
      return [
        status,
        {
          description: ERROR_DESCRIPTIONS[status] ?? STATUS_TITLES[status] ?? 'Error',
          content: { 'application/problem+json': { schema: PROBLEM_REF, example: { type: 'about:blank', ...example } } },
        },
      ];
    }),
  );
}

function defaultDetail(status: number): string | undefined {
  switch (status) {
    case 401:
      return 'Send an API token: Authorization: Bearer <token>.';
    case 403:
      return 'You do not have permission to do this';
    case 404:
      return 'There is nothing at this address.';
    case 413:
      return 'The request body is larger than 1 MB.';
    case 415:
      return 'Send the request body as JSON, with Content-Type: application/json.';
    case 429:
      return 'Too many requests with this API token. Try again in 1 minute.';
    case 503:
      return 'The service cannot reach its database just now. Nothing was saved: try again in a minute.';
    default:
      return undefined;
  }
}

/** Errors any API operation with a token can give: no token, too many requests, a failure, no database. */
export const TOKEN_ERRORS = [401, 429, 500, 503] as const;
/** Errors of an operation that takes a JSON body, besides its own. */
export const BODY_ERRORS = [400, 413, 415] as const;

/** The API's authentication in an OpenAPI operation: a bearer token. */
export const bearerSecurity = [{ bearerAuth: [] }];

/** The header every API write takes: a retry with the same key is answered as the first time. */
export const IDEMPOTENCY_HEADERS = {
  type: 'object',
  properties: {
    'idempotency-key': {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      description: 'A key of your own for this write (1 to 200 visible ASCII characters), the same on every retry: a retry is answered as the first time, never written twice',
    },
  },
} as const;

/** The answer to a key used again with a different request. */
export const IDEMPOTENCY_MISMATCH: ProblemExample = {
  status: 422,
  title: 'Unprocessable content',
  detail: 'This Idempotency-Key was used with a different request. Use a new key for a new request.',
  field: 'Idempotency-Key',
  errors: [{ field: 'Idempotency-Key', message: 'This Idempotency-Key was used with a different request. Use a new key for a new request.' }],
};

/** An example of the 404 a missing resource answers. */
export const notFoundProblem = (what: string): ProblemExample => ({ status: 404, title: 'Not found', detail: `No such ${what}` });

/** An example of the 409 a write that conflicts with the resource's state answers. */
export const conflictProblem = (detail: string): ProblemExample => ({ status: 409, title: 'Conflict', detail });

/** The problems an API write can answer: the body's and the token's, 403, 404, 409 and a reused Idempotency-Key, with examples. */
export const writeProblemResponses = (examples: Partial<Record<number, ProblemExample>>) => problemResponses([...BODY_ERRORS, ...TOKEN_ERRORS, 403, 404, 409, 422], { 422: IDEMPOTENCY_MISMATCH, ...examples });
