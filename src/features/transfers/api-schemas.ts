// The API's contract for moves between councils (SEND Regs 2014 reg. 15): a case's moves, a move
// out recorded, the plan sent to the new council, and a plan received from another council.
import { badRequest, bearerSecurity, conflictProblem, IDEMPOTENCY_HEADERS, notFoundProblem, problemResponses, TOKEN_ERRORS, writeProblemResponses } from '../../web/problem.ts';

const CASE_ID = '01937a4e-8f5c-7c3b-a5d2-6f4e2b1c9d80';
const CHILD_ID = '01937a4e-1111-7c3b-a5d2-6f4e2b1c9d80';
const TRANSFER_ID = '01937b00-2b4c-7d6e-8f10-1a2b3c4d5e6f';

const uuid = { type: 'string', format: 'uuid' } as const;
const isoDate = { type: 'string', format: 'date' } as const;
const nullableDate = { type: ['string', 'null'], format: 'date' } as const;
const nullableText = { type: ['string', 'null'] } as const;

const caseParams = { type: 'object', required: ['caseId'], properties: { caseId: { ...uuid, description: 'The case’s id' } } } as const;
const childParams = { type: 'object', required: ['childId'], properties: { childId: { ...uuid, description: 'The child’s id' } } } as const;
const transferParams = { type: 'object', required: ['transferId'], properties: { transferId: { ...uuid, description: 'The move’s id' } } } as const;

const IDEMPOTENCY =
  'Send an `Idempotency-Key` so that a retry never does it twice: the same key with the same request answers as the first time, with `Idempotent-Replayed: true`; the same key with a different request is refused (422).';

const answerHeaders = {
  location: { type: 'string', description: 'The case’s moves between councils' },
  'idempotent-replayed': { type: 'string', enum: ['true'], description: 'Sent when the answer is the first one, replayed for a retry with the same Idempotency-Key' },
};

const transferSchema = {
  type: 'object',
  description: 'A move between councils with an EHC plan (SEND Regs 2014 reg. 15).',
  required: [
    'id', 'caseId', 'childId', 'direction', 'otherCouncil', 'moveDate', 'learntOn', 'planDueOn', 'planDueBasis', 'planSentOn', 'letterId',
    'planReceivedOn', 'otherLaCode', 'requestReceivedOn', 'requestSource', 'requestSourceName', 'lastReviewOn', 'familyDueOn', 'familyToldOn', 'reviewDueOn', 'reviewDueBasis', 'recordedAt', 'version',
  ],
  additionalProperties: false,
  properties: {
    id: uuid,
    caseId: uuid,
    childId: uuid,
    direction: { type: 'string', enum: ['out', 'in'], description: 'out: to another council; in: from one' },
    otherCouncil: { type: 'string', description: 'The council moved to (out) or from (in)' },
    moveDate: isoDate,
    learntOn: { ...nullableDate, description: 'Out: the day the council learnt of the move' },
    planDueOn: { ...nullableDate, description: 'Out: the day of the move, or 15 working days beginning with the day learnt when that was less than 15 working days before it (reg. 15)' },
    planDueBasis: { ...nullableText, description: 'Out: how planDueOn was worked out' },
    planSentOn: { ...nullableDate, description: 'Out: the day the plan was sent; the case is then closed as transferred' },
    letterId: { type: ['string', 'null'], format: 'uuid', description: 'Out: the letter the plan went with, when sent from the service' },
    planReceivedOn: { ...nullableDate, description: 'In: the day the plan was received' },
    otherLaCode: { ...nullableText, description: 'In, from the plan’s papers: the other council’s LA code (SEN2 TransferLA)' },
    requestReceivedOn: { ...nullableDate, description: 'In, from the plan’s papers: the day the other council received the original request (SEN2 ReceivedDate)' },
    requestSource: { type: ['integer', 'null'], minimum: 1, maximum: 5, description: 'In, from the plan’s papers: who made the original request (SEN2 RequestSource 1 to 5)' },
    requestSourceName: nullableText,
    lastReviewOn: { ...nullableDate, description: 'In: the day the plan was made or last reviewed' },
    familyDueOn: { ...nullableDate, description: 'In: 6 weeks after the move, by when the family is told whether the council will assess or review (reg. 15)' },
    familyToldOn: nullableDate,
    reviewDueOn: { ...nullableDate, description: 'In: the later of 12 months beginning with the last review and 3 months beginning with the move, the day before each ends (reg. 15)' },
    reviewDueBasis: nullableText,
    recordedAt: { type: 'string', format: 'date-time' },
    version: { type: 'integer', minimum: 1 },
  },
} as const;

const outExample = {
  id: TRANSFER_ID,
  caseId: CASE_ID,
  childId: CHILD_ID,
  direction: 'out',
  otherCouncil: 'Northshire County Council',
  moveDate: '2026-12-01',
  learntOn: '2026-11-23',
  planDueOn: '2026-12-11',
  planDueBasis:
    'SEND Regulations 2014 reg. 15: the council learnt of the move on 2026-11-23, less than 15 working days before it on 2026-12-01, so it must send the plan within 15 working days beginning with the day it learnt of it. That day counts as the first when it is a working day.',
  planSentOn: null,
  letterId: null,
  planReceivedOn: null,
  otherLaCode: null,
  requestReceivedOn: null,
  requestSource: null,
  requestSourceName: null,
  lastReviewOn: null,
  familyDueOn: null,
  familyToldOn: null,
  reviewDueOn: null,
  reviewDueBasis: null,
  recordedAt: '2026-11-23T10:00:00.000Z',
  version: 1,
};

const inExample = {
  ...outExample,
  direction: 'in',
  otherCouncil: 'Westmoor Borough Council',
  moveDate: '2026-11-02',
  learntOn: null,
  planDueOn: null,
  planDueBasis: null,
  planReceivedOn: '2026-11-09',
  otherLaCode: '886',
  requestReceivedOn: '2023-02-06',
  requestSource: 1,
  requestSourceName: 'Parent or young person',
  lastReviewOn: '2026-03-15',
  familyDueOn: '2026-12-14',
  reviewDueOn: '2027-03-14',
  reviewDueBasis: 'SEND Regulations 2014 reg. 15: review the plan before the later of two periods ends: the 12 months beginning with its last review on 2026-03-15, and the 3 months beginning with the transfer on 2026-11-02.',
};


export const transfersApiSchemas = {
  list: {
    summary: 'A case’s moves between councils',
    description: 'The moves to and from other councils recorded on the case, with the days the law sets (SEND Regs 2014 reg. 15). A view of the child’s record: written to the access log.',
    tags: ['transfers'],
    security: bearerSecurity,
    params: caseParams,
    response: {
      200: {
        type: 'object',
        description: 'The case’s moves',
        required: ['caseId', 'open', 'transfers'],
        additionalProperties: false,
        properties: { caseId: uuid, open: { type: 'boolean' }, transfers: { type: 'array', items: transferSchema } },
        examples: [{ caseId: CASE_ID, open: true, transfers: [outExample] }],
      },
      ...problemResponses([400, ...TOKEN_ERRORS, 403, 404], { 404: notFoundProblem('case') }),
    },
  },
  transferOut: {
    summary: 'Record a move to another council',
    description:
      'The child with a plan this council maintains is moving (or has moved) to another council. The plan is due there on the day of the move, or, when the council learnt of the move less than 15 working days before it (or after it), within 15 working days beginning with the day it learnt (SEND Regs 2014 reg. 15): the case carries that deadline. ' +
      'Refused (409) on a case with no plan the council maintains, a closed case, or one whose move is already recorded. ' +
      IDEMPOTENCY,
    tags: ['transfers'],
    security: bearerSecurity,
    headers: IDEMPOTENCY_HEADERS,
    params: caseParams,
    body: {
      type: 'object',
      required: ['newCouncil', 'moveDate', 'learntOn'],
      additionalProperties: false,
      properties: {
        newCouncil: { type: 'string', description: 'The council moved to (200 characters or fewer)' },
        moveDate: { ...isoDate, description: 'The day of the move: within the next 12 months, or past' },
        learntOn: { ...isoDate, description: 'The day the council learnt of the move: today or earlier' },
      },
      examples: [{ newCouncil: 'Northshire County Council', moveDate: '2026-12-01', learntOn: '2026-11-23' }],
    },
    response: {
      201: { ...transferSchema, description: 'The move, recorded', headers: answerHeaders, examples: [outExample] },
      ...writeProblemResponses({
        400: badRequest([{ field: 'learntOn', message: 'The date the council learnt of the move must be today or in the past' }]),
        404: notFoundProblem('case'),
        409: conflictProblem('Only a case with a plan the council maintains moves to another council with it: record the final plan first'),
      }),
    },
  },
  planSent: {
    summary: 'Record the plan sent to the new council',
    description:
      'The plan sent to the council the child moved to (SEND Regs 2014 reg. 15): sent today, the letter goes by e-mail to the person named there; an earlier day records one sent another way. The case then closes as transferred. ' +
      'Not before the day the council learnt of the move; a plan already sent is refused (409). ' +
      IDEMPOTENCY,
    tags: ['transfers'],
    security: bearerSecurity,
    headers: IDEMPOTENCY_HEADERS,
    params: transferParams,
    body: {
      type: 'object',
      required: ['sentOn', 'recipientName', 'recipientEmail'],
      additionalProperties: false,
      properties: {
        sentOn: { ...isoDate, description: 'The day the plan was sent: today or earlier' },
        recipientName: { type: 'string', description: 'The person at the new council it was sent to' },
        recipientEmail: { type: 'string', description: 'Their e-mail address' },
      },
      examples: [{ sentOn: '2026-11-23', recipientName: 'SEND team manager', recipientEmail: 'send@northshire.example' }],
    },
    response: {
      200: { ...transferSchema, description: 'The move, with the plan sent', headers: answerHeaders, examples: [{ ...outExample, planSentOn: '2026-11-23', version: 2 }] },
      ...writeProblemResponses({
        400: badRequest([{ field: 'sentOn', message: 'The plan cannot have been sent before the council learnt of the move, on 23 November 2026' }]),
        404: notFoundProblem('move between councils'),
        409: conflictProblem('The plan was already sent to Northshire County Council on 23 November 2026: nothing was changed'),
      }),
    },
  },
  transferIn: {
    summary: 'Record a plan received from another council',
    description:
      'A child who moved here with another council’s EHC plan (SEND Regs 2014 reg. 15): the plan becomes this council’s, on a case of its own opened on the day of the move, with the 6 weeks to tell the family whether the council will assess or review and the review due on the later of 12 months beginning with the last review and 3 months beginning with the move. ' +
      'Refused (409) when the child already has an open case. ' +
      IDEMPOTENCY,
    tags: ['transfers'],
    security: bearerSecurity,
    headers: IDEMPOTENCY_HEADERS,
    params: childParams,
    body: {
      type: 'object',
      required: ['oldCouncil', 'moveDate', 'planReceivedOn', 'lastReviewOn'],
      additionalProperties: false,
      properties: {
        oldCouncil: { type: 'string', description: 'The council moved from (200 characters or fewer)' },
        moveDate: { ...isoDate, description: 'The day of the move: today or earlier' },
        planReceivedOn: { ...isoDate, description: 'The day the plan was received: today or earlier' },
        lastReviewOn: { ...isoDate, description: 'The day the plan was made or last reviewed: not after the move' },
        oldLaCode: { type: 'string', description: 'Optional, from the plan’s papers for the SEN2 return: the other council’s LA code, 3 digits, an English local authority’s (TransferLA)' },
        requestReceivedOn: { type: 'string', description: 'Optional: the day the other council received the original request (YYYY-MM-DD), not after the plan’s date (lastReviewOn)' },
        requestSource: { type: 'string', description: 'Optional: who made the original request, RequestSource 1 parent or young person, 2 school or setting, 3 health, 4 social care, 5 other' },
        primaryNeed: { type: 'string', description: 'Optional: the plan’s primary need, an SEN2 SENtype code (ASD, SLCN, SEMH, ...); with the placement it becomes the case’s plan, the final plan as the other council issued it' },
        secondaryNeed: { type: 'string', description: 'Optional: a secondary need, another SENtype code; only with the primary need' },
        placementUrn: { type: 'string', description: 'Optional: the school section I names, its 6-digit URN on the schools register' },
        placementSettingType: { type: 'string', description: 'Optional: or the type of school or other setting section I names (not both)' },
      },
      examples: [
        { oldCouncil: 'Westmoor Borough Council', moveDate: '2026-11-02', planReceivedOn: '2026-11-09', lastReviewOn: '2026-03-15' },
        { oldCouncil: 'Kent County Council', moveDate: '2026-11-02', planReceivedOn: '2026-11-09', lastReviewOn: '2026-03-15', oldLaCode: '886', requestReceivedOn: '2023-02-06', requestSource: '1', primaryNeed: 'ASD', secondaryNeed: 'SLCN', placementUrn: '140285' },
      ],
    },
    response: {
      201: { ...transferSchema, description: 'The plan received, on its new case', headers: answerHeaders, examples: [inExample] },
      ...writeProblemResponses({
        400: badRequest([{ field: 'lastReviewOn', message: 'The plan’s last review must be before the move: the other council reviewed it, not this one' }]),
        404: notFoundProblem('child'),
        409: conflictProblem('The child already has an open case, 999-EHC-2026-00012: a plan received on a move opens a case of its own, so close or correct that one first'),
      }),
    },
  },
} as const;
