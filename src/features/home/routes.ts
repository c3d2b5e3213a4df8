import type { FastifyInstance } from 'fastify';

/** A council's improvement plan published for families, as the start page links it. */
export interface PublishedImprovementPage {
  councilName: string;
  href: string;
}

/**
 * `home` is where a signed-in member of staff starts: a page for their role's job.
 * `improvementPages` are the councils' published improvement plans, linked from the start page.
 */
export async function homeRoutes(
  app: FastifyInstance,
  { home, improvementPages }: { home: (roles: readonly string[]) => string; improvementPages: () => Promise<PublishedImprovementPage[]> },
) {
  // The start page is for everyone; someone signed in (the header's link brings them here) goes on to their own home.
  app.get('/', { config: { public: true } }, async (request, reply) => {
    if (request.actor?.kind === 'user') return reply.redirect(home(request.actor.roles), 303);
    return reply.page('pages/start.njk', { improvementPages: await improvementPages() });
  });
  app.get('/accessibility', { config: { public: true } }, async (_request, reply) => reply.page('pages/accessibility.njk'));
}
