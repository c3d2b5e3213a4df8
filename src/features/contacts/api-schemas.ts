// The API's contract for contacts: the register with its filters, one contact, and logging a new
// one with an Idempotency-Key.
import { COMPLAINT_OUTCOMES, COMPLAINT_STAGES, COMPLAINT_THEMES, CONTACT_CHANNELS, CONTACT_KINDS, CONTACT_SOURCES, REMEDY_KINDS } from '../../domain/contacts/contacts.ts';
import { badRequest, bearerSecurity, BODY_ERRORS, IDEMPOTENCY_HEADERS, IDEMPOTENCY_MISMATCH, problemResponses, TOKEN_ERRORS } from '../../web/problem.ts';

const CONTACT_ID = '01937d40-3c4d-7e5f-8a6b-7c8d9e0f1a2b';
const CHILD_ID = '01937c10-0a1b-7c2d-8e3f-4a5b6c7d8e9f';
const OWNER_ID = '01937a00-1b2c-7d3e-8f4a-5b6c7d8e9f0a';

const uuid = { type: 'string', format: 'uuid' } as const;
const nullableUuid = { type: ['string', 'null'], format: 'uuid' } as const;
const nullableDate = { type: ['string', 'null'], format: 'date' } as const;
const date = (description: string) => ({ type: 'string', format: 'date', description }) as const;
const status = { type: 'string', enum: ['overdue', 'due-soon', 'on-track', 'met-on-time', 'met-late'] } as const;

const clock = {
  type: ['object', 'null'],
  required: ['dueOn', 'status', 'daysRemaining', 'daysLate'],
  additionalProperties: false,
  description: 'The response awaited now and where it stands today; null when none is awaited',
  properties: { dueOn: { type: 'string', format: 'date' }, status, daysRemaining: { type: ['integer', 'null'] }, daysLate: { type: ['integer', 'null'] } },
} as const;

const listed = {
  type: 'object',
  required: ['id', 'reference', 'kind', 'source', 'status', 'stage', 'receivedOn', 'ownerId', 'ownerName', 'childId', 'childName', 'clock'],
  additionalProperties: false,
  properties: {
    id: uuid,
    reference: { type: 'string', description: 'The council’s reference, CT-2026-000123' },
    kind: { type: 'string', enum: [...CONTACT_KINDS] },
    source: { type: 'string', enum: [...CONTACT_SOURCES] },
    status: { type: 'string', enum: ['open', 'closed'] },
    stage: { type: ['string', 'null'], enum: [...COMPLAINT_STAGES, null], description: 'For a complaint: where it stands' },
    receivedOn: { type: 'string', format: 'date' },
    ownerId: uuid,
    ownerName: { type: 'string' },
    childId: { ...nullableUuid, description: 'Null for a contact about no one child, and for a restricted child the token’s user may not see' },
    childName: { type: ['string', 'null'] },
    clock,
  },
} as const;

const LISTED_EXAMPLE = {
  id: CONTACT_ID,
  reference: 'CT-2026-000123',
  kind: 'complaint',
  source: 'family',
  status: 'open',
  stage: 'stage-1',
  receivedOn: '2026-11-16',
  ownerId: OWNER_ID,
  ownerName: 'Sam Patel',
  childId: CHILD_ID,
  childName: 'Amira Khan',
  clock: { dueOn: '2026-11-30', status: 'due-soon', daysRemaining: 7, daysLate: null },
};

const contactSchema = {
  type: 'object',
  required: ['id', 'reference', 'kind', 'channel', 'source', 'childId', 'ownerId', 'fromName', 'summary', 'theme', 'receivedOn', 'status', 'stage', 'outcome', 'dueOn', 'respondedOn', 'responseSummary', 'closedOn', 'clock', 'stages', 'remedies'],
  additionalProperties: false,
  properties: {
    id: uuid,
    reference: { type: 'string' },
    kind: { type: 'string', enum: [...CONTACT_KINDS] },
    channel: { type: 'string', enum: [...CONTACT_CHANNELS] },
    source: { type: 'string', enum: [...CONTACT_SOURCES] },
    childId: nullableUuid,
    ownerId: uuid,
    fromName: { type: 'string' },
    summary: { type: 'string' },
    theme: { type: ['string', 'null'], enum: [...COMPLAINT_THEMES, null] },
    receivedOn: { type: 'string', format: 'date' },
    status: { type: 'string', enum: ['open', 'closed'] },
    stage: { type: ['string', 'null'], enum: [...COMPLAINT_STAGES, null] },
    outcome: { type: ['string', 'null'], enum: [...COMPLAINT_OUTCOMES, null] },
    dueOn: nullableDate,
    respondedOn: nullableDate,
    responseSummary: { type: ['string', 'null'] },
    closedOn: nullableDate,
    clock,
    stages: {
      type: 'array',
      items: {
        type: 'object',
        required: ['stage', 'receivedOn', 'dueOn', 'respondedOn', 'outcome', 'ombudsmanReference'],
        additionalProperties: false,
        properties: { stage: { type: 'string', enum: [...COMPLAINT_STAGES] }, receivedOn: { type: 'string', format: 'date' }, dueOn: nullableDate, respondedOn: nullableDate, outcome: { type: ['string', 'null'], enum: [...COMPLAINT_OUTCOMES, null] }, ombudsmanReference: { type: ['string', 'null'] } },
      },
    },
    remedies: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'kind', 'description', 'amountPence', 'ownerId', 'dueOn', 'doneOn'],
        additionalProperties: false,
        properties: { id: uuid, kind: { type: 'string', enum: [...REMEDY_KINDS] }, description: { type: 'string' }, amountPence: { type: ['integer', 'null'] }, ownerId: nullableUuid, dueOn: nullableDate, doneOn: nullableDate },
      },
    },
  },
} as const;

const CONTACT_EXAMPLE = {
  id: CONTACT_ID,
  reference: 'CT-2026-000123',
  kind: 'foi',
  channel: 'email',
  source: 'other',
  childId: null,
  ownerId: OWNER_ID,
  fromName: 'A member of the public',
  summary: 'How many requests for an EHC needs assessment did the council receive in 2025?',
  theme: null,
  receivedOn: '2026-11-16',
  status: 'open',
  stage: null,
  outcome: null,
  dueOn: '2026-12-14',
  respondedOn: null,
  responseSummary: null,
  closedOn: null,
  clock: { dueOn: '2026-12-14', status: 'on-track', daysRemaining: 21, daysLate: null },
  stages: [],
  remedies: [],
};

const text = (description: string, maxLength = 5000) => ({ type: 'string', minLength: 1, maxLength, description }) as const;

export const contactsApiSchemas = {
  list: {
    summary: 'The register of contacts, complaints and information requests (50 a page)',
    description:
      'Open ones soonest due first, then closed ones latest received first. Filters combine; `owner=mine` is the token’s user. `month` (YYYY-MM) is the month received; `answered` is the first response given (`any`), within its deadline (`on-time`) or after it (`late`), as the report counts them. The children shown are written to the access log.',
    tags: ['contacts'],
    security: bearerSecurity,
    querystring: {
      type: 'object',
      additionalProperties: false,
      properties: {
        kind: { type: 'string', enum: [...CONTACT_KINDS] },
        status: { type: 'string', enum: ['open', 'closed'] },
        owner: { type: 'string', pattern: '^(mine|[0-9a-fA-F-]{36})$', description: '`mine`, or a member of staff’s id' },
        overdue: { type: 'string', enum: ['yes'], description: 'Only open ones past their due date' },
        month: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'Received in this month, YYYY-MM' },
        theme: { type: 'string', enum: [...COMPLAINT_THEMES] },
        outcome: { type: 'string', enum: [...COMPLAINT_OUTCOMES] },
        answered: { type: 'string', enum: ['any', 'on-time', 'late'] },
        child: { ...uuid, description: 'About this child' },
        page: { type: 'integer', minimum: 1, maximum: 10000, default: 1 },
      },
    },
    response: {
      200: {
        type: 'object',
        required: ['contacts', 'total', 'page', 'pages'],
        additionalProperties: false,
        description: 'A page of the register',
        properties: { contacts: { type: 'array', items: listed }, total: { type: 'integer' }, page: { type: 'integer' }, pages: { type: 'integer' } },
        examples: [{ contacts: [LISTED_EXAMPLE], total: 1, page: 1, pages: 1 }],
      },
      ...problemResponses([400, ...TOKEN_ERRORS, 403], { 400: badRequest([{ field: 'kind', message: 'kind must be one of enquiry, complaint, foi, sar, member-enquiry' }]) }),
    },
  },
  get: {
    summary: 'A contact',
    description: 'Its clock, and for a complaint its stages and remedies. A view of a child’s contact is written to the access log; a restricted child’s answers 404.',
    tags: ['contacts'],
    security: bearerSecurity,
    params: { type: 'object', required: ['contactId'], properties: { contactId: { ...uuid, description: 'The contact’s id' } } },
    response: {
      200: { ...contactSchema, description: 'The contact', examples: [CONTACT_EXAMPLE] },
      ...problemResponses([400, ...TOKEN_ERRORS, 403, 404], { 404: { status: 404, title: 'Not found', detail: 'No such contact' } }),
    },
  },
  create: {
    summary: 'Log a contact',
    description:
      'An enquiry, complaint (stage 1), freedom of information request, subject access request or MP or councillor enquiry, about one of the council’s children (`childId`) or none. Given a reference and a response deadline: the council’s policy for enquiries and complaints, 20 working days for FOI (FOIA s.10(1)), one month for a subject access request (UK GDPR Art. 12(3)). A child of another council is refused (400), nothing saved.',
    tags: ['contacts'],
    security: bearerSecurity,
    headers: IDEMPOTENCY_HEADERS,
    body: {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'channel', 'source', 'fromName', 'summary', 'receivedOn'],
      properties: {
        kind: { type: 'string', enum: [...CONTACT_KINDS] },
        channel: { type: 'string', enum: [...CONTACT_CHANNELS] },
        source: { type: 'string', enum: [...CONTACT_SOURCES] },
        childId: { ...uuid, description: 'The child it is about, if any' },
        ownerId: { ...uuid, description: 'Who owns it: the token’s user unless given' },
        fromName: text('Who it is from', 200),
        summary: text('What it is about'),
        theme: { type: 'string', enum: [...COMPLAINT_THEMES], description: 'Required for a complaint' },
        receivedOn: date('The day it was received'),
      },
      examples: [{ kind: 'complaint', channel: 'email', source: 'family', childId: CHILD_ID, fromName: 'Mrs Khan', summary: 'The draft plan was late and no one called back.', theme: 'delay', receivedOn: '2026-11-16' }],
    },
    response: {
      201: {
        type: 'object',
        required: ['contactId', 'reference', 'status', 'dueOn'],
        additionalProperties: false,
        description: 'Logged',
        headers: {
          location: { type: 'string', description: 'The contact' },
          'idempotent-replayed': { type: 'string', enum: ['true'], description: 'Sent when the answer is the first one, replayed for a retry with the same Idempotency-Key' },
        },
        properties: { contactId: uuid, reference: { type: 'string' }, status: { type: 'string', enum: ['open', 'closed'] }, dueOn: nullableDate },
        examples: [{ contactId: CONTACT_ID, reference: 'CT-2026-000123', status: 'open', dueOn: '2026-11-30' }],
      },
      ...problemResponses([...BODY_ERRORS, ...TOKEN_ERRORS, 403, 422], {
        400: badRequest([{ field: 'childId', message: 'No child of your council has this record: check it, or leave it empty for a contact about no one child' }]),
        422: IDEMPOTENCY_MISMATCH,
      }),
    },
  },
};
