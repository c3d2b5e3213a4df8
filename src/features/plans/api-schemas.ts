// The API's contract for the EHC plan: the plan as JSON (its ETag the working version's revision),
// sections edited with If-Match, the draft and the final plan issued with an Idempotency-Key, and
// the difference between two versions.
import { PLAN_SECTIONS, SEN2_SETTING_CODES, SEN_NEED_TYPE_CODES } from '../../domain/plans/index.ts';
import { badRequest, bearerSecurity, BODY_ERRORS, IDEMPOTENCY_HEADERS, IDEMPOTENCY_MISMATCH, type ProblemExample, problemResponses, TOKEN_ERRORS } from '../../web/problem.ts';

const PLAN_ID = '01937c20-1a2b-7c3d-8e4f-5a6b7c8d9e0f';
const VERSION_ID = '01937c20-1a2b-7c3d-8e4f-5a6b7c8d9e10';
const CASE_ID = '01937a4e-8f5c-7c3b-a5d2-6f4e2b1c9d80';
const CHILD_ID = '01937a4e-8f5b-7a00-b1c2-d3e4f5a6b7c8';
const EVENT_ID = '01937b11-4c5d-7e6f-8a7b-8c9d0e1f2a3c';
const LETTER_ID = '01937b12-5d6e-7f80-9a1b-2c3d4e5f6a7b';

const uuid = { type: 'string', format: 'uuid' } as const;
const planParams = { type: 'object', required: ['planId'], properties: { planId: { ...uuid, description: 'The plan’s id' } } } as const;
const caseParams = { type: 'object', required: ['caseId'], properties: { caseId: { ...uuid, description: 'The case’s id' } } } as const;

const notFound: ProblemExample = { status: 404, title: 'Not found', detail: 'No such plan' };

const versionSummary = {
  type: 'object',
  required: ['id', 'number', 'status', 'revision', 'issuedOn', 'updatedAt'],
  additionalProperties: false,
  properties: {
    id: uuid,
    number: { type: 'integer', minimum: 1 },
    status: { type: 'string', enum: ['working', 'draft', 'final', 'amended', 'ceased'], description: 'working: being written; the others are issued and never change' },
    revision: { type: 'integer', minimum: 1, description: 'One more with each save of the working version' },
    issuedOn: { type: ['string', 'null'], format: 'date' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
} as const;

const finding = {
  type: 'object',
  required: ['id', 'code', 'section', 'itemId', 'anchor', 'message', 'blocking'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', description: 'Name it in `overrides` to issue the plan over it' },
    code: { type: 'string' },
    section: { type: 'string', enum: [...PLAN_SECTIONS] },
    itemId: { type: ['string', 'null'] },
    anchor: { type: 'string', description: 'The item’s anchor on the plan’s page' },
    message: { type: 'string' },
    blocking: { type: 'boolean', description: 'True when no override lets the plan be issued (a final plan without B, F or I)' },
  },
} as const;

const nullableDate = { type: ['string', 'null'], format: 'date' } as const;
const flag = { type: ['integer', 'null'], enum: [1, 0, null] } as const;

/** What the SEN2 return will say of the final plan (null for any other version). */
const sen2Facts = {
  type: ['object', 'null'],
  required: ['receivedDate', 'draftIssuedOn', 'startDate', 'twentyWeeksEnd', 'exceptionRecorded', 'week20', 'week20ExcludingExceptions', 'placement', 'needs'],
  additionalProperties: false,
  description: 'For the final plan: what the DfE’s SEN2 return will say of it, derived from the case’s history and this version’s content; null for any other version',
  properties: {
    receivedDate: { ...nullableDate, description: 'Requests/ReceivedDate: the request received, which starts the 20 weeks' },
    draftIssuedOn: { ...nullableDate, description: 'The day the draft plan was issued' },
    startDate: { ...nullableDate, description: 'NamedPlan/StartDate: the day the final plan was issued' },
    twentyWeeksEnd: { ...nullableDate, description: 'The last day of the 20 weeks from the request (SEND Regs 2014 reg. 13(2))' },
    exceptionRecorded: { type: 'boolean', description: 'Whether an exception to the time limits stands on the case (regs 5(4), 10(4), 13(3))' },
    week20: { ...flag, description: 'Assessment/Week20: 1 when the final plan was issued within 20 weeks of the request, else 0' },
    week20ExcludingExceptions: { ...flag, description: '1 when issued within 20 weeks, or later with an exception recorded; else 0' },
    placement: {
      type: ['object', 'null'],
      required: ['urn', 'senSetting', 'senSettingOther', 'placementRank'],
      additionalProperties: false,
      description: 'PlanDetail, from section I: a school by URN, or a type of setting as SENSetting OTH',
      properties: {
        urn: { type: ['integer', 'null'], description: 'PlanDetail/URN' },
        senSetting: { type: ['string', 'null'], enum: [...Object.keys(SEN2_SETTING_CODES), null], description: 'PlanDetail/SENSetting, when there is no URN' },
        senSettingOther: { type: ['string', 'null'], description: 'PlanDetail/SENSettingOther: the type of setting in the plan’s words' },
        placementRank: { type: 'integer', enum: [1], description: 'PlanDetail/PlacementRank' },
      },
    },
    needs: {
      type: 'array',
      description: 'SENneed, from section B: the primary need ranked 1, every other type of need once, ranked 2',
      items: {
        type: 'object',
        required: ['senType', 'senTypeRank'],
        additionalProperties: false,
        properties: { senType: { type: 'string', enum: [...SEN_NEED_TYPE_CODES] }, senTypeRank: { type: 'integer', enum: [1, 2] } },
      },
    },
  },
} as const;

const contentSchema = {
  type: 'object',
  additionalProperties: true,
  description: 'Sections a to k (h1 and h2 for H): a and j objects, i the placement or null, the others lists of items each with its id. See the plan’s schema version.',
} as const;

const CONTENT_EXAMPLE = {
  a: { childViews: 'I like trains and drawing.', parentViews: 'We want him to be happy at school.', interests: 'Trains', aspirations: 'To be a train driver' },
  b: [{ id: 'b-1', type: 'SLCN', primary: true, description: 'Finds it hard to follow spoken instructions of more than one step.' }],
  c: [],
  d: [],
  e: [{ id: 'e-1', description: 'Follows a two-step instruction in class without help.', needIds: ['b-1'], achieveBy: 'End of Year 4 (July 2028)' }],
  f: [
    {
      id: 'f-1',
      what: 'A speech and language therapy programme on following instructions.',
      needIds: ['b-1'],
      outcomeIds: ['e-1'],
      providerRole: 'Speech and language therapist',
      providerQualification: 'HCPC registered',
      frequency: 'Once a week',
      duration: '45 minutes a session, for the school year',
      groupSize: 'One to one',
      location: 'A quiet room in school',
    },
  ],
  g: [],
  h1: [],
  h2: [],
  i: null,
  j: null,
  k: [],
};

const plan = {
  type: 'object',
  required: ['id', 'type', 'caseId', 'childId', 'reference', 'versions', 'version', 'stage', 'content', 'findings'],
  additionalProperties: false,
  properties: {
    id: uuid,
    type: { type: 'string', enum: ['ehc'] },
    caseId: uuid,
    childId: uuid,
    reference: { type: 'string', description: 'The case’s reference' },
    versions: { type: 'array', items: versionSummary },
    version: { ...versionSummary, description: 'The version shown: the working version while there is one, else the latest issued' },
    schemaVersion: { type: 'integer', description: 'The number of the content’s schema' },
    stage: { type: ['string', 'null'], enum: ['draft', 'final', null], description: 'What the working version would be issued as; null for an issued version' },
    content: contentSchema,
    findings: { type: 'array', items: finding, description: 'The check of the working version: what a tribunal would criticise' },
    sen2: sen2Facts,
  },
} as const;

const VERSION_EXAMPLE = { id: VERSION_ID, number: 1, status: 'working', revision: 3, issuedOn: null, updatedAt: '2026-11-30T10:00:00.000Z' };
const PLAN_EXAMPLE = {
  id: PLAN_ID,
  type: 'ehc',
  caseId: CASE_ID,
  childId: CHILD_ID,
  reference: '999-EHC-2026-00012',
  versions: [VERSION_EXAMPLE],
  version: VERSION_EXAMPLE,
  schemaVersion: 1,
  stage: 'draft',
  content: CONTENT_EXAMPLE,
  findings: [],
  sen2: null,
};

const etagHeaders = { etag: { type: 'string', description: 'The working version’s revision, quoted: send it as If-Match to edit' } };

const issueBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    issuedOn: { type: 'string', format: 'date', description: 'The day it is issued in law: today unless given; not in the future' },
    revision: { type: 'integer', minimum: 1, description: 'The revision checked: refused (409) when someone has saved since' },
    overrides: {
      type: 'array',
      maxItems: 500,
      description: 'A reason for each finding of the check issued over',
      items: {
        type: 'object',
        required: ['findingId', 'reason'],
        additionalProperties: false,
        properties: { findingId: { type: 'string', maxLength: 200 }, reason: { type: 'string', maxLength: 2000 } },
      },
    },
  },
  examples: [{ overrides: [] }],
} as const;

const issueResult = {
  type: 'object',
  required: ['planId', 'versionNumber', 'status', 'issuedOn', 'eventId', 'letterId'],
  additionalProperties: false,
  properties: {
    planId: uuid,
    versionNumber: { type: 'integer' },
    status: { type: 'string', enum: ['draft', 'final'] },
    issuedOn: { type: 'string', format: 'date' },
    eventId: { ...uuid, description: 'The case event recorded: draft.issued or plan.issued' },
    letterId: { type: ['string', 'null'], format: 'uuid', description: 'The notice to the family; null when no one on the record can be written to' },
  },
} as const;

const createdHeaders = {
  location: { type: 'string', description: 'The plan' },
  'idempotent-replayed': { type: 'string', enum: ['true'], description: 'Sent when the answer is the first one, replayed for a retry with the same Idempotency-Key' },
};

const wordPart = {
  type: 'object',
  required: ['text', 'change'],
  additionalProperties: false,
  properties: { text: { type: 'string' }, change: { type: 'string', enum: ['same', 'added', 'removed'] } },
} as const;

const difference = {
  type: 'object',
  required: ['planId', 'from', 'to', 'sections'],
  additionalProperties: false,
  properties: {
    planId: uuid,
    from: versionSummary,
    to: versionSummary,
    sections: {
      type: 'array',
      items: {
        type: 'object',
        required: ['section', 'heading', 'items'],
        additionalProperties: false,
        properties: {
          section: { type: 'string', enum: [...PLAN_SECTIONS] },
          heading: { type: 'string' },
          items: {
            type: 'array',
            items: {
              type: 'object',
              required: ['change', 'itemId', 'reference', 'fields'],
              additionalProperties: false,
              properties: {
                change: { type: 'string', enum: ['added', 'removed', 'changed'] },
                itemId: { type: 'string' },
                reference: { type: 'string' },
                fields: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['name', 'label', 'before', 'after', 'words'],
                    additionalProperties: false,
                    properties: { name: { type: 'string' }, label: { type: 'string' }, before: { type: 'string' }, after: { type: 'string' }, words: { type: 'array', items: wordPart } },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
} as const;

const DRAFT_VERSION = { id: VERSION_ID, number: 1, status: 'draft', revision: 4, issuedOn: '2026-11-02', updatedAt: '2026-11-02T10:00:00.000Z' };
const FINAL_VERSION = { id: PLAN_ID, number: 2, status: 'final', revision: 2, issuedOn: '2026-11-30', updatedAt: '2026-11-30T10:00:00.000Z' };

const issue = (stage: 'draft' | 'final') => ({
  summary: stage === 'draft' ? 'Issue the draft plan' : 'Issue the final plan',
  description:
    stage === 'draft'
      ? 'Freezes the working version as the draft (SEND Regulations 2014 reg. 13(1)), records the case’s draft.issued event (the family’s 15 days) and queues the notice to the family. Each finding of the check must be named in `overrides` with a reason. Refused (400) when the draft was already issued.'
      : 'Freezes the working version as the final plan, records plan.issued and queues the notice with the right of appeal on sections B, F and I. Refused (400) before the family’s 15 days on the draft are over (reg. 13(1)(a)) and without sections B, F and I; refused (403) unless the token’s user is a team manager or service lead, who hold the council’s delegated authority to decide the plan.',
  tags: ['plans'],
  security: bearerSecurity,
  params: planParams,
  headers: IDEMPOTENCY_HEADERS,
  body: issueBody,
  response: {
    201: { ...issueResult, description: 'Issued', headers: createdHeaders, examples: [{ planId: PLAN_ID, versionNumber: stage === 'draft' ? 1 : 2, status: stage, issuedOn: '2026-11-30', eventId: EVENT_ID, letterId: LETTER_ID }] },
    ...problemResponses([...BODY_ERRORS, ...TOKEN_ERRORS, 403, 404, 409, 422], {
      400:
        stage === 'draft'
          ? badRequest([{ field: 'override.f-vague.f-1', message: 'Provision F1 uses vague words that a tribunal may not enforce: “access to”: change the plan, or give the reason to issue it as it is' }])
          : badRequest([{ field: 'issuedOn', message: 'The family have until 16 November 2026 to comment on the draft plan (at least 15 days, SEND Regs 2014 reg. 13(1)(a)): the final plan can be issued from 17 November 2026' }]),
      404: notFound,
      422: IDEMPOTENCY_MISMATCH,
    }),
  },
});

export const plansApiSchemas = {
  start: {
    summary: 'Start the case’s EHC plan',
    description: 'Once the decision to make a plan is recorded: a working version, with section K filled from the advice received. Refused (409) when the case already has one.',
    tags: ['plans'],
    security: bearerSecurity,
    params: caseParams,
    headers: IDEMPOTENCY_HEADERS,
    response: {
      201: { ...plan, description: 'The plan, started', headers: { ...createdHeaders, ...etagHeaders }, examples: [PLAN_EXAMPLE] },
      ...problemResponses([400, ...TOKEN_ERRORS, 403, 404, 409, 422], { 404: { status: 404, title: 'Not found', detail: 'No such case' }, 422: IDEMPOTENCY_MISMATCH }),
    },
  },
  get: {
    summary: 'A plan, with its working version',
    description: 'The working version while there is one (else the latest issued), its content, its versions and the check’s findings. The ETag is the working version’s revision: send it as If-Match to edit.',
    tags: ['plans'],
    security: bearerSecurity,
    params: planParams,
    response: { 200: { ...plan, description: 'The plan', headers: etagHeaders, examples: [PLAN_EXAMPLE] }, ...problemResponses([400, ...TOKEN_ERRORS, 403, 404], { 404: notFound }) },
  },
  edit: {
    summary: 'Edit sections of the working version',
    description:
      'Each section given replaces the section as a whole; the others stay. Send If-Match with the ETag you read: refused with 412 when someone has saved since (read the plan again) and 428 without it. Refused (400) for an F item naming no need, a link to a need or outcome not in this plan, a URN not in the schools register, a personal budget below £0; (409) when the plan has no working version.',
    tags: ['plans'],
    security: bearerSecurity,
    params: planParams,
    headers: { type: 'object', properties: { 'if-match': { type: 'string', description: 'The ETag of the plan as read' } } },
    body: {
      type: 'object',
      required: ['sections'],
      additionalProperties: false,
      properties: { sections: { type: 'object', minProperties: 1, additionalProperties: false, properties: Object.fromEntries(PLAN_SECTIONS.map((section) => [section, {}])) } },
      examples: [{ sections: { b: CONTENT_EXAMPLE.b, e: CONTENT_EXAMPLE.e, f: CONTENT_EXAMPLE.f } }],
    },
    response: {
      200: { ...plan, description: 'The plan as saved', headers: etagHeaders, examples: [PLAN_EXAMPLE] },
      ...problemResponses([...BODY_ERRORS, ...TOKEN_ERRORS, 403, 404, 409, 412, 428], {
        400: badRequest([{ field: 'sections.f.0.needIds', message: 'Select at least one need the provision meets' }]),
        404: notFound,
        412: { status: 412, title: 'Precondition failed', detail: 'The plan has changed since you read it (it is at revision 4, not 3): read it again and make your change to it' },
        428: { status: 428, title: 'Precondition required', detail: 'Send If-Match with the plan’s ETag, so that no one’s change is overwritten' },
      }),
    },
  },
  issueDraft: issue('draft'),
  issueFinal: issue('final'),
  difference: {
    summary: 'The difference between two versions of a plan',
    description: 'Section by section: the items added, removed and changed, and within a changed field the words added and removed.',
    tags: ['plans'],
    security: bearerSecurity,
    params: planParams,
    querystring: {
      type: 'object',
      required: ['from', 'to'],
      additionalProperties: false,
      properties: { from: { type: 'integer', minimum: 1, description: 'The earlier version’s number' }, to: { type: 'integer', minimum: 1, description: 'The later version’s number' } },
    },
    response: {
      200: {
        ...difference,
        description: 'The difference',
        examples: [
          {
            planId: PLAN_ID,
            from: DRAFT_VERSION,
            to: FINAL_VERSION,
            sections: [
              {
                section: 'f',
                heading: 'Section F: Special educational provision',
                items: [
                  {
                    change: 'changed',
                    itemId: 'f-1',
                    reference: 'F1',
                    fields: [{ name: 'frequency', label: 'How often', before: 'Regular', after: 'Twice a week', words: [{ text: 'Regular', change: 'removed' }, { text: 'Twice a week', change: 'added' }] }],
                  },
                ],
              },
            ],
          },
        ],
      },
      ...problemResponses([400, ...TOKEN_ERRORS, 403, 404], { 404: notFound }),
    },
  },
};
