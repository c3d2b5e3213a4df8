import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../composition.ts';
import { ValidationError } from '../../lib/errors.ts';
import { formErrors } from '../../web/forms.ts';
import { singleValue } from '../../web/date-input.ts';
import type { Actor } from '../auth/index.ts';
import type { TrustedHtml } from '../../web/govuk-markup.ts';
import { accessRoutes } from './access-routes.ts';
import { auditPaths, type TrailQuery } from './paths.ts';
import { childTrailTable, staffTrailTable } from './presenters.ts';
import type { TrailEntry } from './service.ts';
import { filtersOf, trailQuery } from './trail-query.ts';

type TrailQuerystring = { Querystring: Record<string, unknown> };

/** What a trail's page needs: the service call, what the trail is about, its table, its page links. */
interface TrailView<T extends { page: number; hasNextPage: boolean; entries: TrailEntry[] }> {
  template: string;
  read: () => Promise<T>;
  subject: (trail: T) => { id: string; name: string };
  table: (trail: T, subject: { id: string; name: string }) => TrustedHtml;
  pageHref: (subjectId: string, page: number) => string;
  /** What the form needs when the dates are refused: the trail itself was not read. */
  refused: () => Promise<Record<string, unknown>> | Record<string, unknown>;
}

/**
 * A trail's page with its newer and older pages linked (no count: a trail can be long, and
 * counting it would read all of it), or its filter form again with what is wrong with the dates
 * (400).
 */
async function trailPage<T extends { page: number; hasNextPage: boolean; entries: TrailEntry[] }>(reply: FastifyReply, values: TrailQuery, view: TrailView<T>) {
  let trail: T;
  try {
    trail = await view.read();
  } catch (error) {
    if (!(error instanceof ValidationError) || error.problems.some((problem) => problem.field === 'page')) throw error;
    return reply.code(400).page(view.template, { values, errors: formErrors(error.problems, { from: 'from-day', to: 'to-day' }), ...(await view.refused()) });
  }
  const subject = view.subject(trail);
  return reply.page(view.template, {
    values,
    trail,
    subject,
    trailTable: view.table(trail, subject),
    pagination: {
      ...(trail.page > 1 ? { previous: { href: view.pageHref(subject.id, trail.page - 1), labelText: 'Newer entries' } } : {}),
      ...(trail.hasNextPage ? { next: { href: view.pageHref(subject.id, trail.page + 1), labelText: 'Older entries' } } : {}),
    },
  });
}

export async function auditRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const staffItems = async (actor: Actor, chosen?: string) => [
    { value: '', text: 'Choose a member of staff' },
    ...(await services.audit.staffToChoose(actor)).map((staff) => ({ value: staff.id, text: `${staff.name} (${staff.email})${staff.active ? '' : ', deactivated'}`, selected: staff.id === chosen })),
  ];

  app.get(auditPaths.home, async (request, reply) => reply.page('audit/templates/audit.njk', { staffItems: await staffItems(request.actor!) }));

  // The audit log page's choice of a member of staff: to their trail, or back with the problem.
  app.get<TrailQuerystring>(auditPaths.staffChoice, async (request, reply) => {
    const chosen = singleValue(request.query, 'user');
    const staff = await services.audit.staffToChoose(request.actor!);
    if (staff.some((entry) => entry.id === chosen)) return reply.redirect(auditPaths.staff(chosen), 303);
    return reply.code(400).page('audit/templates/audit.njk', { staffItems: await staffItems(request.actor!), errors: [{ field: 'user', text: 'Choose a member of staff' }] });
  });

  app.get<{ Params: { userId: string } } & TrailQuerystring>(auditPaths.staffRoute, async (request, reply) => {
    const actor = request.actor!;
    const values = trailQuery(request.query);
    return trailPage(reply, values, {
      template: 'audit/templates/staff-trail.njk',
      read: () => services.audit.staffTrail(actor, request.params.userId, filtersOf(request.query)),
      subject: (trail) => trail.staff,
      table: (trail, staff) => staffTrailTable(`What ${staff.name} did`, trail.entries),
      pageHref: (userId, page) => auditPaths.staffPage(userId, values, page),
      refused: async () => ({ subject: await services.audit.staffMember(actor, request.params.userId) }),
    });
  });

  app.get<{ Params: { childId: string } } & TrailQuerystring>(auditPaths.childRoute, async (request, reply) => {
    const actor = request.actor!;
    const values = trailQuery(request.query);
    return trailPage(reply, values, {
      template: 'audit/templates/child-trail.njk',
      read: () => services.audit.childTrail(actor, request.params.childId, filtersOf(request.query)),
      subject: (trail) => trail.child,
      table: (trail, child) => childTrailTable(`Who viewed or changed the record of ${child.name}`, trail.entries),
      pageHref: (childId, page) => auditPaths.childPage(childId, values, page),
      // Nothing of the child is shown with a refused filter: the form only, its address kept.
      refused: () => ({ childId: request.params.childId }),
    });
  });

  await accessRoutes(app, { services });
}
