// An API request that its route's JSON Schema refuses, said as the service says a refusal: the
// field's path (child.dateOfBirth, a query parameter, a header) and a message a person can read,
// instead of the validator's own text ("body/child must NOT have additional properties").
import { ValidationError, type FieldProblem } from '../lib/errors.ts';

/** What the validator (Ajv) says of one failing keyword; only the parts used here. */
export interface SchemaError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

export type SchemaErrorContext = 'body' | 'querystring' | 'params' | 'headers' | string;

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  null: 'null',
};

const FORMAT_WORDS: Record<string, string> = {
  date: 'a date as YYYY-MM-DD, like 2026-11-20',
  'date-time': 'a date and time, like 2026-11-20T09:30:00Z',
  uuid: 'an id (a UUID), like 01937a4e-8f5c-7c3b-a5d2-6f4e2b1c9d80',
  email: 'an email address',
  uri: 'a web address',
};

/** A header's name as people write it: idempotency-key → Idempotency-Key. */
function headerName(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_match, dash: string, letter: string) => dash + letter.toUpperCase());
}

/** A JSON pointer (/child/dateOfBirth, /items/0/name) as a path: child.dateOfBirth, items[0].name. */
function pathOf(pointer: string): string {
  let path = '';
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(segment)) path += `[${segment}]`;
    else path += path ? `.${segment}` : segment;
  }
  return path;
}

function joinPath(path: string, property: string): string {
  return path ? `${path}.${property}` : property;
}

function listOf(values: readonly unknown[]): string {
  const words = values.map((value) => (typeof value === 'string' ? value : JSON.stringify(value)));
  return words.length > 12 ? `${words.slice(0, 12).join(', ')}, …` : words.join(', ');
}

function typeWords(type: unknown): string {
  const types = Array.isArray(type) ? type : String(type).split(',');
  return types.map((entry) => TYPE_WORDS[String(entry)] ?? String(entry)).join(' or ');
}

/** One schema error as a field problem. */
export function problemOfSchemaError(error: SchemaError, context: SchemaErrorContext): FieldProblem {
  const at = pathOf(error.instancePath);
  const named = (path: string) => (context === 'headers' ? headerName(path) : path);
  const field = named(at);
  // How the message names the value: its path, or the request's body or query as a whole.
  const subject = field || (context === 'body' ? 'The request body' : context === 'querystring' ? 'The query' : 'The request');
  const params = error.params;
  switch (error.keyword) {
    case 'required': {
      const missing = named(joinPath(at, String(params.missingProperty)));
      return { field: missing, message: `${missing} is required` };
    }
    case 'additionalProperties': {
      const extra = joinPath(at, String(params.additionalProperty));
      return { field: extra, message: `${extra} is not a ${context === 'querystring' ? 'parameter' : 'field'} this API takes` };
    }
    case 'type':
      return { field, message: field ? `${subject} must be ${typeWords(params.type)}` : `${subject} must be ${context === 'body' ? 'a JSON object' : typeWords(params.type)}` };
    case 'format':
      return { field, message: `${subject} must be ${FORMAT_WORDS[String(params.format)] ?? `in the ${String(params.format)} format`}` };
    case 'enum':
      return { field, message: `${subject} must be one of: ${listOf((params.allowedValues as unknown[] | undefined) ?? [])}` };
    case 'const':
      return { field, message: `${subject} must be ${listOf([params.allowedValue])}` };
    case 'minLength':
      return { field, message: Number(params.limit) <= 1 ? `${subject} must not be empty` : `${subject} must be at least ${String(params.limit)} characters` };
    case 'maxLength':
      return { field, message: `${subject} must be ${String(params.limit)} characters or fewer` };
    case 'minimum':
      return { field, message: `${subject} must be ${String(params.limit)} or more` };
    case 'maximum':
      return { field, message: `${subject} must be ${String(params.limit)} or less` };
    case 'exclusiveMinimum':
      return { field, message: `${subject} must be more than ${String(params.limit)}` };
    case 'exclusiveMaximum':
      return { field, message: `${subject} must be less than ${String(params.limit)}` };
    case 'pattern':
      return { field, message: `${subject} is not in the form this API takes` };
    case 'minItems':
      return { field, message: `${subject} must hold at least ${String(params.limit)} ${Number(params.limit) === 1 ? 'entry' : 'entries'}` };
    case 'maxItems':
      return { field, message: `${subject} must hold ${String(params.limit)} entries or fewer` };
    case 'minProperties':
      return { field, message: `${subject} must have at least ${String(params.limit)} ${Number(params.limit) === 1 ? 'field' : 'fields'}` };
    default:
      return { field, message: `${subject} is not valid` };
  }
}

/**
 * The app's schema error formatter (Fastify's `schemaErrorFormatter`): the route's schema errors
 * as a ValidationError, which the API answers as a 400 problem naming each field, and a page as
 * its error page.
 */
export function schemaValidationError(errors: readonly SchemaError[], context: SchemaErrorContext): ValidationError {
  const problems: FieldProblem[] = [];
  for (const error of errors) {
    const problem = problemOfSchemaError(error, context);
    if (!problems.some((known) => known.field === problem.field && known.message === problem.message)) problems.push(problem);
  }
  return new ValidationError(problems);
}
