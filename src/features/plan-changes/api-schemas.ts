// The API's contract for changes to a maintained plan: an amendment, ceasing and a re-assessment
// started on a plan, then each step on the change, every write with an Idempotency-Key.
import { CEASE_REASONS } from '../../domain/clocks/index.ts';
import { badRequest, bearerSecurity, BODY_ERRORS, IDEMPOTENCY_HEADERS, IDEMPOTENCY_MISMATCH, problemResponses, TOKEN_ERRORS } from '../../web/problem.ts';
import type { ChangeAction } from './paths.ts';
import { APPEAL_OUTCOMES, PARTIES, REQUESTED_BY } from './service.ts';

const PLAN_ID = '01937c20-1a2b-7c3d-8e4f-5a6b7c8d9e0f';
const CHANGE_ID = '01937c30-2b3c-7d4e-8f50-6a7b8c9d0e1f';
const EVENT_ID = '01937b11-4c5d-7e6f-8a7b-8c9d0e1f2a3c';
const LETTER_ID = '01937b12-5d6e-7f80-9a1b-2c3d4e5f6a7b';

const uuid = { type: 'string', format: 'uuid' } as const;
const date = (description: string) => ({ type: 'string', format: 'date', description }) as const;
const text = (description: string) => ({ type: 'string', minLength: 1, maxLength: 5000, description }) as const;
const planParams = { type: 'object', required: ['planId'], properties: { planId: { ...uuid, description: 'The plan’s id' } } } as const;
const changeParams = { type: 'object', required: ['changeId'], properties: { changeId: { ...uuid, description: 'The change’s id' } } } as const;

const createdHeaders = {
  location: { type: 'string', description: 'The change' },
  'idempotent-replayed': { type: 'string', enum: ['true'], description: 'Sent when the answer is the first one, replayed for a retry with the same Idempotency-Key' },
};

const changeResult = {
  type: 'object',
  required: ['changeId', 'planId', 'status', 'eventId', 'letterId', 'versionNumber'],
  additionalProperties: false,
  properties: {
    changeId: uuid,
    planId: uuid,
    status: { type: 'string', description: 'The change’s status after the step' },
    eventId: { type: ['string', 'null'], format: 'uuid', description: 'The case event recorded, if the step records one' },
    letterId: { type: ['string', 'null'], format: 'uuid', description: 'The notice to the family; null when none is sent or no one on the record can be written to' },
    versionNumber: { type: ['integer', 'null'], description: 'The plan’s version the step made: the amended plan, or the ceased version' },
  },
} as const;

const deadline = {
  type: 'object',
  required: ['id', 'title', 'due', 'basis'],
  additionalProperties: false,
  properties: { id: { type: 'string' }, title: { type: 'string' }, due: { type: 'string', format: 'date' }, basis: { type: 'string', description: 'The law and the counting, in words a family can check' } },
} as const;

const nullableDate = { type: ['string', 'null'], format: 'date' } as const;

const change = {
  type: 'object',
  required: ['id', 'planId', 'kind', 'status', 'startedOn', 'noticeOn', 'decidedOn', 'endedOn', 'reviewMeetingOn', 'reasonCode', 'reasons', 'versionNumber', 'baseVersionNumber', 'ceasesOn', 'responses', 'deadlines', 'difference'],
  additionalProperties: false,
  properties: {
    id: uuid,
    planId: uuid,
    kind: { type: 'string', enum: ['amendment', 'cease', 'reassessment'] },
    status: { type: 'string', enum: ['proposing', 'proposed', 'amended', 'not-amended', 'consulting', 'decided', 'appealed', 'ceased', 'withdrawn', 'requested', 'agreed', 'refused', 'completed'] },
    startedOn: { type: 'string', format: 'date' },
    noticeOn: nullableDate,
    decidedOn: nullableDate,
    endedOn: nullableDate,
    reviewMeetingOn: nullableDate,
    reasonCode: { type: ['string', 'null'], enum: [...Object.keys(CEASE_REASONS), null], description: 'For ceasing: the SEN2 CeaseReason' },
    reasons: { type: ['string', 'null'] },
    versionNumber: { type: ['integer', 'null'] },
    baseVersionNumber: { type: ['integer', 'null'], description: 'For an amendment: the issued version it changes' },
    ceasesOn: { ...nullableDate, description: 'For ceasing: the day the plan ceases, once known' },
    responses: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'party', 'askedOn', 'answeredOn', 'answer'],
        additionalProperties: false,
        properties: { id: uuid, party: { type: 'string', enum: [...PARTIES] }, askedOn: nullableDate, answeredOn: { type: 'string', format: 'date' }, answer: { type: 'string' } },
      },
    },
    deadlines: { type: 'array', items: deadline },
    difference: { type: 'array', description: 'For an amendment: the proposed changes, or the amended plan’s, section by section (as the plan’s difference)', items: { type: 'object', additionalProperties: true } },
  },
} as const;

const CHANGE_EXAMPLE = {
  id: CHANGE_ID,
  planId: PLAN_ID,
  kind: 'amendment',
  status: 'proposed',
  startedOn: '2026-11-30',
  noticeOn: '2026-11-30',
  decidedOn: null,
  endedOn: null,
  reviewMeetingOn: '2026-11-20',
  reasonCode: null,
  reasons: null,
  versionNumber: null,
  baseVersionNumber: 2,
  ceasesOn: null,
  responses: [],
  deadlines: [{ id: 'amendment-comments', title: 'Family to comment on the proposed amendments', due: '2026-12-14', basis: 'SEND Regulations 2014 reg. 22(2): at least 15 days beginning with the day the amendment notice was served, taken as the day it was sent, 2026-11-30.' }],
  difference: [],
};

const written = (summary: string, description: string, params: object, body: object | undefined, example400: { field: string; message: string }) => ({
  summary,
  description,
  tags: ['plans'],
  security: bearerSecurity,
  params,
  headers: IDEMPOTENCY_HEADERS,
  ...(body ? { body } : {}),
  response: {
    201: { ...changeResult, description: 'Recorded', headers: createdHeaders, examples: [{ changeId: CHANGE_ID, planId: PLAN_ID, status: 'proposed', eventId: EVENT_ID, letterId: LETTER_ID, versionNumber: null }] },
    ...problemResponses([...(body ? BODY_ERRORS : [400]), ...TOKEN_ERRORS, 403, 404, 409, 422], { 400: badRequest([example400]), 404: { status: 404, title: 'Not found', detail: 'No such change to a plan' }, 422: IDEMPOTENCY_MISMATCH }),
  },
});

const body = (properties: Record<string, object>, required: string[], example: Record<string, unknown>) => ({ type: 'object', additionalProperties: false, required, properties, examples: [example] });

export const ACTION_SCHEMAS: Record<ChangeAction, ReturnType<typeof written>> = {
  notice: written(
    'Send the amendment notice',
    'Sends the proposed amendments (the working copy against the plan as issued) to the family (SEND Regulations 2014 reg. 22(2)): their at least 15 days begin with the day it is sent, and the amended plan is due within 8 weeks. After a review, refused (400) more than 4 weeks after the meeting without `lateReason` (R (L, M, P) v Devon CC [2022]); refused when sent twice.',
    changeParams,
    body({ noticeOn: date('The day it is sent: today unless given'), lateReason: text('Why it goes more than 4 weeks after the review meeting') }, [], { noticeOn: '2026-11-20' }),
    { field: 'lateReason', message: 'The proposed amendments are due within 4 weeks of the review meeting, by 2026-11-18 (R (L, M, P) v Devon CC [2022]): give the reason they are sent later' },
  ),
  representations: written(
    'Record the family’s representations on proposed amendments',
    'What the parent or young person said about the proposed amendments (reg. 22(2)(c)), after the notice was sent.',
    changeParams,
    body({ party: { type: 'string', enum: [...PARTIES] }, askedOn: date('When asked (optional)'), answeredOn: date('When they answered'), answer: text('What they said') }, ['party', 'answeredOn', 'answer'], { party: 'parent', answeredOn: '2026-11-21', answer: 'We agree with more speech and language therapy.' }),
    { field: 'answer', message: 'Enter what they said' },
  ),
  'amended-plan': written(
    'Issue the final amended plan',
    'Freezes the working copy as a new version of the plan (status amended), records plan.amended and queues the notice with the changes and the right of appeal (reg. 22(3)). Refused (400) before the family’s 15 days are over and without sections B, F and I.',
    changeParams,
    body({ issuedOn: date('The day it is issued: today unless given') }, [], { issuedOn: '2026-11-23' }),
    { field: 'issuedOn', message: 'The family have until 2026-12-14 to comment on the proposed amendments (at least 15 days, SEND Regs 2014 reg. 22(2)): the amended plan can be issued from 2026-12-15' },
  ),
  'no-amendment': written(
    'Decide not to amend the plan',
    'After the family’s representations: the decision with its reasons and the right of appeal (reg. 22(4)). The working copy is set back to the plan as issued.',
    changeParams,
    body({ decidedOn: date('The day decided: today unless given'), reasons: text('The reasons, as the notice gives them') }, ['reasons'], { decidedOn: '2026-11-23', reasons: 'The family showed that the provision works as it stands.' }),
    { field: 'reasons', message: 'Enter the reasons' },
  ),
  consultations: written(
    'Record a consultation’s answer before ceasing',
    'The parent or young person, or the head teacher, consulted before the decision to cease (reg. 31(1)), and their answer.',
    changeParams,
    body({ party: { type: 'string', enum: [...PARTIES] }, askedOn: date('When consulted'), answeredOn: date('When they answered'), answer: text('What they said') }, ['party', 'answeredOn', 'answer'], { party: 'head-teacher', askedOn: '2026-11-02', answeredOn: '2026-11-09', answer: 'Her needs are met from the school’s own resources.' }),
    { field: 'party', message: 'Select who answered' },
  ),
  'cease-decision': written(
    'Decide to cease the plan',
    'By a team manager or service lead, after consulting the parent or young person and the head teacher (reg. 31(1)): the SEN2 CeaseReason, the reasons and the notice with the right of appeal to the family (reg. 31(2), (3)), and the decision without its reasons to the school or college named in the plan and to the health commissioning body (reg. 31(2)). The plan is kept until the time for an appeal has passed (CFA 2014 s.45(4)). Refused (400) without both consultations, and when decided twice.',
    changeParams,
    body({ decidedOn: date('The day decided and notified: today unless given'), reasonCode: { type: 'string', enum: Object.keys(CEASE_REASONS), description: 'SEN2 CeaseReason' }, reasons: text('The reasons'), institutionEmail: { type: 'string', format: 'email', maxLength: 320, description: 'Where the decision is sent to the school or college named in the plan (reg. 31(2))' }, commissioningBodyEmail: { type: 'string', format: 'email', maxLength: 320, description: 'Where the decision is sent to the responsible health commissioning body (reg. 31(2))' } }, ['reasonCode', 'reasons', 'institutionEmail', 'commissioningBodyEmail'], { decidedOn: '2026-11-20', reasonCode: '2', reasons: 'Her needs are met at school without a plan.', institutionEmail: 'senco@school.example', commissioningBodyEmail: 'send@icb.example' }),
    { field: 'decision', message: 'Consult the parent or young person and the head teacher before deciding to cease the plan, and record their answer (SEND Regulations 2014 reg. 31(1))' },
  ),
  'mediation-certificate': written(
    'Record a mediation certificate',
    'The last day to appeal becomes 1 month from the certificate, if later (HESC Rules r.20(1)(c)), and the plan ceases the day after.',
    changeParams,
    body({ on: date('The day the certificate was issued') }, ['on'], { on: '2026-11-21' }),
    { field: 'on', message: 'Enter the date of the certificate' },
  ),
  appeal: written('Record an appeal against the decision to cease', 'The plan is kept until the appeal concludes (CFA 2014 s.45(4)(b)).', changeParams, body({ on: date('The day the appeal was brought') }, ['on'], { on: '2026-11-21' }), {
    field: 'on',
    message: 'Enter the date of the appeal',
  }),
  'appeal-outcome': written(
    'Record how an appeal against ceasing ended',
    'upheld: the plan ceases the day after; plan-kept: the tribunal ordered the plan kept, and ceasing ends.',
    changeParams,
    body({ concludedOn: date('The day the appeal concluded'), outcome: { type: 'string', enum: [...APPEAL_OUTCOMES] } }, ['concludedOn', 'outcome'], { concludedOn: '2026-11-22', outcome: 'upheld' }),
    { field: 'outcome', message: 'Select how the appeal ended' },
  ),
  ceased: written(
    'Record the plan as ceased',
    'Once the time for an appeal has passed with none brought, or an appeal upheld the decision: plan.ceased dated the day it ceased, a ceased version and the case closed. Refused (400) before then.',
    changeParams,
    undefined,
    { field: 'change', message: 'The plan is kept until the time for an appeal has passed (Children and Families Act 2014 s.45(4)): it ceases on 2027-02-02, unless an appeal is brought' },
  ),
  'reassessment-decision': written(
    'Decide whether to re-assess',
    'By a team manager or service lead, within 15 days of the request (reg. 25(1)): agree (the plan due within 14 weeks, reg. 27) or refuse with reasons and the right of appeal (reg. 25(2)).',
    changeParams,
    body({ decidedOn: date('The day decided: today unless given'), outcome: { type: 'string', enum: ['agree', 'refuse'] }, reasons: text('The reasons; required for a refusal') }, ['outcome'], { decidedOn: '2026-11-23', outcome: 'agree' }),
    { field: 'reasons', message: 'Enter the reasons' },
  ),
};

export const planChangesApiSchemas = {
  startAmendment: written(
    'Propose amendments to a plan',
    'Opens a working copy of the last issued version, edited as the plan’s working version (PATCH /api/v1/plans/{planId}). Refused (400) on a ceased plan or one not yet final, (409) while another amendment is open.',
    planParams,
    body({ reviewMeetingOn: date('The review meeting the decision to amend followed: the notice is then due within 4 weeks of it') }, [], { reviewMeetingOn: '2026-11-10' }),
    { field: 'plan', message: 'The plan has ceased: an amendment cannot be made to a plan the council no longer maintains' },
  ),
  startCeasing: written('Consider ceasing a plan', 'Opens the consultation before a decision to cease (reg. 31(1)). Refused (400) on a plan not maintained, (409) while one is open.', planParams, undefined, {
    field: 'plan',
    message: 'The plan has ceased: a decision to cease cannot be made to a plan the council no longer maintains',
  }),
  requestReassessment: written(
    'Record a request to re-assess',
    'The decision is due within 15 days of the request (reg. 25(1)); `council` when the council re-assesses of its own accord (CFA 2014 s.44(3)).',
    planParams,
    body({ requestedOn: date('The day the request was received'), requestedBy: { type: 'string', enum: [...REQUESTED_BY] } }, ['requestedOn', 'requestedBy'], { requestedOn: '2026-11-20', requestedBy: 'family' }),
    { field: 'requestedBy', message: 'Select who asked for the re-assessment' },
  ),
  get: {
    summary: 'A change to a plan',
    description: 'An amendment, ceasing or a re-assessment: its status, dates, what each party said, its clocks and, for an amendment, the changes.',
    tags: ['plans'],
    security: bearerSecurity,
    params: changeParams,
    response: { 200: { ...change, description: 'The change', examples: [CHANGE_EXAMPLE] }, ...problemResponses([400, ...TOKEN_ERRORS, 403, 404], { 404: { status: 404, title: 'Not found', detail: 'No such change to a plan' } }) },
  },
};
