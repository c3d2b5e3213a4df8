import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../composition.ts';
import { sendProblem, STATUS_TITLES } from '../../web/problem.ts';
import { dateFromParts, formBody, handleForm } from '../../web/forms.ts';
import { ACCEPT_ATTRIBUTE, multipartForms, TOO_LARGE } from '../documents/index.ts';
import type { Actor } from '../auth/index.ts';
import { IdempotencyMismatchError } from '../requests/index.ts';
import { adviceApiSchemas } from './api-schemas.ts';
import { advicePaths, type AdviceSaved } from './paths.ts';
import { adviceCard, BODY_ITEMS, dueBasisName, GROUND_ITEMS, KIND_ITEMS, standingTag } from './presenters.ts';
import type { AdviceRequestView, AdviceService } from './service.ts';

const TEMPLATES = {
  caseAdvice: 'advice/templates/case-advice.njk',
  ask: 'advice/templates/ask-for-advice.njk',
  received: 'advice/templates/advice-received.njk',
  close: 'advice/templates/close-request.njk',
  exception: 'advice/templates/advice-exception.njk',
  late: 'advice/templates/late-advice.njk',
} as const;

const SAVED: Record<AdviceSaved, string> = {
  requested: 'Advice asked for.',
  received: 'Advice received and added to the case’s documents.',
  declined: 'Recorded as declined.',
  withdrawn: 'Request withdrawn.',
  exception: 'Exception recorded.',
};

/** The date inputs' day boxes, where the error summary points. */
const DATE_FIELDS = { sentOn: 'sentOn-day', receivedByBodyOn: 'receivedByBodyOn-day', receivedOn: 'receivedOn-day' };

const version = (value: string | undefined) => (value && /^\d{1,9}$/.test(value) ? Number(value) : undefined);

export async function adviceRoutes(app: FastifyInstance, { services }: { services: Services }) {
  await multipartForms(app);
  const advice = services.advice;

  type CaseParams = { Params: { caseId: string } };
  type RequestParams = { Params: { requestId: string } };

  app.get<CaseParams & { Querystring: { saved?: string } }>(advicePaths.caseAdviceRoute, async (request, reply) => {
    const found = await advice.caseAdvice(request.actor!, request.params.caseId);
    const saved = request.query.saved;
    return reply.page(TEMPLATES.caseAdvice, {
      advice: found,
      cards: found.requests.map(adviceCard),
      saved: saved && Object.hasOwn(SAVED, saved) ? SAVED[saved as AdviceSaved] : undefined,
    });
  });

  const askContext = (adviceCase: Awaited<ReturnType<AdviceService['adviceCase']>>) => ({ adviceCase, kinds: KIND_ITEMS, bodies: BODY_ITEMS });
  app.get<CaseParams>(advicePaths.newRequestRoute, async (request, reply) => {
    const adviceCase = await advice.adviceCase(request.actor!, request.params.caseId);
    // The day sent starts as today: a request sent from the service now.
    const [year, month, day] = adviceCase.today.split('-');
    return reply.page(TEMPLATES.ask, { ...askContext(adviceCase), values: { 'sentOn-day': String(Number(day)), 'sentOn-month': String(Number(month)), 'sentOn-year': year } });
  });

  app.post<CaseParams>(advicePaths.newRequestRoute, async (request, reply) => {
    const values = formBody(request.body);
    const { caseId } = request.params;
    return handleForm(reply, values, {
      submit: () =>
        advice.askForAdvice(request.actor!, caseId, {
          kind: values.kind ?? '',
          organisation: values.organisation ?? '',
          organisationType: values.organisationType ?? '',
          professionalName: values.professionalName,
          channel: values.channel ?? '',
          address: (values.channel === 'post' ? values.postalAddress : values.email) ?? '',
          sentOn: dateFromParts(values, 'sentOn'),
          receivedByBodyOn: dateFromParts(values, 'receivedByBodyOn') || undefined,
          qualifiedTeacherNote: values.qualifiedTeacherNote,
        }),
      redirectTo: () => advicePaths.caseAdviceSaved(caseId, 'requested'),
      template: TEMPLATES.ask,
      context: async () => askContext(await advice.adviceCase(request.actor!, caseId)),
      fieldIds: { ...DATE_FIELDS, address: values.channel === 'post' ? 'postalAddress' : 'email' },
      conflictField: 'kind',
    });
  });

  /** A form about one request: the request and its case, to show again with any errors. */
  const requestForm =
    (template: string, extra: Record<string, unknown> = {}) =>
    async (requestId: string, actor: Actor) => {
      const found = await advice.adviceRequest(actor, requestId, 'advice-form');
      return { template, context: { ...found, card: adviceCard(found.request), ...extra } };
    };
  const receivedForm = requestForm(TEMPLATES.received, { accept: ACCEPT_ATTRIBUTE });
  const closeForm = requestForm(TEMPLATES.close);
  const exceptionForm = requestForm(TEMPLATES.exception, { grounds: GROUND_ITEMS });

  app.get<RequestParams>(advicePaths.receivedRoute, async (request, reply) => {
    const form = await receivedForm(request.params.requestId, request.actor!);
    return reply.page(form.template, { ...form.context, values: {} });
  });

  app.post<RequestParams>(advicePaths.receivedRoute, { config: { multipart: true } }, async (request, reply) => {
    const values = formBody(request.body);
    const { requestId } = request.params;
    return handleForm(reply, values, {
      submit: () => advice.recordAdviceReceived(request.actor!, requestId, { receivedOn: dateFromParts(values, 'receivedOn'), file: request.upload, version: version(values.version) }),
      redirectTo: (saved: AdviceRequestView) => advicePaths.caseAdviceSaved(saved.caseId, 'received'),
      template: TEMPLATES.received,
      context: async () => (await receivedForm(requestId, request.actor!)).context,
      fieldIds: DATE_FIELDS,
      conflictField: 'receivedOn',
    });
  });

  app.get<RequestParams>(advicePaths.closeRoute, async (request, reply) => {
    const form = await closeForm(request.params.requestId, request.actor!);
    return reply.page(form.template, { ...form.context, values: {} });
  });

  app.post<RequestParams>(advicePaths.closeRoute, async (request, reply) => {
    const values = formBody(request.body);
    const { requestId } = request.params;
    return handleForm(reply, values, {
      submit: () => advice.closeRequest(request.actor!, requestId, { status: values.status ?? '', reason: values.reason ?? '', version: version(values.version) }),
      redirectTo: (saved: AdviceRequestView) => advicePaths.caseAdviceSaved(saved.caseId, saved.status === 'declined' ? 'declined' : 'withdrawn'),
      template: TEMPLATES.close,
      context: async () => (await closeForm(requestId, request.actor!)).context,
      conflictField: 'status',
    });
  });

  app.get<RequestParams>(advicePaths.exceptionRoute, async (request, reply) => {
    const form = await exceptionForm(request.params.requestId, request.actor!);
    return reply.page(form.template, { ...form.context, values: {} });
  });

  app.post<RequestParams>(advicePaths.exceptionRoute, async (request, reply) => {
    const values = formBody(request.body);
    const { requestId } = request.params;
    return handleForm(reply, values, {
      submit: () => advice.recordException(request.actor!, requestId, { ground: values.ground ?? '', reason: values.reason ?? '', version: version(values.version) }),
      redirectTo: (saved: AdviceRequestView) => advicePaths.caseAdviceSaved(saved.caseId, 'exception'),
      template: TEMPLATES.exception,
      context: async () => (await exceptionForm(requestId, request.actor!)).context,
      conflictField: 'ground',
    });
  });

  app.get<{ Querystring: { organisation?: string } }>(advicePaths.late, async (request, reply) => {
    const late = await advice.lateAdvice(request.actor!, { organisation: request.query.organisation });
    return reply.page(TEMPLATES.late, {
      late,
      rows: late.late.map((entry) => ({ ...entry, tag: standingTag({ state: 'late', daysLate: entry.daysLate }), dueBasisName: dueBasisName(entry.dueBasis) })),
      organisationItems: [
        { value: '', text: 'All organisations', selected: !late.organisation },
        ...late.organisations.map((entry) => ({ value: entry.organisation, text: `${entry.organisation} (${entry.late})`, selected: entry.organisation === late.organisation })),
      ],
    });
  });

  await adviceApiRoutes(app, advice);
}

/** 422 for a key used with another request; anything else as the app answers it. */
function idempotencyProblem(reply: FastifyReply, error: unknown): FastifyReply {
  if (!(error instanceof IdempotencyMismatchError)) throw error;
  const problem = { field: 'Idempotency-Key', message: error.message };
  return sendProblem(reply, { status: 422, title: STATUS_TITLES[422]!, detail: error.message, field: problem.field, errors: [problem] });
}

/** The same through the API, with the same service calls (so the same rules and access checks). */
async function adviceApiRoutes(app: FastifyInstance, advice: AdviceService) {
  type CaseParams = { Params: { caseId: string } };
  type RequestParams = { Params: { requestId: string } };
  const sendCreated = (reply: FastifyReply, outcome: { replayed: boolean; result: AdviceRequestView }) => {
    if (outcome.replayed) reply.header('idempotent-replayed', 'true');
    return reply.code(201).header('location', advicePaths.api.request(outcome.result.id)).send(outcome.result);
  };
  const keyOf = (headers: Record<string, unknown>) => (typeof headers['idempotency-key'] === 'string' ? headers['idempotency-key'] : undefined);

  app.get<CaseParams>(advicePaths.api.caseRequestsRoute, { schema: adviceApiSchemas.list }, async (request) => {
    const found = await advice.caseAdvice(request.actor!, request.params.caseId, 'api:advice');
    return { caseId: found.case.caseId, adviceRequests: found.requests };
  });

  app.get<RequestParams>(advicePaths.api.requestRoute, { schema: adviceApiSchemas.one }, async (request) => (await advice.adviceRequest(request.actor!, request.params.requestId, 'api:advice')).request);

  app.post<CaseParams & { Body: Parameters<AdviceService['askForAdvice']>[2] }>(advicePaths.api.caseRequestsRoute, { schema: adviceApiSchemas.create }, async (request, reply) => {
    const key = keyOf(request.headers);
    try {
      const outcome = key
        ? await advice.askForAdviceIdempotently(request.actor!, request.params.caseId, key, request.body)
        : { replayed: false, result: await advice.askForAdvice(request.actor!, request.params.caseId, request.body) };
      return sendCreated(reply, outcome);
    } catch (error) {
      return idempotencyProblem(reply, error);
    }
  });

  app.post<RequestParams & { Body: { receivedOn: string; title?: string; version?: string } }>(
    advicePaths.api.adviceRoute,
    { schema: adviceApiSchemas.submit, config: { multipart: true } },
    async (request, reply) => {
      // Over the limit is said as HTTP says it; the form says it beside the file field instead.
      if (request.upload?.truncated) throw Object.assign(new Error(TOO_LARGE), { statusCode: 413 });
      const input = { receivedOn: request.body.receivedOn, file: request.upload, title: request.body.title, version: version(request.body.version) };
      const key = keyOf(request.headers);
      try {
        const outcome = key
          ? await advice.recordAdviceReceivedIdempotently(request.actor!, request.params.requestId, key, input)
          : { replayed: false, result: await advice.recordAdviceReceived(request.actor!, request.params.requestId, input) };
        return sendCreated(reply, outcome);
      } catch (error) {
        return idempotencyProblem(reply, error);
      }
    },
  );

  app.post<RequestParams & { Body: { ground: string; reason: string; version?: number } }>(advicePaths.api.exceptionRoute, { schema: adviceApiSchemas.exception }, async (request) =>
    advice.recordException(request.actor!, request.params.requestId, request.body),
  );

  app.post<RequestParams & { Body: { status: string; reason: string; version?: number } }>(advicePaths.api.closureRoute, { schema: adviceApiSchemas.closure }, async (request) =>
    advice.closeRequest(request.actor!, request.params.requestId, request.body),
  );

  app.get<{ Querystring: { organisation?: string } }>(advicePaths.api.late, { schema: adviceApiSchemas.late }, async (request) => {
    const late = await advice.lateAdvice(request.actor!, { organisation: request.query.organisation }, 'api:late-advice');
    return {
      scope: late.scope,
      total: late.total,
      late: late.late.map(({ id, caseId, reference, childId, childName, kind, organisation, professionalName, sentOn, dueOn, dueBasis, daysLate, chases }) => ({
        id,
        caseId,
        reference,
        childId,
        childName,
        kind,
        organisation,
        professionalName,
        sentOn,
        dueOn,
        dueBasis,
        daysLate,
        chases,
      })),
    };
  });
}
