// Allocation's pages: the queue with a box against each case and the officer to give them to; a
// case's named officer, its holders over time and the form to change it. Thin: read the form, call
// the service, redirect or show the form again with the GOV.UK error summary.
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { dateFromParts, formBody, formErrors, handleForm } from '../../web/forms.ts';
import { ValidationError } from '../../lib/errors.ts';
import { paginationParams } from '../../web/pagination.ts';
import type { Actor } from '../auth/index.ts';
import { allocationApiRoutes } from './api-routes.ts';
import { allocationPaths } from './paths.ts';
import { caseItems, handoverTable, holdersTable, officerItems, recipientsTable } from './presenters.ts';

const TEMPLATES = {
  allocate: 'allocation/templates/allocate.njk',
  handover: 'allocation/templates/handover.njk',
  caseOfficer: 'allocation/templates/case-officer.njk',
};

const plural = (count: number, one: string, many: string) => (count === 1 ? `1 ${one}` : `${count} ${many}`);

/** The boxes' values as the body carries them: one string, or an array of them. */
const chosenOf = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === 'string' && value ? [value] : []);

export async function allocationRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const allocatePage = async (actor: Actor, page: number, chosen: readonly string[], selected?: string) => {
    const [queue, officers] = await Promise.all([services.caseload.unallocatedQueue(actor, { page }, 'allocate'), services.allocation.activeOfficers(actor)]);
    return {
      queue,
      officers,
      caseItems: caseItems(queue.cases, new Set(chosen)),
      officerItems: officerItems(officers, selected),
      pagination: paginationParams(queue.page, queue.pageCount, allocationPaths.allocatePage),
    };
  };

  app.get<{ Querystring: { page?: string; allocated?: string; to?: string; unsent?: string } }>(allocationPaths.allocate, async (request, reply) => {
    const context = await allocatePage(request.actor!, Number(request.query.page ?? 1), []);
    const allocated = Number(request.query.allocated ?? 0);
    const unsent = Number(request.query.unsent ?? 0);
    let banner: string | undefined;
    if (Number.isSafeInteger(allocated) && allocated > 0) {
      const officer = context.officers.find((entry) => entry.id === request.query.to);
      banner = `${plural(allocated, 'case', 'cases')} allocated to ${officer?.name ?? 'the officer chosen'}.`;
      banner +=
        Number.isSafeInteger(unsent) && unsent > 0
          ? ` No letter went to ${plural(unsent, 'family', 'families')}: no parent or carer with an address or e-mail address is on the record.${unsent < allocated ? ' The other families’ letters naming their officer are queued.' : ''}`
          : ' The letter to each family naming their officer is queued.';
    }
    return reply.page(TEMPLATES.allocate, { ...context, values: {}, banner });
  });

  app.post(allocationPaths.allocate, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = formBody(body);
    const chosen = chosenOf(body.cases);
    const actor = request.actor!;
    return handleForm(reply, values, {
      submit: () => services.allocation.allocate(actor, { cases: chosen, officer: values.officer ?? '', overCapReason: values.overCapReason ?? '' }),
      redirectTo: ({ result }) => allocationPaths.allocated(result.cases.length, result.officer.id, result.unsent),
      template: TEMPLATES.allocate,
      context: () => allocatePage(actor, Number(values.page ?? 1), chosen, values.officer),
      conflictField: 'cases',
    });
  });

  const caseOfficerPage = async (actor: Actor, caseId: string, selected?: string) => {
    const view = await services.allocation.caseOfficer(actor, caseId);
    return { view, holders: holdersTable(view.holders), officerItems: officerItems(view.officers, selected) };
  };

  app.get<{ Params: { caseId: string }; Querystring: { saved?: string } }>(allocationPaths.caseOfficerRoute, async (request, reply) => {
    const context = await caseOfficerPage(request.actor!, request.params.caseId);
    const saved = request.query.saved;
    const banner =
      saved === 'sent'
        ? 'Officer changed. The letter telling the family who their officer is now is queued, and kept with the case’s letters.'
        : saved === 'unsent'
          ? 'Officer changed. No letter was sent: no parent or carer with an address or e-mail address is on the record.'
          : undefined;
    return reply.page(TEMPLATES.caseOfficer, { ...context, values: {}, banner });
  });

  app.post<{ Params: { caseId: string } }>(allocationPaths.caseOfficerRoute, async (request, reply) => {
    const values = formBody(request.body);
    const { caseId } = request.params;
    const actor = request.actor!;
    return handleForm(reply, values, {
      submit: () =>
        services.allocation.reallocate(actor, caseId, {
          officer: values.officer ?? '',
          reason: values.reason ?? '',
          overCapReason: values.overCapReason ?? '',
          // What the manager saw: an officer's id, or '' for the queue. A form without it changes whatever holds the case now.
          ...(Object.hasOwn(values, 'currentOfficer') ? { currentOfficerId: values.currentOfficer || null } : {}),
        }),
      redirectTo: ({ result }) => allocationPaths.caseOfficerSaved(caseId, result.unsent > 0),
      template: TEMPLATES.caseOfficer,
      context: () => caseOfficerPage(actor, caseId, values.officer),
      conflictField: 'officer',
    });
  });

  const handoverPage = async (actor: Actor, officerId: string, chosen: Record<string, string> = {}, failure?: unknown) => {
    const [plan, leaving] = await Promise.all([services.allocation.handoverPlan(actor, officerId), services.users.leaving(actor, officerId)]);
    const errors = failure instanceof ValidationError ? formErrors(failure.problems) : [];
    return { plan, leaving, recipientsTable: recipientsTable(plan.recipients), handoverTable: handoverTable(plan.cases, plan.recipients, chosen, errors) };
  };
  const leavingValues = (leavingOn: string | null) => {
    const [year = '', month = '', day = ''] = (leavingOn ?? '').split('-');
    return { 'leavingOn-day': day.replace(/^0/, ''), 'leavingOn-month': month.replace(/^0/, ''), 'leavingOn-year': year };
  };

  app.get<{ Params: { officerId: string }; Querystring: { leaving?: string } }>(allocationPaths.handoverRoute, async (request, reply) => {
    const context = await handoverPage(request.actor!, request.params.officerId);
    const banner = request.query.leaving === 'saved' ? (context.leaving.leavingOn ? 'Leaving date saved.' : 'Leaving date removed.') : undefined;
    return reply.page(TEMPLATES.handover, { ...context, values: leavingValues(context.leaving.leavingOn), banner });
  });

  app.post<{ Params: { officerId: string } }>(allocationPaths.handoverRoute, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = formBody(body);
    const { officerId } = request.params;
    const actor = request.actor!;
    const cases = chosenOf(body.cases).map((caseId) => ({ caseId, officerId: values[`to-${caseId}`] ?? '' }));
    let failure: unknown;
    return handleForm(reply, values, {
      submit: () => services.allocation.handOver(actor, officerId, { cases, overCapReason: values.overCapReason ?? '' }),
      redirectTo: ({ result }) => allocationPaths.handedOver(officerId, result.cases.length, result.unsent),
      answer: (error) => {
        failure = error;
        return undefined;
      },
      template: TEMPLATES.handover,
      context: async () => {
        const context = await handoverPage(actor, officerId, values, failure);
        return { ...context, values: { ...leavingValues(context.leaving.leavingOn), overCapReason: values.overCapReason ?? '' } };
      },
      conflictField: 'cases',
    });
  });

  app.post<{ Params: { officerId: string } }>(allocationPaths.leavingRoute, async (request, reply) => {
    const values = formBody(request.body);
    const { officerId } = request.params;
    const actor = request.actor!;
    return handleForm(reply, values, {
      submit: () => services.users.setLeavingDate(actor, officerId, { version: values.version ?? '', leavingOn: dateFromParts(values, 'leavingOn') }),
      redirectTo: () => allocationPaths.leavingSaved(officerId),
      template: TEMPLATES.handover,
      context: () => handoverPage(actor, officerId),
      conflictField: 'leavingOn-day',
    });
  });

  await allocationApiRoutes(app, { services });
}
