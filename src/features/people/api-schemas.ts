// The API's contract for a child's parents and carers, as the OpenAPI document shows it.
import { RELATIONSHIP_CODES } from '../../domain/children/relationships.ts';
import { badRequest, bearerSecurity, BODY_ERRORS, problemResponses, TOKEN_ERRORS } from '../../web/problem.ts';

const uuid = { type: 'string', format: 'uuid' } as const;
const text = { type: 'string' } as const;
const textOrNull = { type: ['string', 'null'] } as const;

const childParams = { type: 'object', required: ['childId'], properties: { childId: { ...uuid, description: 'The child’s id' } } } as const;
const personParams = {
  type: 'object',
  required: ['childId', 'personId'],
  properties: { childId: { ...uuid, description: 'The child’s id' }, personId: { ...uuid, description: 'The person’s id, as the child’s record gives it' } },
} as const;

const details = {
  forename: { ...text, description: 'First name (1 to 100 characters)' },
  surname: { ...text, description: 'Last name (1 to 100 characters)' },
  relationship: { type: 'string', enum: RELATIONSHIP_CODES, description: 'How the person is related to the child' },
  parentalResponsibility: { type: 'boolean' },
  mainContact: { type: 'boolean', description: 'The child’s one main contact: naming a new one takes it from the others' },
  phone: { ...textOrNull, description: 'Digits, with the spaces, brackets, hyphens and + people write them with' },
  email: textOrNull,
  address: { ...textOrNull, description: 'Up to 500 characters' },
  postcode: { ...textOrNull, description: 'Held in its standard form (DC1 2AB), however it is sent' },
  doNotDiscloseAddress: { type: 'boolean', description: 'The address is not to be disclosed: it is then in no answer and no audit entry' },
} as const;

const personExample = {
  id: '01937a4e-8f5c-7c3b-a5d2-6f4e2b1c9d90',
  version: 1,
  forename: 'Sarah',
  surname: 'Nowak',
  relationship: 'mother',
  parentalResponsibility: true,
  mainContact: true,
  phone: '07700 900982',
  email: 'sarah@example.com',
  address: '1 Canal Street, Demo City',
  postcode: 'DC1 2AB',
  doNotDiscloseAddress: false,
};

const person = {
  type: 'object',
  required: ['id', 'version', 'forename', 'surname', 'relationship', 'parentalResponsibility', 'mainContact', 'phone', 'email', 'doNotDiscloseAddress'],
  additionalProperties: false,
  properties: {
    id: uuid,
    version: { type: 'integer', description: 'The person’s version: send it back with a change, which is refused (409) if someone saved since' },
    forename: text,
    surname: text,
    relationship: text,
    parentalResponsibility: { type: 'boolean' },
    mainContact: { type: 'boolean' },
    phone: textOrNull,
    email: textOrNull,
    address: { ...textOrNull, description: 'Absent when the address must not be disclosed' },
    postcode: { ...textOrNull, description: 'Absent when the address must not be disclosed' },
    doNotDiscloseAddress: { type: 'boolean' },
  },
} as const;

const notFound = { status: 404, title: 'Not found', detail: 'No such child' };
const personNotFound = { status: 404, title: 'Not found', detail: 'No such person on this child’s record' };

export const peopleApiSchemas = {
  add: {
    summary: 'Add a parent or carer to a child’s record',
    description:
      'The same rules as the page: a first and last name, how they are related to the child and whether they have parental responsibility; a phone number, e-mail address and postcode, when sent, must be real ones. ' +
      'Audited. Send an `Idempotency-Key`: a retry answers as the first time, and adds no one.',
    tags: ['children'],
    security: bearerSecurity,
    params: childParams,
    headers: { type: 'object', properties: { 'idempotency-key': { type: 'string', minLength: 1, maxLength: 200 } } },
    body: {
      type: 'object',
      required: ['forename', 'surname', 'relationship', 'parentalResponsibility'],
      additionalProperties: false,
      properties: details,
      examples: [{ forename: 'Sarah', surname: 'Nowak', relationship: 'mother', parentalResponsibility: true, mainContact: true, phone: '07700 900982', email: 'sarah@example.com', address: '1 Canal Street, Demo City', postcode: 'dc1 2ab' }],
    },
    response: {
      201: { ...person, description: 'The person as saved', headers: { location: { type: 'string', description: 'Where the person is changed or removed' } }, examples: [personExample] },
      ...problemResponses([...BODY_ERRORS, ...TOKEN_ERRORS, 403, 404, 422], {
        400: badRequest([{ field: 'email', message: 'Enter an email address in the correct format, like name@example.com' }]),
        404: notFound,
      }),
    },
  },
  change: {
    summary: 'Change a parent’s or carer’s details',
    description:
      'Send the `version` you read and only the details to change; the others keep their values, and null or an empty string clears an optional one. ' +
      'The same rules as the change page apply to the person as they would then stand; each change is audited before and after. ' +
      'An address not to be disclosed is never given back, so it is kept unless the address and postcode are sent together. Refused with 409 if someone else saved since that version.',
    tags: ['children'],
    security: bearerSecurity,
    params: personParams,
    body: {
      type: 'object',
      required: ['version'],
      additionalProperties: false,
      properties: { version: { type: 'integer', minimum: 1, description: 'The version of the person the change is based on' }, ...details },
      examples: [{ version: 1, phone: '07700 900111', email: null }],
    },
    response: {
      200: { ...person, description: 'The person as saved, with their new version', examples: [{ ...personExample, version: 2, phone: '07700 900111', email: null }] },
      ...problemResponses([...BODY_ERRORS, ...TOKEN_ERRORS, 403, 404, 409], {
        400: badRequest([{ field: 'postcode', message: 'Enter a real postcode, like DC1 2AB' }]),
        404: personNotFound,
        409: {
          status: 409,
          title: 'Conflict',
          detail: 'Someone else changed this person’s details since you opened the page. Your changes were not saved: open the record again to see theirs.',
        },
      }),
    },
  },
  remove: {
    summary: 'Remove a parent or carer from a child’s record',
    description: 'The link between the child and the person is ended, never deleted: the history and the audit still say who they were. Audited.',
    tags: ['children'],
    security: bearerSecurity,
    params: personParams,
    response: {
      204: { type: 'null', description: 'Removed from the child’s record' },
      ...problemResponses([400, ...TOKEN_ERRORS, 403, 404], { 404: personNotFound }),
    },
  },
};
