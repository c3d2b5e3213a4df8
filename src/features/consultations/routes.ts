import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { dateFromParts, formBody, handleForm } from '../../web/forms.ts';
import type { Actor } from '../auth/index.ts';
import { answerKeyedWrite as answered, idempotencyKeyOf as keyOf, type Written } from '../requests/index.ts';
import { consultationsApiSchemas } from './api-schemas.ts';
import { consultationsPaths, type ConsultationSaved } from './paths.ts';
import { BASIS_ITEMS, consultationCard, familyResponse, KIND_ITEMS, SECTION_ITEMS } from './presenters.ts';
import type { ConsultationsService, ConsultationView } from './service.ts';

const TEMPLATES = {
  caseConsultations: 'consultations/templates/case-consultations.njk',
  consult: 'consultations/templates/consult-school.njk',
  familyResponse: 'consultations/templates/family-response.njk',
  response: 'consultations/templates/record-response.njk',
  chase: 'consultations/templates/chase.njk',
  withdraw: 'consultations/templates/withdraw.njk',
  overdue: 'consultations/templates/overdue.njk',
} as const;

const SAVED: Record<ConsultationSaved, string> = {
  consulted: 'School consulted.',
  answered: 'The school’s answer is recorded.',
  chased: 'Reminder sent to the school.',
  withdrawn: 'Consultation withdrawn.',
  representation: 'The family’s response is recorded.',
};

/** The date inputs' day boxes, where the error summary points. */
const DATE_FIELDS = { sentOn: 'sentOn-day', respondedOn: 'respondedOn-day', receivedOn: 'receivedOn-day' };

const version = (value: string | undefined) => (value && /^\d{1,9}$/.test(value) ? Number(value) : undefined);

/** A date input's boxes filled with a day, for a form that starts on today. */
function dateValues(name: string, date: string): Record<string, string> {
  const [year, month, day] = date.split('-');
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year ?? '' };
}

export async function consultationsRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const consultations = services.consultations;

  type CaseParams = { Params: { caseId: string } };
  type ConsultationParams = { Params: { consultationId: string } };

  app.get<CaseParams & { Querystring: { saved?: string } }>(consultationsPaths.caseConsultationsRoute, async (request, reply) => {
    const found = await consultations.caseConsultations(request.actor!, request.params.caseId);
    const saved = request.query.saved;
    return reply.page(TEMPLATES.caseConsultations, {
      found,
      cards: found.consultations.map(consultationCard),
      family: familyResponse(found.representations),
      saved: saved && Object.hasOwn(SAVED, saved) ? SAVED[saved as ConsultationSaved] : undefined,
    });
  });

  app.get<CaseParams>(consultationsPaths.newConsultationRoute, async (request, reply) => {
    const consultationCase = await consultations.consultationCase(request.actor!, request.params.caseId);
    return reply.page(TEMPLATES.consult, { consultationCase, bases: BASIS_ITEMS, values: dateValues('sentOn', consultationCase.today) });
  });

  app.post<CaseParams>(consultationsPaths.newConsultationRoute, async (request, reply) => {
    const values = formBody(request.body);
    const { caseId } = request.params;
    return handleForm(reply, values, {
      submit: () =>
        consultations.consultSchool(request.actor!, caseId, {
          urn: values.urn ?? '',
          basis: values.basis ?? '',
          contactName: values.contactName ?? '',
          contactEmail: values.contactEmail ?? '',
          sentOn: dateFromParts(values, 'sentOn'),
        }),
      redirectTo: () => consultationsPaths.caseConsultationsSaved(caseId, 'consulted'),
      template: TEMPLATES.consult,
      context: async () => ({ consultationCase: await consultations.consultationCase(request.actor!, caseId), bases: BASIS_ITEMS }),
      fieldIds: DATE_FIELDS,
      conflictField: 'urn',
    });
  });

  const familyContext = async (actor: Actor, caseId: string) => ({ consultationCase: await consultations.consultationCase(actor, caseId), kinds: KIND_ITEMS, sections: SECTION_ITEMS });
  app.get<CaseParams>(consultationsPaths.familyResponseRoute, async (request, reply) => {
    const context = await familyContext(request.actor!, request.params.caseId);
    return reply.page(TEMPLATES.familyResponse, { ...context, values: dateValues('receivedOn', context.consultationCase.today) });
  });

  app.post<CaseParams>(consultationsPaths.familyResponseRoute, async (request, reply) => {
    const values = formBody(request.body);
    const { caseId } = request.params;
    return handleForm(reply, values, {
      submit: () =>
        consultations.recordRepresentation(request.actor!, caseId, {
          kind: values.kind ?? '',
          section: values.section,
          words: values.words,
          urn: values.urn,
          receivedOn: dateFromParts(values, 'receivedOn'),
        }),
      redirectTo: () => consultationsPaths.caseConsultationsSaved(caseId, 'representation'),
      template: TEMPLATES.familyResponse,
      context: () => familyContext(request.actor!, caseId),
      fieldIds: DATE_FIELDS,
      conflictField: 'kind',
    });
  });

  /** A form about one consultation: it and its case, to show again with any errors. */
  const consultationForm = async (actor: Actor, consultationId: string) => {
    const found = await consultations.consultation(actor, consultationId);
    return { ...found, card: consultationCard(found.consultation) };
  };
  const savedTo = (saved: ConsultationSaved) => (written: Written<ConsultationView>) => consultationsPaths.caseConsultationsSaved(written.result.caseId, saved);

  app.get<ConsultationParams>(consultationsPaths.responseRoute, async (request, reply) => {
    const context = await consultationForm(request.actor!, request.params.consultationId);
    return reply.page(TEMPLATES.response, { ...context, values: dateValues('respondedOn', context.case.today) });
  });

  app.post<ConsultationParams>(consultationsPaths.responseRoute, async (request, reply) => {
    const values = formBody(request.body);
    const { consultationId } = request.params;
    return handleForm(reply, values, {
      submit: () =>
        consultations.recordResponse(request.actor!, consultationId, {
          response: values.response ?? '',
          reasons: values.reasons ?? '',
          respondedOn: dateFromParts(values, 'respondedOn'),
          version: version(values.version),
        }),
      redirectTo: savedTo('answered'),
      template: TEMPLATES.response,
      context: () => consultationForm(request.actor!, consultationId),
      fieldIds: DATE_FIELDS,
      conflictField: 'response',
    });
  });

  app.get<ConsultationParams>(consultationsPaths.chaseRoute, async (request, reply) => {
    const context = await consultationForm(request.actor!, request.params.consultationId);
    return reply.page(TEMPLATES.chase, { ...context, values: {} });
  });

  app.post<ConsultationParams>(consultationsPaths.chaseRoute, async (request, reply) => {
    const values = formBody(request.body);
    const { consultationId } = request.params;
    return handleForm(reply, values, {
      submit: () => consultations.chase(request.actor!, consultationId, { version: version(values.version) }),
      redirectTo: savedTo('chased'),
      template: TEMPLATES.chase,
      context: () => consultationForm(request.actor!, consultationId),
      conflictField: 'chase',
    });
  });

  app.get<ConsultationParams>(consultationsPaths.withdrawRoute, async (request, reply) => {
    const context = await consultationForm(request.actor!, request.params.consultationId);
    return reply.page(TEMPLATES.withdraw, { ...context, values: {} });
  });

  app.post<ConsultationParams>(consultationsPaths.withdrawRoute, async (request, reply) => {
    const values = formBody(request.body);
    const { consultationId } = request.params;
    return handleForm(reply, values, {
      submit: () => consultations.withdraw(request.actor!, consultationId, { reason: values.reason ?? '', version: version(values.version) }),
      redirectTo: savedTo('withdrawn'),
      template: TEMPLATES.withdraw,
      context: () => consultationForm(request.actor!, consultationId),
      conflictField: 'reason',
    });
  });

  app.get(consultationsPaths.overdue, async (request, reply) => {
    const overdue = await consultations.overdue(request.actor!);
    return reply.page(TEMPLATES.overdue, { overdue });
  });

  await consultationsApiRoutes(app, consultations);
}

/** The same through the API, with the same service calls (so the same rules and access checks). */
async function consultationsApiRoutes(app: FastifyInstance, consultations: ConsultationsService) {
  type CaseParams = { Params: { caseId: string } };
  type ConsultationParams = { Params: { consultationId: string } };
  type Body = { Body: Record<string, string> };
  type VersionBody = { Body: Record<string, string | number | undefined> };
  const inCase = (result: ConsultationView) => consultationsPaths.api.caseConsultations(result.caseId);

  app.get<CaseParams>(consultationsPaths.api.caseConsultationsRoute, { schema: consultationsApiSchemas.list }, async (request) => {
    const found = await consultations.caseConsultations(request.actor!, request.params.caseId, 'api:consultations');
    return { caseId: found.case.caseId, draftIssuedOn: found.case.draftIssuedOn, commentsDueOn: found.case.commentsDueOn, consultations: found.consultations, representations: found.representations };
  });

  app.post<CaseParams & Body>(consultationsPaths.api.caseConsultationsRoute, { schema: consultationsApiSchemas.create }, async (request, reply) => {
    const { caseId } = request.params;
    const body = request.body;
    return answered(
      reply,
      () => consultations.consultSchool(request.actor!, caseId, { urn: String(body.urn ?? ''), basis: body.basis ?? '', contactName: body.contactName ?? '', contactEmail: body.contactEmail ?? '', sentOn: body.sentOn ?? '' }, keyOf(request)),
      201,
      () => consultationsPaths.api.caseConsultations(caseId),
    );
  });

  app.post<ConsultationParams & VersionBody>(consultationsPaths.api.responseRoute, { schema: consultationsApiSchemas.response }, async (request, reply) => {
    const body = request.body;
    const input = {
      response: String(body.response ?? ''),
      reasons: String(body.reasons ?? ''),
      respondedOn: String(body.respondedOn ?? ''),
      ...(typeof body.version === 'number' ? { version: body.version } : {}),
    };
    return answered(reply, () => consultations.recordResponse(request.actor!, request.params.consultationId, input, keyOf(request)), 200, inCase);
  });

  app.post<ConsultationParams & VersionBody>(consultationsPaths.api.chaseRoute, { schema: consultationsApiSchemas.chase }, async (request, reply) => {
    const body = request.body ?? {};
    const input = typeof body.version === 'number' ? { version: body.version } : {};
    return answered(reply, () => consultations.chase(request.actor!, request.params.consultationId, input, keyOf(request)), 200, inCase);
  });

  app.post<CaseParams & Body>(consultationsPaths.api.representationsRoute, { schema: consultationsApiSchemas.representation }, async (request, reply) => {
    const { caseId } = request.params;
    const body = request.body;
    return answered(
      reply,
      () =>
        consultations.recordRepresentation(
          request.actor!,
          caseId,
          { kind: body.kind ?? '', section: body.section, words: body.words, urn: body.urn === undefined ? undefined : String(body.urn), receivedOn: body.receivedOn ?? '' },
          keyOf(request),
        ),
      201,
      () => consultationsPaths.api.caseConsultations(caseId),
    );
  });
}

