// Allocation through the API: the same service calls as the pages (so the same rules, authority
// and access checks), the write taking an Idempotency-Key.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../composition.ts';
import { sendProblem, STATUS_TITLES } from '../../web/problem.ts';
import { IdempotencyMismatchError } from '../requests/index.ts';
import { allocationApiSchemas } from './api-schemas.ts';
import { allocationPaths } from './paths.ts';
import { OverCapError } from './service.ts';

/**
 * A change of officer's refusals that are the API's 422: no reason for going over the cap, or an
 * Idempotency-Key used before with another request. Anything else goes to the error handler.
 */
function unprocessable(reply: FastifyReply, error: unknown) {
  if (error instanceof OverCapError) {
    const problem = error.problems[0]!;
    return sendProblem(reply, { status: 422, title: STATUS_TITLES[422]!, detail: problem.message, field: problem.field, errors: error.problems });
  }
  if (error instanceof IdempotencyMismatchError) {
    return sendProblem(reply, { status: 422, title: STATUS_TITLES[422]!, detail: error.message, field: 'Idempotency-Key', errors: [{ field: 'Idempotency-Key', message: error.message }] });
  }
  throw error;
}

export async function allocationApiRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get<{ Params: { officerId: string } }>(allocationPaths.api.handoverSuggestion, { schema: allocationApiSchemas.handoverSuggestion }, async (request) => {
    const plan = await services.allocation.handoverPlan(request.actor!, request.params.officerId, 'api:handover');
    return {
      officer: { id: plan.officer.id, name: plan.officer.name, leavingOn: plan.officer.leavingOn },
      cases: plan.cases.map((entry) => ({
        caseId: entry.caseId,
        reference: entry.reference,
        childId: entry.childId,
        weightTenths: entry.weight.tenths,
        weight: entry.weight.explanation,
        schoolName: entry.school?.name ?? null,
        liveAppeal: entry.liveAppeal,
        suggestion: entry.suggestion,
      })),
      recipients: plan.recipients,
      overCap: plan.overCap,
    };
  });

  app.post<{ Body: { from: string; cases: unknown; overCapReason?: string } }>(allocationPaths.api.handovers, { schema: allocationApiSchemas.handOver }, async (request, reply) => {
    const key = request.headers['idempotency-key'];
    try {
      const { result, replayed } = await services.allocation.handOver(
        request.actor!,
        request.body.from,
        { cases: request.body.cases, overCapReason: request.body.overCapReason ?? '' },
        typeof key === 'string' ? { idempotencyKey: key } : {},
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).header('location', allocationPaths.api.caseload).send(result);
    } catch (error) {
      if (!(error instanceof IdempotencyMismatchError)) throw error;
      return sendProblem(reply, { status: 422, title: STATUS_TITLES[422]!, detail: error.message, field: 'Idempotency-Key', errors: [{ field: 'Idempotency-Key', message: error.message }] });
    }
  });

  app.get(allocationPaths.api.caseload, { schema: allocationApiSchemas.caseload }, async (request) => {
    // Each officer's team and today's cover come from the cover feature, beside the counts.
    const [caseload, teamsAndCover] = await Promise.all([services.allocation.caseload(request.actor!), services.cover.teamsAndCover(request.actor!)]);
    return { ...caseload, officers: caseload.officers.map((officer) => ({ ...officer, team: null, cover: null, ...teamsAndCover.get(officer.id) })) };
  });

  app.post<{ Body: { cases?: unknown; officer?: string; overCapReason?: string } }>(allocationPaths.api.allocations, { schema: allocationApiSchemas.allocate }, async (request, reply) => {
    const key = request.headers['idempotency-key'];
    try {
      const { result, replayed } = await services.allocation.allocate(
        request.actor!,
        { cases: request.body.cases ?? [], officer: request.body.officer ?? '', overCapReason: request.body.overCapReason ?? '' },
        typeof key === 'string' ? { idempotencyKey: key } : {},
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).header('location', allocationPaths.api.caseload).send(result);
    } catch (error) {
      return unprocessable(reply, error);
    }
  });

  app.put<{ Params: { caseId: string }; Body: { officer: string; reason: string; currentOfficer: string | null; overCapReason?: string } }>(
    allocationPaths.api.caseOfficerRoute,
    { schema: allocationApiSchemas.reallocate },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      try {
        const { result, replayed } = await services.allocation.reallocate(
          request.actor!,
          request.params.caseId,
          { officer: request.body.officer, reason: request.body.reason, currentOfficerId: request.body.currentOfficer, overCapReason: request.body.overCapReason ?? '' },
          typeof key === 'string' ? { idempotencyKey: key } : {},
        );
        if (replayed) reply.header('idempotent-replayed', 'true');
        return reply.code(200).send(result);
      } catch (error) {
        return unprocessable(reply, error);
      }
    },
  );
}
