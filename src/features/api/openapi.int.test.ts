// The API's contract as its OpenAPI document states it, held to what the service does: the
// document is valid OpenAPI 3.1, describes the API and nothing else, gives every operation a
// summary, tags, its errors (the one Problem schema) and examples; and every documented operation,
// called, answers with a status it documents and a body its schema for that status accepts.
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, aConsultation, aMaintainedPlan, anApiToken, anOfficer, aPerson, aPlan, aSchool, aSoundPlanContent, type TestCase, type TestOfficer } from '../../test/factories/index.ts';
import { aPdf, multipartBody, type MultipartFile } from '../../test/files.ts';
import { sendLetter } from '../letters/index.ts';

interface MediaType {
  schema?: Record<string, unknown>;
  example?: unknown;
  examples?: Record<string, { value: unknown }>;
}
interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: { in: string; name: string; required?: boolean; schema?: Record<string, unknown> }[];
  requestBody?: { content: Record<string, MediaType> };
  responses: Record<string, { description: string; headers?: Record<string, unknown>; content?: Record<string, MediaType> }>;
}
interface Document {
  openapi: string;
  tags?: { name: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Record<string, unknown>> };
}

let testApp: TestApp;
let officer: TestOfficer;
let token: string;
/** A team manager's: the decisions are theirs to make. */
let managerToken: string;
let manager: TestOfficer;
let document: Document;
const clock = fixedClock('2026-11-23T10:00:00Z');

beforeAll(async () => {
  testApp = await createTestApp({ clock });
  officer = await anOfficer(testApp);
  token = await anApiToken(testApp, officer);
  manager = await anOfficer(testApp, { role: 'team_manager' });
  managerToken = await anApiToken(testApp, manager);
  const response = await testApp.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
  expect(response.statusCode).toBe(200);
  document = response.json();
});
afterAll(async () => {
  await testApp?.close();
});

function operations(): { method: string; path: string; operation: Operation }[] {
  return Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ method, path, operation })));
}

/** Ajv for the document's schemas (JSON Schema 2020-12, as OpenAPI 3.1 uses), their references into the document resolved. */
function schemaValidator(): (schema: Record<string, unknown>) => ValidateFunction {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const compiled = new Map<Record<string, unknown>, ValidateFunction>();
  return (schema) => {
    let validate = compiled.get(schema);
    if (!validate) {
      validate = ajv.compile({ ...schema, components: document.components });
      compiled.set(schema, validate);
    }
    return validate;
  };
}

/** The schema of a file's bytes, in a form or a response. */
const BINARY = { type: 'string', format: 'binary' };

function examplesOf(media: MediaType): unknown[] {
  return [...(media.example !== undefined ? [media.example] : []), ...Object.values(media.examples ?? {}).map((entry) => entry.value)];
}

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1, checked against the specification’s own schema', async () => {
    expect(document.openapi).toBe('3.1.0');
    const result = await new Validator().validate(document as unknown as Record<string, unknown>);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  it('describes the API only: no page, and the calculator’s JSON API but not its page', () => {
    const paths = Object.keys(document.paths);
    expect(paths.length).toBeGreaterThan(10);
    for (const path of paths) expect(path).toMatch(/^\/api\/v1\//);
    expect(paths).toContain('/api/v1/timescales');
    expect(paths).not.toContain('/check-ehc-deadlines');
  });

  it('gives every operation a summary, declared tags, the errors it can give (each the one Problem schema, with an example) and examples of what it takes and answers', () => {
    const declaredTags = new Set((document.tags ?? []).map((tag) => tag.name));
    for (const { method, path, operation } of operations()) {
      const name = `${method.toUpperCase()} ${path}`;
      expect(operation.summary, name).toMatch(/\S/);
      expect(operation.tags?.length, name).toBeGreaterThan(0);
      for (const tag of operation.tags ?? []) expect(declaredTags.has(tag), `${name}: tag ${tag}`).toBe(true);

      const statuses = Object.keys(operation.responses);
      expect(statuses, `${name}: every status explicit`).not.toContain('4XX');
      expect(statuses, name).toEqual(expect.arrayContaining(['429', '500', '503']));
      if (operation.security) expect(statuses, name).toContain('401');
      if (operation.requestBody) expect(statuses, name).toEqual(expect.arrayContaining(['400', '413', '415']));
      if (operation.parameters?.some((parameter) => parameter.in === 'path')) expect(statuses, name).toEqual(expect.arrayContaining(['400', '404']));

      for (const [status, response] of Object.entries(operation.responses)) {
        expect(response.description, `${name} ${status}`).toMatch(/\S/);
        const media = Object.entries(response.content ?? {});
        // 204 No Content is the one answer without a body (a removal).
        expect(media.length, `${name} ${status}: a body`).toBe(status === '204' ? 0 : Math.max(media.length, 1));
        for (const [type, content] of media) {
          if (Number(status) >= 400) {
            expect(type, `${name} ${status}`).toBe('application/problem+json');
            expect(content.schema, `${name} ${status}`).toEqual({ $ref: '#/components/schemas/Problem' });
          } else if (type !== 'application/json') {
            // A file's bytes (a document's download): said to be binary, of the type it is.
            expect(type, `${name} ${status}`).toMatch(/^(application|image)\/[\w.+-]+$/);
            expect(content.schema, `${name} ${status}`).toMatchObject(BINARY);
          }
          expect(examplesOf(content).length, `${name} ${status}: an example`).toBeGreaterThan(0);
        }
      }
      for (const [type, content] of Object.entries(operation.requestBody?.content ?? {})) {
        // JSON, or a form with a file for an upload (its file a binary field).
        expect(['application/json', 'multipart/form-data'], name).toContain(type);
        if (type === 'multipart/form-data') expect(Object.values((content.schema?.properties ?? {}) as Record<string, unknown>), name).toContainEqual(expect.objectContaining(BINARY));
        expect(examplesOf(content).length, `${name}: an example of the body`).toBeGreaterThan(0);
      }
    }
  });

  it('has examples that its own schemas accept', () => {
    const validatorFor = schemaValidator();
    for (const { method, path, operation } of operations()) {
      const media = [
        ...Object.values(operation.requestBody?.content ?? {}).map((content) => ['request body', content] as const),
        ...Object.entries(operation.responses).flatMap(([status, response]) => Object.values(response.content ?? {}).map((content) => [status, content] as const)),
      ];
      for (const [what, content] of media) {
        const validate = validatorFor(content.schema!);
        for (const example of examplesOf(content)) {
          expect(validate(example), `${method.toUpperCase()} ${path} ${what}: ${JSON.stringify(validate.errors)}`).toBe(true);
        }
      }
    }
  });
});

/** A request for medical advice, from a health body asked under s.31, sent today. */
const ADVICE = {
  kind: 'medical',
  organisation: 'Demo City Community Paediatrics',
  organisationType: 'health-body',
  channel: 'email',
  address: 'paediatrics@nhs.example',
  sentOn: '2026-11-23',
};

/** The documented example of an operation's request body. */
function bodyExample(path: string, method: string, type = 'application/json'): Record<string, unknown> {
  const content = document.paths[path]![method]!.requestBody!.content[type]!;
  return structuredClone(examplesOf(content)[0]) as Record<string, unknown>;
}

/** A call of an operation: the values of its path's parameters, its query and its body. */
interface Call {
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  /** For an upload: the form's text fields and its file. */
  form?: { fields: Record<string, string>; file: MultipartFile };
  /** Another token than the officer's (a team manager's, for a decision). */
  token?: string;
  /** Headers the operation needs (If-Match, for an edit of a plan). */
  headers?: Record<string, string>;
}

/** The request for a call of an operation documented at `path`. */
function request(method: string, path: string, call: Call): InjectOptions {
  const url = path.replace(/\{(\w+)\}/g, (_match, name: string) => encodeURIComponent(call.params?.[name] ?? '')) + (call.query ? `?${call.query}` : '');
  if (call.form) {
    const { payload, contentType } = multipartBody(call.form.fields, call.form.file);
    return { method: method.toUpperCase() as InjectOptions['method'], url, headers: { 'content-type': contentType }, payload };
  }
  return {
    method: method.toUpperCase() as InjectOptions['method'],
    url,
    ...(call.body === undefined ? { headers: { ...call.headers } } : { headers: { 'content-type': 'application/json', ...call.headers }, payload: JSON.stringify(call.body) }),
  };
}

/**
 * For each documented operation, a call that should succeed (with the documented example of its
 * body where it has one, so the examples are known to work), on data made for it.
 */
async function successfulCalls(): Promise<Record<string, () => Promise<Call>>> {
  const aRequestCase = () => aCase(testApp, officer.actor, { receivedOn: '2026-10-01' });
  const anAssessment = () => aCase(testApp, officer.actor, { stage: 'assessment', receivedOn: '2026-10-01', stepDates: { 'assessment.agreed': '2026-11-10' } });
  /** A panel that met last week, with a request on its agenda. */
  const aPanelWithACase = async () => {
    const created = await aRequestCase();
    const { result: panel } = await testApp.services.panels.createPanel(officer.actor, { heldOn: '2026-11-17', title: 'SEND panel' });
    await testApp.services.panels.bringToPanel(officer.actor, created.caseId, { panelId: panel.id });
    return { caseId: created.caseId, panelId: panel.id };
  };
  const anAssessedCase = (receivedOn = '2026-10-01') => aCase(testApp, officer.actor, { stage: 'assessment', receivedOn });
  /** A case whose draft plan was issued on 10 November. */
  const aDraftCase = () => aCase(testApp, officer.actor, { stage: 'draft', receivedOn: '2026-09-01', stepDates: { 'assessment.agreed': '2026-10-20', 'draft.issued': '2026-11-10' } });
  /** A maintained plan, its child at a school. */
  const aPlanCase = async () => aCase(testApp, officer.actor, { stage: 'plan', child: { schoolId: (await aSchool(testApp.database.db)).id } });
  const anAdviceRequest = async () => testApp.services.advice.askForAdvice(officer.actor, (await anAssessedCase()).caseId, ADVICE);
  const aLetter = async (caseId: string) =>
    (
      await testApp.database.db.transaction((tx) =>
        sendLetter(tx, clock, officer.actor, { caseId, type: 'views-request', recipient: { name: 'Sarah Nowak', channel: 'email', address: 'sarah@example.com' }, fields: { recipientRole: 'parent', respondBy: '7 December 2026' } }),
      )
    ).letterId;
  /** Cover from 1 to 12 December for an officer of its own, recorded by the manager. */
  const aCoverPeriod = async () => {
    const away = await anOfficer(testApp);
    const { result } = await testApp.services.cover.setCover(manager.actor, { officer: away.user.id, coverOfficer: officer.user.id, startsOn: '2026-12-01', endsOn: '2026-12-12', reason: 'Annual leave' });
    return result.id;
  };
  /** An amendment to a maintained plan with section F changed; its notice sent on `noticeOn`, when given. */
  const anAmendment = async (noticeOn?: string) => {
    const { planId } = await aMaintainedPlan(testApp, officer.actor);
    const { result } = await testApp.services.planChanges.startAmendment(officer.actor, planId, {});
    const view = await testApp.services.plans.versionView(officer.actor, planId);
    await testApp.services.plans.saveItem(officer.actor, planId, 'f', { ...view.content.f[0]!, frequency: 'Twice a week' }, view.version.revision);
    if (noticeOn) await testApp.services.planChanges.sendAmendmentNotice(officer.actor, result.changeId, { noticeOn });
    return result.changeId;
  };
  /** Ceasing a maintained plan considered: consulted, decided, appealed as asked. */
  const aCeasing = async (options: { consulted?: boolean; decidedOn?: string; appealOn?: string } = {}) => {
    const { planId } = await aMaintainedPlan(testApp, officer.actor);
    const changes = testApp.services.planChanges;
    const { result } = await changes.startCeasing(officer.actor, planId);
    if (options.consulted || options.decidedOn) {
      await changes.recordResponse(officer.actor, result.changeId, { party: 'parent', answeredOn: '2026-10-09', answer: 'We agree.' });
      await changes.recordResponse(officer.actor, result.changeId, { party: 'head-teacher', answeredOn: '2026-10-10', answer: 'Agreed.' });
    }
    if (options.decidedOn) await changes.decideToCease(manager.actor, result.changeId, { decidedOn: options.decidedOn, reasonCode: '2', reasons: 'Needs met without a plan.', institutionEmail: 'senco@school.example', commissioningBodyEmail: 'send@icb.example' });
    if (options.appealOn) await changes.recordAppeal(officer.actor, result.changeId, { on: options.appealOn });
    return result.changeId;
  };
  const firstEvent = async (created: TestCase, type: string) => (await testApp.services.caseProgress.caseEvents(officer.actor, created.caseId)).events.find((event) => event.type === type)!.id;
  return {
    'GET /api/v1/me': async () => ({}),
    'GET /api/v1/staff/{id}': async () => ({ params: { id: officer.user.id } }),
    'GET /api/v1/timescales': async () => ({ query: 'process=assessment&requestReceived=2026-01-05' }),
    'GET /api/v1/cases': async () => {
      await aRequestCase();
      return {};
    },
    'GET /api/v1/children': async () => {
      await aCase(testApp, officer.actor, { child: { forename: 'Amira', surname: 'Khan' } });
      return { query: 'q=Amira%20Khan' };
    },
    'GET /api/v1/children/{childId}': async () => ({ params: { childId: (await aRequestCase()).childId } }),
    // The example's version is one the record has just been read at.
    'PATCH /api/v1/children/{childId}': async () => ({ params: { childId: (await aRequestCase()).childId }, body: { ...bodyExample('/api/v1/children/{childId}', 'patch'), version: 1 } }),
    'POST /api/v1/requests': async () => ({ body: bodyExample('/api/v1/requests', 'post') }),
    'POST /api/v1/children/{childId}/people': async () => ({ params: { childId: (await aRequestCase()).childId }, body: bodyExample('/api/v1/children/{childId}/people', 'post') }),
    'PATCH /api/v1/children/{childId}/people/{personId}': async () => {
      const { childId } = await aRequestCase();
      return { params: { childId, personId: (await aPerson(testApp, officer.actor, childId)).id }, body: bodyExample('/api/v1/children/{childId}/people/{personId}', 'patch') };
    },
    'DELETE /api/v1/children/{childId}/people/{personId}': async () => {
      const { childId } = await aRequestCase();
      return { params: { childId, personId: (await aPerson(testApp, officer.actor, childId)).id } };
    },
    'GET /api/v1/cases/{caseId}/events': async () => ({ params: { caseId: (await aRequestCase()).caseId } }),
    'POST /api/v1/cases/{caseId}/events': async () => ({ params: { caseId: (await anAssessment()).caseId }, body: bodyExample('/api/v1/cases/{caseId}/events', 'post') }),
    'GET /api/v1/cases/{caseId}/events/{eventId}': async () => {
      const created = await aRequestCase();
      return { params: { caseId: created.caseId, eventId: await firstEvent(created, 'request.received') } };
    },
    'POST /api/v1/cases/{caseId}/exceptions': async () => ({ params: { caseId: (await aRequestCase()).caseId }, body: bodyExample('/api/v1/cases/{caseId}/exceptions', 'post') }),
    'POST /api/v1/cases/{caseId}/documents': async () => {
      const { title } = bodyExample('/api/v1/cases/{caseId}/documents', 'post', 'multipart/form-data') as { title: string };
      return { params: { caseId: (await aRequestCase()).caseId }, form: { fields: { title }, file: { filename: 'advice.pdf', contentType: 'application/pdf', bytes: aPdf() } } };
    },
    'GET /api/v1/documents/{documentId}': async () => {
      const { caseId } = await aRequestCase();
      const added = await testApp.services.documents.upload(officer.actor, caseId, { title: 'Advice', file: { filename: 'advice.pdf', bytes: aPdf(), truncated: false } });
      return { params: { documentId: added.id } };
    },
    'GET /api/v1/panels': async () => ({}),
    'POST /api/v1/panels': async () => ({ body: bodyExample('/api/v1/panels', 'post') }),
    'GET /api/v1/panels/{panelId}': async () => ({ params: { panelId: (await aPanelWithACase()).panelId } }),
    'POST /api/v1/panels/{panelId}/cases': async () => {
      const { result: panel } = await testApp.services.panels.createPanel(officer.actor, { heldOn: '2026-12-01', title: 'SEND panel' });
      return { params: { panelId: panel.id }, body: { caseId: (await aRequestCase()).caseId } };
    },
    'POST /api/v1/panels/{panelId}/cases/{caseId}/recommendation': async () => ({
      params: await aPanelWithACase(),
      body: bodyExample('/api/v1/panels/{panelId}/cases/{caseId}/recommendation', 'post'),
    }),
    'GET /api/v1/cases/{caseId}/decisions': async () => ({ params: { caseId: (await anAssessment()).caseId } }),
    'POST /api/v1/cases/{caseId}/decisions/whether-to-assess': async () => ({
      params: { caseId: (await aRequestCase()).caseId },
      body: bodyExample('/api/v1/cases/{caseId}/decisions/whether-to-assess', 'post'),
      token: managerToken,
    }),
    'POST /api/v1/cases/{caseId}/decisions/after-assessment': async () => ({
      params: { caseId: (await anAssessment()).caseId },
      body: bodyExample('/api/v1/cases/{caseId}/decisions/after-assessment', 'post'),
      token: managerToken,
    }),
    'POST /api/v1/cases/{caseId}/withdrawal': async () => ({ params: { caseId: (await aRequestCase()).caseId }, body: bodyExample('/api/v1/cases/{caseId}/withdrawal', 'post') }),
    'POST /api/v1/cases/{caseId}/views-requests': async () => {
      const created = await aRequestCase();
      await aPerson(testApp, officer.actor, created.childId, { mainContact: true });
      return { params: { caseId: created.caseId }, body: bodyExample('/api/v1/cases/{caseId}/views-requests', 'post') };
    },
    'POST /api/v1/cases/{caseId}/views': async () => ({ params: { caseId: (await aRequestCase()).caseId }, body: bodyExample('/api/v1/cases/{caseId}/views', 'post') }),
    'GET /api/v1/cases/{caseId}/advice-requests': async () => ({ params: { caseId: (await anAdviceRequest()).caseId } }),
    'POST /api/v1/cases/{caseId}/advice-requests': async () => ({ params: { caseId: (await anAssessedCase()).caseId }, body: bodyExample('/api/v1/cases/{caseId}/advice-requests', 'post') }),
    'GET /api/v1/advice-requests/{requestId}': async () => ({ params: { requestId: (await anAdviceRequest()).id } }),
    'POST /api/v1/advice-requests/{requestId}/advice': async () => {
      const { receivedOn } = bodyExample('/api/v1/advice-requests/{requestId}/advice', 'post', 'multipart/form-data') as { receivedOn: string };
      return { params: { requestId: (await anAdviceRequest()).id }, form: { fields: { receivedOn }, file: { filename: 'advice.pdf', contentType: 'application/pdf', bytes: aPdf() } } };
    },
    'POST /api/v1/advice-requests/{requestId}/exception': async () => ({ params: { requestId: (await anAdviceRequest()).id }, body: bodyExample('/api/v1/advice-requests/{requestId}/exception', 'post') }),
    'POST /api/v1/advice-requests/{requestId}/closure': async () => ({ params: { requestId: (await anAdviceRequest()).id }, body: bodyExample('/api/v1/advice-requests/{requestId}/closure', 'post') }),
    'GET /api/v1/late-advice': async () => {
      const late = await anAssessedCase('2026-08-03');
      await testApp.services.advice.askForAdvice(officer.actor, late.caseId, { ...ADVICE, sentOn: '2026-09-08' });
      return {};
    },
    'GET /api/v1/cases/{caseId}/consultations': async () => {
      const { caseId } = await aDraftCase();
      await aConsultation(testApp, officer.actor, caseId);
      return { params: { caseId } };
    },
    'POST /api/v1/cases/{caseId}/consultations': async () => ({ params: { caseId: (await aDraftCase()).caseId }, body: bodyExample('/api/v1/cases/{caseId}/consultations', 'post') }),
    'POST /api/v1/consultations/{consultationId}/response': async () => ({
      params: { consultationId: (await aConsultation(testApp, officer.actor, (await aDraftCase()).caseId)).id },
      body: bodyExample('/api/v1/consultations/{consultationId}/response', 'post'),
    }),
    'POST /api/v1/consultations/{consultationId}/chase': async () => ({
      params: { consultationId: (await aConsultation(testApp, officer.actor, (await aDraftCase()).caseId)).id },
      body: bodyExample('/api/v1/consultations/{consultationId}/chase', 'post'),
    }),
    'POST /api/v1/cases/{caseId}/draft-representations': async () => ({ params: { caseId: (await aDraftCase()).caseId }, body: bodyExample('/api/v1/cases/{caseId}/draft-representations', 'post') }),
    'GET /api/v1/phase-transfers': async () => {
      await aCase(testApp, officer.actor, { stage: 'plan', receivedOn: '2025-09-01', child: { dateOfBirth: '2016-03-14' } });
      return { query: 'year=2027' };
    },
    'GET /api/v1/cases/{caseId}/transfers': async () => ({ params: { caseId: (await aCase(testApp, officer.actor, { stage: 'plan', receivedOn: '2026-01-05' })).caseId } }),
    'POST /api/v1/cases/{caseId}/transfers/out': async () => ({
      params: { caseId: (await aCase(testApp, officer.actor, { stage: 'plan', receivedOn: '2026-01-05' })).caseId },
      body: bodyExample('/api/v1/cases/{caseId}/transfers/out', 'post'),
    }),
    'POST /api/v1/transfers/{transferId}/plan-sent': async () => {
      const { caseId } = await aCase(testApp, officer.actor, { stage: 'plan', receivedOn: '2026-01-05' });
      const { result } = await testApp.services.transfers.recordTransferOut(officer.actor, caseId, { newCouncil: 'Northshire County Council', moveDate: '2026-12-01', learntOn: '2026-11-23' });
      return { params: { transferId: result.id }, body: bodyExample('/api/v1/transfers/{transferId}/plan-sent', 'post') };
    },
    'POST /api/v1/children/{childId}/transfers/in': async () => ({
      params: { childId: (await aCase(testApp, officer.actor, { stage: 'closed', receivedOn: '2025-09-01' })).childId },
      body: bodyExample('/api/v1/children/{childId}/transfers/in', 'post'),
    }),
    'GET /api/v1/cases/{caseId}/letters': async () => {
      const { caseId } = await aRequestCase();
      await aLetter(caseId);
      return { params: { caseId } };
    },
    'GET /api/v1/letters/{letterId}': async () => ({ params: { letterId: await aLetter((await aRequestCase()).caseId) } }),
    'GET /api/v1/caseload': async () => ({ token: managerToken }),
    'POST /api/v1/cover-periods': async () => {
      const away = await anOfficer(testApp);
      return { body: { ...bodyExample('/api/v1/cover-periods', 'post'), officer: away.user.id, coverOfficer: officer.user.id }, token: managerToken };
    },
    'PATCH /api/v1/cover-periods/{periodId}': async () => ({ params: { periodId: await aCoverPeriod() }, body: bodyExample('/api/v1/cover-periods/{periodId}', 'patch'), token: managerToken }),
    'POST /api/v1/cover-periods/{periodId}/withdrawal': async () => ({
      params: { periodId: await aCoverPeriod() },
      body: bodyExample('/api/v1/cover-periods/{periodId}/withdrawal', 'post'),
      token: managerToken,
    }),
    // A fresh officer each: the officer of the other calls holds many cases, over the council's cap.
    'POST /api/v1/allocations': async () => {
      const waiting = await aCase(testApp, manager.actor, { receivedOn: '2026-11-02' });
      const receiving = await anOfficer(testApp, { name: 'Ari Allocated' });
      return { body: { ...bodyExample('/api/v1/allocations', 'post'), cases: [waiting.caseId], officer: receiving.user.id }, token: managerToken };
    },
    'PUT /api/v1/cases/{caseId}/officer': async () => {
      const holding = await anOfficer(testApp, { name: 'Hal Holding' });
      const held = await aCase(testApp, holding.actor);
      const receiving = await anOfficer(testApp, { name: 'Rae Receiving' });
      return { params: { caseId: held.caseId }, body: { ...bodyExample('/api/v1/cases/{caseId}/officer', 'put'), officer: receiving.user.id, currentOfficer: holding.user.id }, token: managerToken };
    },
    'GET /api/v1/handovers/{officerId}/suggestion': async () => {
      const leaving = await anOfficer(testApp, { name: 'Leah Suggested' });
      await aCase(testApp, leaving.actor);
      return { params: { officerId: leaving.user.id }, token: managerToken };
    },
    'POST /api/v1/handovers': async () => {
      const leaving = await anOfficer(testApp, { name: 'Leah Handing' });
      const receiving = await anOfficer(testApp, { name: 'Rita Receiving' });
      const held = await aCase(testApp, leaving.actor);
      return { body: { ...bodyExample('/api/v1/handovers', 'post'), from: leaving.user.id, cases: [{ caseId: held.caseId, officerId: receiving.user.id }] }, token: managerToken };
    },
    'POST /api/v1/cases/{caseId}/plan': async () => {
      const created = await anAssessment();
      await testApp.services.decisions.decideAfterAssessment(manager.actor, created.caseId, { outcome: 'issue-plan', decidedOn: '2026-11-20', reasons: 'Needs the school cannot meet' });
      return { params: { caseId: created.caseId } };
    },
    'GET /api/v1/plans/{planId}': async () => ({ params: { planId: (await aPlan(testApp, officer.actor)).planId } }),
    'PATCH /api/v1/plans/{planId}': async () => ({ params: { planId: (await aPlan(testApp, officer.actor)).planId }, body: bodyExample('/api/v1/plans/{planId}', 'patch'), headers: { 'if-match': '"1"' } }),
    'POST /api/v1/plans/{planId}/draft-issue': async () => ({
      params: { planId: (await aPlan(testApp, officer.actor, { content: aSoundPlanContent() })).planId },
      body: bodyExample('/api/v1/plans/{planId}/draft-issue', 'post'),
    }),
    'POST /api/v1/plans/{planId}/final-issue': async () => {
      const school = await aSchool(testApp.database.db);
      const { planId } = await aPlan(testApp, officer.actor, { content: { ...aSoundPlanContent(), i: { kind: 'school', urn: school.urn } }, draftIssuedOn: '2026-11-01' });
      return { params: { planId }, body: bodyExample('/api/v1/plans/{planId}/final-issue', 'post'), token: managerToken };
    },
    'GET /api/v1/plans/{planId}/difference': async () => ({
      params: { planId: (await aPlan(testApp, officer.actor, { content: aSoundPlanContent(), draftIssuedOn: '2026-11-01' })).planId },
      query: 'from=1&to=2',
    }),
    'GET /api/v1/reviews/due': async () => {
      await aPlanCase();
      return {};
    },
    'POST /api/v1/cases/{caseId}/reviews': async () => ({ params: { caseId: (await aPlanCase()).caseId }, body: bodyExample('/api/v1/cases/{caseId}/reviews', 'post') }),
    'POST /api/v1/reviews/{reviewId}/decision': async () => {
      const { caseId } = await aPlanCase();
      const { result } = await testApp.services.reviews.arrange(officer.actor, caseId, { meetingOn: '2026-11-23', shortNoticeReason: 'Called at the family’s request' });
      await testApp.services.reviews.recordHeld(officer.actor, result.id, { heldOn: '2026-11-23' });
      return { params: { reviewId: result.id }, body: bodyExample('/api/v1/reviews/{reviewId}/decision', 'post') };
    },
    'POST /api/v1/plans/{planId}/amendments': async () => ({ params: { planId: (await aMaintainedPlan(testApp, officer.actor)).planId }, body: bodyExample('/api/v1/plans/{planId}/amendments', 'post') }),
    'POST /api/v1/plans/{planId}/ceasing': async () => ({ params: { planId: (await aMaintainedPlan(testApp, officer.actor)).planId } }),
    'POST /api/v1/plans/{planId}/reassessments': async () => ({ params: { planId: (await aMaintainedPlan(testApp, officer.actor)).planId }, body: bodyExample('/api/v1/plans/{planId}/reassessments', 'post') }),
    'GET /api/v1/plan-changes/{changeId}': async () => ({ params: { changeId: await anAmendment() } }),
    'POST /api/v1/plan-changes/{changeId}/notice': async () => ({ params: { changeId: await anAmendment() }, body: bodyExample('/api/v1/plan-changes/{changeId}/notice', 'post') }),
    'POST /api/v1/plan-changes/{changeId}/representations': async () => ({ params: { changeId: await anAmendment('2026-11-01') }, body: bodyExample('/api/v1/plan-changes/{changeId}/representations', 'post') }),
    'POST /api/v1/plan-changes/{changeId}/amended-plan': async () => ({ params: { changeId: await anAmendment('2026-11-01') }, body: bodyExample('/api/v1/plan-changes/{changeId}/amended-plan', 'post') }),
    'POST /api/v1/plan-changes/{changeId}/no-amendment': async () => ({ params: { changeId: await anAmendment('2026-11-01') }, body: bodyExample('/api/v1/plan-changes/{changeId}/no-amendment', 'post') }),
    'POST /api/v1/plan-changes/{changeId}/consultations': async () => ({ params: { changeId: await aCeasing() }, body: bodyExample('/api/v1/plan-changes/{changeId}/consultations', 'post') }),
    'POST /api/v1/plan-changes/{changeId}/cease-decision': async () => ({ params: { changeId: await aCeasing({ consulted: true }) }, body: bodyExample('/api/v1/plan-changes/{changeId}/cease-decision', 'post'), token: managerToken }),
    'POST /api/v1/plan-changes/{changeId}/mediation-certificate': async () => ({ params: { changeId: await aCeasing({ decidedOn: '2026-11-20' }) }, body: bodyExample('/api/v1/plan-changes/{changeId}/mediation-certificate', 'post') }),
    'POST /api/v1/plan-changes/{changeId}/appeal': async () => ({ params: { changeId: await aCeasing({ decidedOn: '2026-11-20' }) }, body: bodyExample('/api/v1/plan-changes/{changeId}/appeal', 'post') }),
    'POST /api/v1/plan-changes/{changeId}/appeal-outcome': async () => ({ params: { changeId: await aCeasing({ decidedOn: '2026-11-02', appealOn: '2026-11-10' }) }, body: bodyExample('/api/v1/plan-changes/{changeId}/appeal-outcome', 'post') }),
    'POST /api/v1/plan-changes/{changeId}/ceased': async () => {
      const changeId = await aCeasing({ decidedOn: '2026-10-12', appealOn: '2026-10-20' });
      await testApp.services.planChanges.recordAppealOutcome(officer.actor, changeId, { concludedOn: '2026-11-20', outcome: 'upheld' });
      return { params: { changeId } };
    },
    'POST /api/v1/plan-changes/{changeId}/reassessment-decision': async () => {
      const { planId } = await aMaintainedPlan(testApp, officer.actor);
      const { result } = await testApp.services.planChanges.requestReassessment(officer.actor, planId, { requestedOn: '2026-11-20', requestedBy: 'family' });
      return { params: { changeId: result.changeId }, body: bodyExample('/api/v1/plan-changes/{changeId}/reassessment-decision', 'post'), token: managerToken };
    },
    'GET /api/v1/appeals': async () => {
      await anAppeal();
      return {};
    },
    'POST /api/v1/cases/{caseId}/appeals': async () => {
      const { caseId, decisionEventId } = await aPlanDecision();
      return { params: { caseId }, body: { ...bodyExample('/api/v1/cases/{caseId}/appeals', 'post'), decisionEventId } };
    },
    'POST /api/v1/appeals/{appealId}/outcome': async () => ({ params: { appealId: (await anAppeal({ hearingOn: '2026-11-20' })).appealId }, body: bodyExample('/api/v1/appeals/{appealId}/outcome', 'post') }),
    'POST /api/v1/appeal-orders/{orderId}/complied': async () => {
      const { appealId } = await anAppeal({ hearingOn: '2026-11-20' });
      const { result } = await testApp.services.appeals.recordOutcome(officer.actor, appealId, { outcomeOn: '2026-11-20', outcomes: { F: 'upheld', I: 'dismissed' }, orderKind: 'amend-plan' });
      return { params: { orderId: result.orderId! }, body: bodyExample('/api/v1/appeal-orders/{orderId}/complied', 'post') };
    },
    'GET /api/v1/contacts': async () => ({ query: 'kind=complaint&status=open&owner=mine' }),
    // The example's child is one of the council's own.
    'POST /api/v1/contacts': async () => ({ body: { ...bodyExample('/api/v1/contacts', 'post'), childId: (await aRequestCase()).childId } }),
    'GET /api/v1/contacts/{contactId}': async () => {
      const { result } = await testApp.services.contacts.logContact(officer.actor, { kind: 'foi', channel: 'email', source: 'other', fromName: 'A member of the public', summary: 'Appeals in 2025', receivedOn: '2026-11-16' });
      return { params: { contactId: result.contactId } };
    },
    'POST /api/v1/cases/{caseId}/events/{eventId}/corrections': async () => {
      const created = await aCase(testApp, officer.actor, { stage: 'draft', receivedOn: '2026-09-01', stepDates: { 'assessment.agreed': '2026-10-20', 'draft.issued': '2026-11-10' } });
      return {
        params: { caseId: created.caseId, eventId: await firstEvent(created, 'draft.issued') },
        body: bodyExample('/api/v1/cases/{caseId}/events/{eventId}/corrections', 'post'),
      };
    },
  };
}

/** A maintained plan and the case event of its final plan: the decision an appeal about the plan's content is against. */
async function aPlanDecision() {
  const created = await aMaintainedPlan(testApp, officer.actor);
  const overview = await testApp.services.appeals.ofCase(officer.actor, created.caseId);
  return { caseId: created.caseId, decisionEventId: overview.decisions.find((decision) => decision.type === 'plan.issued')!.id };
}

async function anAppeal(dates: { hearingOn?: string } = {}) {
  const { caseId, decisionEventId } = await aPlanDecision();
  const { result } = await testApp.services.appeals.registerAppeal(officer.actor, caseId, { appealType: 'plan-content', decisionEventId, sections: ['F', 'I'], tribunalReference: 'EH999/26/00012', registeredOn: '2026-10-20', responseDueOn: '2026-12-01', hearingOn: dates.hearingOn ?? '2027-02-10' });
  return result;
}

describe('every documented operation answers as documented', () => {
  it('has a call here for each operation, and none for an operation the document does not have', async () => {
    const calls = await successfulCalls();
    expect(Object.keys(calls).sort()).toEqual(operations().map(({ method, path }) => `${method.toUpperCase()} ${path}`).sort());
  });

  // Every operation of the API, each tried five ways: a budget for that work, not a latency target.
  it('succeeds, and is refused without a token, for an unknown or malformed id, for a field it does not take and for a body that is not JSON: each with a documented status and a body its schema accepts', async () => {
    const validatorFor = schemaValidator();
    const calls = await successfulCalls();
    let checked = 0;

    /** The response is one the operation documents: its status, its media type, a body its schema accepts, its headers. */
    const expectDocumented = (name: string, operation: Operation, response: LightMyRequestResponse, status: number) => {
      expect(response.statusCode, `${name}: ${response.body}`).toBe(status);
      const documented = operation.responses[String(status)];
      expect(documented, `${name} answered ${status}, which it does not document`).toBeDefined();
      if (status === 204) {
        expect(response.rawPayload.length, `${name} 204: no body`).toBe(0);
        expect(documented!.content, `${name} 204 documents no body`).toBeUndefined();
        checked += 1;
        return;
      }
      const type = String(response.headers['content-type'] ?? '').split(';')[0]!.trim();
      const content = documented!.content?.[type];
      expect(content, `${name} ${status} answered ${type}, which it does not document`).toBeDefined();
      if (type === 'application/json' || type === 'application/problem+json') {
        const validate = validatorFor(content!.schema!);
        expect(validate(response.json()), `${name} ${status}: ${JSON.stringify(validate.errors)} in ${response.body}`).toBe(true);
      } else {
        expect(content!.schema, `${name} ${status}`).toMatchObject(BINARY);
        expect(response.rawPayload.length, `${name} ${status}: the file's bytes`).toBeGreaterThan(0);
      }
      // Headers it always sends (Idempotent-Replayed is sent only on a replay).
      for (const header of Object.keys(documented!.headers ?? {}).filter((header) => header !== 'idempotent-replayed')) {
        expect(response.headers[header], `${name} ${status}: the ${header} header`).toBeDefined();
      }
      checked += 1;
    };

    for (const { method, path, operation } of operations()) {
      const name = `${method.toUpperCase()} ${path}`;
      const call = await calls[name]!();
      const send = (options: InjectOptions, withToken = true) =>
        testApp.app.inject({ ...options, headers: { ...(options.headers as Record<string, string> | undefined), ...(withToken && operation.security ? { authorization: `Bearer ${call.token ?? token}` } : {}) } });

      const success = await send(request(method, path, call));
      const successStatus = Object.keys(operation.responses).find((status) => status.startsWith('2'))!;
      expectDocumented(name, operation, success, Number(successStatus));

      if (operation.security) expectDocumented(name, operation, await send(request(method, path, call), false), 401);

      for (const parameter of (operation.parameters ?? []).filter((entry) => entry.in === 'path')) {
        expectDocumented(name, operation, await send(request(method, path, { ...call, params: { ...call.params, [parameter.name]: uuidv7() } })), 404);
        expectDocumented(name, operation, await send(request(method, path, { ...call, params: { ...call.params, [parameter.name]: 'not-an-id' } })), 400);
      }

      if (operation.requestBody) {
        const unknownField = await send(
          request(method, path, call.form ? { ...call, form: { ...call.form, fields: { ...call.form.fields, notAField: 'true' } } } : { ...call, body: { ...(call.body as object), notAField: true } }),
        );
        expectDocumented(name, operation, unknownField, 400);
        expect(unknownField.json().errors, name).toEqual([{ field: 'notAField', message: 'notAField is not a field this API takes' }]);
        const notJson = { ...request(method, path, call), headers: { 'content-type': 'text/plain' }, payload: 'hello' };
        expectDocumented(name, operation, await send(notJson), 415);
      }
    }
    expect(checked).toBeGreaterThan(operations().length * 2);
  }, 180_000);
});

describe('whatever is sent in any field of any operation', () => {
  // What a careless client or a fuzzer may send for a value: any text (NUL and controls too), numbers
  // far outside any range, the wrong type, nothing.
  const anyValue = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.constantFrom('', ' ', '1e20', '-1', '3000000000', '\u0000', 'NaN', '2026-02-30', '__proto__', 'constructor', '0190c3a0-0000-7000-8000-000000000009'),
    fc.constantFrom(1e20, -1, 0, 3_000_000_000, 2 ** 53, 0.5),
    fc.constantFrom(null, true, false, [], {}),
  );

  /** The example's values, each kept or replaced by one of `values`, at any depth. */
  function replaced(example: unknown, values: unknown[], keep: boolean[], at = { index: 0 }): unknown {
    if (Array.isArray(example)) return example.map((entry) => replaced(entry, values, keep, at));
    if (example && typeof example === 'object') return Object.fromEntries(Object.entries(example).map(([key, entry]) => [key, replaced(entry, values, keep, at)]));
    const index = at.index++ % values.length;
    return keep[index] ? example : values[index];
  }

  // Every operation with a body or a query, 8 runs each: a budget for that work, not a latency target.
  it('never answers 500, nor with a status the operation does not document, and leaves no child without a case or a case without its request', async () => {
    const calls = await successfulCalls();
    const fuzzed: string[] = [];
    for (const { method, path, operation } of operations()) {
      const name = `${method.toUpperCase()} ${path}`;
      const query = (operation.parameters ?? []).filter((entry) => entry.in === 'query');
      if (!operation.requestBody && query.length === 0) continue;
      const call = await calls[name]!();
      // A token of its own, so its tries are not cut short by the rate limit.
      const fuzzToken = await anApiToken(testApp, call.token === managerToken ? manager : officer);
      await fc.assert(
        fc.asyncProperty(fc.array(anyValue, { minLength: 12, maxLength: 12 }), fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), async (values, keep) => {
          const queryString = query.map((parameter, index) => `${parameter.name}=${encodeURIComponent(String(values[index % values.length]))}`).join('&');
          const sent: Call = call.form
            ? { ...call, form: { ...call.form, fields: Object.fromEntries(Object.entries(call.form.fields).map(([key], index) => [key, String(values[index])])) } }
            : { ...call, ...(call.body === undefined ? {} : { body: replaced(call.body, values, keep) }), ...(query.length ? { query: queryString } : {}) };
          const options = request(method, path, sent);
          const response = await testApp.app.inject({ ...options, headers: { ...(options.headers as Record<string, string> | undefined), authorization: `Bearer ${fuzzToken}` } });
          expect(response.statusCode, `${name} ${JSON.stringify(sent.body ?? sent.query ?? sent.form?.fields)}: ${response.body.slice(0, 300)}`).toBeLessThan(500);
          expect(operation.responses[String(response.statusCode)], `${name} answered ${response.statusCode}, which it does not document: ${response.body.slice(0, 300)}`).toBeDefined();
          expect(response.headers['cache-control'], name).toBe('no-store');
        }),
        { numRuns: 8 },
      );
      fuzzed.push(name);
    }
    expect(fuzzed).toEqual(expect.arrayContaining(['POST /api/v1/requests', 'PATCH /api/v1/children/{childId}', 'POST /api/v1/handovers', 'GET /api/v1/cases', 'POST /api/v1/cases/{caseId}/documents']));
    // A case opens with a request, or with a plan received from another council on a move (reg. 15).
    const [broken] = await queryRows<{ orphans: number; unrequested: number }>(
      testApp.database.db,
      sql`SELECT (SELECT count(*)::int FROM child ch WHERE NOT EXISTS (SELECT 1 FROM ehc_case c WHERE c.child_id = ch.id)) AS orphans,
                 (SELECT count(*)::int FROM ehc_case c WHERE NOT EXISTS (SELECT 1 FROM case_event e WHERE e.case_id = c.id AND e.type IN ('request.received', 'transfer-in.recorded'))) AS unrequested`,
    );
    expect(broken).toEqual({ orphans: 0, unrequested: 0 });
  }, 300_000);
});
