import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { bearerSecurity, problemResponses, TOKEN_ERRORS } from '../../web/problem.ts';
import { MAX_PAGE } from '../../lib/page-number.ts';
import { paginationParams } from '../../web/pagination.ts';
import { worklistPaths } from './paths.ts';
import { worklistTable } from './presenters.ts';

const nextDeadline = {
  type: ['object', 'null'],
  additionalProperties: false,
  required: ['title', 'due', 'status'],
  properties: { title: { type: 'string' }, due: { type: 'string', format: 'date' }, status: { type: 'string' } },
} as const;

const worklistSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['page', 'pageCount', 'total', 'cases'],
  properties: {
    page: { type: 'integer' },
    pageCount: { type: 'integer' },
    total: { type: 'integer' },
    cases: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['caseId', 'reference', 'childId', 'childName', 'stage', 'nextDeadline'],
        properties: {
          caseId: { type: 'string', format: 'uuid' },
          reference: { type: 'string' },
          childId: { type: 'string', format: 'uuid' },
          childName: { type: 'string' },
          stage: { type: 'string' },
          nextAction: { type: 'string' },
          nextDeadline,
        },
      },
    },
  },
  examples: [
    {
      page: 1,
      pageCount: 1,
      total: 1,
      cases: [
        {
          caseId: '01937a4e-8f5c-7c3b-a5d2-6f4e2b1c9d80',
          reference: '999-EHC-2026-00123',
          childId: '01937a4e-8f5b-7a00-b1c2-d3e4f5a6b7c8',
          childName: 'Amira Khan',
          stage: 'request',
          nextAction: 'Decide whether to assess',
          nextDeadline: { title: 'Decide whether to assess', due: '2026-11-12', status: 'due-soon' },
        },
      ],
    },
  ],
} as const;

export async function worklistRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get<{ Querystring: { page?: string } }>(worklistPaths.myCases, async (request, reply) => {
    const worklist = await services.worklist.worklist(request.actor!, Number(request.query.page ?? 1), 'worklist', { withContacts: true });
    return reply.page('worklist/templates/my-cases.njk', {
      worklist,
      contacts: worklist.contacts,
      worklistTable: worklistTable(worklist.cases),
      pagination: paginationParams(worklist.page, worklist.pageCount, worklistPaths.page),
    });
  });

  app.get<{ Querystring: { page?: number } }>(
    '/api/v1/cases',
    {
      schema: {
        summary: 'The token holder’s open cases, next statutory deadline first (50 a page)',
        description: 'Each view is written to the access log.',
        tags: ['cases'],
        security: bearerSecurity,
        querystring: { type: 'object', properties: { page: { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 } }, additionalProperties: false },
        response: { 200: { ...worklistSchema, description: 'A page of open cases' }, ...problemResponses([400, ...TOKEN_ERRORS, 403]) },
      },
    },
    async (request) => {
      const worklist = await services.worklist.worklist(request.actor!, request.query.page ?? 1, 'api:worklist');
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
}
