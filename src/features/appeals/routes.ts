import type { FastifyInstance, FastifyReply } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import type { Services } from '../../composition.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { dateFromParts, formBody, handleForm } from '../../web/forms.ts';
import { withLongDates } from '../../web/long-date.ts';
import type { Actor } from '../auth/index.ts';
import { appealsApiRoutes } from './api-routes.ts';
import { appealsPaths, isAppealAction, isMediationAction } from './paths.ts';
import { ACTION_KINDS, APPEAL_TYPES, MEDIATION_STATUS_NAMES, ORDER_NAMES, OUTCOMES, PLAN_SECTIONS_APPEALED, STATUS_NAMES, type ReportMonth } from './service.ts';

const T = (name: string) => `appeals/templates/${name}.njk`;
type CaseParams = { Params: { caseId: string } };

const SAVED: Record<string, string> = {
  registered: 'The appeal was registered. The response to the tribunal is on the case’s deadlines.',
  dates: 'The tribunal’s dates were changed.',
  position: 'The decision to defend or concede was recorded.',
  outcome: 'How the appeal ended was recorded.',
  complied: 'The order was recorded as carried out.',
  started: 'The mediation was recorded.',
  held: 'The mediation was recorded as held.',
  certificate: 'The mediation certificate was recorded.',
  actions: 'The agreed action was added.',
  done: 'The agreed action was recorded as done.',
};

/** Checkboxes post one value or many: the service takes a list. */
function many(body: unknown, name: string): string[] {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)];
}

const items = (names: Record<string, string>, selected: string | undefined) => Object.entries(names).map(([value, text]) => ({ value, text, checked: value === selected }));

export async function appealsRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const appeals = services.appeals;

  app.get<{ Querystring: Record<string, string> }>(appealsPaths.registerRoute, async (request, reply) => {
    const register = await appeals.register(request.actor!, request.query);
    const query = { view: register.filter.live ? undefined : 'closed', appealType: register.filter.appealType, status: register.filter.status, officerId: register.filter.officerId };
    return reply.page(T('register'), {
      register,
      typeNames: Object.fromEntries(Object.entries(APPEAL_TYPES).map(([key, type]) => [key, type.name])),
      statusNames: STATUS_NAMES,
      typeItems: [{ value: '', text: 'Any' }, ...Object.entries(APPEAL_TYPES).map(([value, type]) => ({ value, text: type.name, selected: value === register.filter.appealType }))],
      statusItems: [{ value: '', text: 'Any' }, ...Object.entries(STATUS_NAMES).map(([value, text]) => ({ value, text, selected: value === register.filter.status }))],
      officerItems: [{ value: '', text: 'Any' }, ...register.officers.map((officer) => ({ value: officer.id, text: officer.name, selected: officer.id === register.filter.officerId }))],
      liveHref: appealsPaths.register({ ...query, view: undefined }),
      closedHref: appealsPaths.register({ ...query, view: 'closed' }),
      previousHref: register.page > 1 ? appealsPaths.register({ ...query, page: String(register.page - 1) }) : null,
      nextHref: register.page < register.pages ? appealsPaths.register({ ...query, page: String(register.page + 1) }) : null,
      today: appeals.today(),
    });
  });

  app.get<{ Querystring: { settled?: string } }>(appealsPaths.triageRoute, async (request, reply) => {
    // The domain words its findings with ISO dates (as the API keeps them); the page says them as people do.
    const rows = (await appeals.triage(request.actor!)).map((row) => ({ ...row, concerns: row.concerns.map((concern) => ({ ...concern, message: withLongDates(concern.message) })) }));
    return reply.page(T('triage'), { rows, today: appeals.today(), saved: request.query.settled ? 'The decision to settle was recorded, with its reasons.' : undefined });
  });

  app.get<{ Querystring: { from?: string; to?: string } }>(appealsPaths.reportRoute, async (request, reply) => {
    const report = await appeals.report(request.actor!, request.query);
    return reply.page(T('report'), { report, typeNames: Object.fromEntries(Object.entries(APPEAL_TYPES).map(([key, type]) => [key, type.name])), outcomeNames: OUTCOMES, sectionNames: { ...PLAN_SECTIONS_APPEALED, decision: 'The decision' }, csvHref: appealsPaths.reportCsv(report.from, report.to) });
  });

  app.get<{ Querystring: { from?: string; to?: string } }>(appealsPaths.reportCsvRoute, async (request, reply) => {
    const report = await appeals.report(request.actor!, request.query);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="appeals-${report.from}-to-${report.to}.csv"`)
      .header('cache-control', 'no-store')
      .send(reportCsv(report.months));
  });

  app.get<CaseParams & { Querystring: { saved?: string } }>(appealsPaths.caseRoute, async (request, reply) => {
    const overview = await appeals.ofCase(request.actor!, request.params.caseId);
    return reply.page(T('case'), { overview, statusNames: STATUS_NAMES, mediationStatusNames: MEDIATION_STATUS_NAMES, typeNames: Object.fromEntries(Object.entries(APPEAL_TYPES).map(([key, type]) => [key, type.name])) });
  });

  // Registering an appeal, and starting a mediation, on the case.
  const newAppealContext = async (actor: Actor, caseId: string, values: Record<string, string>, sections: string[] = []) => {
    const overview = await appeals.ofCase(actor, caseId);
    return {
      overview,
      values,
      typeItems: items(Object.fromEntries(Object.entries(APPEAL_TYPES).map(([key, type]) => [key, type.name])), values.appealType),
      decisionItems: overview.decisions.map((decision) => ({ value: decision.id, text: `${decision.title}, ${decision.occurredOn}`, checked: decision.id === values.decisionEventId })),
      sectionItems: Object.entries(PLAN_SECTIONS_APPEALED).map(([value, text]) => ({ value, text, checked: sections.includes(value) })),
    };
  };
  app.get<CaseParams>(appealsPaths.newAppealRoute, async (request, reply) => reply.page(T('new-appeal'), await newAppealContext(request.actor!, request.params.caseId, {})));
  app.post<CaseParams>(appealsPaths.newAppealRoute, async (request, reply) => {
    const values = formBody(request.body);
    const sections = many(request.body, 'sections');
    const { caseId } = request.params;
    const dates = ['registeredOn', 'responseDueOn', 'evidenceDueOn', 'hearingOn'];
    return handleForm(reply, values, {
      submit: () =>
        appeals.registerAppeal(request.actor!, caseId, {
          appealType: values.appealType,
          decisionEventId: values.decisionEventId,
          sections,
          tribunalReference: values.tribunalReference,
          ...Object.fromEntries(dates.map((name) => [name, dateFromParts(values, name)])),
        }),
      redirectTo: ({ result }) => appealsPaths.appealSaved(result.appealId, 'registered'),
      template: T('new-appeal'),
      context: () => newAppealContext(request.actor!, caseId, values, sections),
      fieldIds: { ...Object.fromEntries(dates.map((name) => [name, `${name}-day`])), sections: 'sections', appealType: 'appealType', decisionEventId: 'decisionEventId' },
      conflictField: 'appealType',
    });
  });

  const newMediationContext = async (actor: Actor, caseId: string, values: Record<string, string>) => {
    const overview = await appeals.ofCase(actor, caseId);
    return {
      overview,
      values,
      decisionItems: [{ value: '', text: 'Not about one decision', checked: !values.decisionEventId }, ...overview.decisions.map((decision) => ({ value: decision.id, text: `${decision.title}, ${decision.occurredOn}`, checked: decision.id === values.decisionEventId }))],
      wantsItems: [
        { value: 'yes', text: 'Yes: the council must arrange mediation within 30 days', checked: values.wantsMediation === 'yes' },
        { value: 'no', text: 'No: the adviser issues a certificate within 3 working days', checked: values.wantsMediation === 'no' },
      ],
    };
  };
  app.get<CaseParams>(appealsPaths.newMediationRoute, async (request, reply) => reply.page(T('new-mediation'), await newMediationContext(request.actor!, request.params.caseId, {})));
  app.post<CaseParams>(appealsPaths.newMediationRoute, async (request, reply) => {
    const values = formBody(request.body);
    const { caseId } = request.params;
    return handleForm(reply, values, {
      submit: () =>
        appeals.startMediation(request.actor!, caseId, {
          about: values.about,
          decisionEventId: values.decisionEventId,
          adviserContactedOn: dateFromParts(values, 'adviserContactedOn'),
          wantsMediation: values.wantsMediation,
          requestedOn: dateFromParts(values, 'requestedOn'),
        }),
      redirectTo: ({ result }) => appealsPaths.mediationSaved(result.mediationId, 'started'),
      template: T('new-mediation'),
      context: () => newMediationContext(request.actor!, caseId, values),
      fieldIds: { adviserContactedOn: 'adviserContactedOn-day', requestedOn: 'requestedOn-day' },
      conflictField: 'about',
    });
  });

  // An appeal's page and its forms.
  const appealPage = async (actor: Actor, appealId: string, values: Record<string, string>, saved?: string) => {
    const found = await appeals.appeal(actor, appealId);
    const view = { ...found, clocks: found.clocks.map((clock) => ({ ...clock, basis: withLongDates(clock.basis) })), orders: found.orders.map((order) => ({ ...order, basis: withLongDates(order.basis) })) };
    return {
      view,
      values,
      saved: saved && Object.hasOwn(SAVED, saved) ? SAVED[saved] : undefined,
      today: appeals.today(),
      positionItems: [
        { value: 'defend', text: 'Defend the appeal', checked: values.position === 'defend' },
        { value: 'concede', text: 'Concede the appeal', checked: values.position === 'concede' },
      ],
      outcomeItems: (sectionId: string) => items(OUTCOMES, values[`outcome-${sectionId}`]),
      orderItems: [{ value: '', text: 'No order', checked: !values.orderKind }, ...items(ORDER_NAMES, values.orderKind)],
    };
  };
  // From the triage, `?settle=1` opens the decision as a settlement: concede, with the reasons.
  app.get<{ Params: { appealId: string }; Querystring: { saved?: string; settle?: string } }>(appealsPaths.appealRoute, async (request, reply) =>
    reply.page(T('appeal'), await appealPage(request.actor!, request.params.appealId, request.query.settle ? { position: 'concede', settle: 'yes' } : {}, request.query.saved)),
  );
  app.post<{ Params: { appealId: string; action: string } }>(appealsPaths.appealActionRoute, async (request, reply) => {
    const { appealId, action } = request.params;
    if (!isAppealAction(action)) throw new NotFoundError('No such page');
    const values = formBody(request.body);
    const actor = request.actor!;
    const submit = () => {
      switch (action) {
        case 'dates':
          return appeals.updateDates(actor, appealId, { evidenceDueOn: dateFromParts(values, 'evidenceDueOn'), hearingOn: dateFromParts(values, 'hearingOn') });
        case 'position':
          return appeals.decidePosition(actor, appealId, { position: values.position, decidedOn: dateFromParts(values, 'decidedOn'), reasons: values.reasons, settle: values.settle === 'yes' });
        case 'outcome':
          return appeals.recordOutcome(actor, appealId, {
            outcomeOn: dateFromParts(values, 'outcomeOn'),
            outcomes: Object.fromEntries(Object.entries(values).filter(([key]) => key.startsWith('outcome-') && key !== 'outcomeOn').map(([key, value]) => [key.slice('outcome-'.length), value])),
            orderKind: values.orderKind || undefined,
          });
      }
    };
    return handleForm(reply, values, {
      submit: submit as () => Promise<unknown>,
      redirectTo: () => (values.settle === 'yes' ? `${appealsPaths.triage()}?settled=1` : appealsPaths.appealSaved(appealId, action)),
      template: T('appeal'),
      context: async () => ({ ...(await appealPage(actor, appealId, values)), form: action }),
      fieldIds: { evidenceDueOn: 'evidenceDueOn-day', hearingOn: 'hearingOn-day', decidedOn: 'decidedOn-day', outcomeOn: 'outcomeOn-day' },
      conflictField: 'appeal',
    }) as Promise<FastifyReply>;
  });
  app.post<{ Params: { orderId: string } }>(appealsPaths.orderCompliedRoute, async (request, reply) => {
    const values = formBody(request.body);
    const appealId = values.appealId ?? '';
    return handleForm(reply, values, {
      submit: () => appeals.recordOrderComplied(request.actor!, request.params.orderId, { compliedOn: dateFromParts(values, 'compliedOn') }),
      redirectTo: ({ result }) => appealsPaths.appealSaved(result.appealId, 'complied'),
      template: T('appeal'),
      context: async () => ({ ...(await appealPage(request.actor!, appealId, values)), form: 'complied' }),
      fieldIds: { compliedOn: `compliedOn-${request.params.orderId}-day` },
      conflictField: 'appeal',
    });
  });

  // A mediation's page and its forms.
  const mediationPage = async (actor: Actor, mediationId: string, values: Record<string, string>, saved?: string) => ({
    view: await appeals.mediation(actor, mediationId),
    values,
    saved: saved && Object.hasOwn(SAVED, saved) ? SAVED[saved] : undefined,
    today: appeals.today(),
    outcomeItems: [
      { value: 'agreement', text: 'An agreement was reached', checked: values.outcome === 'agreement' },
      { value: 'no-agreement', text: 'No agreement', checked: values.outcome === 'no-agreement' },
    ],
    kindItems: items(ACTION_KINDS, values.kind),
    orderItems: [{ value: '', text: 'Not an appealable issue' }, ...Object.entries(ORDER_NAMES).map(([value, text]) => ({ value, text, selected: value === values.orderKind }))],
  });
  app.get<{ Params: { mediationId: string }; Querystring: { saved?: string } }>(appealsPaths.mediationRoute, async (request, reply) =>
    reply.page(T('mediation'), await mediationPage(request.actor!, request.params.mediationId, {}, request.query.saved)),
  );
  app.post<{ Params: { mediationId: string; action: string } }>(appealsPaths.mediationActionRoute, async (request, reply) => {
    const { mediationId, action } = request.params;
    if (!isMediationAction(action)) throw new NotFoundError('No such page');
    const values = formBody(request.body);
    const actor = request.actor!;
    const submit = () => {
      switch (action) {
        case 'held':
          return appeals.recordMediationHeld(actor, mediationId, { heldOn: dateFromParts(values, 'heldOn'), outcome: values.outcome });
        case 'certificate':
          return appeals.recordCertificate(actor, mediationId, { certificateOn: dateFromParts(values, 'certificateOn') });
        case 'actions':
          return appeals.addAction(actor, mediationId, { description: values.description, kind: values.kind, orderKind: values.orderKind, agreedDueOn: dateFromParts(values, 'agreedDueOn') });
      }
    };
    return handleForm(reply, values, {
      submit: submit as () => Promise<unknown>,
      redirectTo: () => appealsPaths.mediationSaved(mediationId, action),
      template: T('mediation'),
      context: async () => ({ ...(await mediationPage(actor, mediationId, values)), form: action }),
      fieldIds: { heldOn: 'heldOn-day', certificateOn: 'certificateOn-day', agreedDueOn: 'agreedDueOn-day' },
      conflictField: 'mediation',
    }) as Promise<FastifyReply>;
  });
  app.post<{ Params: { actionId: string } }>(appealsPaths.actionDoneRoute, async (request, reply) => {
    const values = formBody(request.body);
    const mediationId = values.mediationId ?? '';
    return handleForm(reply, values, {
      submit: () => appeals.completeAction(request.actor!, request.params.actionId, { doneOn: dateFromParts(values, 'doneOn') }),
      redirectTo: ({ result }) => appealsPaths.mediationSaved(result.mediationId, 'done'),
      template: T('mediation'),
      context: async () => ({ ...(await mediationPage(request.actor!, mediationId, values)), form: 'done' }),
      fieldIds: { doneOn: `doneOn-${request.params.actionId}-day` },
      conflictField: 'mediation',
    });
  });

  await app.register(appealsApiRoutes, { services });
}

/** One row a month: the counts a manager or the improvement board reads. */
export function reportCsv(months: readonly ReportMonth[]): string {
  const types = Object.keys(APPEAL_TYPES);
  const outcomes = Object.keys(OUTCOMES);
  const sections = ['decision', ...Object.keys(PLAN_SECTIONS_APPEALED)];
  const header = [
    'month',
    'registered',
    ...types.map((type) => `registered: ${type}`),
    ...types.flatMap((type) => outcomes.map((outcome) => `outcome: ${type}: ${outcome}`)),
    ...sections.flatMap((section) => outcomes.map((outcome) => `section ${section}: ${outcome}`)),
    'conceded',
    'settled early',
    'orders due',
    'orders carried out in time',
  ];
  const rows = months.map((month) => [
    month.month,
    month.registered,
    ...types.map((type) => month.byType[type] ?? 0),
    ...types.flatMap((type) => outcomes.map((outcome) => month.outcomes[`${type}:${outcome}`] ?? 0)),
    ...sections.flatMap((section) => outcomes.map((outcome) => month.sectionOutcomes[section]?.[outcome] ?? 0)),
    month.conceded,
    month.settledEarly,
    month.ordersDue,
    month.ordersInTime,
  ]);
  return stringify([header, ...rows]);
}
