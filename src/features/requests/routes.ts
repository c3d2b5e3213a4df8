import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { REQUEST_SOURCES } from '../../domain/children/stages.ts';
import { ConflictError } from '../../lib/errors.ts';
import { dateFromParts, formBody, handleForm } from '../../web/forms.ts';
import { bearerSecurity, problemSchema, sendProblem } from '../../web/problem.ts';
import { childrenPaths } from '../children/index.ts';
import { requestsPaths } from './paths.ts';
import type { NewRequest } from './schemas.ts';
import { IdempotencyMismatchError } from './service.ts';

const TEMPLATE = 'requests/templates/new-request.njk';

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
      schema: {
        summary: 'Record a request for an EHC needs assessment (send an Idempotency-Key so a retry never duplicates it)',
        security: bearerSecurity,
        headers: { type: 'object', properties: { 'idempotency-key': { type: 'string' } } },
        body: {
          type: 'object',
          required: ['receivedOn', 'source'],
          // Undocumented fields are refused, not silently dropped: a client sending one has a bug to know about.
          additionalProperties: false,
          properties: {
            childId: { type: 'string' },
            receivedOn: { type: 'string', description: 'YYYY-MM-DD: starts the 20-week clock' },
            source: { type: 'integer', description: 'SEN2 RequestSource 1-5' },
            child: {
              type: 'object',
              additionalProperties: false,
              properties: {
                forename: { type: 'string' },
                surname: { type: 'string' },
                preferredName: { type: 'string' },
                dateOfBirth: { type: 'string' },
                sex: { type: 'string', enum: ['M', 'F', 'U'] },
                upn: { type: 'string' },
                postcode: { type: 'string' },
                schoolId: { type: 'string', format: 'uuid', description: 'The child’s school or setting, from the schools list' },
              },
            },
          },
        },
        response: {
          201: { type: 'object', properties: { caseId: { type: 'string' }, childId: { type: 'string' }, reference: { type: 'string' } } },
          400: problemSchema,
          401: problemSchema,
          409: problemSchema,
          422: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      const input = request.body as NewRequest;
      try {
        if (typeof key === 'string') {
          const outcome = await services.requests.recordRequestIdempotently(request.actor!, key, input);
          if (outcome.replayed) reply.header('idempotent-replayed', 'true');
          return reply.code(201).send(outcome.result);
        }
        return reply.code(201).send(await services.requests.recordRequest(request.actor!, input));
      } catch (error) {
        if (error instanceof IdempotencyMismatchError) return sendProblem(reply, { status: 422, title: 'Unprocessable content', detail: error.message, field: 'Idempotency-Key' });
        if (error instanceof ConflictError) return sendProblem(reply, { status: 409, title: 'Conflict', detail: error.message });
        throw error;
      }
    },
  );
}
