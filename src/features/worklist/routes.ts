import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { bearerSecurity, problemSchema } from '../../web/problem.ts';
import { MAX_PAGE } from '../../lib/page-number.ts';
import { paginationParams } from '../../web/pagination.ts';
import { worklistPaths } from './paths.ts';
import { worklistTable } from './presenters.ts';

const security = bearerSecurity;
const problem = problemSchema;

export async function worklistRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get<{ Querystring: { page?: string } }>(worklistPaths.myCases, async (request, reply) => {
    const worklist = await services.worklist.worklist(request.actor!, Number(request.query.page ?? 1));
    return reply.page('worklist/templates/my-cases.njk', {
      worklist,
      worklistTable: worklistTable(worklist.cases),
      pagination: paginationParams(worklist.page, worklist.pageCount, worklistPaths.page),
    });
  });

  app.get<{ Querystring: { page?: number } }>(
    '/api/v1/cases',
    {
      schema: {
        summary: 'The token holder’s open cases, next statutory deadline first (50 a page)',
        security,
        querystring: { type: 'object', properties: { page: { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 } }, additionalProperties: false },
        response: { 401: problem },
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
