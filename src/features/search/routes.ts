import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { badRequest, bearerSecurity, problemResponses, TOKEN_ERRORS } from '../../web/problem.ts';
import { searchPaths } from './paths.ts';
import { searchInputHtml, searchResultsTable } from './presenters.ts';

const childSummary = {
  type: 'object',
  additionalProperties: false,
  required: ['childId', 'childName', 'dateOfBirth'],
  properties: {
    childId: { type: 'string', format: 'uuid' },
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
        description: 'Restricted children appear only to those who may see them. Each search is written to the access log.',
        tags: ['children'],
        security: bearerSecurity,
        querystring: {
          type: 'object',
          required: ['q'],
          properties: { q: { type: 'string', minLength: 1, maxLength: 200, description: 'A name, a date of birth (YYYY-MM-DD) or a UPN', examples: ['Amira Khan'] } },
        },
        response: {
          200: {
            type: 'object',
            description: 'The children found',
            additionalProperties: false,
            required: ['results'],
            properties: { results: { type: 'array', items: childSummary } },
            examples: [
              {
                results: [
                  {
                    childId: '01937a4e-8f5b-7a00-b1c2-d3e4f5a6b7c8',
                    childName: 'Amira Khan',
                    dateOfBirth: '2016-03-27',
                    upn: 'H801200001001',
                    reference: '999-EHC-2026-00123',
                    stage: 'request',
                  },
                ],
              },
            ],
          },
          ...problemResponses([400, ...TOKEN_ERRORS, 403], {
            400: badRequest([{ field: 'q', message: 'q must not be empty' }]),
          }),
        },
      },
    },
    async (request) => {
      const search = await services.search.search(request.actor!, request.query.q, 'api:search');
      return { results: search.results };
    },
  );
}
