import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { bearerSecurity, problemResponses, TOKEN_ERRORS } from '../../web/problem.ts';

const staffUserSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'email', 'role'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    name: { type: 'string' },
    email: { type: 'string' },
    role: { type: 'string', enum: ['case_officer', 'team_manager', 'service_lead', 'admin', 'board_member'] },
    active: { type: 'boolean' },
  },
  examples: [{ id: '01937a40-2c1d-7e3f-8a9b-0c1d2e3f4a5b', name: 'Sam Officer', email: 'sam.officer@council.example', role: 'case_officer', active: true }],
} as const;

/** The versioned JSON API: bearer tokens, problem+json errors, documented at /api/v1/openapi.json. */
export async function apiRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get(
    '/api/v1/openapi.json',
    { config: { public: true }, schema: { hide: true } },
    async () => app.swagger(),
  );

  app.get(
    '/api/v1/me',
    {
      schema: {
        summary: 'The staff user the token was issued to',
        tags: ['staff'],
        security: bearerSecurity,
        response: { 200: { ...staffUserSchema, description: 'The token’s user' }, ...problemResponses(TOKEN_ERRORS) },
      },
    },
    async (request) => services.staff.getUser(request.actor!, request.actor!.id),
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/staff/:id',
    {
      schema: {
        summary: 'A staff user of the token’s authority',
        description: 'A user of another authority answers 404, as an unknown one does.',
        tags: ['staff'],
        security: bearerSecurity,
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid', description: 'The staff user’s id' } } },
        response: {
          200: { ...staffUserSchema, description: 'The staff user' },
          ...problemResponses([400, ...TOKEN_ERRORS, 404], { 404: { status: 404, title: 'Not found', detail: 'No such staff user' } }),
        },
      },
    },
    async (request) => services.staff.getUser(request.actor!, request.params.id),
  );
}
