import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { answerKeyedWrite, idempotencyKeyOf } from '../requests/index.ts';
import { contactsApiSchemas } from './api-schemas.ts';
import { contactsPaths } from './paths.ts';
import type { ContactView, NewContactInput, RegisterQuery } from './service.ts';

export async function contactsApiRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const contacts = services.contacts;

  app.get<{ Querystring: RegisterQuery }>(contactsPaths.api.contactsRoute, { schema: contactsApiSchemas.list }, async (request) => {
    const register = await contacts.register(request.actor!, request.query);
    return {
      contacts: register.rows.map((row) => ({
        id: row.id,
        reference: row.reference,
        kind: row.kind,
        source: row.source,
        status: row.status,
        stage: row.stage,
        receivedOn: row.receivedOn,
        ownerId: row.ownerId,
        ownerName: row.ownerName,
        childId: row.child?.id ?? null,
        childName: row.child?.name ?? null,
        clock: row.clock,
      })),
      total: register.total,
      page: register.page,
      pages: register.pages,
    };
  });

  app.get<{ Params: { contactId: string } }>('/api/v1/contacts/:contactId', { schema: contactsApiSchemas.get }, async (request) =>
    contactJson(await contacts.contact(request.actor!, request.params.contactId, 'api:contact')),
  );

  app.post<{ Body?: NewContactInput }>(contactsPaths.api.contactsRoute, { schema: contactsApiSchemas.create }, async (request, reply) =>
    answerKeyedWrite(reply, () => contacts.logContact(request.actor!, request.body ?? {}, idempotencyKeyOf(request)), 201, (result) => contactsPaths.api.contact(result.contactId)),
  );
}

function contactJson(view: ContactView) {
  return {
    id: view.id,
    reference: view.reference,
    kind: view.kind,
    channel: view.channel,
    source: view.source,
    childId: view.child?.id ?? null,
    ownerId: view.ownerId,
    fromName: view.fromName,
    summary: view.summary,
    theme: view.theme,
    receivedOn: view.receivedOn,
    status: view.status,
    stage: view.stage,
    outcome: view.outcome,
    dueOn: view.dueOn,
    respondedOn: view.respondedOn,
    responseSummary: view.responseSummary,
    closedOn: view.closedOn,
    clock: view.clock ? { dueOn: view.clock.dueOn, status: view.clock.status, daysRemaining: view.clock.daysRemaining, daysLate: view.clock.daysLate } : null,
    stages: view.stages.map((stage) => ({ stage: stage.stage, receivedOn: stage.receivedOn, dueOn: stage.dueOn, respondedOn: stage.respondedOn, outcome: stage.outcome, ombudsmanReference: stage.ombudsmanReference })),
    remedies: view.remedies.map((remedy) => ({ id: remedy.id, kind: remedy.kind, description: remedy.description, amountPence: remedy.amountPence, ownerId: remedy.ownerId, dueOn: remedy.dueOn, doneOn: remedy.doneOn })),
  };
}
