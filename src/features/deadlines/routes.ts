import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { CASE_STAGES, STAGE_INFO } from '../../domain/children/stages.ts';
import { paginationParams } from '../../web/pagination.ts';
import { deadlinesPaths } from './paths.ts';
import { teamDeadlinesTable } from './presenters.ts';

export async function deadlineRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get<{ Querystring: { team?: string; officer?: string; stage?: string; page?: string } }>(deadlinesPaths.team, async (request, reply) => {
    const { query } = request;
    const team = await services.deadlines.teamDeadlines(request.actor!, { team: query.team, officer: query.officer, stage: query.stage, page: Number(query.page ?? 1) });
    const teamItems = [{ value: 'all', text: 'All teams' }, ...team.teams.map((entry) => ({ value: entry.id, text: entry.name, selected: entry.id === team.filters.team }))];
    const officerItems = [
      { value: '', text: 'All officers' },
      { value: 'unallocated', text: 'Unallocated cases', selected: team.filters.officer === 'unallocated' },
      ...team.officers.map((officer) => ({ value: officer.id, text: officer.name, selected: team.filters.officer === officer.id })),
    ];
    const stageItems = [
      { value: '', text: 'All stages' },
      ...CASE_STAGES.filter((stage) => stage !== 'closed').map((stage) => ({ value: stage, text: STAGE_INFO[stage].name, selected: team.filters.stage === stage })),
    ];
    const caption = `Overdue (${team.counts.overdue}) and due in the next 14 days (${team.counts.dueSoon})`;
    return reply.page('deadlines/templates/team-deadlines.njk', {
      team,
      officerItems,
      stageItems,
      teamItems,
      deadlinesTable: teamDeadlinesTable(caption, team.deadlines),
      pagination: paginationParams(team.page, team.pageCount, (page) => deadlinesPaths.teamPage({ ...team.filters, team: team.filters.team ?? (team.teams.length > 0 ? 'all' : undefined) }, page)),
    });
  });
}
