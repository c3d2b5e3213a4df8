// The API's contract for annual reviews: the plans due for review, arranging a review (its meeting
// and invitations), and recording its decision; their errors and examples, as the OpenAPI document shows.
import { REVIEW_DECISIONS } from '../../domain/clocks/index.ts';
import { badRequest, bearerSecurity, conflictProblem, IDEMPOTENCY_HEADERS, notFoundProblem, problemResponses, TOKEN_ERRORS, writeProblemResponses } from '../../web/problem.ts';

const CASE_ID = '01937a4e-8f5c-7c3b-a5d2-6f4e2b1c9d80';
const REVIEW_ID = '01937b10-2b4c-7d6e-8f10-1a2b3c4d5e6f';
const CHILD_ID = '01937a4e-1111-7c3b-a5d2-6f4e2b1c9d80';

const uuid = { type: 'string', format: 'uuid' } as const;
const isoDate = { type: 'string', format: 'date' } as const;
const nullableDate = { type: ['string', 'null'], format: 'date' } as const;
const nullableText = { type: ['string', 'null'] } as const;

const IDEMPOTENCY =
  'Send an `Idempotency-Key` so that a retry never does it twice: the same key with the same request answers as the first time, with `Idempotent-Replayed: true`; the same key with a different request is refused (422).';

const answerHeaders = {
  location: { type: 'string', description: 'The case’s reviews' },
  'idempotent-replayed': { type: 'string', enum: ['true'], description: 'Sent when the answer is the first one, replayed for a retry with the same Idempotency-Key' },
};

const schoolSchema = { type: ['object', 'null'], required: ['urn', 'name'], additionalProperties: false, properties: { urn: { type: 'integer' }, name: { type: 'string' } } } as const;

const reviewSchema = {
  type: 'object',
  description: 'One annual review of a maintained plan (CFA 2014 s.44; SEND Regs 2014 regs 18 to 22).',
  required: [
    'id', 'caseId', 'status', 'dueOn', 'meetingOn', 'meetingPlace', 'school', 'headTeacherHolds', 'invitees', 'invitedOn', 'adviceBy', 'shortNoticeReason', 'childViews', 'familyViews',
    'heldOn', 'reportDueOn', 'reportReceivedOn', 'reportSummary', 'decisionDueOn', 'decision', 'decisionTitle', 'decidedOn', 'decisionReasons', 'lateReason', 'decisionLetterId', 'nextStep', 'version',
  ],
  additionalProperties: false,
  properties: {
    id: uuid,
    caseId: uuid,
    status: { type: 'string', enum: ['arranged', 'held', 'reported', 'decided'] },
    dueOn: { ...nullableDate, description: 'The review-due day the review answers (CFA 2014 s.44(1))' },
    meetingOn: isoDate,
    meetingPlace: { type: 'string' },
    school: schoolSchema,
    headTeacherHolds: { type: 'boolean', description: 'The council requires the head teacher or principal to hold the meeting' },
    invitees: {
      type: 'array',
      items: { type: 'object', required: ['role', 'name', 'email'], additionalProperties: false, properties: { role: { type: 'string' }, name: { type: 'string' }, email: { type: 'string' } } },
    },
    invitedOn: isoDate,
    adviceBy: { ...isoDate, description: 'The last day for invitations and the advice to reach everyone invited: 2 weeks before the meeting (reg. 20(4))' },
    shortNoticeReason: nullableText,
    childViews: nullableText,
    familyViews: nullableText,
    heldOn: nullableDate,
    reportDueOn: { ...nullableDate, description: '2 weeks after the meeting (reg. 20(7))' },
    reportReceivedOn: nullableDate,
    reportSummary: nullableText,
    decisionDueOn: { ...nullableDate, description: '4 weeks after the meeting (reg. 20(10))' },
    decision: { type: ['string', 'null'], enum: [...REVIEW_DECISIONS, null] },
    decisionTitle: nullableText,
    decidedOn: nullableDate,
    decisionReasons: nullableText,
    lateReason: nullableText,
    decisionLetterId: { type: ['string', 'null'], format: 'uuid' },
    nextStep: {
      type: ['object', 'null'],
      description: 'After a decision to amend or cease: where the amendment or the ceasing goes on from',
      required: ['decision', 'href'],
      additionalProperties: false,
      properties: { decision: { type: 'string', enum: ['amend', 'cease'] }, href: { type: 'string' } },
    },
    version: { type: 'integer', minimum: 1 },
  },
} as const;

const reviewExample = {
  id: REVIEW_ID,
  caseId: CASE_ID,
  status: 'arranged',
  dueOn: '2027-01-14',
  meetingOn: '2026-12-14',
  meetingPlace: 'Oak Tree Primary School',
  school: { urn: 140100, name: 'Oak Tree Primary School' },
  headTeacherHolds: true,
  invitees: [{ role: 'health', name: 'Dr Priya Raman', email: 'priya.raman@nhs.example' }],
  invitedOn: '2026-11-23',
  adviceBy: '2026-11-30',
  shortNoticeReason: null,
  childViews: null,
  familyViews: null,
  heldOn: null,
  reportDueOn: null,
  reportReceivedOn: null,
  reportSummary: null,
  decisionDueOn: null,
  decision: null,
  decisionTitle: null,
  decidedOn: null,
  decisionReasons: null,
  lateReason: null,
  decisionLetterId: null,
  nextStep: null,
  version: 1,
};

const decidedExample = {
  ...reviewExample,
  status: 'decided',
  meetingOn: '2026-11-16',
  adviceBy: '2026-11-02',
  invitedOn: '2026-10-26',
  heldOn: '2026-11-16',
  reportDueOn: '2026-11-30',
  decisionDueOn: '2026-12-14',
  decision: 'maintain',
  decisionTitle: 'Keep the plan as it is',
  decidedOn: '2026-11-23',
  decisionReasons: 'The plan still describes Łucja’s needs and the provision that meets them.',
  decisionLetterId: '01937b20-2b4c-7d6e-8f10-1a2b3c4d5e6f',
  version: 3,
};

const dueSchema = {
  type: 'object',
  required: ['caseId', 'reference', 'childId', 'childName', 'officerName', 'school', 'dueOn', 'statutoryDueOn', 'underFive', 'overdue', 'review'],
  additionalProperties: false,
  properties: {
    caseId: uuid,
    reference: { type: 'string' },
    childId: uuid,
    childName: { type: 'string' },
    officerName: nullableText,
    school: schoolSchema,
    dueOn: { ...isoDate, description: 'The day the council reviews by: the statutory day, or the council’s shorter interval for a child under 5 (Code of Practice 9.178)' },
    statutoryDueOn: { ...isoDate, description: 'The last day of the 12 months starting with the plan’s date or the last review (CFA 2014 s.44(1))' },
    underFive: { type: 'boolean' },
    overdue: { type: 'boolean' },
    review: {
      type: ['object', 'null'],
      required: ['id', 'status', 'meetingOn'],
      additionalProperties: false,
      properties: { id: uuid, status: { type: 'string', enum: ['arranged', 'held', 'reported', 'decided'] }, meetingOn: isoDate },
    },
  },
} as const;


export const reviewsApiSchemas = {
  due: {
    summary: 'The plans due for annual review',
    description:
      'A case officer’s: the plans on their own cases due for review in the next 8 weeks and those overdue, the earliest first. A manager’s: the whole service’s, narrowed by `officer`, `school` (URN) or `month` (YYYY-MM, the reviews due in it). ' +
      'A plan is due within 12 months starting with its date or its last review (CFA 2014 s.44(1)); for a child under 5, by the council’s shorter interval (Code of Practice 9.178). Pages of 50. The children listed go to the log of lists shown.',
    tags: ['reviews'],
    security: bearerSecurity,
    querystring: {
      type: 'object',
      additionalProperties: false,
      properties: {
        page: { type: 'integer', minimum: 1, description: 'The page, from 1' },
        officer: { ...uuid, description: 'A manager’s: one officer’s cases' },
        school: { type: 'string', pattern: '^[0-9]{1,8}$', description: 'A manager’s: one school’s pupils, by URN' },
        month: { type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'A manager’s: the reviews due in one month' },
      },
    },
    response: {
      200: {
        type: 'object',
        description: 'A page of the plans due for review',
        required: ['horizon', 'underFiveMonths', 'counts', 'page', 'pageCount', 'reviews'],
        additionalProperties: false,
        properties: {
          horizon: { ...isoDate, description: 'The last day the list looks ahead to' },
          underFiveMonths: { type: 'integer', minimum: 3, maximum: 6, description: 'The council’s interval for children under 5, in months' },
          counts: {
            type: 'object',
            required: ['overdue', 'upcoming', 'underFive'],
            additionalProperties: false,
            properties: { overdue: { type: 'integer', minimum: 0 }, upcoming: { type: 'integer', minimum: 0 }, underFive: { type: 'integer', minimum: 0 } },
          },
          page: { type: 'integer', minimum: 1 },
          pageCount: { type: 'integer', minimum: 1 },
          reviews: { type: 'array', items: dueSchema },
        },
        examples: [
          {
            horizon: '2027-01-18',
            underFiveMonths: 6,
            counts: { overdue: 0, upcoming: 1, underFive: 0 },
            page: 1,
            pageCount: 1,
            reviews: [
              {
                caseId: CASE_ID,
                reference: '330-EHC-2025-00012',
                childId: CHILD_ID,
                childName: 'Łucja Nowak',
                officerName: 'Amira Khan',
                school: { urn: 140100, name: 'Oak Tree Primary School' },
                dueOn: '2027-01-14',
                statutoryDueOn: '2027-01-14',
                underFive: false,
                overdue: false,
                review: null,
              },
            ],
          },
        ],
      },
      ...problemResponses([400, ...TOKEN_ERRORS, 403]),
    },
  },
  arrange: {
    summary: 'Arrange a plan’s annual review',
    description:
      'The meeting’s day (today or later, within 12 months), its place (the child’s school unless given), whether the council requires the head teacher to hold it, and the people invited besides the family (SEND Regs 2014 reg. 20(3)). ' +
      'Invitations go at once, by letter or e-mail to the family and by e-mail to each person invited; they must go at least 2 weeks before the meeting (reg. 20(4)): a meeting sooner needs `shortNoticeReason` (400 otherwise). ' +
      'Only for a maintained plan (400 otherwise) and one review at a time (409). Records the review.scheduled case event. ' +
      IDEMPOTENCY,
    tags: ['reviews'],
    security: bearerSecurity,
    headers: IDEMPOTENCY_HEADERS,
    params: { type: 'object', required: ['caseId'], properties: { caseId: { ...uuid, description: 'The case’s id' } } },
    body: {
      type: 'object',
      required: ['meetingOn'],
      additionalProperties: false,
      properties: {
        meetingOn: { ...isoDate, description: 'The day of the review meeting' },
        meetingPlace: { type: 'string', description: 'Where it is held (300 characters or fewer); the child’s school when not given' },
        headTeacherHolds: { type: 'boolean', description: 'The council requires the head teacher or principal to hold it' },
        invitees: {
          type: 'array',
          maxItems: 10,
          items: {
            type: 'object',
            required: ['role', 'name', 'email'],
            additionalProperties: false,
            properties: { role: { type: 'string', enum: ['school', 'health', 'social-care', 'other'] }, name: { type: 'string' }, email: { type: 'string' } },
          },
        },
        shortNoticeReason: { type: 'string', description: 'Why the invitations go less than 2 weeks before the meeting' },
      },
      examples: [{ meetingOn: '2026-12-14', headTeacherHolds: true, invitees: [{ role: 'health', name: 'Dr Priya Raman', email: 'priya.raman@nhs.example' }] }],
    },
    response: {
      201: { ...reviewSchema, description: 'The review, arranged, with the invitations sent', headers: answerHeaders, examples: [reviewExample] },
      ...writeProblemResponses({
        400: badRequest([{ field: 'meetingOn', message: 'The review meeting must be today or later: invitations cannot go for a meeting in the past' }]),
        404: notFoundProblem('case'),
        409: conflictProblem('A review of this plan is already running: record its decision before arranging the next'),
      }),
    },
  },
  decision: {
    summary: 'Record an annual review’s decision',
    description:
      'Keep (`maintain`), `amend` or `cease` the plan, with its reasons, on a day not before the meeting and not in the future; within 4 weeks of the meeting (reg. 20(10)), or later only with `lateReason`. ' +
      'A review whose meeting is not recorded as held is refused (400). The notice goes to the family at once; a decision to amend or cease gives the right of appeal, and `nextStep` says where the amendment or the ceasing goes on. ' +
      'Records the review.decided case event, which starts the next review’s 12 months (CFA 2014 s.44(1)). ' +
      IDEMPOTENCY,
    tags: ['reviews'],
    security: bearerSecurity,
    headers: IDEMPOTENCY_HEADERS,
    params: { type: 'object', required: ['reviewId'], properties: { reviewId: { ...uuid, description: 'The review’s id' } } },
    body: {
      type: 'object',
      required: ['decision', 'decidedOn', 'reasons'],
      additionalProperties: false,
      properties: {
        decision: { type: 'string', enum: [...REVIEW_DECISIONS] },
        decidedOn: { ...isoDate, description: 'The day of the decision' },
        reasons: { type: 'string', description: 'The reasons, as the family’s notice gives them (5,000 characters or fewer)' },
        lateReason: { type: 'string', description: 'Why the decision is more than 4 weeks after the meeting' },
        version: { type: 'integer', minimum: 1, description: 'The version you read: a change since is refused (409)' },
      },
      examples: [{ decision: 'maintain', decidedOn: '2026-11-23', reasons: 'The plan still describes Łucja’s needs and the provision that meets them.' }],
    },
    response: {
      200: { ...reviewSchema, description: 'The review, decided, with the notice sent', headers: answerHeaders, examples: [decidedExample] },
      ...writeProblemResponses({
        400: badRequest([{ field: 'decision', message: 'Record the review meeting as held before the decision: a decision needs a meeting (SEND Regulations 2014 reg. 20(10))' }]),
        404: notFoundProblem('review'),
        409: conflictProblem('This review is already decided: nothing was changed'),
      }),
    },
  },
};
