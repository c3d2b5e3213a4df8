import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { ValidationError } from '../../lib/errors.ts';
import { formErrors } from '../../web/forms.ts';
import { phaseTransfersApiSchemas } from './api-schemas.ts';
import { phaseTransfersPaths } from './paths.ts';
import { cohortFilters, cohortPagination } from './presenters.ts';

const TEMPLATES = {
  cohort: 'phase-transfers/templates/cohort.njk',
  child: 'phase-transfers/templates/child.njk',
} as const;

type CohortQuerystring = { Querystring: { year?: string; move?: string; standing?: string; page?: string } };

export async function phaseTransfersRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const phaseTransfers = services.phaseTransfers;

  app.get<CohortQuerystring>(phaseTransfersPaths.cohortRoute, async (request, reply) => {
    try {
      const cohort = await phaseTransfers.cohort(request.actor!, request.query);
      return reply.page(TEMPLATES.cohort, { cohort, filters: cohortFilters(cohort), pagination: cohortPagination(cohort), values: { year: String(cohort.year) } });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return reply.code(400).page(TEMPLATES.cohort, { cohort: null, errors: formErrors(error.problems), values: { year: request.query.year ?? '' } });
    }
  });

  app.get<{ Params: { year: string; caseId: string } }>(phaseTransfersPaths.childRoute, async (request, reply) => {
    const found = await phaseTransfers.cohortChild(request.actor!, request.params.year, request.params.caseId);
    return reply.page(TEMPLATES.child, found);
  });

  app.get<CohortQuerystring>(phaseTransfersPaths.api.cohortRoute, { schema: phaseTransfersApiSchemas.cohort }, async (request) => {
    const cohort = await phaseTransfers.cohort(request.actor!, request.query, 'api:phase-transfers');
    return {
      ...cohort,
      children: cohort.children.map(({ consultations, ...child }) => ({ ...child, consultations: consultations.map(({ caseId: _caseId, ...entry }) => entry) })),
    };
  });
}
