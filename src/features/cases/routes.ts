import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import type { Actor } from '../auth/actor.ts';
import { ConflictError, ValidationError } from '../../lib/errors.ts';
import { CASE_STAGES, REQUEST_SOURCES, STAGE_INFO } from '../../domain/children/stages.ts';
import { EXCEPTION_REASON_INFO } from '../../domain/clocks/index.ts';
import { caseDeadlinesTable, caseSummaryList, childDetailsList, searchInputHtml, searchResultsTable, teamDeadlinesTable, worklistTable } from './presenters.ts';
import { paginationParams } from '../../web/pagination.ts';
import { dateFromParts, formBody, formErrors } from '../../web/forms.ts';

const SAVED_MESSAGES: Record<string, string> = {
  request: 'Request recorded. The 6-week and 20-week clocks have started.',
  step: 'Step recorded. The deadlines have been worked out again.',
  exception: 'Exception recorded. No deadline has moved.',
  details: 'Details saved.',
};

export async function caseRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get<{ Querystring: { page?: string } }>('/cases', async (request, reply) => {
    const worklist = await services.casework.worklist(request.actor!, Number(request.query.page ?? 1));
    return reply.page('pages/cases/my-cases.njk', {
      worklist,
      worklistTable: worklistTable(worklist.cases),
      pagination: paginationParams(worklist.page, worklist.pageCount, (page) => `/cases?page=${page}`),
    });
  });

  app.get<{ Querystring: { q?: string } }>('/search', async (request, reply) => {
    const q = String(request.query.q ?? '');
    const search = q.trim() ? await services.casework.search(request.actor!, q) : undefined;
    return reply.page('pages/cases/search.njk', { q, search, searchInput: searchInputHtml(q), resultsTable: search ? searchResultsTable(search.results) : undefined });
  });

  app.get<{ Params: { childId: string } }>('/children/:childId', async (request, reply) => {
    const record = await services.casework.childRecord(request.actor!, request.params.childId);
    const saved = (request.query as { saved?: string }).saved;
    return reply.page('pages/cases/child.njk', {
      record,
      caseSummary: caseSummaryList(record),
      childDetails: childDetailsList(record),
      deadlinesTable: caseDeadlinesTable(record.deadlines),
      saved: saved ? (SAVED_MESSAGES[saved] ?? 'Saved') : undefined,
    });
  });

  app.get<{ Params: { childId: string } }>('/children/:childId/edit', async (request, reply) => {
    const record = await services.casework.childRecord(request.actor!, request.params.childId, 'edit');
    return reply.page('pages/cases/edit-child.njk', { childId: record.child.id, values: record.child });
  });

  app.post<{ Params: { childId: string } }>('/children/:childId/edit', async (request, reply) => {
    const values = formBody(request.body);
    try {
      await services.casework.updateChildDetails(request.actor!, request.params.childId, {
        version: Number(values.version),
        forename: values.forename ?? '',
        surname: values.surname ?? '',
        preferredName: values.preferredName,
        upn: values.upn,
        postcode: values.postcode,
      });
      return reply.redirect(`/children/${request.params.childId}?saved=details`, 303);
    } catch (error) {
      if (error instanceof ValidationError) {
        return reply.code(400).page('pages/cases/edit-child.njk', { childId: request.params.childId, values, errors: formErrors(error.problems) });
      }
      if (error instanceof ConflictError) {
        return reply.code(409).page('pages/cases/edit-child.njk', { childId: request.params.childId, values, conflict: error.message, errors: [{ field: 'forename', text: error.message }] });
      }
      throw error;
    }
  });

  app.get<{ Querystring: { childId?: string } }>('/requests/new', async (request, reply) => {
    const childId = request.query.childId;
    const record = childId ? await services.casework.childRecord(request.actor!, childId, 'new-request') : undefined;
    return reply.page('pages/cases/new-request.njk', { sources: REQUEST_SOURCES, child: record?.child, values: {} });
  });

  app.post('/requests/new', async (request, reply) => {
    const values = formBody(request.body);
    const childId = values.childId || undefined;
    try {
      const created = await services.casework.recordRequest(request.actor!, {
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
      });
      return reply.redirect(`/children/${created.childId}?saved=request`, 303);
    } catch (error) {
      if (error instanceof ValidationError || error instanceof ConflictError) {
        const problems = error instanceof ValidationError ? error.problems : [{ field: 'childId', message: error.message }];
        const child = childId ? (await services.casework.childRecord(request.actor!, childId, 'new-request')).child : undefined;
        return reply.code(error instanceof ConflictError ? 409 : 400).page('pages/cases/new-request.njk', {
          sources: REQUEST_SOURCES,
          child,
          values,
          errors: formErrors(problems, {
            'child.forename': 'forename',
            'child.surname': 'surname',
            'child.preferredName': 'preferredName',
            'child.dateOfBirth': 'dateOfBirth-day',
            'child.sex': 'sex',
            'child.upn': 'upn',
            'child.postcode': 'postcode',
            receivedOn: 'receivedOn-day',
          }),
        });
      }
      throw error;
    }
  });

  const STEPS = [
    { value: 'assessment.agreed', text: 'Decided to assess' },
    { value: 'assessment.refused', text: 'Decided not to assess (closes the case)' },
    { value: 'draft.issued', text: 'Draft EHC plan issued' },
    { value: 'plan.issued', text: 'Final EHC plan issued' },
    { value: 'review.scheduled', text: 'Annual review meeting arranged (enter the meeting’s date)' },
    { value: 'review.held', text: 'Annual review meeting held' },
    { value: 'review.decided', text: 'Annual review decision sent' },
    { value: 'amendment.proposed', text: 'Proposed amendments sent to the family' },
    { value: 'plan.amended', text: 'Final amended EHC plan issued' },
  ];

  const caseChild = async (request: { actor?: Actor }, childId: string) => services.casework.childRecord(request.actor!, childId, 'step-form');

  app.get<{ Params: { childId: string } }>('/children/:childId/steps/new', async (request, reply) => {
    const record = await caseChild(request, request.params.childId);
    return reply.page('pages/cases/record-step.njk', { record, steps: STEPS, values: {} });
  });

  app.post<{ Params: { childId: string } }>('/children/:childId/steps/new', async (request, reply) => {
    const values = formBody(request.body);
    const record = await caseChild(request, request.params.childId);
    if (!record.openCase) return reply.redirect(`/children/${request.params.childId}`, 303);
    try {
      await services.casework.recordStep(request.actor!, record.openCase.id, values.type as never, dateFromParts(values, 'occurredOn'));
      return reply.redirect(`/children/${request.params.childId}?saved=step`, 303);
    } catch (error) {
      if (error instanceof ValidationError || error instanceof ConflictError) {
        const problems = error instanceof ValidationError ? error.problems : [{ field: 'type', message: error.message }];
        return reply.code(400).page('pages/cases/record-step.njk', { record, steps: STEPS, values, errors: formErrors(problems, { occurredOn: 'occurredOn-day' }) });
      }
      throw error;
    }
  });

  const REASONS = Object.entries(EXCEPTION_REASON_INFO).map(([value, info]) => ({ value, text: info.title, hint: { text: `${info.description} (${info.citation})` } }));

  app.get<{ Params: { childId: string } }>('/children/:childId/exceptions/new', async (request, reply) => {
    const record = await caseChild(request, request.params.childId);
    return reply.page('pages/cases/record-exception.njk', { record, reasons: REASONS, values: {} });
  });

  app.post<{ Params: { childId: string } }>('/children/:childId/exceptions/new', async (request, reply) => {
    const values = formBody(request.body);
    const record = await caseChild(request, request.params.childId);
    if (!record.openCase) return reply.redirect(`/children/${request.params.childId}`, 303);
    try {
      await services.casework.recordException(request.actor!, record.openCase.id, {
        reason: values.reason ?? '',
        evidence: values.evidence ?? '',
        startsOn: dateFromParts(values, 'startsOn'),
      });
      return reply.redirect(`/children/${request.params.childId}?saved=exception`, 303);
    } catch (error) {
      if (error instanceof ValidationError) {
        return reply.code(400).page('pages/cases/record-exception.njk', { record, reasons: REASONS, values, errors: formErrors(error.problems, { startsOn: 'startsOn-day' }) });
      }
      throw error;
    }
  });

  app.get<{ Querystring: { officer?: string; stage?: string; page?: string } }>('/team/deadlines', async (request, reply) => {
    const team = await services.casework.teamDeadlines(request.actor!, { officer: request.query.officer, stage: request.query.stage, page: Number(request.query.page ?? 1) });
    const filterQuery = new URLSearchParams({ ...(team.filters.officer ? { officer: team.filters.officer } : {}), ...(team.filters.stage ? { stage: team.filters.stage } : {}) }).toString();
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
    return reply.page('pages/cases/team-deadlines.njk', {
      team,
      officerItems,
      stageItems,
      deadlinesTable: teamDeadlinesTable(caption, team.deadlines),
      pagination: paginationParams(team.page, team.pageCount, (page) => `/team/deadlines?${filterQuery ? `${filterQuery}&` : ''}page=${page}`),
    });
  });
}
