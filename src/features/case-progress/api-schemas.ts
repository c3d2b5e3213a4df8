// The API's contract for a case's history, steps, exceptions and corrections: what each operation
// takes and answers, its errors and examples, as the OpenAPI document shows them.
import { EXCEPTION_REASONS } from '../../domain/clocks/index.ts';
import { RECORDABLE_STEPS } from '../../domain/events/index.ts';
import { badRequest, bearerSecurity, BODY_ERRORS, problemResponses, TOKEN_ERRORS } from '../../web/problem.ts';

const CASE_ID = '01937a4e-8f5c-7c3b-a5d2-6f4e2b1c9d80';
const EVENT_ID = '01937a52-1d40-7e2a-9b6c-3f8d2e4a1b70';
const NEW_EVENT_ID = '01937a60-0b7e-7a11-8c3d-5e2f9a6b4c21';

const uuid = { type: 'string', format: 'uuid' } as const;
const isoDate = { type: 'string', format: 'date' } as const;

const caseParams = { type: 'object', required: ['caseId'], properties: { caseId: { ...uuid, description: 'The case’s id' } } } as const;
const eventParams = {
  type: 'object',
  required: ['caseId', 'eventId'],
  properties: { caseId: { ...uuid, description: 'The case’s id' }, eventId: { ...uuid, description: 'The event’s id, from the case’s history' } },
} as const;

const stepExample = {
  id: NEW_EVENT_ID,
  caseId: CASE_ID,
  type: 'draft.issued',
  title: 'Draft EHC plan issued',
  occurredOn: '2026-11-20',
  recordedAt: '2026-11-23T10:00:00.000Z',
  corrected: false,
  correctsEventId: null,
  replacesEventId: null,
};

const exceptionExample = {
  ...stepExample,
  type: 'exception.recorded',
  title: 'Exception to the time limits recorded',
  occurredOn: '2026-11-16',
  exception: { id: '01937a61-44aa-7d0e-a1b2-c3d4e5f60718', reason: 'exceptional-personal-circumstances' },
};

const correctionExample = {
  ...stepExample,
  type: 'step.corrected',
  title: 'Correction',
  occurredOn: '2026-11-23',
  correctsEventId: EVENT_ID,
  correction: { change: 'redate', reason: 'The draft plan went on 6 November', newDate: '2026-11-06', replacementEventId: '01937a60-0b7f-7c20-9d4e-6f3a0b7c5d32' },
};

/** An event of a case's history. */
const caseEvent = {
  type: 'object',
  description: 'An event of a case’s history: a step, an exception or a correction.',
  required: ['id', 'caseId', 'type', 'title', 'occurredOn', 'recordedAt', 'corrected', 'correctsEventId', 'replacesEventId'],
  additionalProperties: false,
  properties: {
    id: uuid,
    caseId: uuid,
    type: { type: 'string', description: 'The kind of event (the catalogue’s name, e.g. draft.issued)' },
    title: { type: 'string', description: 'How the history reads it' },
    occurredOn: { ...isoDate, description: 'The date it happened in law' },
    recordedAt: { type: 'string', format: 'date-time', description: 'When it was recorded' },
    corrected: { type: 'boolean', description: 'Withdrawn or re-dated by a later correction: it no longer counts' },
    correctsEventId: { type: ['string', 'null'], description: 'For a correction: the event it corrects' },
    replacesEventId: { type: ['string', 'null'], description: 'For a step re-dated by a correction: the event it replaces' },
    correction: {
      type: 'object',
      description: 'For a correction: how and why',
      required: ['change', 'reason'],
      additionalProperties: false,
      properties: {
        change: { type: 'string', enum: ['withdraw', 'redate'] },
        reason: { type: 'string' },
        newDate: isoDate,
        replacementEventId: { ...uuid, description: 'The event recorded with the new date' },
      },
    },
    exception: {
      type: 'object',
      description: 'For an exception to the time limits: its id and reason',
      required: ['id', 'reason'],
      additionalProperties: false,
      properties: { id: uuid, reason: { type: 'string', enum: [...EXCEPTION_REASONS] } },
    },
    recordedLate: {
      type: 'object',
      description: 'For a request recorded more than a year after it was received: why it was recorded late',
      required: ['reason'],
      additionalProperties: false,
      properties: { reason: { type: 'string' } },
    },
  },
} as const;

const created = (description: string, example: object) => ({
  ...caseEvent,
  description,
  headers: { location: { type: 'string', description: 'The address of the event recorded' } },
  examples: [example],
});

const history = {
  type: 'object',
  required: ['caseId', 'childId', 'reference', 'events'],
  additionalProperties: false,
  properties: {
    caseId: uuid,
    childId: uuid,
    reference: { type: 'string', description: 'The case’s reference, as letters quote it' },
    events: { type: 'array', description: 'Newest first; a corrected event stays, marked `corrected`, beside its correction', items: caseEvent },
  },
  examples: [
    {
      caseId: CASE_ID,
      childId: '01937a4e-8f5b-7a00-b1c2-d3e4f5a6b7c8',
      reference: '999-EHC-2026-00123',
      events: [
        correctionExample,
        { ...stepExample, id: EVENT_ID, corrected: true },
        {
          ...stepExample,
          id: '01937a4e-8f5c-7c3b-a5d2-6f4e2b1c9d81',
          type: 'request.received',
          title: 'Request for an EHC needs assessment received',
          occurredOn: '2026-10-01',
        },
      ],
    },
  ],
} as const;

const refusedStep = badRequest([{ field: 'type', message: 'Record the draft plan before the final plan' }]);

const notFound = (what: string) => ({ status: 404, title: 'Not found', detail: `No such ${what}` });

export const caseProgressApiSchemas = {
  history: {
    summary: 'A case’s history, newest first',
    description: 'Every event of the case, each corrected one marked `corrected` beside the correction that names it. The view is written to the access log.',
    tags: ['cases'],
    security: bearerSecurity,
    params: caseParams,
    response: { 200: { description: 'The case’s history', ...history }, ...problemResponses([400, ...TOKEN_ERRORS, 403, 404], { 404: notFound('case') }) },
  },
  event: {
    summary: 'One event of a case’s history',
    description: 'Where a recorded step, exception or correction is found (the Location it was recorded at). The view is written to the access log.',
    tags: ['cases'],
    security: bearerSecurity,
    params: eventParams,
    response: { 200: { ...caseEvent, description: 'The event', examples: [stepExample] }, ...problemResponses([400, ...TOKEN_ERRORS, 403, 404], { 404: notFound('event on this case') }) },
  },
  recordStep: {
    summary: 'Record a step in the statutory process on an open case',
    description:
      'The same rules as the step form: the step must follow the ones it needs (a draft needs the decision to assess; a final plan needs a draft, and waits for the family’s 15 days to comment on it, SEND Regs 2014 reg. 13(1)(a)), ' +
      'dated today or before (a review meeting may be dated ahead). The case moves to the step’s stage and its deadlines are worked out again. ' +
      'Decisions are not steps: the decisions whether to assess and after the assessment are recorded with their reasons by a team manager or service lead, and a withdrawal with who withdrew and why, under /api/v1/cases/{caseId}/decisions and /withdrawal.',
    tags: ['cases'],
    security: bearerSecurity,
    params: caseParams,
    body: {
      type: 'object',
      required: ['type', 'occurredOn'],
      additionalProperties: false,
      properties: {
        type: { type: 'string', enum: RECORDABLE_STEPS.map((step) => step.value), description: RECORDABLE_STEPS.map((step) => `${step.value}: ${step.text}`).join('; ') },
        occurredOn: { ...isoDate, description: 'The date it happened in law (for a review meeting arranged, the meeting’s date)' },
      },
      examples: [{ type: 'draft.issued', occurredOn: '2026-11-20' }],
    },
    response: {
      201: created('The step, recorded', stepExample),
      ...problemResponses([...BODY_ERRORS, ...TOKEN_ERRORS, 403, 404, 409], { 400: refusedStep, 404: notFound('case'), 409: { status: 409, title: 'Conflict', detail: 'This case is closed' } }),
    },
  },
  recordException: {
    summary: 'Record an exception to the time limits on an open case',
    description: 'An exception (SEND Regs 2014 regs 5(4), 10(4), 13(3)) with its reason, evidence and the date the circumstances began. No date moves.',
    tags: ['cases'],
    security: bearerSecurity,
    params: caseParams,
    body: {
      type: 'object',
      required: ['reason', 'evidence', 'startsOn'],
      additionalProperties: false,
      properties: {
        reason: { type: 'string', enum: [...EXCEPTION_REASONS] },
        evidence: { type: 'string', description: 'What shows that the exception applies (2,000 characters or fewer)' },
        startsOn: { ...isoDate, description: 'The date the circumstances began' },
      },
      examples: [{ reason: 'exceptional-personal-circumstances', evidence: 'The family were abroad for a bereavement from 16 November', startsOn: '2026-11-16' }],
    },
    response: {
      201: created('The exception, recorded as an event of the case', exceptionExample),
      ...problemResponses([...BODY_ERRORS, ...TOKEN_ERRORS, 403, 404, 409], {
        400: badRequest([{ field: 'startsOn', message: 'The date must be today or in the past' }]),
        404: notFound('case'),
        409: { status: 409, title: 'Conflict', detail: 'This case is closed' },
      }),
    },
  },
  correct: {
    summary: 'Correct a step or an exception recorded in error',
    description:
      'Withdraws the event, or gives it the date it really happened, by a new event that names it, with a reason; nothing is deleted. The stage and deadlines are worked out again. ' +
      'Refused when the history left would be out of order, and for an event already corrected. A decision on the assessment (whether to assess, or after it) is corrected only by a team manager or service lead (403 for anyone else).',
    tags: ['cases'],
    security: bearerSecurity,
    params: eventParams,
    body: {
      type: 'object',
      required: ['change', 'reason'],
      additionalProperties: false,
      properties: {
        change: { type: 'string', enum: ['withdraw', 'redate'], description: 'withdraw: it did not happen; redate: it happened on another day' },
        occurredOn: { ...isoDate, description: 'For redate: the date it really happened' },
        reason: { type: 'string', description: 'Why the record is being corrected (1,000 characters or fewer)' },
      },
      examples: [{ change: 'redate', occurredOn: '2026-11-06', reason: 'The draft plan went on 6 November' }],
    },
    response: {
      201: created('The correction, recorded as an event naming the one it corrects', correctionExample),
      ...problemResponses([...BODY_ERRORS, ...TOKEN_ERRORS, 403, 404, 409], {
        400: badRequest([{ field: 'occurredOn', message: 'Enter the date it happened as a real date' }]),
        404: notFound('step on this case'),
        409: { status: 409, title: 'Conflict', detail: 'This has already been corrected' },
      }),
    },
  },
};
