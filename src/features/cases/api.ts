import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { ConflictError } from '../../lib/errors.ts';
import { sendProblem } from '../../web/problem.ts';
import { IdempotencyMismatchError } from './service.ts';

const problem = { type: 'object', properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, field: { type: 'string' } } } as const;
const security = [{ bearerAuth: [] }];

const childSummary = {
  type: 'object',
  properties: {
    childId: { type: 'string' },
    childName: { type: 'string' },
    dateOfBirth: { type: 'string', format: 'date' },
    upn: { type: ['string', 'null'] },
    reference: { type: ['string', 'null'] },
    stage: { type: ['string', 'null'] },
  },
} as const;

/** The casework API: the same reads and request creation as the pages, through the same services. */
export async function caseworkApiRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get<{ Querystring: { page?: number } }>(
    '/api/v1/cases',
    {
      schema: {
        summary: 'The token holder’s open cases, next statutory deadline first (50 a page)',
        security,
        querystring: { type: 'object', properties: { page: { type: 'integer', minimum: 1, default: 1 } }, additionalProperties: false },
        response: { 401: problem },
      },
    },
    async (request) => {
      const worklist = await services.casework.worklist(request.actor!, request.query.page ?? 1);
      return {
        page: worklist.page,
        pageCount: worklist.pageCount,
        total: worklist.total,
        cases: worklist.cases.map((entry) => ({
          caseId: entry.caseId,
          reference: entry.reference,
          childId: entry.childId,
          childName: entry.childName,
          stage: entry.stage,
          nextAction: entry.nextAction,
          nextDeadline: entry.deadline ? { title: entry.deadline.title, due: entry.deadline.dueOn, status: entry.deadline.status } : null,
        })),
      };
    },
  );

  app.get<{ Querystring: { q: string } }>(
    '/api/v1/children',
    {
      schema: {
        summary: 'Find children by name, date of birth or UPN',
        security,
        querystring: { type: 'object', required: ['q'], properties: { q: { type: 'string', minLength: 1, maxLength: 200 } } },
        response: { 200: { type: 'object', properties: { results: { type: 'array', items: childSummary } } }, 400: problem, 401: problem },
      },
    },
    async (request) => {
      const search = await services.casework.search(request.actor!, request.query.q);
      return { results: search.results };
    },
  );

  app.get<{ Params: { childId: string } }>(
    '/api/v1/children/:childId',
    {
      schema: {
        summary: 'A child’s record: details, people, open case, deadlines and history (the view is logged)',
        security,
        params: { type: 'object', required: ['childId'], properties: { childId: { type: 'string', format: 'uuid' } } },
        response: { 400: problem, 401: problem, 404: problem },
      },
    },
    async (request) => {
      const record = await services.casework.childRecord(request.actor!, request.params.childId, 'api:child');
      return {
        child: {
          id: record.child.id,
          forename: record.child.forename,
          surname: record.child.surname,
          preferredName: record.child.preferredName,
          dateOfBirth: record.child.dateOfBirth,
          sex: record.child.sex,
          upn: record.child.upn,
          postcode: record.child.postcode,
          version: record.child.version,
        },
        school: record.school ? { urn: record.school.urn, name: record.school.name } : null,
        people: record.people,
        case: record.openCase
          ? { id: record.openCase.id, reference: record.openCase.reference, stage: record.openCase.stage, officer: record.officer?.name ?? null, unallocatedSince: record.openCase.unallocatedSince }
          : null,
        deadlines: record.deadlines.map((deadline) => ({ id: deadline.deadlineId, title: deadline.title, due: deadline.dueOn, basis: deadline.basis, met: deadline.metOn, status: deadline.status })),
        events: record.events.map((event) => ({ id: event.id, type: event.type, occurredOn: event.occurredOn, recordedAt: event.recordedAt })),
      };
    },
  );

  app.post<{ Body: Record<string, unknown> }>(
    '/api/v1/requests',
    {
      schema: {
        summary: 'Record a request for an EHC needs assessment (send an Idempotency-Key so a retry never duplicates it)',
        security,
        headers: { type: 'object', properties: { 'idempotency-key': { type: 'string' } } },
        body: {
          type: 'object',
          required: ['receivedOn', 'source'],
          properties: {
            childId: { type: 'string' },
            receivedOn: { type: 'string', description: 'YYYY-MM-DD: starts the 20-week clock' },
            source: { type: 'integer', description: 'SEN2 RequestSource 1-5' },
            child: {
              type: 'object',
              properties: {
                forename: { type: 'string' },
                surname: { type: 'string' },
                preferredName: { type: 'string' },
                dateOfBirth: { type: 'string' },
                sex: { type: 'string', enum: ['M', 'F', 'U'] },
                upn: { type: 'string' },
                postcode: { type: 'string' },
              },
            },
          },
        },
        response: {
          201: { type: 'object', properties: { caseId: { type: 'string' }, childId: { type: 'string' }, reference: { type: 'string' } } },
          400: problem,
          401: problem,
          409: problem,
          422: problem,
        },
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      const input = request.body as Parameters<typeof services.casework.recordRequest>[1];
      try {
        if (typeof key === 'string') {
          const outcome = await services.casework.recordRequestIdempotently(request.actor!, key, input);
          if (outcome.replayed) reply.header('idempotent-replayed', 'true');
          return reply.code(201).send(outcome.result);
        }
        return reply.code(201).send(await services.casework.recordRequest(request.actor!, input));
      } catch (error) {
        if (error instanceof IdempotencyMismatchError) return sendProblem(reply, { status: 422, title: 'Unprocessable content', detail: error.message, field: 'Idempotency-Key' });
        if (error instanceof ConflictError) return sendProblem(reply, { status: 409, title: 'Conflict', detail: error.message });
        throw error;
      }
    },
  );
}
