// The API's contract for allocation: cases from the unallocated queue given to an officer, and the
// caseload (each officer's open cases, the queue with the day each case joined it), as the OpenAPI
// document shows them.
import { badRequest, bearerSecurity, BODY_ERRORS, problemResponses, TOKEN_ERRORS, type ProblemExample } from '../../web/problem.ts';
import { MAX_CASES_AT_ONCE } from './service.ts';

const CASE_ID = '01937a4e-8f5c-7c3b-a5d2-6f4e2b1c9d80';
const CHILD_ID = '01937a4e-8f5b-7a00-b1c2-d3e4f5a6b7c8';
const OFFICER_ID = '01937a40-2c1d-7e3f-8a9b-0c1d2e3f4a5b';
const EVENT_ID = '01937b11-4c5d-7e6f-8a7b-8c9d0e1f2a3c';
const HOLDER_ID = '01937b11-4c5d-7e6f-8a7b-8c9d0e1f2a3d';
const LETTER_ID = '01937b12-5d6e-7f80-9a1b-2c3d4e5f6a7b';

const uuid = { type: 'string', format: 'uuid' } as const;
const nullableUuid = { type: ['string', 'null'], format: 'uuid' } as const;

const idempotencyHeaders = {
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

const IDEMPOTENCY_MISMATCH: ProblemExample = {
  status: 422,
  title: 'Unprocessable content',
  detail: 'This Idempotency-Key was used with a different request. Use a new key for a new request.',
  field: 'Idempotency-Key',
  errors: [{ field: 'Idempotency-Key', message: 'This Idempotency-Key was used with a different request. Use a new key for a new request.' }],
};

const caseMoved = {
  type: 'object',
  additionalProperties: false,
  required: ['caseId', 'reference', 'childId', 'officerId', 'previousOfficerId', 'eventId', 'holderId', 'letterId'],
  properties: {
    caseId: uuid,
    reference: { type: 'string' },
    childId: uuid,
    officerId: { ...uuid, description: 'The officer who now holds the case' },
    previousOfficerId: { ...nullableUuid, description: 'Who held it before; null: it waited in the unallocated queue' },
    eventId: { ...uuid, description: 'The event on the case recording the change (case.allocated)' },
    holderId: { ...uuid, description: 'The new spell in the case’s holders' },
    letterId: { ...nullableUuid, description: 'The letter telling the family who their officer is; null where no parent or carer on the record could be written to' },
  },
} as const;

const allocationExample = {
  officer: { id: OFFICER_ID, name: 'Bex Smith' },
  cases: [{ caseId: CASE_ID, reference: '999-EHC-2026-00012', childId: CHILD_ID, officerId: OFFICER_ID, previousOfficerId: null, eventId: EVENT_ID, holderId: HOLDER_ID, letterId: LETTER_ID }],
  unsent: 0,
};

export const allocationApiSchemas = {
  allocate: {
    summary: 'Allocate cases from the unallocated queue to an officer',
    description: [
      `One case or up to ${MAX_CASES_AT_ONCE} at once, all or none, to one active case officer of the council. Each case leaves the queue, gets a spell in its holders and a \`case.allocated\` event, and its family a letter naming their officer (none where no parent or carer on the record can be written to: \`letterId\` null).`,
      'Refused: an officer who is deactivated, not a case officer, or not of the council (400, field `officer`); a case not of the council (404); a case closed, or allocated meanwhile by someone else (409: "already allocated to … since …"). For team managers and service leads. Send an `Idempotency-Key`.',
    ].join('\n\n'),
    tags: ['caseload'],
    security: bearerSecurity,
    headers: idempotencyHeaders,
    body: {
      type: 'object',
      required: ['cases', 'officer'],
      additionalProperties: false,
      properties: {
        cases: { type: 'array', items: uuid, maxItems: MAX_CASES_AT_ONCE, description: 'The ids of the cases, each waiting in the unallocated queue' },
        officer: { type: 'string', description: 'The id of the active case officer to give them to' },
      },
      examples: [{ cases: [CASE_ID], officer: OFFICER_ID }],
    },
    response: {
      201: {
        type: 'object',
        additionalProperties: false,
        required: ['officer', 'cases', 'unsent'],
        properties: {
          officer: { type: 'object', additionalProperties: false, required: ['id', 'name'], properties: { id: uuid, name: { type: 'string' } } },
          cases: { type: 'array', items: caseMoved },
          unsent: { type: 'integer', description: 'How many families had no one to write to (their cases moved all the same)' },
        },
        description: 'The cases, allocated',
        headers: {
          location: { type: 'string', description: 'The caseload' },
          'idempotent-replayed': { type: 'string', enum: ['true'], description: 'Sent when the answer is the first one, replayed for a retry with the same Idempotency-Key' },
        },
        examples: [allocationExample],
      },
      ...problemResponses([...BODY_ERRORS, ...TOKEN_ERRORS, 403, 404, 409, 422], {
        400: badRequest([{ field: 'officer', message: 'Bex Smith’s account is deactivated: choose an active officer' }]),
        403: { status: 403, title: 'Forbidden', detail: 'Only a team manager or service lead can allocate cases. Ask one of them.' },
        404: { status: 404, title: 'Not found', detail: 'No such case' },
        409: { status: 409, title: 'Conflict', detail: 'Case 999-EHC-2026-00012 is already allocated to Bex Smith since 2026-11-30. Nothing was allocated' },
        422: IDEMPOTENCY_MISMATCH,
      }),
    },
  },
  caseload: {
    summary: 'Each officer’s open cases and the unallocated queue',
    description:
      'Every active case officer of the council (and anyone else still holding cases) with how many open cases they hold, their team and the colleague covering them today if they are away, and every open case without an officer, the longest waiting first, with the day it joined the queue. For team managers and above.',
    tags: ['caseload'],
    security: bearerSecurity,
    response: {
      200: {
        type: 'object',
        additionalProperties: false,
        required: ['officers', 'unallocated'],
        description: 'The caseload',
        properties: {
          officers: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['id', 'name', 'openCases', 'team', 'cover'],
              properties: {
                id: uuid,
                name: { type: 'string' },
                openCases: { type: 'integer' },
                team: { type: ['object', 'null'], additionalProperties: false, required: ['id', 'name'], properties: { id: uuid, name: { type: 'string' } }, description: 'Their team; null when in none' },
                cover: {
                  type: ['object', 'null'],
                  additionalProperties: false,
                  required: ['officerId', 'name', 'startsOn', 'endsOn'],
                  properties: { officerId: uuid, name: { type: 'string' }, startsOn: { type: 'string', format: 'date' }, endsOn: { type: 'string', format: 'date' } },
                  description: 'The colleague covering their cases today while they are away (the cases stay theirs); null when not away',
                },
              },
            },
          },
          unallocated: {
            type: 'object',
            additionalProperties: false,
            required: ['total', 'cases'],
            properties: {
              total: { type: 'integer' },
              cases: {
                type: 'array',
                items: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['caseId', 'reference', 'childId', 'stage', 'unallocatedSince'],
                  properties: { caseId: uuid, reference: { type: 'string' }, childId: uuid, stage: { type: 'string' }, unallocatedSince: { type: 'string', format: 'date', description: 'The day it joined the queue' } },
                },
              },
            },
          },
        },
        examples: [
          {
            officers: [
              {
                id: OFFICER_ID,
                name: 'Bex Smith',
                openCases: 37,
                team: { id: '01937a4e-8f5b-7a00-b1c2-d3e4f5a6b7d0', name: 'North' },
                cover: { officerId: '01937a4e-8f5b-7a00-b1c2-d3e4f5a6b7c9', name: 'Sam Patel', startsOn: '2026-12-01', endsOn: '2026-12-12' },
              },
            ],
            unallocated: { total: 1, cases: [{ caseId: CASE_ID, reference: '999-EHC-2026-00012', childId: CHILD_ID, stage: 'request', unallocatedSince: '2026-11-02' }] },
          },
        ],
      },
      ...problemResponses([...TOKEN_ERRORS, 403], { 403: { status: 403, title: 'Forbidden', detail: 'You do not have permission to do that' } }),
    },
  },
} as const;
