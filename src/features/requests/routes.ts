import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { REQUEST_SOURCES } from '../../domain/children/stages.ts';
import { dateFromParts, formBody, handleForm } from '../../web/forms.ts';
import { badRequest, bearerSecurity, BODY_ERRORS, problemResponses, sendProblem, STATUS_TITLES, TOKEN_ERRORS } from '../../web/problem.ts';
import { childrenPaths } from '../children/index.ts';
import { requestsPaths } from './paths.ts';
import type { NewRequest } from './schemas.ts';
import { IdempotencyMismatchError } from './service.ts';

const TEMPLATE = 'requests/templates/new-request.njk';

const CHILD_ID = '01937a4e-8f5b-7a00-b1c2-d3e4f5a6b7c8';

const recordRequestSchema = {
  summary: 'Record a request for an EHC needs assessment',
  description:
    'For a new child (`child`) or one the service knows (`childId`): opens the case with its reference and starts the 6- and 20-week clocks (SEND Regs 2014 regs 5(1) and 13(2)). ' +
    'Send an `Idempotency-Key` so that a retry never records the request twice: the same key with the same request (the same JSON, whatever the order of its keys) answers as the first time, with `Idempotent-Replayed: true`; ' +
    'the same key with a different request is refused (422).',
  tags: ['requests'],
  security: bearerSecurity,
  headers: {
    type: 'object',
    properties: { 'idempotency-key': { type: 'string', minLength: 1, maxLength: 200, description: 'A key of your own for this request (1 to 200 visible ASCII characters), the same on every retry' } },
  },
  body: {
    type: 'object',
    required: ['receivedOn', 'source'],
    // Undocumented fields are refused, not silently dropped: a client sending one has a bug to know about.
    additionalProperties: false,
    properties: {
      childId: { type: 'string', format: 'uuid', description: 'A child the service already knows; or send `child`' },
      receivedOn: { type: 'string', format: 'date', description: 'The date the request was received: starts the 20-week clock' },
      source: { type: 'integer', description: 'Who made the request: SEN2 RequestSource 1-5' },
      child: {
        type: 'object',
        description: 'A child new to the service',
        additionalProperties: false,
        properties: {
          forename: { type: 'string' },
          surname: { type: 'string' },
          preferredName: { type: 'string' },
          dateOfBirth: { type: 'string', format: 'date' },
          sex: { type: 'string', enum: ['M', 'F', 'U'] },
          upn: { type: 'string', description: 'Unique pupil number' },
          postcode: { type: 'string' },
          schoolId: { type: 'string', format: 'uuid', description: 'The child’s school or setting, from the schools list' },
        },
      },
    },
    examples: [{ receivedOn: '2026-11-02', source: 2, child: { forename: 'Amira', surname: 'Khan', dateOfBirth: '2016-03-27', sex: 'F', postcode: 'B1 1AA' } }],
  },
  response: {
    201: {
      type: 'object',
      description: 'The request, recorded: the case opened for the child',
      additionalProperties: false,
      required: ['caseId', 'childId', 'reference'],
      headers: {
        location: { type: 'string', description: 'The child’s record' },
        'idempotent-replayed': { type: 'string', enum: ['true'], description: 'Sent when the answer is the first one, replayed for a retry with the same Idempotency-Key' },
      },
      properties: { caseId: { type: 'string', format: 'uuid' }, childId: { type: 'string', format: 'uuid' }, reference: { type: 'string' } },
      examples: [{ caseId: '01937a4e-8f5c-7c3b-a5d2-6f4e2b1c9d80', childId: CHILD_ID, reference: '999-EHC-2026-00123' }],
    },
    ...problemResponses([...BODY_ERRORS, ...TOKEN_ERRORS, 403, 404, 409, 422], {
      400: badRequest([{ field: 'child.dateOfBirth', message: 'child.dateOfBirth must be a date as YYYY-MM-DD, like 2026-11-20' }]),
      404: { status: 404, title: 'Not found', detail: 'No such child' },
      409: { status: 409, title: 'Conflict', detail: 'This child already has an open EHC case. Record the request on that case instead.' },
      422: {
        status: 422,
        title: 'Unprocessable content',
        detail: 'This Idempotency-Key was used with a different request. Use a new key for a new request.',
        field: 'Idempotency-Key',
        errors: [{ field: 'Idempotency-Key', message: 'This Idempotency-Key was used with a different request. Use a new key for a new request.' }],
      },
    }),
  },
};

export async function requestRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const knownChild = async (actor: Parameters<typeof services.children.childRecord>[0], childId: string | undefined) =>
    childId ? (await services.children.childRecord(actor, childId, 'new-request')).child : undefined;

  app.get<{ Querystring: { childId?: string } }>(requestsPaths.newRequest, async (request, reply) => {
    const child = await knownChild(request.actor!, request.query.childId);
    return reply.page(TEMPLATE, { sources: REQUEST_SOURCES, child, values: {} });
  });

  app.post(requestsPaths.newRequest, async (request, reply) => {
    const values = formBody(request.body);
    const childId = values.childId || undefined;
    return handleForm(reply, values, {
      submit: () =>
        services.requests.recordRequest(request.actor!, {
          childId,
          receivedOn: dateFromParts(values, 'receivedOn'),
          source: Number(values.source || 0),
          child: childId
            ? undefined
            : {
                forename: values.forename ?? '',
                surname: values.surname ?? '',
                preferredName: values.preferredName || undefined,
                dateOfBirth: dateFromParts(values, 'dateOfBirth'),
                sex: (values.sex || undefined) as 'M' | 'F' | 'U',
                upn: values.upn || undefined,
                postcode: values.postcode || undefined,
              },
        }),
      redirectTo: (created) => childrenPaths.recordSaved(created.childId, 'request'),
      template: TEMPLATE,
      context: async () => ({ sources: REQUEST_SOURCES, child: await knownChild(request.actor!, childId) }),
      fieldIds: {
        'child.forename': 'forename',
        'child.surname': 'surname',
        'child.preferredName': 'preferredName',
        'child.dateOfBirth': 'dateOfBirth-day',
        'child.sex': 'sex',
        'child.upn': 'upn',
        'child.postcode': 'postcode',
        receivedOn: 'receivedOn-day',
      },
      conflictField: 'childId',
    });
  });

  app.post<{ Body: Record<string, unknown> }>(
    '/api/v1/requests',
    {
      schema: recordRequestSchema,
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      const input = request.body as NewRequest;
      try {
        if (typeof key === 'string') {
          const outcome = await services.requests.recordRequestIdempotently(request.actor!, key, input);
          if (outcome.replayed) reply.header('idempotent-replayed', 'true');
          return reply.code(201).header('location', childrenPaths.api.child(outcome.result.childId)).send(outcome.result);
        }
        const result = await services.requests.recordRequest(request.actor!, input);
        return reply.code(201).header('location', childrenPaths.api.child(result.childId)).send(result);
      } catch (error) {
        if (error instanceof IdempotencyMismatchError) {
          const problem = { field: 'Idempotency-Key', message: error.message };
          return sendProblem(reply, { status: 422, title: STATUS_TITLES[422]!, detail: error.message, field: problem.field, errors: [problem] });
        }
        throw error;
      }
    },
  );
}
