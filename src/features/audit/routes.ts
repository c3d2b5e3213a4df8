import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../composition.ts';
import { ValidationError } from '../../lib/errors.ts';
import { formErrors } from '../../web/forms.ts';
import { dateFromParts, enteredDate, singleValue } from '../../web/date-input.ts';
import type { Actor } from '../auth/index.ts';
import { auditPaths, type TrailQuery } from './paths.ts';
import { childTrailTable, staffTrailTable } from './presenters.ts';

type TrailQuerystring = { Querystring: Record<string, unknown> };

/** The trail's filter as typed, to fill the form again and to carry into the page links. */
function trailQuery(query: Record<string, unknown>): TrailQuery {
  const entered: TrailQuery = {};
  for (const name of ['from', 'to']) {
    for (const [part, value] of Object.entries(enteredDate(query, name))) entered[`${name}-${part}`] = value;
  }
  return entered;
}

const filtersOf = (query: Record<string, unknown>) => ({ from: dateFromParts(query, 'from'), to: dateFromParts(query, 'to'), page: Number(singleValue(query, 'page') || 1) });

/**
 * A trail's page, or its filter form again with what is wrong with the dates (400). `refused`
 * gives what the form needs then: the trail itself was not read.
 */
async function trailPage<T>(
  reply: FastifyReply,
  template: string,
  values: TrailQuery,
  read: () => Promise<T>,
  context: (trail: T) => Record<string, unknown>,
  refused: () => Promise<Record<string, unknown>> | Record<string, unknown>,
) {
  try {
    const trail = await read();
    return reply.page(template, { values, ...context(trail) });
  } catch (error) {
    if (!(error instanceof ValidationError) || error.problems.some((problem) => problem.field === 'page')) throw error;
    return reply.code(400).page(template, { values, errors: formErrors(error.problems, { from: 'from-day', to: 'to-day' }), ...(await refused()) });
  }
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
    return trailPage(
      reply,
      'audit/templates/staff-trail.njk',
      values,
      () => services.audit.staffTrail(actor, request.params.userId, filtersOf(request.query)),
      (trail) => ({
        trail,
        subject: trail.staff,
        trailTable: staffTrailTable(`What ${trail.staff.name} did`, trail.entries),
        pagination: {
          ...(trail.page > 1 ? { previous: { href: auditPaths.staffPage(trail.staff.id, values, trail.page - 1), labelText: 'Newer entries' } } : {}),
          ...(trail.hasNextPage ? { next: { href: auditPaths.staffPage(trail.staff.id, values, trail.page + 1), labelText: 'Older entries' } } : {}),
        },
      }),
      async () => ({ subject: await services.audit.staffMember(actor, request.params.userId) }),
    );
  });

  app.get<{ Params: { childId: string } } & TrailQuerystring>(auditPaths.childRoute, async (request, reply) => {
    const actor = request.actor!;
    const values = trailQuery(request.query);
    return trailPage(
      reply,
      'audit/templates/child-trail.njk',
      values,
      () => services.audit.childTrail(actor, request.params.childId, filtersOf(request.query)),
      (trail) => ({
        trail,
        subject: trail.child,
        trailTable: childTrailTable(`Who viewed or changed the record of ${trail.child.name}`, trail.entries),
        pagination: {
          ...(trail.page > 1 ? { previous: { href: auditPaths.childPage(trail.child.id, values, trail.page - 1), labelText: 'Newer entries' } } : {}),
          ...(trail.hasNextPage ? { next: { href: auditPaths.childPage(trail.child.id, values, trail.page + 1), labelText: 'Older entries' } } : {}),
        },
      }),
      // Nothing of the child is shown with a refused filter: the form only, its address kept.
      () => ({ childId: request.params.childId }),
    );
  });
}
