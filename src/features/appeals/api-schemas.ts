// The API's contract for the appeals register: the live and closed appeals listed, an appeal
// registered against a decision on a case, its outcome (with any order) and the order carried out,
// every write with an Idempotency-Key.
import { TRIBUNAL_ORDERS } from '../../domain/clocks/index.ts';
import { badRequest, bearerSecurity, BODY_ERRORS, IDEMPOTENCY_HEADERS, IDEMPOTENCY_MISMATCH, problemResponses, TOKEN_ERRORS } from '../../web/problem.ts';
import { APPEAL_TYPES, OUTCOMES, PLAN_SECTIONS_APPEALED, STATUS_NAMES } from './service.ts';

const CASE_ID = '01937c10-0a1b-7c2d-8e3f-4a5b6c7d8e9f';
const APPEAL_ID = '01937c40-3c4d-7e5f-8a61-7b8c9d0e1f2a';
const EVENT_ID = '01937b11-4c5d-7e6f-8a7b-8c9d0e1f2a3c';

const uuid = { type: 'string', format: 'uuid' } as const;
const date = (description: string) => ({ type: 'string', format: 'date', description }) as const;
const nullableDate = { type: ['string', 'null'], format: 'date' } as const;

const createdHeaders = {
  location: { type: 'string', description: 'The appeal' },
  'idempotent-replayed': { type: 'string', enum: ['true'], description: 'Sent when the answer is the first one, replayed for a retry with the same Idempotency-Key' },
};

const result = {
  type: 'object',
  required: ['appealId', 'caseId', 'status', 'eventId'],
  additionalProperties: true,
  properties: {
    appealId: uuid,
    caseId: uuid,
    status: { type: 'string', enum: Object.keys(STATUS_NAMES) },
    eventId: { type: ['string', 'null'], format: 'uuid', description: 'The case event recorded' },
    orderId: { type: ['string', 'null'], format: 'uuid', description: 'The order recorded, if any' },
  },
} as const;

const body = (properties: Record<string, object>, required: string[], example: Record<string, unknown>) => ({ type: 'object', additionalProperties: false, required, properties, examples: [example] });

const written = (summary: string, description: string, params: object, requestBody: object, example400: { field: string; message: string }, notFound: string) => ({
  summary,
  description,
  tags: ['appeals'],
  security: bearerSecurity,
  params,
  headers: IDEMPOTENCY_HEADERS,
  body: requestBody,
  response: {
    201: { ...result, description: 'Recorded', headers: createdHeaders, examples: [{ appealId: APPEAL_ID, caseId: CASE_ID, status: 'registered', eventId: EVENT_ID }] },
    ...problemResponses([...BODY_ERRORS, ...TOKEN_ERRORS, 403, 404, 409, 422], { 400: badRequest([example400]), 404: { status: 404, title: 'Not found', detail: notFound }, 422: IDEMPOTENCY_MISMATCH }),
  },
});

const appealRow = {
  type: 'object',
  required: ['id', 'caseId', 'caseReference', 'appealType', 'status', 'tribunalReference', 'registeredOn', 'responseDueOn', 'hearingOn', 'position', 'concludedOn', 'orderDueOn', 'officer'],
  additionalProperties: false,
  properties: {
    id: uuid,
    caseId: uuid,
    caseReference: { type: 'string' },
    appealType: { type: 'string', enum: Object.keys(APPEAL_TYPES) },
    status: { type: 'string', enum: Object.keys(STATUS_NAMES) },
    tribunalReference: { type: 'string' },
    registeredOn: { type: 'string', format: 'date' },
    responseDueOn: { type: 'string', format: 'date' },
    hearingOn: nullableDate,
    position: { type: ['string', 'null'], enum: ['defend', 'concede', null] },
    concludedOn: nullableDate,
    orderDueOn: { ...nullableDate, description: 'The earliest order not yet carried out: the SEND Regs 2014 reg. 44 day' },
    officer: { type: ['string', 'null'], description: 'The named officer' },
  },
} as const;

export const appealsApiSchemas = {
  list: {
    summary: 'The appeals register',
    description: 'Live appeals (by the next hearing) or closed ones (the latest first), 50 a page, with the tribunal’s dates and any order’s Regs 44 day. The children listed are written to the list access log.',
    tags: ['appeals'],
    security: bearerSecurity,
    querystring: {
      type: 'object',
      additionalProperties: false,
      properties: {
        view: { type: 'string', enum: ['live', 'closed'] },
        appealType: { type: 'string', enum: Object.keys(APPEAL_TYPES) },
        status: { type: 'string', enum: Object.keys(STATUS_NAMES) },
        officerId: { ...uuid, description: 'Only the cases this officer holds' },
        page: { type: 'string', pattern: '^[0-9]{1,6}$', description: '50 appeals a page' },
      },
    },
    response: {
      200: {
        type: 'object',
        description: 'The register',
        required: ['appeals', 'total', 'page', 'pages'],
        additionalProperties: false,
        properties: { appeals: { type: 'array', items: appealRow }, total: { type: 'integer' }, page: { type: 'integer' }, pages: { type: 'integer' } },
        examples: [
          {
            appeals: [
              { id: APPEAL_ID, caseId: CASE_ID, caseReference: '999-EHC-2026-00012', appealType: 'plan-content', status: 'defending', tribunalReference: 'EH999/26/00012', registeredOn: '2026-10-20', responseDueOn: '2026-12-01', hearingOn: '2027-02-10', position: 'defend', concludedOn: null, orderDueOn: null, officer: 'Sam Officer' },
            ],
            total: 1,
            page: 1,
            pages: 1,
          },
        ],
      },
      ...problemResponses([400, ...TOKEN_ERRORS, 403]),
    },
  },
  register: written(
    'Register an appeal against a decision on the case',
    'From the tribunal’s registration letter (CFA 2014 s.51): the decision appealed (its case event), the sections for an appeal about the plan’s content, the tribunal’s reference and dates. Records appeal.registered, which starts the response’s deadline on the case. Refused (400) when the appeal is registered before the decision, or the decision is not of the kind the appeal is about.',
    { type: 'object', required: ['caseId'], properties: { caseId: { ...uuid, description: 'The case’s id' } } },
    body(
      {
        appealType: { type: 'string', enum: Object.keys(APPEAL_TYPES) },
        decisionEventId: { ...uuid, description: 'The case event of the decision appealed' },
        sections: { type: 'array', items: { type: 'string', enum: Object.keys(PLAN_SECTIONS_APPEALED) }, maxItems: 4, description: 'For plan-content: the sections appealed' },
        tribunalReference: { type: 'string', minLength: 1, maxLength: 50 },
        registeredOn: date('The day the tribunal registered the appeal'),
        responseDueOn: date('The day the council’s response is due'),
        evidenceDueOn: date('The day evidence is due'),
        hearingOn: date('The hearing'),
      },
      ['appealType', 'decisionEventId', 'tribunalReference', 'registeredOn', 'responseDueOn'],
      { appealType: 'plan-content', decisionEventId: EVENT_ID, sections: ['F', 'I'], tribunalReference: 'EH999/26/00012', registeredOn: '2026-10-20', responseDueOn: '2026-12-01', hearingOn: '2027-02-10' },
    ),
    { field: 'registeredOn', message: 'The appeal cannot be registered before the decision it is against, made on 2026-10-05' },
    'No such case',
  ),
  outcome: written(
    'Record how an appeal ended',
    'The outcome of each section appealed (keyed by section: B, F, I, no-school, or decision for an appeal against a refusal or cessation) and the tribunal’s order, if any, whose SEND Regs 2014 reg. 44 day is then on the case’s deadlines. Refused (400) before the hearing unless every outcome is withdrawn or conceded.',
    { type: 'object', required: ['appealId'], properties: { appealId: { ...uuid, description: 'The appeal’s id' } } },
    body(
      {
        outcomeOn: date('The day of the decision, withdrawal or concession'),
        outcomes: { type: 'object', additionalProperties: { type: 'string', enum: Object.keys(OUTCOMES) }, description: 'The outcome of each section appealed' },
        orderKind: { type: 'string', enum: [...TRIBUNAL_ORDERS] },
      },
      ['outcomeOn', 'outcomes'],
      { outcomeOn: '2026-11-20', outcomes: { F: 'partly', I: 'dismissed' }, orderKind: 'amend-plan' },
    ),
    { field: 'outcomeOn', message: 'The tribunal decides at the hearing on 2027-02-10: an outcome before it can only be a withdrawal or a concession' },
    'No such appeal',
  ),
  complied: written(
    'Record a tribunal order carried out',
    'Meets the order’s SEND Regs 2014 reg. 44 deadline on the case (late when after its day).',
    { type: 'object', required: ['orderId'], properties: { orderId: { ...uuid, description: 'The order’s id' } } },
    body({ compliedOn: date('The day it was carried out: today unless given') }, [], { compliedOn: '2026-11-23' }),
    { field: 'compliedOn', message: 'This order is already recorded as carried out' },
    'No such order',
  ),
};

