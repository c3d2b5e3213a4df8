// The API's contract for draft to final, the people asked: a case's schools consulted and the
// family's response to the draft plan; consulting a school, its answer, a reminder, and what the
// family said; their errors and examples, as the OpenAPI document shows.
import {
  CONSULTATION_BASES,
  CONSULTATION_RESPONSES,
  CONSULTATION_STATUSES,
  PLAN_SECTIONS,
  REPRESENTATION_KINDS,
} from '../../domain/clocks/index.ts';
import { badRequest, bearerSecurity, conflictProblem, IDEMPOTENCY_HEADERS, notFoundProblem, problemResponses, TOKEN_ERRORS, writeProblemResponses } from '../../web/problem.ts';

const CASE_ID = '01937a4e-8f5c-7c3b-a5d2-6f4e2b1c9d80';
const CONSULTATION_ID = '01937a90-2b4c-7d6e-8f10-1a2b3c4d5e6f';
const SCHOOL_ID = '01937a10-0a0b-7c0d-8e0f-101112131415';

const uuid = { type: 'string', format: 'uuid' } as const;
const isoDate = { type: 'string', format: 'date' } as const;
const nullableDate = { type: ['string', 'null'], format: 'date' } as const;

const caseParams = { type: 'object', required: ['caseId'], properties: { caseId: { ...uuid, description: 'The case’s id' } } } as const;
const consultationParams = { type: 'object', required: ['consultationId'], properties: { consultationId: { ...uuid, description: 'The consultation’s id' } } } as const;

const IDEMPOTENCY =
  'Send an `Idempotency-Key` so that a retry never does it twice: the same key with the same request answers as the first time, with `Idempotent-Replayed: true`; the same key with a different request is refused (422).';

const answerHeaders = {
  location: { type: 'string', description: 'The case’s consultations' },
  'idempotent-replayed': { type: 'string', enum: ['true'], description: 'Sent when the answer is the first one, replayed for a retry with the same Idempotency-Key' },
};

const standing = {
  type: 'object',
  description: 'Where it stands today: awaiting (daysRemaining), overdue (daysOverdue, from the day after the due date), answered (daysLate, 0 when on time) or withdrawn.',
  required: ['state'],
  additionalProperties: false,
  properties: {
    state: { type: 'string', enum: ['awaiting', 'overdue', 'answered', 'withdrawn'] },
    daysRemaining: { type: 'integer', minimum: 0 },
    daysOverdue: { type: 'integer', minimum: 1 },
    daysLate: { type: 'integer', minimum: 0 },
  },
} as const;

const consultationSchema = {
  type: 'object',
  description: 'A school asked whether it can meet the child’s needs and be named in the plan (CFA 2014 s.39(2) when the family asked for it, s.40 otherwise).',
  required: [
    'id', 'caseId', 'school', 'basis', 'basisTitle', 'citation', 'contactName', 'contactEmail', 'sentOn', 'dueOn', 'status', 'standing', 'response', 'responseTitle',
    'reasons', 'respondedOn', 'withdrawnReason', 'chasersSent', 'lastChasedAt', 'version', 'createdAt',
  ],
  additionalProperties: false,
  properties: {
    id: uuid,
    caseId: uuid,
    school: {
      type: 'object',
      required: ['id', 'urn', 'name', 'phase', 'type'],
      additionalProperties: false,
      properties: { id: uuid, urn: { type: 'integer' }, name: { type: 'string' }, phase: { type: 'string' }, type: { type: 'string' } },
    },
    basis: { type: 'string', enum: [...CONSULTATION_BASES], description: 'family-request: the family asked for the school (s.39); council: the council is considering it (s.40)' },
    basisTitle: { type: 'string' },
    citation: { type: 'string' },
    contactName: { type: 'string' },
    contactEmail: { type: 'string', format: 'email' },
    sentOn: isoDate,
    dueOn: { ...isoDate, description: '15 days after sentOn, which does not count (SEND Code of Practice 9.83: guidance, not law)' },
    status: { type: 'string', enum: [...CONSULTATION_STATUSES] },
    standing,
    response: { type: ['string', 'null'], enum: [...CONSULTATION_RESPONSES, null] },
    responseTitle: { type: ['string', 'null'] },
    reasons: { type: ['string', 'null'], description: 'The school’s reasons, in its words' },
    respondedOn: nullableDate,
    withdrawnReason: { type: ['string', 'null'] },
    chasersSent: { type: 'integer', minimum: 0 },
    lastChasedAt: { type: ['string', 'null'], format: 'date-time' },
    version: { type: 'integer', minimum: 1, description: 'Send it back with a change: a change to a consultation someone changed since is refused (409)' },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;

const representationSchema = {
  type: 'object',
  description: 'One thing the family said about the draft plan (SEND Regs 2014 reg. 13(1); CFA 2014 s.38(2)(b)).',
  required: ['id', 'caseId', 'kind', 'kindTitle', 'citation', 'section', 'sectionTitle', 'words', 'school', 'receivedOn', 'late', 'recordedBy', 'recordedAt', 'fromPortal'],
  additionalProperties: false,
  properties: {
    id: uuid,
    caseId: uuid,
    kind: { type: 'string', enum: [...REPRESENTATION_KINDS] },
    kindTitle: { type: 'string' },
    citation: { type: 'string' },
    section: { type: ['string', 'null'], enum: [...PLAN_SECTIONS, null], description: 'For a comment: the section of the plan, or whole' },
    sectionTitle: { type: ['string', 'null'] },
    words: { type: 'string', description: 'The family’s words: the comment, their reasons for the school, or what they want to talk about' },
    school: {
      type: ['object', 'null'],
      required: ['id', 'urn', 'name'],
      additionalProperties: false,
      properties: { id: uuid, urn: { type: 'integer' }, name: { type: 'string' } },
    },
    receivedOn: isoDate,
    late: { type: 'boolean', description: 'Received after the family’s 15 days (reg. 13(1)(a)): recorded all the same' },
    recordedBy: { type: ['string', 'null'], description: 'The officer who recorded it, or the family member who sent it through the family portal' },
    recordedAt: { type: 'string', format: 'date-time' },
    fromPortal: { type: 'boolean', description: 'Sent by the family themselves through the family portal' },
  },
} as const;

const consultationExample = {
  id: CONSULTATION_ID,
  caseId: CASE_ID,
  school: { id: SCHOOL_ID, urn: 140100, name: 'Alderbrook Primary School', phase: 'Primary', type: 'Community school' },
  basis: 'family-request',
  basisTitle: 'The family asked for this school',
  citation: 'Children and Families Act 2014 s.39(2) to (4)',
  contactName: 'Ms Rachel Green, SENCo',
  contactEmail: 'senco@alderbrook.example',
  sentOn: '2026-11-23',
  dueOn: '2026-12-08',
  status: 'awaiting',
  standing: { state: 'awaiting', daysRemaining: 15 },
  response: null,
  responseTitle: null,
  reasons: null,
  respondedOn: null,
  withdrawnReason: null,
  chasersSent: 0,
  lastChasedAt: null,
  version: 1,
  createdAt: '2026-11-23T10:00:00.000Z',
};

const answeredExample = {
  ...consultationExample,
  status: 'answered',
  standing: { state: 'answered', daysLate: 0 },
  response: 'cannot-meet-needs',
  responseTitle: 'Cannot meet the child’s needs',
  reasons: 'The school has no space in year 4 and cannot provide the daily small-group speech and language work section F sets out.',
  respondedOn: '2026-11-23',
  version: 2,
};

const representationExample = {
  id: '01937aa0-3c4d-7e5f-8a6b-7c8d9e0f1a2b',
  caseId: CASE_ID,
  kind: 'comment',
  kindTitle: 'A comment on the draft plan',
  citation: 'SEND Regulations 2014 reg. 13(1)(a)',
  section: 'F',
  sectionTitle: 'Section F: special educational provision',
  words: 'Section F says “regular speech and language therapy”: we want it to say how often and for how long.',
  school: null,
  receivedOn: '2026-11-23',
  late: false,
  recordedBy: 'Amira Khan',
  recordedAt: '2026-11-23T10:00:00.000Z',
  fromPortal: false,
};


export const consultationsApiSchemas = {
  list: {
    summary: 'A case’s schools consulted and the family’s response to the draft plan',
    description:
      'The schools consulted about being named in the plan, in the order they were sent, each with its due date, where it stands, its reminders and its answer; and what the family said about the draft plan, in the order it came. ' +
      'A view of the child’s record: written to the access log.',
    tags: ['consultations'],
    security: bearerSecurity,
    params: caseParams,
    response: {
      200: {
        type: 'object',
        description: 'The case’s consultations and the family’s response',
        required: ['caseId', 'draftIssuedOn', 'commentsDueOn', 'consultations', 'representations'],
        additionalProperties: false,
        properties: {
          caseId: uuid,
          draftIssuedOn: { ...nullableDate, description: 'The day the draft plan was issued, if it was' },
          commentsDueOn: { ...nullableDate, description: 'The last of the family’s 15 days to comment, beginning with the day the draft was issued (reg. 13(1)(a))' },
          consultations: { type: 'array', items: consultationSchema },
          representations: { type: 'array', items: representationSchema },
        },
        examples: [{ caseId: CASE_ID, draftIssuedOn: '2026-11-20', commentsDueOn: '2026-12-04', consultations: [consultationExample], representations: [representationExample] }],
      },
      ...problemResponses([400, ...TOKEN_ERRORS, 403, 404], { 404: notFoundProblem('case') }),
    },
  },
  create: {
    summary: 'Consult a school about being named in the plan',
    description:
      'Asks a school (by its URN in the schools register) whether it can meet the child’s needs and be named in the plan: under CFA 2014 s.39(2) when the family asked for it (`basis` family-request), s.40 otherwise (council). ' +
      'Only once the decision to make a plan or the draft plan is recorded, and not once the final plan is issued (409); one school at a time on a case while it has not answered (409). ' +
      'The answer is due 15 days after the day sent, which does not count (SEND Code of Practice 9.83: guidance, not law). One sent today also queues the consultation e-mail to the school. ' +
      IDEMPOTENCY,
    tags: ['consultations'],
    security: bearerSecurity,
    headers: IDEMPOTENCY_HEADERS,
    params: caseParams,
    body: {
      type: 'object',
      required: ['urn', 'basis', 'contactName', 'contactEmail', 'sentOn'],
      additionalProperties: false,
      properties: {
        urn: { type: 'string', description: 'The school’s URN, as the schools register has it (a number is taken as its digits)' },
        basis: { type: 'string', enum: [...CONSULTATION_BASES] },
        contactName: { type: 'string', description: 'The person at the school written to (200 characters or fewer)' },
        contactEmail: { type: 'string', description: 'Their e-mail address' },
        sentOn: { ...isoDate, description: 'The day the consultation was sent: today or earlier, not before the decision to make a plan or the draft' },
      },
      examples: [{ urn: '140100', basis: 'family-request', contactName: 'Ms Rachel Green, SENCo', contactEmail: 'senco@alderbrook.example', sentOn: '2026-11-23' }],
    },
    response: {
      201: { ...consultationSchema, description: 'The consultation, sent', headers: answerHeaders, examples: [consultationExample] },
      ...writeProblemResponses({
        400: badRequest([{ field: 'urn', message: 'There is no school with URN 999999 in the schools register' }]),
        404: notFoundProblem('case'),
        409: conflictProblem('Record the decision to make a plan, or the draft plan, before consulting schools'),
      }),
    },
  },
  response: {
    summary: 'Record a school’s answer to a consultation',
    description:
      'Whether the school can meet the child’s needs, with its reasons (required when it cannot), and the day it answered: not before it was consulted, not in the future. ' +
      'A consultation already answered or withdrawn, or changed since the `version` given, is refused (409). ' +
      IDEMPOTENCY,
    tags: ['consultations'],
    security: bearerSecurity,
    headers: IDEMPOTENCY_HEADERS,
    params: consultationParams,
    body: {
      type: 'object',
      required: ['response', 'respondedOn'],
      additionalProperties: false,
      properties: {
        response: { type: 'string', enum: [...CONSULTATION_RESPONSES] },
        reasons: { type: 'string', description: 'The school’s reasons, in its words (5,000 characters or fewer); required when it cannot meet the needs' },
        respondedOn: { ...isoDate, description: 'The day the school answered' },
        version: { type: 'integer', minimum: 1, description: 'The version you read: a change since is refused (409)' },
      },
      examples: [
        {
          response: 'cannot-meet-needs',
          reasons: 'The school has no space in year 4 and cannot provide the daily small-group speech and language work section F sets out.',
          respondedOn: '2026-11-23',
          version: 1,
        },
      ],
    },
    response: {
      200: { ...consultationSchema, description: 'The consultation, answered', headers: answerHeaders, examples: [answeredExample] },
      ...writeProblemResponses({
        400: badRequest([{ field: 'reasons', message: 'Enter the school’s reasons: why it cannot meet the child’s needs' }]),
        404: notFoundProblem('consultation'),
        409: conflictProblem('This consultation is already answered: nothing was changed'),
      }),
    },
  },
  chase: {
    summary: 'Send a reminder about a consultation',
    description: 'E-mails the school a reminder about a consultation still awaiting its answer, and counts it. One already answered or withdrawn is refused (409). ' + IDEMPOTENCY,
    tags: ['consultations'],
    security: bearerSecurity,
    headers: IDEMPOTENCY_HEADERS,
    params: consultationParams,
    body: {
      type: 'object',
      additionalProperties: false,
      properties: { version: { type: 'integer', minimum: 1, description: 'The version you read: a change since is refused (409)' } },
      examples: [{ version: 1 }],
    },
    response: {
      200: {
        ...consultationSchema,
        description: 'The consultation, with the reminder counted',
        headers: answerHeaders,
        examples: [{ ...consultationExample, chasersSent: 1, lastChasedAt: '2026-11-23T10:00:00.000Z', version: 2 }],
      },
      ...writeProblemResponses({ 404: notFoundProblem('consultation'), 409: conflictProblem('This consultation is already answered: nothing was changed') }),
    },
  },
  representation: {
    summary: 'Record what the family said about the draft plan',
    description:
      'A comment on a section of the draft plan (`section` A to K with H1 and H2, or whole) in the family’s words (SEND Regs 2014 reg. 13(1)(a)); a school they ask to be named, by URN, with their reasons (CFA 2014 s.38(2)(b)); or a request to meet an officer (reg. 13(1)(b)). ' +
      'Only once the draft plan is issued and until the final plan is (409); received not before the draft was issued, not in the future. One received after the family’s 15 days is recorded, marked late. ' +
      IDEMPOTENCY,
    tags: ['consultations'],
    security: bearerSecurity,
    headers: IDEMPOTENCY_HEADERS,
    params: caseParams,
    body: {
      type: 'object',
      required: ['kind', 'receivedOn'],
      additionalProperties: false,
      properties: {
        kind: { type: 'string', enum: [...REPRESENTATION_KINDS] },
        section: { type: 'string', enum: [...PLAN_SECTIONS], description: 'For a comment: the section it is about' },
        words: { type: 'string', description: 'The comment, or the reasons for the school, or what they want to talk about (5,000 characters or fewer)' },
        urn: { type: 'string', description: 'For a school preference: the school’s URN in the schools register' },
        receivedOn: { ...isoDate, description: 'The day it was received' },
      },
      examples: [{ kind: 'comment', section: 'F', words: 'Section F says “regular speech and language therapy”: we want it to say how often and for how long.', receivedOn: '2026-11-23' }],
    },
    response: {
      201: { ...representationSchema, description: 'What the family said, recorded', headers: answerHeaders, examples: [representationExample] },
      ...writeProblemResponses({
        400: badRequest([{ field: 'section', message: 'Select the section of the plan the comment is about' }]),
        404: notFoundProblem('case'),
        409: conflictProblem('Record the draft plan’s issue before the family’s response to it'),
      }),
    },
  },
};
