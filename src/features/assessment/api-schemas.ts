// The API's contract for the assessment's decisions: panels and their agendas, the family's and the
// school's views, the decisions and a request's withdrawal; what each operation takes and
// answers, its errors and examples, as the OpenAPI document shows them.
import { badRequest, bearerSecurity, IDEMPOTENCY_HEADERS, notFoundProblem, type ProblemExample, problemResponses, TOKEN_ERRORS, writeProblemResponses } from '../../web/problem.ts';
import { ASKED_PARTIES, OUTCOMES, QUESTIONS, RECOMMENDATIONS, VIEWS_PARTIES, WITHDRAWN_BY } from './terms.ts';

const CASE_ID = '01937a4e-8f5c-7c3b-a5d2-6f4e2b1c9d80';
const CHILD_ID = '01937a4e-8f5b-7a00-b1c2-d3e4f5a6b7c8';
const PANEL_ID = '01937b10-2a3b-7c4d-8e5f-6a7b8c9d0e1f';
const PANEL_CASE_ID = '01937b10-3b4c-7d5e-9f6a-7b8c9d0e1f2a';
const DECISION_ID = '01937b11-4c5d-7e6f-8a7b-8c9d0e1f2a3b';
const EVENT_ID = '01937b11-4c5d-7e6f-8a7b-8c9d0e1f2a3c';
const OFFICER_ID = '01937a40-2c1d-7e3f-8a9b-0c1d2e3f4a5b';
const LETTER_ID = '01937b12-5d6e-7f80-9a1b-2c3d4e5f6a7b';

const uuid = { type: 'string', format: 'uuid' } as const;
const isoDate = { type: 'string', format: 'date' } as const;
const nullableDate = { type: ['string', 'null'], format: 'date' } as const;
const text = (description: string) => ({ type: 'string', maxLength: 5000, description }) as const;

const caseParams = { type: 'object', required: ['caseId'], properties: { caseId: { ...uuid, description: 'The case’s id' } } } as const;
const panelParams = { type: 'object', required: ['panelId'], properties: { panelId: { ...uuid, description: 'The panel’s id' } } } as const;
const panelCaseParams = {
  type: 'object',
  required: ['panelId', 'caseId'],
  properties: { panelId: { ...uuid, description: 'The panel’s id' }, caseId: { ...uuid, description: 'The id of a case on the panel’s agenda' } },
} as const;

const createdHeaders = (location: string) => ({
  location: { type: 'string', description: location },
  'idempotent-replayed': { type: 'string', enum: ['true'], description: 'Sent when the answer is the first one, replayed for a retry with the same Idempotency-Key' },
});

const closed: ProblemExample = { status: 409, title: 'Conflict', detail: 'This case is closed' };
const NOT_A_DECISION_MAKER: ProblemExample = {
  status: 403,
  title: 'Forbidden',
  detail: 'Only a team manager or service lead can make this decision: the council delegates its decisions on an assessment to senior officers. Ask one of them to record it.',
};

/** The errors of a write on a case or a panel, with the examples given. */

// --- Shapes ------------------------------------------------------------------------------------

const panel = {
  type: 'object',
  required: ['id', 'heldOn', 'title'],
  additionalProperties: false,
  properties: { id: uuid, heldOn: { ...isoDate, description: 'The day the panel meets' }, title: { type: 'string' } },
} as const;
const panelExample = { id: PANEL_ID, heldOn: '2026-12-01', title: 'SEND decision-making panel' };

const panelSummary = {
  ...panel,
  required: [...panel.required, 'cases', 'awaiting'],
  properties: { ...panel.properties, cases: { type: 'integer', description: 'Cases on the agenda' }, awaiting: { type: 'integer', description: 'Of them, those without a recommendation yet' } },
} as const;

const panelCase = {
  type: 'object',
  description: 'A case on a panel’s agenda: the question it is to answer and, once the panel has met, its recommendation.',
  required: ['id', 'panelId', 'caseId', 'question', 'broughtOn', 'recommendation', 'note'],
  additionalProperties: false,
  properties: {
    id: { ...uuid, description: 'The panel case’s id (a decision names the one it followed)' },
    panelId: uuid,
    caseId: uuid,
    question: { type: 'string', enum: [...QUESTIONS], description: 'assess: whether to assess (SEND Regs 2014 reg. 5); issue-plan: after the assessment, whether to issue a plan (reg. 10)' },
    broughtOn: isoDate,
    recommendation: { type: ['string', 'null'], enum: [...RECOMMENDATIONS, null], description: 'The panel’s recommendation; null until it has made one' },
    note: { type: ['string', 'null'] },
  },
} as const;
const panelCaseExample = { id: PANEL_CASE_ID, panelId: PANEL_ID, caseId: CASE_ID, question: 'assess', broughtOn: '2026-11-16', recommendation: null, note: null };

const agendaEntry = {
  ...panelCase,
  required: [...panelCase.required, 'childId', 'childName', 'reference', 'closed', 'broughtBy', 'recommendedBy', 'decision'],
  properties: {
    ...panelCase.properties,
    childId: uuid,
    childName: { type: ['string', 'null'], description: 'Null for a restricted record the token’s user may not see' },
    reference: { type: 'string' },
    closed: { type: 'boolean', description: 'The case has closed since (refused, withdrawn, or no plan)' },
    broughtBy: { type: 'string' },
    recommendedBy: { type: ['string', 'null'] },
    decision: {
      type: ['object', 'null'],
      description: 'The decision that followed the recommendation, once made',
      required: ['outcome', 'decidedOn'],
      additionalProperties: false,
      properties: { outcome: { type: 'string', enum: ['agree', 'refuse'] }, decidedOn: isoDate },
    },
  },
} as const;

const agenda = {
  type: 'object',
  required: ['panel', 'met', 'entries'],
  additionalProperties: false,
  properties: {
    panel,
    met: { type: 'boolean', description: 'The panel’s day has come: its recommendations can be recorded' },
    entries: { type: 'array', items: agendaEntry },
  },
  examples: [
    {
      panel: panelExample,
      met: false,
      entries: [
        {
          ...panelCaseExample,
          childId: CHILD_ID,
          childName: 'Amira Khan',
          reference: '999-EHC-2026-00123',
          closed: false,
          broughtBy: 'Sam Officer',
          recommendedBy: null,
          decision: null,
        },
      ],
    },
  ],
} as const;

const decision = {
  type: 'object',
  description: 'A decision, with the reasons the family and a tribunal read.',
  required: ['id', 'caseId', 'question', 'outcome', 'decidedOn', 'reasons', 'decidedBy', 'panelCaseId', 'eventId', 'noticeOn', 'noticeLetterId', 'appealBy', 'mediationBy', 'standing'],
  additionalProperties: false,
  properties: {
    id: uuid,
    caseId: uuid,
    question: panelCase.properties.question,
    outcome: { type: 'string', enum: [...OUTCOMES.assess, ...OUTCOMES['issue-plan']] },
    decidedOn: { ...isoDate, description: 'The day decided (the case event’s day)' },
    reasons: { type: 'string' },
    decidedBy: { type: 'object', required: ['id', 'name'], additionalProperties: false, properties: { id: uuid, name: { type: 'string' } } },
    panelCaseId: { type: ['string', 'null'], description: 'The panel case (a case on a panel’s agenda) whose recommendation the decision followed: the last panel for this question that had met and recommended by the day of the decision' },
    eventId: { ...uuid, description: 'The case event the decision recorded' },
    noticeOn: { ...isoDate, description: 'The day the notice went to the family' },
    noticeLetterId: { type: ['string', 'null'], description: 'The notice as sent, a letter on the case; null where no parent or carer with an address or e-mail address was on the record' },
    appealBy: { ...nullableDate, description: 'For a refusal: the last day to appeal to the First-tier Tribunal (HESC r.20(1)(c), moved off a non-working day by r.12), unless a mediation certificate gives a later one' },
    mediationBy: { ...nullableDate, description: 'For a refusal: the last day to contact a mediation adviser before appealing (CFA 2014 s.55)' },
    standing: { type: 'boolean', description: 'False once a correction in the case’s history has withdrawn it' },
  },
} as const;
const decisionExample = {
  id: DECISION_ID,
  caseId: CASE_ID,
  question: 'assess',
  outcome: 'do-not-assess',
  decidedOn: '2026-11-20',
  reasons: 'The school’s support plan is meeting Amira’s needs: her progress since September is in the SENCo’s report.',
  decidedBy: { id: OFFICER_ID, name: 'Tom Whitfield' },
  panelCaseId: PANEL_CASE_ID,
  eventId: EVENT_ID,
  noticeOn: '2026-11-23',
  noticeLetterId: LETTER_ID,
  appealBy: '2027-01-25',
  mediationBy: '2027-01-23',
  standing: true,
};

const withdrawal = {
  type: 'object',
  required: ['id', 'caseId', 'withdrawnOn', 'withdrawnBy', 'reason', 'eventId', 'letterId', 'standing'],
  additionalProperties: false,
  properties: {
    id: uuid,
    caseId: uuid,
    withdrawnOn: isoDate,
    withdrawnBy: { type: 'string', enum: [...WITHDRAWN_BY] },
    reason: { type: 'string' },
    eventId: uuid,
    letterId: { type: ['string', 'null'], description: 'The letter confirming it, on the case; null where no one on the record could be written to' },
    standing: { type: 'boolean', description: 'False once a correction in the case’s history has withdrawn it' },
  },
} as const;
const withdrawalExample = { id: DECISION_ID, caseId: CASE_ID, withdrawnOn: '2026-11-20', withdrawnBy: 'parent', reason: 'The family have moved to another council’s area.', eventId: EVENT_ID, letterId: LETTER_ID, standing: true };

const viewsRequest = {
  type: 'object',
  required: ['id', 'caseId', 'party', 'askedOn', 'respondBy', 'letterId'],
  additionalProperties: false,
  properties: {
    id: uuid,
    caseId: uuid,
    party: { type: 'string', enum: [...VIEWS_PARTIES] },
    askedOn: isoDate,
    respondBy: isoDate,
    letterId: { type: ['string', 'null'], description: 'The letter that asked, on the case' },
  },
} as const;
const viewsRequestExample = { id: DECISION_ID, caseId: CASE_ID, party: 'parent', askedOn: '2026-11-23', respondBy: '2026-12-07', letterId: LETTER_ID };

const viewsReceived = {
  type: 'object',
  required: ['id', 'caseId', 'party', 'receivedOn', 'summary'],
  additionalProperties: false,
  properties: { id: uuid, caseId: uuid, party: { type: 'string', enum: [...VIEWS_PARTIES] }, receivedOn: isoDate, summary: { type: 'string' } },
} as const;
const viewsReceivedExample = { id: DECISION_ID, caseId: CASE_ID, party: 'parent', receivedOn: '2026-11-10', summary: 'Amira’s mother says her anxiety has kept her out of school for three weeks this term.' };

const sen2Outcome = {
  type: 'object',
  required: ['code', 'date'],
  additionalProperties: false,
  properties: { code: { type: 'string', enum: ['Y', 'N', 'W', 'A'], description: 'Y yes, N no, W withdrawn, A awaiting a decision' }, date: nullableDate },
} as const;

const decisionFile = {
  type: 'object',
  required: ['caseId', 'childId', 'reference', 'stage', 'waitingOn', 'sen2', 'decisions', 'withdrawal', 'panels', 'viewsAsked', 'viewsReceived'],
  additionalProperties: false,
  properties: {
    caseId: uuid,
    childId: uuid,
    reference: { type: 'string' },
    stage: { type: 'string' },
    waitingOn: { type: ['string', 'null'], enum: [...QUESTIONS, null], description: 'The decision the open case is waiting for, if any' },
    sen2: {
      type: 'object',
      description: 'The SEN2 return’s facts of the request, derived from the case’s history (never typed in)',
      required: ['receivedDate', 'requestOutcome', 'assessmentOutcome'],
      additionalProperties: false,
      properties: {
        receivedDate: nullableDate,
        requestOutcome: { ...sen2Outcome, description: 'RequestOutcome and RequestOutcomeDate' },
        assessmentOutcome: { ...sen2Outcome, type: ['object', 'null'], description: 'AssessmentOutcome and AssessmentOutcomeDate; null without an assessment' },
      },
    },
    decisions: { type: 'array', description: 'Oldest first, a decision withdrawn by a correction marked standing: false', items: decision },
    withdrawal: { ...withdrawal, type: ['object', 'null'] },
    panels: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'panelId', 'heldOn', 'title', 'question', 'recommendation', 'note'],
        additionalProperties: false,
        properties: {
          id: uuid,
          panelId: uuid,
          heldOn: isoDate,
          title: { type: 'string' },
          question: panelCase.properties.question,
          recommendation: panelCase.properties.recommendation,
          note: { type: ['string', 'null'] },
        },
      },
    },
    viewsAsked: { type: 'array', items: viewsRequest },
    viewsReceived: { type: 'array', items: viewsReceived },
  },
  examples: [
    {
      caseId: CASE_ID,
      childId: CHILD_ID,
      reference: '999-EHC-2026-00123',
      stage: 'closed',
      waitingOn: null,
      sen2: { receivedDate: '2026-10-01', requestOutcome: { code: 'N', date: '2026-11-20' }, assessmentOutcome: null },
      decisions: [decisionExample],
      withdrawal: null,
      panels: [{ id: PANEL_CASE_ID, panelId: PANEL_ID, heldOn: '2026-11-18', title: 'SEND decision-making panel', question: 'assess', recommendation: 'do-not-assess', note: null }],
      viewsAsked: [viewsRequestExample],
      viewsReceived: [viewsReceivedExample],
    },
  ],
} as const;

const created = (schema: object, description: string, location: string, example: object) => ({ ...schema, description, headers: createdHeaders(location), examples: [example] });

const decisionBody = (question: 'assess' | 'issue-plan', example: object) => ({
  type: 'object',
  required: ['outcome', 'decidedOn', 'reasons'],
  additionalProperties: false,
  properties: {
    outcome: { type: 'string', enum: [...OUTCOMES[question]] },
    decidedOn: { ...isoDate, description: 'The day decided: not before the request was received, not in the future' },
    reasons: text('Why (5,000 characters or fewer): sent to the family with the notice, and what a tribunal reads'),
  },
  examples: [example],
});

export const assessmentApiSchemas = {
  listPanels: {
    summary: 'The decision-making panels to come and those held',
    description: 'Panels to come, soonest first; the last 20 held, the latest first. No child is named.',
    tags: ['panels'],
    security: bearerSecurity,
    response: {
      200: {
        type: 'object',
        description: 'The panels',
        required: ['upcoming', 'past'],
        additionalProperties: false,
        properties: { upcoming: { type: 'array', items: panelSummary }, past: { type: 'array', items: panelSummary } },
        examples: [{ upcoming: [{ ...panelExample, cases: 6, awaiting: 6 }], past: [] }],
      },
      ...problemResponses([...TOKEN_ERRORS, 403]),
    },
  },
  createPanel: {
    summary: 'Arrange a decision-making panel',
    description: 'The day it meets (within a year of today) and its name. Send an `Idempotency-Key` so that a retry never arranges it twice.',
    tags: ['panels'],
    security: bearerSecurity,
    headers: IDEMPOTENCY_HEADERS,
    body: {
      type: 'object',
      required: ['heldOn', 'title'],
      additionalProperties: false,
      properties: { heldOn: { ...isoDate, description: 'The day the panel meets' }, title: { type: 'string', maxLength: 200 } },
      examples: [{ heldOn: '2026-12-01', title: 'SEND decision-making panel' }],
    },
    response: {
      201: created(panel, 'The panel, arranged', 'The panel’s agenda', panelExample),
      ...writeProblemResponses({ 400: badRequest([{ field: 'heldOn', message: 'The panel must meet within a year of today' }]) }),
    },
  },
  agenda: {
    summary: 'A panel’s agenda',
    description: 'Each case brought to the panel, its question, the recommendation once made and the decision that followed. A restricted child is not named to those who may not see their record. The children named are written to the list access log.',
    tags: ['panels'],
    security: bearerSecurity,
    params: panelParams,
    response: { 200: { ...agenda, description: 'The agenda' }, ...problemResponses([400, ...TOKEN_ERRORS, 403, 404], { 404: notFoundProblem('panel') }) },
  },
  bringToPanel: {
    summary: 'Bring a case to a panel',
    description:
      'For the decision the open case is waiting for: whether to assess (a request not yet decided) or whether to issue a plan (an assessment not yet concluded). Refused (409) for a case waiting for neither, or already on the agenda.',
    tags: ['panels'],
    security: bearerSecurity,
    params: panelParams,
    headers: IDEMPOTENCY_HEADERS,
    body: {
      type: 'object',
      required: ['caseId'],
      additionalProperties: false,
      properties: { caseId: { ...uuid, description: 'The case to bring' } },
      examples: [{ caseId: CASE_ID }],
    },
    response: {
      201: created(panelCase, 'The case, on the agenda', 'The panel’s agenda', panelCaseExample),
      ...writeProblemResponses({ 404: notFoundProblem('panel'), 409: { status: 409, title: 'Conflict', detail: 'This case is already on that panel’s agenda' } }),
    },
  },
  recordRecommendation: {
    summary: 'Record a panel’s recommendation on a case on its agenda',
    description:
      'Once the panel has met: one of the recommendations the case’s question allows (assess, do-not-assess or defer; issue-plan, do-not-issue-plan or defer), with a note (needed to defer). Recorded once.',
    tags: ['panels'],
    security: bearerSecurity,
    params: panelCaseParams,
    headers: IDEMPOTENCY_HEADERS,
    body: {
      type: 'object',
      required: ['recommendation'],
      additionalProperties: false,
      properties: { recommendation: { type: 'string', enum: [...RECOMMENDATIONS] }, note: text('What the panel said (needed to defer: what it is waiting for)') },
      examples: [{ recommendation: 'assess', note: 'Health and social care agree: the evidence of need is clear.' }],
    },
    response: {
      201: created(panelCase, 'The recommendation, recorded', 'The panel’s agenda', { ...panelCaseExample, recommendation: 'assess', note: 'Health and social care agree: the evidence of need is clear.' }),
      ...writeProblemResponses({
        400: badRequest([{ field: 'recommendation', message: 'The panel meets on 2026-12-01: record its recommendation once it has met' }]),
        404: notFoundProblem('case on this panel’s agenda'),
        409: { status: 409, title: 'Conflict', detail: 'The panel’s recommendation on this case is already recorded' },
      }),
    },
  },
  decisionFile: {
    summary: 'A case’s decisions, panels and views, and its SEN2 facts',
    description: 'The decisions with their reasons, the withdrawal if any, the panels the case went to with their recommendations, the views asked for and received, and the SEN2 RequestOutcome and AssessmentOutcome derived from the history. The view is written to the access log.',
    tags: ['decisions'],
    security: bearerSecurity,
    params: caseParams,
    response: { 200: { ...decisionFile, description: 'The case’s decisions' }, ...problemResponses([400, ...TOKEN_ERRORS, 403, 404], { 404: notFoundProblem('case') }) },
  },
  decideWhetherToAssess: {
    summary: 'Record the decision whether to assess',
    description:
      'Only a team manager or service lead (403 for anyone else, nothing saved). With its reasons, dated on or after the request and not in the future (SEND Regs 2014 regs 4-5). assess: the case moves to the assessment and the family are sent the notice; do-not-assess: the case closes and the notice gives the right of appeal, its limits (`appealBy`, `mediationBy`), mediation and where to get advice (reg. 5(3)). Made once: a second is refused (400). Send an `Idempotency-Key` so that a retry never records it twice.',
    tags: ['decisions'],
    security: bearerSecurity,
    params: caseParams,
    headers: IDEMPOTENCY_HEADERS,
    body: decisionBody('assess', { outcome: 'assess', decidedOn: '2026-11-20', reasons: 'The school’s evidence shows needs its own resources cannot meet: an assessment is needed.' }),
    response: {
      201: created(decision, 'The decision, recorded', 'The case’s decisions', decisionExample),
      ...writeProblemResponses({
        400: badRequest([{ field: 'decidedOn', message: 'The decision cannot be dated before the request was received, on 2026-10-01' }]),
        403: NOT_A_DECISION_MAKER,
        404: notFoundProblem('case'),
        409: closed,
      }),
    },
  },
  decideAfterAssessment: {
    summary: 'Record the decision after the assessment',
    description:
      'Only a team manager or service lead. With its reasons, after the decision to assess. do-not-issue-plan: due by week 16 (SEND Regs 2014 reg. 10(1)); the case closes and the notice gives the right of appeal (reg. 10(3)). issue-plan: a draft to follow; no limit of its own, but it must leave the draft’s 15 days and the consultations before week 20. Made once. Send an `Idempotency-Key`.',
    tags: ['decisions'],
    security: bearerSecurity,
    params: caseParams,
    headers: IDEMPOTENCY_HEADERS,
    body: decisionBody('issue-plan', { outcome: 'do-not-issue-plan', decidedOn: '2026-11-20', reasons: 'The assessment shows the school can meet Amira’s needs from its own resources with the advice given.' }),
    response: {
      201: created(decision, 'The decision, recorded', 'The case’s decisions', { ...decisionExample, question: 'issue-plan', outcome: 'do-not-issue-plan' }),
      ...writeProblemResponses({
        400: badRequest([{ field: 'outcome', message: 'Record the decision to assess before the decision after the assessment' }]),
        403: NOT_A_DECISION_MAKER,
        404: notFoundProblem('case'),
        409: closed,
      }),
    },
  },
  withdraw: {
    summary: 'Record that a request was withdrawn',
    description:
      'Before the decision whether to assess, or during the assessment: who withdrew it, when and why. The case closes, its running deadlines end, and a letter confirming it goes to the family. SEN2: RequestOutcome (or AssessmentOutcome) W. Send an `Idempotency-Key`.',
    tags: ['decisions'],
    security: bearerSecurity,
    params: caseParams,
    headers: IDEMPOTENCY_HEADERS,
    body: {
      type: 'object',
      required: ['withdrawnOn', 'withdrawnBy', 'reason'],
      additionalProperties: false,
      properties: { withdrawnOn: isoDate, withdrawnBy: { type: 'string', enum: [...WITHDRAWN_BY] }, reason: text('Why it was withdrawn') },
      examples: [{ withdrawnOn: '2026-11-20', withdrawnBy: 'parent', reason: 'The family have moved to another council’s area.' }],
    },
    response: {
      201: created(withdrawal, 'The withdrawal, recorded', 'The case’s decisions', withdrawalExample),
      ...writeProblemResponses({ 400: badRequest([{ field: 'reason', message: 'Say why the request was withdrawn' }]), 404: notFoundProblem('case'), 409: closed }),
    },
  },
  askForViews: {
    summary: 'Ask the family or the school for their views',
    description: 'Records the request for views and sends the letter: to the child’s main contact (parent) or the child’s school, with the day to reply by. Send an `Idempotency-Key`.',
    tags: ['decisions'],
    security: bearerSecurity,
    params: caseParams,
    headers: IDEMPOTENCY_HEADERS,
    body: {
      type: 'object',
      required: ['party', 'respondBy'],
      additionalProperties: false,
      properties: { party: { type: 'string', enum: [...ASKED_PARTIES] }, respondBy: { ...isoDate, description: 'The day to reply by: after today' } },
      examples: [{ party: 'parent', respondBy: '2026-12-07' }],
    },
    response: {
      201: created(viewsRequest, 'The request for views, recorded', 'The case’s decisions', viewsRequestExample),
      ...writeProblemResponses({ 400: badRequest([{ field: 'respondBy', message: 'The date to reply by must be in the future' }]), 404: notFoundProblem('case'), 409: closed }),
    },
  },
  recordViews: {
    summary: 'Record the views of the family or the school',
    description: 'Whose views (parent, young-person or school), the day received and a summary. Send an `Idempotency-Key`.',
    tags: ['decisions'],
    security: bearerSecurity,
    params: caseParams,
    headers: IDEMPOTENCY_HEADERS,
    body: {
      type: 'object',
      required: ['party', 'receivedOn', 'summary'],
      additionalProperties: false,
      properties: { party: { type: 'string', enum: [...VIEWS_PARTIES] }, receivedOn: isoDate, summary: text('What they said, in summary') },
      examples: [{ party: 'parent', receivedOn: '2026-11-10', summary: 'Amira’s mother says her anxiety has kept her out of school for three weeks this term.' }],
    },
    response: {
      201: created(viewsReceived, 'The views, recorded', 'The case’s decisions', viewsReceivedExample),
      ...writeProblemResponses({ 400: badRequest([{ field: 'summary', message: 'Summarise the views' }]), 404: notFoundProblem('case'), 409: closed }),
    },
  },
};
