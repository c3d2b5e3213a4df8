import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { bearerSecurity, problemSchema } from '../../web/problem.ts';
import { searchPaths } from './paths.ts';
import { searchInputHtml, searchResultsTable } from './presenters.ts';

const security = bearerSecurity;
const problem = problemSchema;

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

export async function searchRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get<{ Querystring: { q?: string } }>(searchPaths.search, async (request, reply) => {
    const q = String(request.query.q ?? '');
    const search = q.trim() ? await services.search.search(request.actor!, q) : undefined;
    return reply.page('search/templates/search.njk', { q, search, searchInput: searchInputHtml(q), resultsTable: search ? searchResultsTable(search.results) : undefined });
  });

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
      const search = await services.search.search(request.actor!, request.query.q, 'api:search');
      return { results: search.results };
    },
  );
}
