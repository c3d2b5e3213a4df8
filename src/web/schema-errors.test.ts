// The validator's errors, from the validator itself (Ajv with the formats Fastify uses), as each
// reaches a client: the field's path and a message a person can read.
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { problemOfSchemaError, schemaValidationError, type SchemaError } from './schema-errors.ts';

const ajv = new Ajv({ allErrors: false, removeAdditional: false, coerceTypes: false });
// A CommonJS module: TypeScript sees its function as the default's default.
addFormats.default(ajv);

const body = {
  type: 'object',
  required: ['receivedOn', 'child'],
  additionalProperties: false,
  properties: {
    receivedOn: { type: 'string', format: 'date' },
    source: { type: 'integer', minimum: 1, maximum: 5 },
    childId: { type: 'string', format: 'uuid' },
    change: { type: 'string', enum: ['withdraw', 'redate'] },
    reason: { type: 'string', minLength: 1, maxLength: 10 },
    code: { type: 'string', minLength: 3, pattern: '^[A-Z]+$' },
    preferredName: { type: ['string', 'null'] },
    child: {
      type: 'object',
      required: ['surname'],
      additionalProperties: false,
      properties: { surname: { type: 'string' }, dateOfBirth: { type: 'string', format: 'date' }, names: { type: 'array', items: { type: 'string' } } },
    },
  },
};
const validate = ajv.compile(body);
const valid = { receivedOn: '2026-11-02', child: { surname: 'Khan' } };

function problemFor(input: unknown, context = 'body') {
  expect(validate(input)).toBe(false);
  return problemOfSchemaError(validate.errors![0] as SchemaError, context);
}

describe('a schema refusal, said for a person', () => {
  it.each([
    ['a missing field', { child: { surname: 'Khan' } }, 'receivedOn', 'receivedOn is required'],
    ['a missing nested field', { receivedOn: '2026-11-02', child: {} }, 'child.surname', 'child.surname is required'],
    ['a field the API does not take', { ...valid, child: { surname: 'Khan', nickname: 'K' } }, 'child.nickname', 'child.nickname is not a field this API takes'],
    ['a top-level field the API does not take', { ...valid, colour: 'red' }, 'colour', 'colour is not a field this API takes'],
    ['a number given as text', { ...valid, source: 'two' }, 'source', 'source must be a whole number'],
    ['text given as a number', { ...valid, receivedOn: 20261102 }, 'receivedOn', 'receivedOn must be text'],
    ['a value of neither allowed type', { ...valid, preferredName: 7 }, 'preferredName', 'preferredName must be text or null'],
    ['a date in another form', { ...valid, child: { surname: 'Khan', dateOfBirth: '27/03/2016' } }, 'child.dateOfBirth', 'child.dateOfBirth must be a date as YYYY-MM-DD, like 2026-11-20'],
    ['an impossible date', { ...valid, receivedOn: '2026-02-30' }, 'receivedOn', 'receivedOn must be a date as YYYY-MM-DD, like 2026-11-20'],
    ['an id that is not one', { ...valid, childId: '42' }, 'childId', 'childId must be an id (a UUID), like 01937a4e-8f5c-7c3b-a5d2-6f4e2b1c9d80'],
    ['a value not in the list', { ...valid, change: 'delete' }, 'change', 'change must be one of: withdraw, redate'],
    ['an empty text', { ...valid, reason: '' }, 'reason', 'reason must not be empty'],
    ['a text too long', { ...valid, reason: 'x'.repeat(11) }, 'reason', 'reason must be 10 characters or fewer'],
    ['a text too short', { ...valid, code: 'AB' }, 'code', 'code must be at least 3 characters'],
    ['a text of the wrong form', { ...valid, code: 'abc' }, 'code', 'code is not in the form this API takes'],
    ['a number too small', { ...valid, source: 0 }, 'source', 'source must be 1 or more'],
    ['a number too large', { ...valid, source: 6 }, 'source', 'source must be 5 or less'],
    ['an entry of a list', { ...valid, child: { surname: 'Khan', names: ['A', 2] } }, 'child.names[1]', 'child.names[1] must be text'],
  ])('%s', (_label, input, field, message) => {
    expect(problemFor(input)).toEqual({ field, message });
  });

  it('a body that is not an object names no field and says what to send', () => {
    expect(problemFor('text')).toEqual({ field: '', message: 'The request body must be a JSON object' });
  });

  it('names a query parameter by its name, and says it is not a parameter the API takes', () => {
    const query = ajv.compile({ type: 'object', additionalProperties: false, properties: { q: { type: 'string', minLength: 1 } } });
    expect(query({ q: '' })).toBe(false);
    expect(problemOfSchemaError(query.errors![0] as SchemaError, 'querystring')).toEqual({ field: 'q', message: 'q must not be empty' });
    expect(query({ page: 2 })).toBe(false);
    expect(problemOfSchemaError(query.errors![0] as SchemaError, 'querystring')).toEqual({ field: 'page', message: 'page is not a parameter this API takes' });
  });

  it('names a header as people write it', () => {
    const headers = ajv.compile({ type: 'object', properties: { 'idempotency-key': { type: 'string', maxLength: 200 } } });
    expect(headers({ 'idempotency-key': 'k'.repeat(201) })).toBe(false);
    expect(problemOfSchemaError(headers.errors![0] as SchemaError, 'headers')).toEqual({ field: 'Idempotency-Key', message: 'Idempotency-Key must be 200 characters or fewer' });
  });

  it('reads a path segment holding a slash or a tilde as the JSON pointer escapes it', () => {
    expect(problemOfSchemaError({ keyword: 'type', instancePath: '/a~1b/c~0d', params: { type: 'string' } }, 'body')).toEqual({ field: 'a/b.c~d', message: 'a/b.c~d must be text' });
  });

  it('becomes a ValidationError listing each problem once, as the services’ refusals do', () => {
    const error = schemaValidationError(
      [
        { keyword: 'required', instancePath: '', params: { missingProperty: 'receivedOn' } },
        { keyword: 'required', instancePath: '', params: { missingProperty: 'receivedOn' } },
        { keyword: 'type', instancePath: '/source', params: { type: 'integer' } },
      ],
      'body',
    );
    expect(error.statusCode).toBe(400);
    expect(error.problems).toEqual([
      { field: 'receivedOn', message: 'receivedOn is required' },
      { field: 'source', message: 'source must be a whole number' },
    ]);
  });
});
