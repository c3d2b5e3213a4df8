import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { attachmentDisposition } from '../documents/index.ts';
import { subjectAccessPaths } from './paths.ts';

export async function subjectAccessRoutes(app: FastifyInstance, { services }: { services: Services }) {
  // Streamed: the ZIP is written as it is sent, never held whole.
  app.get<{ Params: { childId: string } }>(subjectAccessPaths.exportRoute, async (request, reply) => {
    const exported = await services.subjectAccess.export(request.actor!, request.params.childId);
    return reply
      .header('content-type', 'application/zip')
      .header('content-disposition', attachmentDisposition(exported.filename))
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .send(exported.stream);
  });
}
