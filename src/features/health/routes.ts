import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';

export async function healthRoutes(app: FastifyInstance, { services }: { services: Services }) {
  // Liveness: the process answers. Never touches the database, so a slow database does not get
  // a healthy process restarted.
  app.get('/healthz', { config: { public: true } }, async () => ({ status: 'ok' }));

  // Readiness: the database answers too; a load balancer stops sending traffic when it does not.
  app.get('/readyz', { config: { public: true } }, async (_request, reply) => {
    const readiness = await services.health.readiness();
    return reply.code(readiness.ready ? 200 : 503).send(readiness);
  });
}
