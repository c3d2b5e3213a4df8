// The API's contract for advice for an EHC needs assessment: a case's requests for advice, asking
// for advice, a body submitting its advice (a file, as multipart/form-data), exceptions and
// closures, and the advice that is late; their errors and examples, as the OpenAPI document shows.
import { ADVICE_BODIES, ADVICE_CHASERS, ADVICE_EXCEPTION_GROUNDS, ADVICE_KINDS, ADVICE_STATUSES } from '../../domain/clocks/index.ts';
import { badRequest, bearerSecurity, BODY_ERRORS, IDEMPOTENCY_HEADERS, problemResponses, TOKEN_ERRORS } from '../../web/problem.ts';
import { TOO_LARGE } from '../documents/index.ts';

const CASE_ID = '01937a4e-8f5c-7c3b-a5d2-6f4e2b1c9d80';
const REQUEST_ID = '01937a70-5c3e-7b21-9a4d-2e6f8b1c3d50';

const uuid = { type: 'string', format: 'uuid' } as const;
const isoDate = { type: 'string', format: 'date' } as const;
const nullableDate = { type: ['string', 'null'], format: 'date' } as const;

const caseParams = { type: 'object', required: ['caseId'], properties: { caseId: { ...uuid, description: 'The case’s id' } } } as const;
const requestParams = { type: 'object', required: ['requestId'], properties: { requestId: { ...uuid, description: 'The request for advice’s id' } } } as const;

const IDEMPOTENCY =
  'Send an `Idempotency-Key` so that a retry never does it twice: the same key with the same request answers as the first time, with `Idempotent-Replayed: true`; the same key with a different request is refused (422).';

const requestExample = {
  id: REQUEST_ID,
  caseId: CASE_ID,
  kind: 'medical',
  kindTitle: 'Medical advice',
  citation: 'SEND Regulations 2014 reg. 6(1)(c)',
  organisation: 'Demo City Community Paediatrics',
  organisationType: 'health-body',
  organisationTypeTitle: 'A health body',
  professionalName: 'Dr Asha Patel',
  channel: 'email',
  address: 'paediatrics@nhs.example',
  sentOn: '2026-11-23',
  receivedByBodyOn: null,
  receiptOn: '2026-11-23',
  dueOn: '2027-01-04',
  dueBasis: 'statutory',
  dueBasisText:
    'SEND Regulations 2014 reg. 8(1): a body asked to co-operate under section 31 of the Children and Families Act 2014 must give its advice within 6 weeks (42 days) from 2026-11-23, the day the request is taken to have been received. Reg. 8(2) excuses it where that is impractical. Sent by e-mail on 2026-11-23, a working day, so taken as received that day.',
  status: 'requested',
  standing: { state: 'awaited', daysRemaining: 42 },
  receivedOn: null,
  document: null,
  adviceText: null,
  exception: null,
  closedReason: null,
  qualifiedTeacherNote: null,
  chases: [],
  version: 1,
  createdAt: '2026-11-23T10:00:00.000Z',
};

const receivedExample = {
  ...requestExample,
  status: 'received',
  standing: { state: 'received', daysLate: 0 },
  receivedOn: '2026-11-23',
  document: { id: '01937a80-1a2b-7c3d-8e4f-5a6b7c8d9e0f', title: 'Medical advice from Demo City Community Paediatrics', filename: 'medical advice.pdf' },
  chases: [{ chaser: 'reminder', title: 'Reminder before the due date', scheduledOn: '2026-12-18', sentAt: '2026-12-18T08:00:02.000Z' }],
  version: 2,
};

const standing = {
  type: 'object',
  description:
    'Where the request stands today: awaited or due-soon (with daysRemaining), late (daysLate, from the day after the due date), excepted (a reg. 8(2) exception: the due date no longer binds), received (daysLate, 0 when on time), declined or withdrawn.',
  required: ['state'],
  additionalProperties: false,
  properties: {
    state: { type: 'string', enum: ['awaited', 'due-soon', 'late', 'excepted', 'received', 'declined', 'withdrawn'] },
    daysRemaining: { type: 'integer', minimum: 0 },
    daysLate: { type: 'integer', minimum: 0 },
  },
} as const;

const adviceRequestSchema = {
  type: 'object',
  description: 'A request for one kind of advice for an EHC needs assessment (SEND Regs 2014 reg. 6(1)), with its own due date (reg. 8(1)).',
  required: [
    'id', 'caseId', 'kind', 'kindTitle', 'citation', 'organisation', 'organisationType', 'organisationTypeTitle', 'professionalName', 'channel', 'address', 'sentOn',
    'receivedByBodyOn', 'receiptOn', 'dueOn', 'dueBasis', 'dueBasisText', 'status', 'standing', 'receivedOn', 'document', 'adviceText', 'exception', 'closedReason', 'qualifiedTeacherNote',
    'chases', 'version', 'createdAt',
  ],
  additionalProperties: false,
  properties: {
    id: uuid,
    caseId: uuid,
    kind: { type: 'string', enum: [...ADVICE_KINDS], description: 'Which advice of reg. 6(1)(a) to (h)' },
    kindTitle: { type: 'string' },
    citation: { type: 'string', description: 'The sub-paragraph of reg. 6(1) that asks for it' },
    organisation: { type: 'string' },
    organisationType: { type: 'string', enum: [...ADVICE_BODIES], description: 'health-body and other-council are asked under CFA 2014 s.31: their 6 weeks are the law' },
    organisationTypeTitle: { type: 'string' },
    professionalName: { type: ['string', 'null'] },
    channel: { type: 'string', enum: ['email', 'post'] },
    address: { type: 'string', description: 'The e-mail address, or the postal address one line per line' },
    sentOn: isoDate,
    receivedByBodyOn: { ...nullableDate, description: 'The day the body received the request, as recorded' },
    receiptOn: { ...isoDate, description: 'The day the 6 weeks count from: as recorded, or the day the request is taken to have arrived (an e-mail on the working day sent, a letter on the second working day after posting)' },
    dueOn: { ...isoDate, description: '6 weeks (42 days) after receiptOn' },
    dueBasis: { type: 'string', enum: ['statutory', 'guidance'], description: 'statutory for a request under s.31 (reg. 8(1)); guidance (the SEND Code of Practice) for anyone else' },
    dueBasisText: { type: 'string' },
    status: { type: 'string', enum: [...ADVICE_STATUSES] },
    standing,
    receivedOn: { ...nullableDate, description: 'The day the advice came' },
    document: {
      type: ['object', 'null'],
      description: 'The advice: its bytes are at /api/v1/documents/{id}',
      required: ['id', 'title', 'filename'],
      additionalProperties: false,
      properties: { id: uuid, title: { type: 'string' }, filename: { type: 'string' } },
    },
    adviceText: { type: ['string', 'null'], description: 'The advice as the advice giver wrote it in the portal’s form, where they sent it that way (with or without a document)' },
    exception: {
      type: ['object', 'null'],
      description: 'A reg. 8(2) exception: why the body need not meet the time limit',
      required: ['ground', 'title', 'citation', 'reason'],
      additionalProperties: false,
      properties: { ground: { type: 'string', enum: [...ADVICE_EXCEPTION_GROUNDS] }, title: { type: 'string' }, citation: { type: 'string' }, reason: { type: 'string' } },
    },
    closedReason: { type: ['string', 'null'], description: 'Why the body declined, or the request was withdrawn' },
    qualifiedTeacherNote: { type: ['string', 'null'], description: 'Reg. 6(2): the qualified teacher of the deaf or the vision impaired consulted for educational advice' },
    chases: {
      type: 'array',
      description: 'The reminders and chasers sent: a reminder 5 working days before the due date, chasers 1 and 10 working days after',
      items: {
        type: 'object',
        required: ['chaser', 'title', 'scheduledOn', 'sentAt'],
        additionalProperties: false,
        properties: { chaser: { type: 'string', enum: [...ADVICE_CHASERS] }, title: { type: 'string' }, scheduledOn: isoDate, sentAt: { type: 'string', format: 'date-time' } },
      },
    },
    version: { type: 'integer', minimum: 1, description: 'Send it back with a change: a change to a request someone changed since is refused (409)' },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;

const notFound = (what: string) => ({ status: 404, title: 'Not found', detail: `No such ${what}` });
const conflict = (detail: string) => ({ status: 409, title: 'Conflict', detail });
const mismatch = {
  status: 422,
  title: 'Unprocessable content',
  detail: 'This Idempotency-Key was used with a different request. Use a new key for a new request.',
  field: 'Idempotency-Key',
  errors: [{ field: 'Idempotency-Key', message: 'This Idempotency-Key was used with a different request. Use a new key for a new request.' }],
};
const created = (description: string, example: unknown) => ({
  201: {
    ...adviceRequestSchema,
    description,
    headers: {
      location: { type: 'string', description: 'The request for advice' },
      'idempotent-replayed': { type: 'string', enum: ['true'], description: 'Sent when the answer is the first one, replayed for a retry with the same Idempotency-Key' },
    },
    examples: [example],
  },
});
const changed = (description: string, example: unknown) => ({ 200: { ...adviceRequestSchema, description, examples: [example] } });

export const adviceApiSchemas = {
  list: {
    summary: 'A case’s requests for advice',
    description: 'Every request for advice on the case, in the order they were sent, each with its due date, where it stands and its advice. A view of the child’s record: written to the access log.',
    tags: ['advice'],
    security: bearerSecurity,
    params: caseParams,
    response: {
      200: {
        type: 'object',
        description: 'The case’s requests for advice',
        required: ['caseId', 'adviceRequests'],
        additionalProperties: false,
        properties: { caseId: uuid, adviceRequests: { type: 'array', items: adviceRequestSchema } },
        examples: [{ caseId: CASE_ID, adviceRequests: [requestExample] }],
      },
      ...problemResponses([400, ...TOKEN_ERRORS, 403, 404], { 404: notFound('case') }),
    },
  },
  one: {
    summary: 'A request for advice',
    description: 'One request for advice, as the list gives it. A view of the child’s record: written to the access log.',
    tags: ['advice'],
    security: bearerSecurity,
    params: requestParams,
    response: {
      200: { ...adviceRequestSchema, description: 'The request for advice', examples: [requestExample] },
      ...problemResponses([400, ...TOKEN_ERRORS, 403, 404], { 404: notFound('request for advice') }),
    },
  },
  create: {
    summary: 'Ask for advice for the assessment',
    description:
      'Asks one organisation for one kind of advice (SEND Regs 2014 reg. 6(1)) on a case whose decision to assess is recorded (409 before it). ' +
      'The due date is 6 weeks from the day the body received the request (`receivedByBodyOn`), or, when not given, the day it is taken to have arrived: an e-mail on the working day it was sent, a letter on the second working day after posting (CPR 6.26). ' +
      'It is the law for a body asked under section 31 of the Act (`organisationType` health-body or other-council: reg. 8(1)) and guidance for anyone else. ' +
      'A reminder (5 working days before) and chasers (1 and 10 working days after) are queued with the request; a request sent today also queues the request letter. ' +
      'Preparing-for-adulthood advice only in or beyond year 9 (reg. 6(1)(g)); `qualifiedTeacherNote` only with educational advice (reg. 6(2)). ' +
      IDEMPOTENCY,
    tags: ['advice'],
    security: bearerSecurity,
    headers: IDEMPOTENCY_HEADERS,
    params: caseParams,
    body: {
      type: 'object',
      required: ['kind', 'organisation', 'organisationType', 'channel', 'address', 'sentOn'],
      additionalProperties: false,
      properties: {
        kind: { type: 'string', enum: [...ADVICE_KINDS] },
        organisation: { type: 'string', description: 'The organisation asked (200 characters or fewer)' },
        organisationType: { type: 'string', enum: [...ADVICE_BODIES], description: 'Who is asked: decides whether the 6 weeks are the law' },
        professionalName: { type: 'string', description: 'The professional asked, where known' },
        channel: { type: 'string', enum: ['email', 'post'] },
        address: { type: 'string', description: 'The e-mail address, or the postal address one line per line, the postcode last' },
        sentOn: { ...isoDate, description: 'The day the request was sent: today or earlier, not before the decision to assess' },
        receivedByBodyOn: { ...isoDate, description: 'The day the body received it, when known' },
        qualifiedTeacherNote: { type: 'string', description: 'For educational advice only: the qualified teacher of the deaf or vision impaired to be consulted (reg. 6(2))' },
      },
      examples: [{ kind: 'medical', organisation: 'Demo City Community Paediatrics', organisationType: 'health-body', professionalName: 'Dr Asha Patel', channel: 'email', address: 'paediatrics@nhs.example', sentOn: '2026-11-23' }],
    },
    response: {
      ...created('The request for advice, made', requestExample),
      ...problemResponses([...BODY_ERRORS, ...TOKEN_ERRORS, 403, 404, 409, 422], {
        400: badRequest([{ field: 'kind', message: 'Preparing for adulthood advice is sought only in or beyond year 9 (SEND Regulations 2014 reg. 6(1)(g)): for their age the child is in year 7 on 2026-11-23' }]),
        404: notFound('case'),
        409: conflict('Record the decision to assess before asking for advice for the assessment'),
        422: mismatch,
      }),
    },
  },
  submit: {
    summary: 'Submit the advice for a request',
    description:
      'The advice asked for, as a file (multipart/form-data: `receivedOn`, the file in `file`, and optionally `title`): a PDF, DOCX, JPEG or PNG of at most 20 MB, judged by its content, scanned, and kept as a document on the case. ' +
      'The date is the day the advice came: not before it was asked for, not in the future. A request already answered, declined or withdrawn is refused (409). Nothing is kept when anything is refused. ' +
      IDEMPOTENCY,
    tags: ['advice'],
    security: bearerSecurity,
    consumes: ['multipart/form-data'],
    headers: IDEMPOTENCY_HEADERS,
    params: requestParams,
    body: {
      type: 'object',
      required: ['receivedOn', 'file'],
      additionalProperties: false,
      properties: {
        receivedOn: { ...isoDate, description: 'The day the advice was received' },
        title: { type: 'string', description: 'What the document is; by default the kind of advice and whom it is from' },
        version: { type: 'string', pattern: '^[0-9]+$', description: 'The version of the request you read, if you want a change since refused (409)' },
        file: { type: 'string', format: 'binary', description: 'The advice, with its file name' },
      },
      examples: [{ receivedOn: '2026-11-23', file: '%PDF-1.7 …' }],
    },
    response: {
      ...created('The request, with its advice received', receivedExample),
      ...problemResponses([400, 413, 415, ...TOKEN_ERRORS, 403, 404, 409, 422], {
        400: badRequest([{ field: 'receivedOn', message: 'The advice cannot have been received before it was asked for, on 2026-11-23' }]),
        404: notFound('request for advice'),
        409: conflict('This advice is already recorded as received: nothing was changed'),
        413: { status: 413, title: 'Request too large', detail: TOO_LARGE },
        415: { status: 415, title: 'Unsupported media type', detail: 'Send the advice as multipart/form-data, the file in the field “file” and the date in the field “receivedOn”.' },
        422: mismatch,
      }),
    },
  },
  exception: {
    summary: 'Record a reg. 8(2) exception to a request’s time limit',
    description:
      'For a request under section 31 (its 6 weeks statutory): why the body need not meet them (SEND Regs 2014 reg. 8(2)(a) exceptional circumstances, (b) away from the area for 4 weeks, (c) a missed appointment), with the reason. ' +
      'The due date stays and no longer binds: the request is no longer late and no more chasers go. A request whose 6 weeks are guidance has no time limit in law to excuse (400).',
    tags: ['advice'],
    security: bearerSecurity,
    params: requestParams,
    body: {
      type: 'object',
      required: ['ground', 'reason'],
      additionalProperties: false,
      properties: {
        ground: { type: 'string', enum: [...ADVICE_EXCEPTION_GROUNDS] },
        reason: { type: 'string', description: 'What happened (1,000 characters or fewer)' },
        version: { type: 'integer', minimum: 1, description: 'The version you read: a change since is refused (409)' },
      },
      examples: [{ ground: 'missed-appointment', reason: 'The clinic appointment on 2 December was not kept; the next is on 6 January' }],
    },
    response: {
      ...changed('The request, with its exception', { ...requestExample, standing: { state: 'excepted' }, exception: { ground: 'missed-appointment', title: 'Missed appointment', citation: 'SEND Regulations 2014 reg. 8(2)(c)', reason: 'The clinic appointment on 2 December was not kept; the next is on 6 January' }, version: 2 }),
      ...problemResponses([...BODY_ERRORS, ...TOKEN_ERRORS, 403, 404, 409], {
        400: badRequest([{ field: 'ground', message: 'Regulation 8(2) excuses only a body asked under section 31 of the Act: this request’s 6 weeks are guidance, so there is no time limit in law to excuse' }]),
        404: notFound('request for advice'),
        409: conflict('An exception is already recorded for this request'),
      }),
    },
  },
  closure: {
    summary: 'Record a request for advice as declined or withdrawn',
    description: 'The body declined to give the advice, or the council withdrew the request, with why. No more chasers go.',
    tags: ['advice'],
    security: bearerSecurity,
    params: requestParams,
    body: {
      type: 'object',
      required: ['status', 'reason'],
      additionalProperties: false,
      properties: {
        status: { type: 'string', enum: ['declined', 'withdrawn'] },
        reason: { type: 'string', description: 'Why (1,000 characters or fewer)' },
        version: { type: 'integer', minimum: 1, description: 'The version you read: a change since is refused (409)' },
      },
      examples: [{ status: 'withdrawn', reason: 'Asked of the wrong clinic: asked again of the child development centre' }],
    },
    response: {
      ...changed('The request, declined or withdrawn', { ...requestExample, status: 'withdrawn', standing: { state: 'withdrawn' }, closedReason: 'Asked of the wrong clinic: asked again of the child development centre', version: 2 }),
      ...problemResponses([...BODY_ERRORS, ...TOKEN_ERRORS, 403, 404, 409], { 404: notFound('request for advice'), 409: conflict('This advice is already recorded as received: nothing was changed') }),
    },
  },
  late: {
    summary: 'Advice that is late',
    description:
      'Advice still awaited after its due date on open cases, the longest late first, with whom it is from and how often it was chased: a case officer’s own cases; a manager’s, the whole service. ' +
      '`organisation` narrows it to one organisation. The children listed are written to the log of lists shown.',
    tags: ['advice'],
    security: bearerSecurity,
    querystring: { type: 'object', additionalProperties: false, properties: { organisation: { type: 'string', maxLength: 200, description: 'Only the advice late from this organisation' } } },
    response: {
      200: {
        type: 'object',
        description: 'The late advice',
        required: ['scope', 'total', 'late'],
        additionalProperties: false,
        properties: {
          scope: { type: 'string', enum: ['caseload', 'service'] },
          total: { type: 'integer', minimum: 0 },
          late: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'caseId', 'reference', 'childId', 'childName', 'kind', 'organisation', 'professionalName', 'sentOn', 'dueOn', 'dueBasis', 'daysLate', 'chases'],
              additionalProperties: false,
              properties: {
                id: uuid,
                caseId: uuid,
                reference: { type: 'string' },
                childId: uuid,
                childName: { type: 'string' },
                kind: { type: 'string', enum: [...ADVICE_KINDS] },
                organisation: { type: 'string' },
                professionalName: { type: ['string', 'null'] },
                sentOn: isoDate,
                dueOn: isoDate,
                dueBasis: { type: 'string', enum: ['statutory', 'guidance'] },
                daysLate: { type: 'integer', minimum: 1 },
                chases: { type: 'integer', minimum: 0 },
              },
            },
          },
        },
        examples: [
          {
            scope: 'caseload',
            total: 1,
            late: [
              {
                id: REQUEST_ID,
                caseId: CASE_ID,
                reference: '999-EHC-2026-00123',
                childId: '01937a4e-8f5b-7a00-b1c2-d3e4f5a6b7c8',
                childName: 'Amira Khan',
                kind: 'psychological',
                organisation: 'Demo City Educational Psychology Service',
                professionalName: null,
                sentOn: '2026-09-01',
                dueOn: '2026-10-13',
                dueBasis: 'guidance',
                daysLate: 41,
                chases: 2,
              },
            ],
          },
        ],
      },
      ...problemResponses([400, ...TOKEN_ERRORS, 403]),
    },
  },
};
