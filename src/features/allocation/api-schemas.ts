// The API's contract for allocation: cases from the unallocated queue given to an officer, and the
// caseload (each officer's open cases, the queue with the day each case joined it), as the OpenAPI
// document shows them.
import { badRequest, bearerSecurity, BODY_ERRORS, IDEMPOTENCY_HEADERS, IDEMPOTENCY_MISMATCH, type ProblemExample, problemResponses, TOKEN_ERRORS } from '../../web/problem.ts';
import { MAX_CASES_AT_ONCE } from './service.ts';

const CASE_ID = '01937a4e-8f5c-7c3b-a5d2-6f4e2b1c9d80';
const CHILD_ID = '01937a4e-8f5b-7a00-b1c2-d3e4f5a6b7c8';
const OFFICER_ID = '01937a40-2c1d-7e3f-8a9b-0c1d2e3f4a5b';
const EVENT_ID = '01937b11-4c5d-7e6f-8a7b-8c9d0e1f2a3c';
const HOLDER_ID = '01937b11-4c5d-7e6f-8a7b-8c9d0e1f2a3d';
const LETTER_ID = '01937b12-5d6e-7f80-9a1b-2c3d4e5f6a7b';

const uuid = { type: 'string', format: 'uuid' } as const;
const nullableUuid = { type: ['string', 'null'], format: 'uuid' } as const;

const OVER_CAP: ProblemExample = {
  status: 422,
  title: 'Unprocessable content',
  detail: 'Bex Smith would be at 42.0 of 40.0, over the cap: give the reason for going over it, or choose another officer',
  field: 'overCapReason',
  errors: [{ field: 'overCapReason', message: 'Bex Smith would be at 42.0 of 40.0, over the cap: give the reason for going over it, or choose another officer' }],
};

/** The errors of a change of officer, its 422 both of its meanings: no reason for going over the cap, or a key used before. */
function changeErrors(examples: Parameters<typeof problemResponses>[1]) {
  const responses = problemResponses([...BODY_ERRORS, ...TOKEN_ERRORS, 403, 404, 409, 422], { ...examples, 422: OVER_CAP });
  return {
    ...responses,
    422: {
      ...responses[422],
      description: 'The cases would take the officer over their cap and no `overCapReason` was given (field `overCapReason`); or the Idempotency-Key was used before with a different request (field `Idempotency-Key`).',
    },
  };
}

const overCapReason = {
  type: 'string',
  maxLength: 1000,
  description:
    'Why the officer may go over their cap (their weighted load against the council’s cap times their full-time equivalent). Needed only when the cases would take them over it; kept on each case’s spell and in the audit log.',
} as const;

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

const handoverResult = {
  type: 'object',
  additionalProperties: false,
  required: ['from', 'recipients', 'cases', 'unsent'],
  properties: {
    from: { type: 'object', additionalProperties: false, required: ['id', 'name'], properties: { id: uuid, name: { type: 'string' } } },
    recipients: { type: 'array', items: { type: 'object', additionalProperties: false, required: ['id', 'name'], properties: { id: uuid, name: { type: 'string' } } } },
    cases: { type: 'array', items: caseMoved },
    unsent: { type: 'integer', description: 'How many families had no one to write to (their cases moved all the same)' },
  },
} as const;

const RECIPIENT_ID = '01937a40-2c1d-7e3f-8a9b-0c1d2e3f4a5c';

export const allocationApiSchemas = {
  handOver: {
    summary: 'Hand over a leaving officer’s cases, each to its recipient, in one go',
    description: [
      `Up to ${MAX_CASES_AT_ONCE} of the officer’s open cases, each to the active case officer chosen for it (not leaving, not the officer handing over), all or none. Each case gets a spell in its holders, a \`case.reallocated\` event, an audit entry and its family a letter naming their new officer. Get the suggested spread first from \`GET /api/v1/handovers/{officerId}/suggestion\`.`,
      'A recipient taken over their cap needs `overCapReason`, kept with each case it covers (400, field `overCapReason`, without it). Refused: a recipient not chosen, leaving, deactivated or not a case officer (400, field `to-{caseId}`); a case not of the council (404); a case no longer held by the officer handing over, or closed (409, nothing changed). For team managers and service leads. Send an `Idempotency-Key`.',
    ].join('\n\n'),
    tags: ['caseload'],
    security: bearerSecurity,
    headers: IDEMPOTENCY_HEADERS,
    body: {
      type: 'object',
      required: ['from', 'cases'],
      additionalProperties: false,
      properties: {
        from: { ...uuid, description: 'The officer handing over' },
        cases: {
          type: 'array',
          maxItems: MAX_CASES_AT_ONCE,
          items: { type: 'object', additionalProperties: false, required: ['caseId', 'officerId'], properties: { caseId: uuid, officerId: { type: 'string', description: 'The recipient' } } },
        },
        overCapReason: { type: 'string', maxLength: 1000, description: 'Why a recipient may go over their cap; needed only then' },
      },
      examples: [{ from: OFFICER_ID, cases: [{ caseId: CASE_ID, officerId: RECIPIENT_ID }] }],
    },
    response: {
      201: {
        ...handoverResult,
        description: 'The cases, handed over',
        headers: {
          location: { type: 'string', description: 'The caseload' },
          'idempotent-replayed': { type: 'string', enum: ['true'], description: 'Sent when the answer is the first one, replayed for a retry with the same Idempotency-Key' },
        },
        examples: [
          {
            from: { id: OFFICER_ID, name: 'Leah Gone' },
            recipients: [{ id: RECIPIENT_ID, name: 'Sam Patel' }],
            cases: [{ ...allocationExample.cases[0], officerId: RECIPIENT_ID, previousOfficerId: OFFICER_ID }],
            unsent: 0,
          },
        ],
      },
      ...problemResponses([...BODY_ERRORS, ...TOKEN_ERRORS, 403, 404, 409, 422], {
        400: badRequest([{ field: 'overCapReason', message: 'Sam Patel would be at 42.0 of 40.0, over the cap: give the reason for going over it, or choose other officers' }]),
        403: { status: 403, title: 'Forbidden', detail: 'Only a team manager or service lead can allocate cases. Ask one of them.' },
        404: { status: 404, title: 'Not found', detail: 'No such officer' },
        409: { status: 409, title: 'Conflict', detail: 'Case 999-EHC-2026-00012 was given to Ada Obi on 2026-11-30, while you were choosing. Nothing was changed' },
        422: IDEMPOTENCY_MISMATCH,
      }),
    },
  },
  handoverSuggestion: {
    summary: 'The suggested spread of an officer’s open cases among the other case officers',
    description:
      'Each open case the officer holds, with its weight and the suggested recipient and why: nobody over their cap while someone has room (else flagged `overCap`), a school’s pupils kept with one officer where they fit, a live appeal with an officer of 12 months or more in post (appeals are not recorded yet: `liveAppeal` is false for every case). With each officer who may receive cases: active case officers not leaving, their weighted load now and with the suggestion taken, in tenths. For team managers and service leads; the children listed go to the access log.',
    tags: ['caseload'],
    security: bearerSecurity,
    params: { type: 'object', required: ['officerId'], properties: { officerId: uuid } },
    response: {
      200: {
        type: 'object',
        additionalProperties: false,
        required: ['officer', 'cases', 'recipients', 'overCap'],
        description: 'The suggestion',
        properties: {
          officer: {
            type: 'object',
            additionalProperties: false,
            required: ['id', 'name', 'leavingOn'],
            properties: { id: uuid, name: { type: 'string' }, leavingOn: { type: ['string', 'null'], format: 'date', description: 'Their last working day; null if not recorded' } },
          },
          cases: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['caseId', 'reference', 'childId', 'weightTenths', 'weight', 'schoolName', 'liveAppeal', 'suggestion'],
              properties: {
                caseId: uuid,
                reference: { type: 'string' },
                childId: uuid,
                weightTenths: { type: 'integer' },
                weight: { type: 'string', description: 'The weight explained, as on the case' },
                schoolName: { type: ['string', 'null'] },
                liveAppeal: { type: 'boolean' },
                suggestion: {
                  type: ['object', 'null'],
                  additionalProperties: false,
                  required: ['officerId', 'officerName', 'overCap', 'explanation'],
                  properties: { officerId: uuid, officerName: { type: 'string' }, overCap: { type: 'boolean' }, explanation: { type: 'string' } },
                  description: 'Null when no officer can receive cases',
                },
              },
            },
          },
          recipients: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['id', 'name', 'loadTenths', 'capacityTenths', 'suggestedLoadTenths', 'monthsInPost'],
              properties: {
                id: uuid,
                name: { type: 'string' },
                loadTenths: { type: 'integer' },
                capacityTenths: { type: 'integer' },
                suggestedLoadTenths: { type: 'integer' },
                monthsInPost: { type: 'integer', description: 'Whole months since the day they joined the service, as an administrator records it: 12 or more is experienced' },
              },
            },
          },
          overCap: { type: 'integer', description: 'How many suggestions take someone over their cap' },
        },
        examples: [
          {
            officer: { id: OFFICER_ID, name: 'Leah Gone', leavingOn: '2027-01-29' },
            cases: [
              {
                caseId: CASE_ID,
                reference: '999-EHC-2026-00012',
                childId: CHILD_ID,
                weightTenths: 30,
                weight: '3.0: open case 1.0, assessment in progress 2.0',
                schoolName: 'Elm Primary',
                liveAppeal: false,
                suggestion: { officerId: RECIPIENT_ID, officerName: 'Sam Patel', overCap: false, explanation: 'Keeps the 6 pupils of Elm Primary together; Sam Patel has room: 31.0 of 40.0' },
              },
            ],
            recipients: [{ id: RECIPIENT_ID, name: 'Sam Patel', loadTenths: 130, capacityTenths: 400, suggestedLoadTenths: 310, monthsInPost: 26 }],
            overCap: 0,
          },
        ],
      },
      ...problemResponses([400, ...TOKEN_ERRORS, 403, 404], {
        403: { status: 403, title: 'Forbidden', detail: 'Only a team manager or service lead can allocate cases. Ask one of them.' },
        404: { status: 404, title: 'Not found', detail: 'No such officer' },
      }),
    },
  },

  allocate: {
    summary: 'Allocate cases from the unallocated queue to an officer',
    description: [
      `One case or up to ${MAX_CASES_AT_ONCE} at once, all or none, to one active case officer of the council. Each case leaves the queue, gets a spell in its holders and a \`case.allocated\` event, and its family a letter naming their officer (none where no parent or carer on the record can be written to: \`letterId\` null).`,
      'Refused: an officer who is deactivated, not a case officer, or not of the council (400, field `officer`); a case not of the council (404); a case closed, or allocated meanwhile by someone else (409: "already allocated to … since …"); cases that would take the officer’s weighted load over their capacity, without `overCapReason` (422, field `overCapReason`). For team managers and service leads. Send an `Idempotency-Key`.',
    ].join('\n\n'),
    tags: ['caseload'],
    security: bearerSecurity,
    headers: IDEMPOTENCY_HEADERS,
    body: {
      type: 'object',
      required: ['cases', 'officer'],
      additionalProperties: false,
      properties: {
        cases: { type: 'array', items: uuid, maxItems: MAX_CASES_AT_ONCE, description: 'The ids of the cases, each waiting in the unallocated queue' },
        officer: { type: 'string', description: 'The id of the active case officer to give them to' },
        overCapReason,
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
      ...changeErrors({
        400: badRequest([{ field: 'officer', message: 'Bex Smith’s account is deactivated: choose an active officer' }]),
        403: { status: 403, title: 'Forbidden', detail: 'Only a team manager or service lead can allocate cases. Ask one of them.' },
        404: { status: 404, title: 'Not found', detail: 'No such case' },
        409: { status: 409, title: 'Conflict', detail: 'Case 999-EHC-2026-00012 is already allocated to Bex Smith since 2026-11-30. Nothing was allocated' },
      }),
    },
  },
  reallocate: {
    summary: 'Change the officer of one case, from the officer you saw',
    description: [
      'Gives one open case to another active case officer of the council, with your reason: from its officer, or from the unallocated queue. The case gets a spell in its holders and a `case.reallocated` (or `case.allocated`) event, and its family a letter naming their new officer.',
      '`currentOfficer` is the officer you saw holding the case (null: it was waiting in the queue). If the case has moved since (two managers at once), the change is refused with 409 and nothing is changed: read the case again and decide. Refused too: an officer who is deactivated, not a case officer, not of the council, or who already holds the case (400, field `officer`); no reason (400, field `reason`); a case not of the council (404) or closed (409); the case taking the officer over their cap without `overCapReason` (422, field `overCapReason`). For team managers and service leads. Send an `Idempotency-Key`: a retry answers as the first time.',
    ].join('\n\n'),
    tags: ['caseload'],
    security: bearerSecurity,
    headers: IDEMPOTENCY_HEADERS,
    params: { type: 'object', required: ['caseId'], properties: { caseId: uuid } },
    body: {
      type: 'object',
      required: ['officer', 'reason', 'currentOfficer'],
      additionalProperties: false,
      properties: {
        officer: { type: 'string', description: 'The id of the active case officer to give the case to' },
        reason: { type: 'string', minLength: 1, maxLength: 1000, description: 'Why the case changes officer, in your words: kept on its spell in the holders' },
        currentOfficer: { ...nullableUuid, description: 'The officer you saw holding the case; null if it was waiting in the unallocated queue' },
        overCapReason,
      },
      examples: [{ officer: OFFICER_ID, reason: 'Ada Obi is on long-term sick leave', currentOfficer: '01937a40-2c1d-7e3f-8a9b-0c1d2e3f4a5c' }],
    },
    response: {
      200: {
        type: 'object',
        additionalProperties: false,
        required: ['officer', 'cases', 'unsent'],
        properties: {
          officer: { type: 'object', additionalProperties: false, required: ['id', 'name'], properties: { id: uuid, name: { type: 'string' } } },
          cases: { type: 'array', items: caseMoved, minItems: 1, maxItems: 1 },
          unsent: { type: 'integer', description: '1 if the family had no one to write to (the case moved all the same), else 0' },
        },
        description: 'The case, with its new officer',
        headers: {
          'idempotent-replayed': { type: 'string', enum: ['true'], description: 'Sent when the answer is the first one, replayed for a retry with the same Idempotency-Key' },
        },
        examples: [{ ...allocationExample, cases: [{ ...allocationExample.cases[0], previousOfficerId: '01937a40-2c1d-7e3f-8a9b-0c1d2e3f4a5c' }] }],
      },
      ...changeErrors({
        400: badRequest([{ field: 'reason', message: 'Say why the case is changing officer' }]),
        403: { status: 403, title: 'Forbidden', detail: 'Only a team manager or service lead can allocate cases. Ask one of them.' },
        404: { status: 404, title: 'Not found', detail: 'No such case' },
        409: { status: 409, title: 'Conflict', detail: 'Case 999-EHC-2026-00012 was given to Sam Patel on 2026-11-30, while you were choosing. Nothing was changed' },
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
