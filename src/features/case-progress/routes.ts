import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../composition.ts';
import { EXCEPTION_REASON_INFO } from '../../domain/clocks/index.ts';
import { RECORDABLE_STEPS, type CaseEventType } from '../../domain/events/index.ts';
import type { Actor } from '../auth/index.ts';
import { dateFromParts, formBody, handleForm, type FormSubmissionBase } from '../../web/forms.ts';
import { childrenPaths } from '../children/index.ts';
import { caseProgressApiSchemas } from './api-schemas.ts';
import { caseProgressPaths } from './paths.ts';

const REASONS = Object.entries(EXCEPTION_REASON_INFO).map(([value, info]) => ({ value, text: info.title, hint: { text: `${info.description} (${info.citation})` } }));
const STEP_TEMPLATE = 'case-progress/templates/record-step.njk';
const EXCEPTION_TEMPLATE = 'case-progress/templates/record-exception.njk';
const CORRECTION_TEMPLATE = 'case-progress/templates/correct-event.njk';

export async function caseProgressRoutes(app: FastifyInstance, { services }: { services: Services }) {
  // The forms show the child and their open case; opening one is a view of the record, logged as such.
  const caseChild = (actor: Actor, childId: string) => services.children.childRecord(actor, childId, 'step-form');

  app.get<{ Params: { childId: string } }>(caseProgressPaths.newStepRoute, async (request, reply) => {
    const record = await caseChild(request.actor!, request.params.childId);
    return reply.page(STEP_TEMPLATE, { record, steps: RECORDABLE_STEPS, values: {} });
  });

  /** A form posted about a child's open case; without one there is nothing to record, so back to the record. */
  const onOpenCase = async <T>(
    request: FastifyRequest<{ Params: { childId: string } }>,
    reply: FastifyReply,
    form: (record: Awaited<ReturnType<typeof caseChild>>, caseId: string, values: Record<string, string>) => FormSubmissionBase<T> & { saved: 'step' | 'exception' },
  ) => {
    const values = formBody(request.body);
    const { childId } = request.params;
    const record = await caseChild(request.actor!, childId);
    if (!record.openCase) return reply.redirect(childrenPaths.record(childId), 303);
    const { saved, ...submission } = form(record, record.openCase.id, values);
    return handleForm(reply, values, { ...submission, redirectTo: () => childrenPaths.recordSaved(childId, saved) });
  };

  app.post<{ Params: { childId: string } }>(caseProgressPaths.newStepRoute, (request, reply) =>
    onOpenCase(request, reply, (record, caseId, values) => ({
      submit: () => services.caseProgress.recordStep(request.actor!, caseId, values.type as CaseEventType, dateFromParts(values, 'occurredOn')),
      saved: 'step',
      template: STEP_TEMPLATE,
      context: () => ({ record, steps: RECORDABLE_STEPS }),
      fieldIds: { occurredOn: 'occurredOn-day' },
      conflictField: 'type',
    })),
  );

  app.get<{ Params: { childId: string } }>(caseProgressPaths.newExceptionRoute, async (request, reply) => {
    const record = await caseChild(request.actor!, request.params.childId);
    return reply.page(EXCEPTION_TEMPLATE, { record, reasons: REASONS, values: {} });
  });

  app.post<{ Params: { childId: string } }>(caseProgressPaths.newExceptionRoute, (request, reply) =>
    onOpenCase(request, reply, (record, caseId, values) => ({
      submit: () => services.caseProgress.recordException(request.actor!, caseId, { reason: values.reason ?? '', evidence: values.evidence ?? '', startsOn: dateFromParts(values, 'startsOn') }),
      saved: 'exception',
      template: EXCEPTION_TEMPLATE,
      context: () => ({ record, reasons: REASONS }),
      fieldIds: { startsOn: 'startsOn-day' },
      conflictField: 'reason',
    })),
  );

  type CorrectionParams = { Params: { caseId: string; eventId: string } };
  /** The step being corrected and the child's name, for the form. */
  const correctionSubject = async (actor: Actor, caseId: string, eventId: string) => {
    const subject = await services.caseProgress.correctionOf(actor, caseId, eventId);
    const { child } = await services.children.childRecord(actor, subject.childId, 'correction-form');
    return { ...subject, childName: child.name };
  };

  app.get<CorrectionParams>(caseProgressPaths.correctRoute, async (request, reply) => {
    const subject = await correctionSubject(request.actor!, request.params.caseId, request.params.eventId);
    return reply.page(CORRECTION_TEMPLATE, { subject, values: {} });
  });

  app.post<CorrectionParams>(caseProgressPaths.correctRoute, async (request, reply) => {
    const values = formBody(request.body);
    const { caseId, eventId } = request.params;
    return handleForm(reply, values, {
      submit: () =>
        services.caseProgress.correctEvent(request.actor!, caseId, eventId, {
          change: values.change ?? '',
          occurredOn: dateFromParts(values, 'occurredOn'),
          reason: values.reason ?? '',
        }),
      redirectTo: ({ childId }) => childrenPaths.recordSaved(childId, 'correction'),
      template: CORRECTION_TEMPLATE,
      context: async () => ({ subject: await correctionSubject(request.actor!, caseId, eventId) }),
      fieldIds: { occurredOn: 'occurredOn-day' },
      conflictField: 'change',
    });
  });

  await caseProgressApiRoutes(app, { services });
}

/**
 * The same steps, exceptions and corrections through the API, with the same service calls (so
 * the same rules and access checks), and the case's history they are recorded in.
 */
async function caseProgressApiRoutes(app: FastifyInstance, { services }: { services: Services }) {
  type CaseParams = { Params: { caseId: string } };
  type EventParams = { Params: { caseId: string; eventId: string } };

  app.get<CaseParams>(caseProgressPaths.api.eventsRoute, { schema: caseProgressApiSchemas.history }, async (request) => {
    const history = await services.caseProgress.caseEvents(request.actor!, request.params.caseId, 'api:history');
    return { caseId: history.caseId, childId: history.childId, reference: history.reference, events: history.events };
  });

  app.get<EventParams>(caseProgressPaths.api.eventRoute, { schema: caseProgressApiSchemas.event }, async (request) =>
    services.caseProgress.caseEventOf(request.actor!, request.params.caseId, request.params.eventId, 'api:history'),
  );

  app.post<CaseParams & { Body: { type: CaseEventType; occurredOn: string } }>(caseProgressPaths.api.eventsRoute, { schema: caseProgressApiSchemas.recordStep }, async (request, reply) => {
    const { caseId } = request.params;
    const event = await services.caseProgress.recordStep(request.actor!, caseId, request.body.type, request.body.occurredOn);
    return reply.code(201).header('location', caseProgressPaths.api.event(caseId, event.id)).send(event);
  });

  app.post<CaseParams & { Body: { reason: string; evidence: string; startsOn: string } }>(
    caseProgressPaths.api.exceptionsRoute,
    { schema: caseProgressApiSchemas.recordException },
    async (request, reply) => {
      const { caseId } = request.params;
      const event = await services.caseProgress.recordException(request.actor!, caseId, request.body);
      return reply.code(201).header('location', caseProgressPaths.api.event(caseId, event.id)).send(event);
    },
  );

  app.post<EventParams & { Body: { change: string; occurredOn?: string; reason: string } }>(
    caseProgressPaths.api.correctionsRoute,
    { schema: caseProgressApiSchemas.correct },
    async (request, reply) => {
      const { caseId, eventId } = request.params;
      const { correction } = await services.caseProgress.correctEvent(request.actor!, caseId, eventId, request.body);
      return reply.code(201).header('location', caseProgressPaths.api.event(caseId, correction.id)).send(correction);
    },
  );
}
