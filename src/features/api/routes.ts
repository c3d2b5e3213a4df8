import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { problemSchema } from '../../web/problem.ts';


const staffUserSchema = {
  type: 'object',
  required: ['id', 'name', 'email', 'role'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    name: { type: 'string' },
    email: { type: 'string' },
    role: { type: 'string', enum: ['case_officer', 'team_manager', 'service_lead', 'admin', 'board_member'] },
    active: { type: 'boolean' },
  },
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
        security: [{ bearerAuth: [] }],
        response: { 200: staffUserSchema, 401: problemSchema },
      },
    },
    async (request) => services.staff.getUser(request.actor!, request.actor!.id),
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/staff/:id',
    {
      schema: {
        summary: 'A staff user of the token’s authority',
        security: [{ bearerAuth: [] }],
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } },
        response: { 200: staffUserSchema, 401: problemSchema, 404: problemSchema },
      },
    },
    async (request) => services.staff.getUser(request.actor!, request.params.id),
  );
}
