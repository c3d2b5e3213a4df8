import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { paginationParams } from '../../web/pagination.ts';
import { teamDeadlinesTable } from '../deadlines/index.ts';
import { caseloadPaths } from './paths.ts';
import { unallocatedTable } from './presenters.ts';

/** How many of each list the manager's home shows; the pages behind it show them all. */
const HOME_ROWS = 10;

export async function caseloadRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get(caseloadPaths.team, async (request, reply) => {
    const actor = request.actor!;
    const [team, queue] = await Promise.all([
      services.deadlines.teamDeadlines(actor, { pageSize: HOME_ROWS }, 'team'),
      services.caseload.unallocatedQueue(actor, { pageSize: HOME_ROWS }, 'team'),
    ]);
    return reply.page('caseload/templates/team.njk', {
      team,
      queue,
      deadlinesTable: teamDeadlinesTable('Deadlines missed or due in the next 14 days, earliest first', team.deadlines),
      queueTable: unallocatedTable('Cases waiting for an officer, the longest waiting first', queue.cases),
    });
  });

  app.get<{ Querystring: { page?: string } }>(caseloadPaths.unallocated, async (request, reply) => {
    const queue = await services.caseload.unallocatedQueue(request.actor!, { page: Number(request.query.page ?? 1) });
    return reply.page('caseload/templates/unallocated.njk', {
      queue,
      queueTable: unallocatedTable('Cases waiting for an officer', queue.cases, 'govuk-visually-hidden'),
      pagination: paginationParams(queue.page, queue.pageCount, caseloadPaths.unallocatedPage),
    });
  });

  app.get(caseloadPaths.figures, async (request, reply) => {
    const [figures, deadlines] = await Promise.all([services.caseload.figures(request.actor!), services.deadlines.deadlineCounts(request.actor!)]);
    return reply.page('caseload/templates/figures.njk', { figures, deadlines });
  });
}
