import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../composition.ts';
import { ValidationError } from '../../lib/errors.ts';
import { singleValue } from '../../web/date-input.ts';
import { formErrors } from '../../web/forms.ts';
import type { Actor } from '../auth/index.ts';
import { childViewsTable, staffViewsTable, unusualTable } from './access-presenters.ts';
import type { AccessView } from './access-service.ts';
import { auditPaths, type TrailQuery } from './paths.ts';
import { filtersOf, trailQuery } from './trail-query.ts';

type Query = { Querystring: Record<string, unknown> };
const DATE_FIELDS = { from: 'from-day', to: 'to-day' };

/** The pages' links to newer and older entries, keeping the dates asked for. */
const paginationOf = (log: { page: number; hasNextPage: boolean }, href: (page: number) => string) => ({
  ...(log.page > 1 ? { previous: { href: href(log.page - 1), labelText: 'Newer entries' } } : {}),
  ...(log.hasNextPage ? { next: { href: href(log.page + 1), labelText: 'Older entries' } } : {}),
});

/** A page of views, or its date form again with what is wrong (400), nothing of the log read. */
async function viewsPage<T extends { page: number; hasNextPage: boolean; views: AccessView[] }>(
  reply: FastifyReply,
  template: string,
  values: TrailQuery,
  read: () => Promise<T>,
  present: (log: T) => Record<string, unknown>,
  refused: Record<string, unknown>,
) {
  let log: T;
  try {
    log = await read();
  } catch (error) {
    if (!(error instanceof ValidationError) || error.problems.some((problem) => problem.field === 'page')) throw error;
    return reply.code(400).page(template, { values, errors: formErrors(error.problems, DATE_FIELDS), ...refused });
  }
  return reply.page(template, { values, log, ...present(log) });
}

export async function accessRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const staffItems = async (actor: Actor, chosen?: string) => [
    { value: '', text: 'Choose a member of staff' },
    ...(await services.audit.staffToChoose(actor)).map((staff) => ({ value: staff.id, text: `${staff.name} (${staff.email})${staff.active ? '' : ', deactivated'}`, selected: staff.id === chosen })),
  ];
  const home = 'audit/templates/access-log.njk';

  app.get(auditPaths.access, async (request, reply) => reply.page(home, { staffItems: await staffItems(request.actor!), values: {} }));

  // Finds a child by name, UPN or case reference: one found goes straight to who viewed them.
  app.get<Query>(auditPaths.accessFind, async (request, reply) => {
    const actor = request.actor!;
    const typed = singleValue(request.query, 'child');
    try {
      const children = await services.accessLog.findChildren(actor, typed);
      if (children.length === 1) return reply.redirect(auditPaths.accessChild(children[0]!.id), 303);
      return reply.page('audit/templates/access-children.njk', { typed, children });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return reply.code(400).page(home, { staffItems: await staffItems(actor), values: { child: typed }, errors: formErrors(error.problems, {}) });
    }
  });

  app.get<Query>(auditPaths.accessStaffChoice, async (request, reply) => {
    const chosen = singleValue(request.query, 'user');
    const staff = await services.audit.staffToChoose(request.actor!);
    if (staff.some((entry) => entry.id === chosen)) return reply.redirect(auditPaths.accessStaff(chosen), 303);
    return reply.code(400).page(home, { staffItems: await staffItems(request.actor!), values: {}, errors: [{ field: 'user', text: 'Choose a member of staff' }] });
  });

  app.get<{ Params: { childId: string } } & Query>(auditPaths.accessChildRoute, async (request, reply) => {
    const actor = request.actor!;
    const values = trailQuery(request.query);
    return viewsPage(
      reply,
      'audit/templates/access-child.njk',
      values,
      () => services.accessLog.childViews(actor, request.params.childId, filtersOf(request.query)),
      (log) => ({
        subject: log.child,
        viewsTable: childViewsTable(`Who viewed ${log.child.name}`, log.views),
        pagination: paginationOf(log, (page) => auditPaths.accessChildPage(log.child.id, values, page)),
      }),
      // Nothing of the child is shown with a refused filter: the form only, its address kept.
      { childId: request.params.childId },
    );
  });

  app.get<{ Params: { userId: string } } & Query>(auditPaths.accessStaffRoute, async (request, reply) => {
    const actor = request.actor!;
    const values = trailQuery(request.query);
    return viewsPage(
      reply,
      'audit/templates/access-staff.njk',
      values,
      () => services.accessLog.staffViews(actor, request.params.userId, filtersOf(request.query)),
      (log) => ({
        subject: log.staff,
        viewsTable: staffViewsTable(`What ${log.staff.name} viewed`, log.views),
        pagination: paginationOf(log, (page) => auditPaths.accessStaffPage(log.staff.id, values, page)),
      }),
      { subject: await services.audit.staffMember(actor, request.params.userId) },
    );
  });

  app.get<Query>(auditPaths.unusual, async (request, reply) => {
    const actor = request.actor!;
    const dates = trailQuery(request.query);
    const values = { ...dates, children: singleValue(request.query, 'children'), minutes: singleValue(request.query, 'minutes') };
    const filters = filtersOf(request.query);
    try {
      const report = await services.accessLog.unusualAccess(actor, { from: filters.from, to: filters.to, children: values.children, minutes: values.minutes });
      return reply.page('audit/templates/unusual-access.njk', {
        values,
        report,
        burstsTable: unusualTable('Many records in a short time', report.bursts),
        viewsTable: unusualTable('Children outside the viewer’s caseload and team, and restricted records', report.views),
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return reply.code(400).page('audit/templates/unusual-access.njk', { values, errors: formErrors(error.problems, DATE_FIELDS) });
    }
  });
}
