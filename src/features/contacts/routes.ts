// The contacts' pages: the register, a contact with its clock and forms, logging a new contact,
// the council's response times and the managers' report with its CSV.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../composition.ts';
import { withLongDates } from '../../web/long-date.ts';
import { paginationParams } from '../../web/pagination.ts';
import { dateFromParts, formBody, handleForm } from '../../web/forms.ts';
import { hasRole, MANAGER_ROLES, type Actor } from '../auth/index.ts';
import { contactsApiRoutes } from './api-routes.ts';
import { contactsPaths, type ContactSaved, type RegisterLink } from './paths.ts';
import { channelItems, kindItems, kindOptions, NAMES, outcomeItems, outcomeOptions, ownerOptions, pounds, remedyItems, reportCsv, sourceItems, themeOptions } from './presenters.ts';
import type { ContactsReport, ContactView, RegisterQuery } from './service.ts';
import { CONTACT_KINDS, COMPLAINT_OUTCOMES, COMPLAINT_THEMES } from '../../domain/contacts/contacts.ts';

const T = (name: string) => `contacts/templates/${name}.njk`;
type ContactParams = { Params: { contactId: string } };

const SAVED: Record<ContactSaved, string> = {
  logged: 'The contact was logged. Its reference and response deadline are below.',
  responded: 'The response was recorded.',
  escalated: 'The complaint was escalated to stage 2. Its own response deadline is below.',
  referred: 'The Ombudsman’s referral was recorded.',
  remedy: 'The remedy was recorded.',
  'action-done': 'The action was recorded as done.',
  closed: 'The complaint was closed.',
};

/** Each form on a contact's page: its date fields, and what the page says after. */
const FORMS = {
  response: { dates: ['respondedOn'], fields: ['summary', 'outcome'], saved: 'responded' },
  escalation: { dates: ['receivedOn'], fields: ['to', 'ombudsmanReference'], saved: 'escalated' },
  remedies: { dates: ['dueOn'], fields: ['kind', 'description', 'amount', 'ownerId'], saved: 'remedy' },
  close: { dates: ['closedOn'], fields: [], saved: 'closed' },
} as const;

export async function contactsRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const contacts = services.contacts;

  app.get<{ Querystring: RegisterQuery }>(contactsPaths.registerRoute, async (request, reply) => {
    const actor = request.actor!;
    const register = await contacts.register(actor, request.query);
    const owners = await contacts.owners(actor);
    const link = (page: number): string => contactsPaths.register({ ...(register.filter as RegisterLink), overdue: register.filter.overdue ? 'yes' : undefined, page });
    return reply.page(T('register'), {
      register,
      names: NAMES,
      kindOptions: kindOptions(register.filter.kind),
      ownerOptions: ownerOptions(owners, register.filter.owner, { value: '', text: 'Anyone' }).concat([{ value: 'mine', text: 'Mine', selected: register.filter.owner === 'mine' }]),
      outcomeOptions: outcomeOptions(register.filter.outcome),
      themeOptions: themeOptions(register.filter.theme, 'Any'),
      pagination: paginationParams(register.page, register.pages, link),
      manager: hasRole(actor, ...MANAGER_ROLES),
    });
  });

  // Logging a contact, from the register or from a child's record (?childId=).
  const newContext = async (actor: Actor, values: Record<string, string>) => {
    const childId = values.childId;
    const child = childId ? await contacts.childForNewContact(actor, childId) : undefined;
    const owners = await contacts.owners(actor);
    return {
      child,
      values,
      kindItems: kindItems(values.kind),
      channelItems: channelItems(values.channel),
      sourceItems: sourceItems(values.source),
      themeOptions: themeOptions(values.theme),
      ownerOptions: ownerOptions(owners, values.ownerId || actor.id),
    };
  };
  app.get<{ Querystring: { childId?: string } }>(contactsPaths.newContactRoute, async (request, reply) => {
    const values: Record<string, string> = typeof request.query.childId === 'string' ? { childId: request.query.childId } : {};
    return reply.page(T('new-contact'), await newContext(request.actor!, values));
  });
  app.post(contactsPaths.newContactRoute, async (request, reply) => {
    const values = formBody(request.body);
    const actor = request.actor!;
    return handleForm(reply, values, {
      submit: () => contacts.logContact(actor, { ...values, receivedOn: dateFromParts(values, 'receivedOn') }),
      redirectTo: ({ result }) => contactsPaths.contactSaved(result.contactId, 'logged'),
      template: T('new-contact'),
      context: () => newContext(actor, values),
      fieldIds: { receivedOn: 'new-receivedOn-day' },
      conflictField: 'kind',
    });
  });

  // The council's response times.
  app.get<{ Querystring: { saved?: string } }>(contactsPaths.policyRoute, async (request, reply) => {
    const policy = await contacts.policy(request.actor!);
    return reply.page(T('policy'), { policy, values: Object.fromEntries(Object.entries(policy).map(([key, value]) => [key, String(value)])), saved: request.query.saved === 'yes', manager: hasRole(request.actor!, ...MANAGER_ROLES) });
  });
  app.post(contactsPaths.policyRoute, async (request, reply) => {
    const values = formBody(request.body);
    const actor = request.actor!;
    return handleForm(reply, values, {
      submit: () => contacts.savePolicy(actor, values),
      redirectTo: () => `${contactsPaths.policy}?saved=yes`,
      template: T('policy'),
      context: async () => ({ policy: await contacts.policy(actor), manager: true }),
      conflictField: 'enquiryWorkingDays',
    });
  });

  // The report and its CSV.
  app.get<{ Querystring: { year?: string } }>(contactsPaths.reportRoute, async (request, reply) => {
    const report = await contacts.report(request.actor!, request.query.year);
    return reply.page(T('report'), reportContext(report, contacts.today()));
  });
  app.get<{ Querystring: { year?: string } }>(contactsPaths.reportCsvRoute, async (request, reply) => {
    const report = await contacts.report(request.actor!, request.query.year);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="contacts-${report.year}.csv"`)
      .header('cache-control', 'no-store')
      .send(reportCsv(report));
  });

  // A contact's page and its forms.
  const contactPage = async (actor: Actor, contactId: string, values: Record<string, string>, saved?: string, form?: string) => {
    const view = await contacts.contact(actor, contactId);
    return pageContext(view, await contacts.owners(actor), values, saved, form);
  };
  app.get<ContactParams & { Querystring: { saved?: string } }>(contactsPaths.contactRoute, async (request, reply) => {
    const saved = request.query.saved;
    return reply.page(T('contact'), await contactPage(request.actor!, request.params.contactId, {}, saved && Object.hasOwn(SAVED, saved) ? SAVED[saved as ContactSaved] : undefined));
  });

  for (const [form, { dates, fields, saved }] of Object.entries(FORMS) as [keyof typeof FORMS, (typeof FORMS)[keyof typeof FORMS]][]) {
    app.post<ContactParams>(`/contacts/:contactId/${form}`, async (request, reply) => {
      const actor = request.actor!;
      const { contactId } = request.params;
      const values = formBody(request.body);
      const dated = { ...values, ...Object.fromEntries(dates.map((name) => [name, dateFromParts(values, name)])) };
      const submit = (): Promise<unknown> => {
        switch (form) {
          case 'response':
            return contacts.respond(actor, contactId, dated);
          case 'escalation':
            return contacts.escalate(actor, contactId, dated);
          case 'remedies':
            return contacts.addRemedy(actor, contactId, dated);
          case 'close':
            return contacts.close(actor, contactId, dated);
        }
      };
      const next: ContactSaved = form === 'escalation' && values.to === 'ombudsman' ? 'referred' : saved;
      return handleForm(reply, values, {
        submit,
        redirectTo: () => contactsPaths.contactSaved(contactId, next),
        template: T('contact'),
        context: () => contactPage(actor, contactId, values, undefined, form),
        // Each form's fields have ids of their own: several forms share the page.
        fieldIds: Object.fromEntries([...dates.map((name) => [name, `${form}-${name}-day`]), ...fields.map((name: string) => [name, `${form}-${name}`])]),
        conflictField: 'contact',
      }) as Promise<FastifyReply>;
    });
  }

  app.post<{ Params: { contactId: string; remedyId: string } }>(contactsPaths.remedyDoneRoute, async (request, reply) => {
    const actor = request.actor!;
    const { contactId, remedyId } = request.params;
    const values = formBody(request.body);
    return handleForm(reply, values, {
      submit: () => contacts.remedyDone(actor, contactId, remedyId, { doneOn: dateFromParts(values, 'doneOn') }),
      redirectTo: () => contactsPaths.contactSaved(contactId, 'action-done'),
      template: T('contact'),
      context: () => contactPage(actor, contactId, values, undefined, `done-${remedyId}`),
      fieldIds: { doneOn: `done-${remedyId}-doneOn-day` },
      conflictField: 'contact',
    });
  });

  await app.register(contactsApiRoutes, { services });
}

function pageContext(view: ContactView, owners: { id: string; name: string }[], values: Record<string, string>, saved: string | undefined, form: string | undefined) {
  return {
    view,
    // The law's and the policy's words say their dates as ISO dates; a page says them as people do.
    deadlineBasis: view.deadline ? withLongDates(view.deadline.basis) : undefined,
    values,
    saved,
    form,
    names: NAMES,
    outcomeItems: outcomeItems(values.outcome),
    remedyItems: remedyItems(values.kind),
    ownerOptions: ownerOptions(owners, values.ownerId, { value: '', text: 'Choose who will do it' }),
    remedies: view.remedies.map((remedy) => ({ ...remedy, amount: pounds(remedy.amountPence) })),
    escalateTo: view.can.escalateToStage2 ? 'stage-2' : view.can.referToOmbudsman ? 'ombudsman' : undefined,
  };
}

const KIND_COLUMNS = CONTACT_KINDS;

/** The report's tables, each figure linked to the register filtered to the contacts it counts. */
function reportContext(report: ContactsReport, today: string) {
  const cell = (count: number, filter: RegisterLink) => ({ count, href: contactsPaths.register(filter) });
  const rows = report.months.map((month) => {
    const byKind = KIND_COLUMNS.map((kind) => {
      const row = report.volumes.find((entry) => entry.month === month && entry.kind === kind)!;
      return {
        kind,
        received: cell(row.received, { month, kind }),
        answered: cell(row.answered, { month, kind, answered: 'any' }),
        within: cell(row.answeredWithinDeadline, { month, kind, answered: 'on-time' }),
      };
    });
    return {
      month,
      byKind,
      outcomes: COMPLAINT_OUTCOMES.map((outcome) => cell(report.outcomes.find((entry) => entry.month === month && entry.outcome === outcome)?.total ?? 0, { month, kind: 'complaint', outcome })),
      themes: COMPLAINT_THEMES.map((theme) => cell(report.themes.find((entry) => entry.month === month && entry.theme === theme)?.total ?? 0, { month, kind: 'complaint', theme })),
    };
  });
  const thisYear = Number(today.slice(0, 4));
  return {
    report,
    rows,
    names: NAMES,
    kinds: KIND_COLUMNS,
    outcomes: COMPLAINT_OUTCOMES,
    themes: COMPLAINT_THEMES,
    years: [thisYear, thisYear - 1, thisYear - 2],
    csvHref: contactsPaths.reportCsv(report.year),
  };
}
