// The improvement plan's public page: the manager's form choosing whether it is published and
// what it shows, and the page itself, which anyone may read without signing in once published.
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { formBody, handleForm } from '../../web/forms.ts';
import type { Actor } from '../auth/index.ts';
import { improvementPlanPaths as paths } from './paths.ts';
import { anyWithheld, measureCheckboxes, publicAreas, publicMeasureSection } from './public-page-presenters.ts';
import type { PublicPageInput } from './public-page.ts';

const T = (name: string) => `improvement-plan/templates/${name}.njk`;

/**
 * Requests a minute from one address to the public page. Its figures are kept for a few minutes
 * (the service's cache), so a visitor cannot make it read the case data more often than that;
 * this bounds the work of rendering it too.
 */
const PUBLIC_RATE_LIMIT = { max: 120, timeWindow: 60_000 };

/** How long a browser may keep the page: as long as the service keeps its figures. */
const BROWSER_CACHE = 'private, max-age=300';

/** The measures ticked on the form (one, several or none), as the body carries them. */
function ticked(body: unknown): string[] {
  const raw = body && typeof body === 'object' ? (body as Record<string, unknown>).measures : undefined;
  const values = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return values.map((value) => String(value ?? ''));
}

/** Each measure's sentence for families, from the fields named explanation-<binding id>. */
function explanationsOf(values: Record<string, string>): Record<string, string> {
  // Own properties whatever the names sent (a field named explanation-__proto__ is just a key).
  return Object.fromEntries(Object.entries(values).flatMap(([name, value]) => (name.startsWith('explanation-') ? [[name.slice('explanation-'.length), value]] : [])));
}

export async function improvementPublicPageRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const pages = services.improvementPublicPage;

  const formContext = async (actor: Actor, selected?: ReadonlySet<string>) => {
    const settings = await pages.settings(actor);
    const chosen = selected ?? new Set(settings.choices.filter((choice) => choice.selected).map((choice) => choice.bindingId));
    return { settings, checkboxes: measureCheckboxes(settings.choices, chosen), backHref: paths.plan };
  };

  app.get<{ Querystring: { saved?: string } }>(paths.publicPageSettings, async (request, reply) => {
    const context = await formContext(request.actor!);
    const values: Record<string, string> = { published: context.settings.published ? 'yes' : 'no' };
    for (const choice of context.settings.choices) values[`explanation-${choice.bindingId}`] = choice.explanation;
    return reply.page(T('public-page-form'), { ...context, values, saved: request.query.saved ? 'The public page was saved.' : undefined });
  });

  app.post(paths.publicPageSettings, async (request, reply) => {
    const values = formBody(request.body);
    const measures = ticked(request.body);
    const actor = request.actor!;
    const input: PublicPageInput = { published: values.published, measures, explanations: explanationsOf(values) };
    return handleForm(reply, values, {
      submit: () => pages.saveSettings(actor, input),
      redirectTo: () => paths.saved(paths.publicPageSettings, 'public-page'),
      template: T('public-page-form'),
      context: () => formContext(actor, new Set(measures)),
      conflictField: 'published',
    });
  });

  // Anyone may read the page (no sign-in). It names no one and no view of it is logged (see the
  // service); it is cached and rate-limited, so an anonymous visitor cannot hammer the database.
  app.get<{ Params: { laCode: string } }>(paths.publicPageRoute, { config: { public: true, rateLimit: PUBLIC_RATE_LIMIT } }, async (request, reply) => {
    const page = await pages.publicPage(request.params.laCode);
    // Staff signed in get the app's no-store; a visitor's browser may keep the page a while.
    if (!request.actor) reply.header('cache-control', BROWSER_CACHE);
    return reply.page(T('public-page'), {
      page,
      measures: page.measures.map(publicMeasureSection),
      anyWithheld: anyWithheld(page.measures),
      areas: publicAreas(page.areas),
    });
  });
}
