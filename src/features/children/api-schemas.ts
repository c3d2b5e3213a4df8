// The API's contract for a child's record and their details, as the OpenAPI document shows it.
import { ETHNICITY_CODES, UPN_UNKNOWN_CODES } from '../../domain/sen2/codes.ts';
import { badRequest, bearerSecurity, BODY_ERRORS, problemResponses, TOKEN_ERRORS } from '../../web/problem.ts';

const CHILD_ID = '01937a4e-8f5b-7a00-b1c2-d3e4f5a6b7c8';

const uuid = { type: 'string', format: 'uuid' } as const;
const text = { type: 'string' } as const;
const textOrNull = { type: ['string', 'null'] } as const;
const dateOrNull = { type: ['string', 'null'], format: 'date' } as const;

const ethnicity = { type: ['string', 'null'], enum: [...ETHNICITY_CODES, null], description: 'The DfE main ethnicity code (SEN2 Person/Ethnicity): REFU where the family refused, NOBT where not yet obtained; null where none is recorded' } as const;
const upnUnknown = { type: ['string', 'null'], enum: [...UPN_UNKNOWN_CODES, null], description: 'Why the child has no UPN (SEN2 UPNunknown, UN1 to UN10); null where the child has a UPN or no reason is recorded' } as const;

const childParams = { type: 'object', required: ['childId'], properties: { childId: { ...uuid, description: 'The child’s id' } } } as const;

const childDetails = {
  type: 'object',
  required: ['id', 'forename', 'surname', 'preferredName', 'dateOfBirth', 'sex', 'ethnicity', 'upn', 'upnUnknown', 'postcode', 'version'],
  additionalProperties: false,
  properties: {
    id: uuid,
    forename: text,
    surname: text,
    preferredName: textOrNull,
    dateOfBirth: { type: 'string', format: 'date' },
    sex: { type: 'string', enum: ['M', 'F', 'U'] },
    ethnicity,
    upn: { ...textOrNull, description: 'Unique pupil number' },
    upnUnknown,
    postcode: textOrNull,
    version: { type: 'integer', description: 'The record’s version: send it back with a change, which is refused (409) if someone saved since' },
  },
} as const;

const detailsExample = {
  id: CHILD_ID,
  forename: 'Amira',
  surname: 'Khan',
  preferredName: 'Mira',
  dateOfBirth: '2016-03-27',
  sex: 'F',
  ethnicity: 'APKN',
  upn: 'H801200001001',
  upnUnknown: null,
  postcode: 'B1 1AA',
  version: 3,
};

const person = {
  type: 'object',
  required: ['id', 'version', 'forename', 'surname', 'relationship', 'parentalResponsibility', 'mainContact', 'doNotDiscloseAddress'],
  additionalProperties: false,
  properties: {
    id: uuid,
    version: { type: 'integer', description: 'The person’s version: send it back with a change (PATCH /api/v1/children/{childId}/people/{personId})' },
    forename: text,
    surname: text,
    email: textOrNull,
    phone: textOrNull,
    address: { ...textOrNull, description: 'Absent when the address must not be disclosed' },
    postcode: { ...textOrNull, description: 'Absent when the address must not be disclosed' },
    doNotDiscloseAddress: { type: 'boolean' },
    relationship: text,
    parentalResponsibility: { type: 'boolean' },
    mainContact: { type: 'boolean' },
  },
} as const;

const childRecord = {
  type: 'object',
  required: ['child', 'school', 'people', 'case', 'deadlines', 'events'],
  additionalProperties: false,
  properties: {
    child: childDetails,
    school: { type: ['object', 'null'], additionalProperties: false, required: ['urn', 'name'], properties: { urn: { type: 'integer' }, name: text } },
    people: { type: 'array', items: person },
    case: {
      type: ['object', 'null'],
      description: 'The child’s open case, if any',
      additionalProperties: false,
      required: ['id', 'reference', 'stage', 'officer', 'unallocatedSince'],
      properties: { id: uuid, reference: text, stage: text, officer: { ...textOrNull, description: 'The named officer' }, unallocatedSince: dateOrNull },
    },
    deadlines: {
      type: 'array',
      description: 'The open case’s statutory deadlines',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'title', 'due', 'basis', 'met', 'status'],
        properties: { id: text, title: text, due: { type: 'string', format: 'date' }, basis: text, met: dateOrNull, status: text },
      },
    },
    events: {
      type: 'array',
      description: 'The open case’s events, newest first (its full history, with corrections, is at /api/v1/cases/{caseId}/events)',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'type', 'occurredOn', 'recordedAt'],
        properties: {
          id: uuid,
          type: text,
          occurredOn: { type: 'string', format: 'date' },
          recordedAt: { type: 'string', format: 'date-time' },
          reason: { ...textOrNull, description: 'For a request recorded more than a year after it was received, why it was recorded late' },
        },
      },
    },
  },
  examples: [
    {
      child: detailsExample,
      school: { urn: 100001, name: 'Example Primary School' },
      people: [],
      case: { id: '01937a4e-8f5c-7c3b-a5d2-6f4e2b1c9d80', reference: '999-EHC-2026-00123', stage: 'request', officer: 'Sam Officer', unallocatedSince: null },
      deadlines: [{ id: 'decision-to-assess', title: 'Decide whether to assess', due: '2026-11-12', basis: 'SEND Regs 2014 reg. 5(1)', met: null, status: 'due-soon' }],
      events: [{ id: '01937a4e-8f5c-7c3b-a5d2-6f4e2b1c9d81', type: 'request.received', occurredOn: '2026-10-01', recordedAt: '2026-10-01T09:30:00.000Z' }],
    },
  ],
} as const;

const notFound = { status: 404, title: 'Not found', detail: 'No such child' };

export const childrenApiSchemas = {
  record: {
    summary: 'A child’s record: details, people, open case, deadlines and events',
    description: 'The view is written to the access log. A restricted child the token’s user may not see answers 404, as an unknown one does.',
    tags: ['children'],
    security: bearerSecurity,
    params: childParams,
    response: { 200: { ...childRecord, description: 'The child’s record' }, ...problemResponses([400, ...TOKEN_ERRORS, 403, 404], { 404: notFound }) },
  },
  changeDetails: {
    summary: 'Change a child’s details',
    description:
      'Send the `version` you read and only the details to change; the others keep their values, and null or an empty string clears an optional one. ' +
      'The same rules as the edit page apply to the details as they would then stand. Refused with 409 if someone else saved since that version.',
    tags: ['children'],
    security: bearerSecurity,
    params: childParams,
    body: {
      type: 'object',
      required: ['version'],
      additionalProperties: false,
      properties: {
        version: { type: 'integer', minimum: 1, description: 'The version of the record the change is based on' },
        forename: text,
        surname: text,
        preferredName: textOrNull,
        upn: { ...textOrNull, description: 'Unique pupil number (13 characters, with its check letter), held by no other child of the authority; giving one clears the reason it was not known' },
        upnUnknown: { type: ['string', 'null'], enum: [...UPN_UNKNOWN_CODES, '', null], description: 'Why the child has no UPN (SEN2 UPNunknown, UN1 to UN10); refused beside a UPN; null or empty for none' },
        ethnicity: { type: ['string', 'null'], enum: [...ETHNICITY_CODES, '', null], description: 'The DfE main ethnicity code (REFU refused, NOBT not yet obtained); null or empty for none recorded' },
        postcode: { ...textOrNull, description: 'Held in its standard form (DC1 2AB), however it is sent' },
        dateOfBirth: { type: 'string', description: 'YYYY-MM-DD: in the past, on or before the day each of the child’s requests was received, and making them under 25 on it' },
        sex: { type: 'string', enum: ['M', 'F', 'U'] },
        schoolUrn: { ...textOrNull, description: 'The URN of the child’s school or setting (6 digits, from Get Information About Schools); null or empty for none' },
      },
      examples: [{ version: 3, preferredName: 'Mira', postcode: 'B1 1AA' }],
    },
    response: {
      200: { ...childDetails, description: 'The child’s details as saved, with the record’s new version', examples: [{ ...detailsExample, version: 4 }] },
      ...problemResponses([...BODY_ERRORS, ...TOKEN_ERRORS, 403, 404, 409], {
        400: badRequest([{ field: 'postcode', message: 'Enter a real postcode, like B1 1AA' }]),
        404: notFound,
        409: {
          status: 409,
          title: 'Conflict',
          detail: 'Someone else changed this child’s details since you opened the page. Your changes were not saved: open the record again to see theirs.',
        },
      }),
    },
  },
};
