import type { FastifyInstance } from 'fastify';

export async function homeRoutes(app: FastifyInstance) {
  app.get('/', { config: { public: true } }, async (_request, reply) => reply.page('pages/start.njk'));
  app.get('/accessibility', { config: { public: true } }, async (_request, reply) => reply.page('pages/accessibility.njk'));
}
