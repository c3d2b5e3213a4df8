import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../composition.ts';
import { answerKeyedWrite, idempotencyKeyOf as keyOf, type Written } from '../requests/index.ts';
import { appealsApiSchemas } from './api-schemas.ts';
import { appealsPaths } from './paths.ts';
import type { AppealResult } from './service.ts';

function keyed<T extends AppealResult>(reply: FastifyReply, write: () => Promise<Written<T>>): Promise<FastifyReply> {
  return answerKeyedWrite(reply, write, 201, (result) => appealsPaths.appeal(result.appealId));
}

type Body = Record<string, unknown>;
const str = (value: unknown) => (typeof value === 'string' ? value : undefined);

export async function appealsApiRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const appeals = services.appeals;

  app.get<{ Querystring: Record<string, string> }>(appealsPaths.apiListRoute, { schema: appealsApiSchemas.list }, async (request) => {
    const register = await appeals.register(request.actor!, request.query);
    return {
      appeals: register.rows.map((row) => ({
        id: row.id,
        caseId: row.caseId,
        caseReference: row.reference,
        appealType: row.appealType,
        status: row.status,
        tribunalReference: row.tribunalReference,
        registeredOn: row.registeredOn,
        responseDueOn: row.responseDueOn,
        hearingOn: row.hearingOn,
        position: row.position,
        concludedOn: row.concludedOn,
        orderDueOn: row.openOrderDueOn,
        officer: row.officerName,
      })),
      total: register.total,
      page: register.page,
      pages: register.pages,
    };
  });

  app.post<{ Params: { caseId: string }; Body?: Body }>(appealsPaths.apiRegisterRoute, { schema: appealsApiSchemas.register }, async (request, reply) => {
    const input = request.body ?? {};
    return keyed(reply, () =>
      appeals.registerAppeal(
        request.actor!,
        request.params.caseId,
        {
          appealType: str(input.appealType),
          decisionEventId: str(input.decisionEventId),
          sections: Array.isArray(input.sections) ? input.sections.map(String) : [],
          tribunalReference: str(input.tribunalReference),
          registeredOn: str(input.registeredOn),
          responseDueOn: str(input.responseDueOn),
          evidenceDueOn: str(input.evidenceDueOn),
          hearingOn: str(input.hearingOn),
        },
        keyOf(request),
      ),
    );
  });

  app.post<{ Params: { appealId: string }; Body?: Body }>(appealsPaths.apiOutcomeRoute, { schema: appealsApiSchemas.outcome }, async (request, reply) => {
    const input = request.body ?? {};
    const outcomes = typeof input.outcomes === 'object' && input.outcomes !== null ? (input.outcomes as Record<string, string>) : {};
    return keyed(reply, () => appeals.recordOutcome(request.actor!, request.params.appealId, { outcomeOn: str(input.outcomeOn), outcomes, orderKind: str(input.orderKind) }, keyOf(request)));
  });

  app.post<{ Params: { orderId: string }; Body?: Body }>(appealsPaths.apiOrderCompliedRoute, { schema: appealsApiSchemas.complied }, async (request, reply) =>
    keyed(reply, () => appeals.recordOrderComplied(request.actor!, request.params.orderId, { compliedOn: str((request.body ?? {}).compliedOn) }, keyOf(request))),
  );
}
