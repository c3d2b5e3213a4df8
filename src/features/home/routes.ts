import type { FastifyInstance } from 'fastify';

/** `home` is where a signed-in member of staff starts: a page for their role's job. */
export async function homeRoutes(app: FastifyInstance, { home }: { home: (roles: readonly string[]) => string }) {
  // The start page is for everyone; someone signed in (the header's link brings them here) goes on to their own home.
  app.get('/', { config: { public: true } }, async (request, reply) => {
    if (request.actor?.kind === 'user') return reply.redirect(home(request.actor.roles), 303);
    return reply.page('pages/start.njk');
  });
  app.get('/accessibility', { config: { public: true } }, async (_request, reply) => reply.page('pages/accessibility.njk'));
}
