import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { formBody, handleForm } from '../../web/forms.ts';
import { paginationParams } from '../../web/pagination.ts';
import type { Actor } from '../auth/index.ts';
import { teamDeadlinesTable } from '../deadlines/index.ts';
import { caseloadPaths } from './paths.ts';
import { caseloadCasesTable, caseloadChartSvg, caseloadChartTable, caseloadsTable, unallocatedTable } from './presenters.ts';

type CaseloadQuerystring = { Querystring: { stage?: string; school?: string; team?: string; cover?: string; handedOver?: string; from?: string; unsent?: string } };
type CasesQuerystring = { Querystring: { officer?: string; show?: string; stage?: string; school?: string; team?: string; page?: string } };

const SHOW_HEADINGS: Record<string, string> = {
  open: 'Open cases',
  overdue: 'Open cases with a deadline missed',
  'due-this-week': 'Open cases with a deadline due this week',
  'waiting-long': 'Cases waiting for an officer for more than 5 working days',
};

const WEIGHTS_TEMPLATE = 'caseload/templates/weights.njk';

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

  app.get<CaseloadQuerystring>(caseloadPaths.caseloads, async (request, reply) => {
    const caseloads = await services.caseload.caseloads(request.actor!, { stage: request.query.stage, school: request.query.school, team: request.query.team });
    const handedOver = Number(request.query.handedOver ?? 0);
    const unsent = Number(request.query.unsent ?? 0);
    let banner: string | undefined;
    if (Number.isSafeInteger(handedOver) && handedOver > 0) {
      const from = caseloads.officers.find((entry) => entry.id === request.query.from);
      banner = `${handedOver === 1 ? '1 case' : `${handedOver} cases`} handed over from ${from?.name ?? 'the leaving officer'}.`;
      banner +=
        Number.isSafeInteger(unsent) && unsent > 0
          ? ` No letter went to ${unsent === 1 ? '1 family' : `${unsent} families`}: no parent or carer with an address or e-mail address is on the record.`
          : ' The letter to each family naming their new officer is queued.';
    }
    // 'all' is said when teams exist, so a team manager's link to every team stays on every team.
    const team = caseloads.filters.team ?? (caseloads.teams.length > 0 ? 'all' : undefined);
    const filters = { team, stage: caseloads.filters.stage, school: caseloads.filters.school };
    return reply.page('caseload/templates/caseloads.njk', {
      caseloads,
      banner,
      coverSet: request.query.cover === 'set',
      coverChange: request.query.cover === 'ended' || request.query.cover === 'withdrawn' ? request.query.cover : undefined,
      caseloadsTable: caseloadsTable(caseloads.officers, caseloads.queue, caseloads.totals, filters),
      chart: caseloadChartSvg(caseloads.officers),
      chartTable: caseloadChartTable(caseloads.officers),
      longWaitingHref: caseloadPaths.casesBehind({ officer: 'unallocated', show: 'waiting-long', ...filters }),
      teamItems: [{ value: 'all', text: 'All teams' }, ...caseloads.teams.map((entry) => ({ value: entry.id, text: entry.name, selected: entry.id === caseloads.filters.team }))],
      stageItems: [{ value: '', text: 'All stages' }, ...caseloads.stages.map((entry) => ({ value: entry.stage, text: entry.name, selected: entry.stage === filters.stage }))],
      schoolItems: [
        { value: '', text: 'All schools and settings' },
        ...caseloads.schools.map((entry) => ({ value: String(entry.urn), text: `${entry.name} (${entry.openCases})`, selected: entry.urn === filters.school })),
      ],
    });
  });

  app.get<CasesQuerystring>(caseloadPaths.caseloadCases, async (request, reply) => {
    const { officer, show, stage, school, team, page } = request.query;
    const found = await services.caseload.caseloadCases(request.actor!, { officer, show, stage, school, team, page: Number(page ?? 1) });
    const whose = found.officer === 'unallocated' ? 'without an officer' : found.officer ? `held by ${found.officer.name}` : 'of every officer and the queue';
    const heading = SHOW_HEADINGS[found.show]!;
    const query = { officer: found.officer === 'unallocated' ? 'unallocated' : found.officer?.id, show: found.show, team: found.filters.team, stage: found.filters.stage, school: found.filters.school };
    return reply.page('caseload/templates/caseload-cases.njk', {
      found,
      heading,
      whose,
      casesTable: caseloadCasesTable(`${heading} ${whose}`, found.cases),
      backHref: caseloadPaths.caseloadsFiltered({ team: found.filters.team ?? 'all', stage: found.filters.stage, school: found.filters.school }),
      pagination: paginationParams(found.page, found.pageCount, (number) => caseloadPaths.casesBehind({ ...query, page: number })),
    });
  });

  const weightsPage = async (actor: Actor) => ({ settings: await services.caseload.weightSettings(actor) });

  app.get<{ Querystring: { saved?: string } }>(caseloadPaths.weights, async (request, reply) => {
    const page = await weightsPage(request.actor!);
    const values: Record<string, string> = { cap: page.settings.cap, savedAt: page.settings.savedAt };
    for (const rule of page.settings.rules) values[rule.field] = rule.weight;
    return reply.page(WEIGHTS_TEMPLATE, { ...page, values, saved: request.query.saved === '1' });
  });

  app.post(caseloadPaths.weights, async (request, reply) => {
    const values = formBody(request.body);
    return handleForm(reply, values, {
      submit: () => services.caseload.saveWeightSettings(request.actor!, values),
      redirectTo: () => caseloadPaths.weightsSaved,
      template: WEIGHTS_TEMPLATE,
      context: () => weightsPage(request.actor!),
      conflictField: 'weight-open-case',
    });
  });
}
