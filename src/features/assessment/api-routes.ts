// The assessment's decisions through the API: the same service calls as the pages (so the same
// rules, authority and access checks), each write taking an Idempotency-Key.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../composition.ts';
import { sendProblem, STATUS_TITLES } from '../../web/problem.ts';
import { IdempotencyMismatchError } from '../requests/index.ts';
import { assessmentApiSchemas } from './api-schemas.ts';
import type { Written } from '../requests/index.ts';
import { assessmentPaths } from './paths.ts';

type CaseParams = { Params: { caseId: string } };
type PanelParams = { Params: { panelId: string } };
type Body = { Body: Record<string, string> };

const keyOf = (request: FastifyRequest) => {
  const key = request.headers['idempotency-key'];
  return typeof key === 'string' ? { idempotencyKey: key } : {};
};

/** 201 with where the result is found; a retry's replayed answer says so. The key's misuse is a 422 naming it. */
async function created<T>(reply: FastifyReply, write: () => Promise<Written<T>>, location: (result: T) => string): Promise<FastifyReply> {
  try {
    const { result, replayed } = await write();
    if (replayed) reply.header('idempotent-replayed', 'true');
    return reply.code(201).header('location', location(result)).send(result);
  } catch (error) {
    if (!(error instanceof IdempotencyMismatchError)) throw error;
    const problem = { field: 'Idempotency-Key', message: error.message };
    return sendProblem(reply, { status: 422, title: STATUS_TITLES[422]!, detail: error.message, field: problem.field, errors: [problem] });
  }
}

export async function assessmentApiRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const decisionsOf = (caseId: string) => () => assessmentPaths.api.decisions(caseId);

  app.get(assessmentPaths.api.panelsRoute, { schema: assessmentApiSchemas.listPanels }, async (request) => services.panels.listPanels(request.actor!));

  app.post<Body>(assessmentPaths.api.panelsRoute, { schema: assessmentApiSchemas.createPanel }, async (request, reply) =>
    created(
      reply,
      () => services.panels.createPanel(request.actor!, { heldOn: request.body.heldOn ?? '', title: request.body.title ?? '' }, keyOf(request)),
      (panel) => assessmentPaths.api.panel(panel.id),
    ),
  );

  app.get<PanelParams>(assessmentPaths.api.panelRoute, { schema: assessmentApiSchemas.agenda }, async (request) => {
    const agenda = await services.panels.agenda(request.actor!, request.params.panelId, 'api:panel');
    return { ...agenda, entries: agenda.entries.map((entry) => ({ ...entry, childName: entry.childName ?? null })) };
  });

  app.post<PanelParams & Body>(assessmentPaths.api.panelCasesRoute, { schema: assessmentApiSchemas.bringToPanel }, async (request, reply) => {
    const { panelId } = request.params;
    return created(
      reply,
      () => services.panels.bringToPanel(request.actor!, request.body.caseId ?? '', { panelId }, keyOf(request)),
      () => assessmentPaths.api.panel(panelId),
    );
  });

  app.post<{ Params: { panelId: string; caseId: string } } & Body>(assessmentPaths.api.recommendationRoute, { schema: assessmentApiSchemas.recordRecommendation }, async (request, reply) => {
    const { panelId, caseId } = request.params;
    return created(
      reply,
      () => services.panels.recordRecommendation(request.actor!, panelId, caseId, { recommendation: request.body.recommendation ?? '', note: request.body.note }, keyOf(request)),
      () => assessmentPaths.api.panel(panelId),
    );
  });

  app.get<CaseParams>(assessmentPaths.api.decisionsRoute, { schema: assessmentApiSchemas.decisionFile }, async (request) => {
    const file = await services.decisions.decisionFile(request.actor!, request.params.caseId, 'api:decisions');
    return {
      caseId: file.caseId,
      childId: file.childId,
      reference: file.reference,
      stage: file.stage,
      waitingOn: file.waitingOn,
      sen2: file.sen2,
      decisions: file.decisions.map(({ panel: _panel, ...decision }) => decision),
      withdrawal: file.withdrawal
        ? { id: file.withdrawal.id, caseId: file.withdrawal.caseId, withdrawnOn: file.withdrawal.withdrawnOn, withdrawnBy: file.withdrawal.withdrawnBy, reason: file.withdrawal.reason, eventId: file.withdrawal.eventId, letterId: file.withdrawal.letterId, standing: file.withdrawal.standing }
        : null,
      panels: file.panels,
      viewsAsked: file.viewsAsked.map(({ askedBy: _askedBy, ...entry }) => entry),
      viewsReceived: file.viewsReceived.map(({ recordedBy: _recordedBy, ...entry }) => entry),
    };
  });

  const decisionInput = (body: Record<string, string>) => ({ outcome: body.outcome ?? '', decidedOn: body.decidedOn ?? '', reasons: body.reasons ?? '' });

  app.post<CaseParams & Body>(assessmentPaths.api.whetherToAssessRoute, { schema: assessmentApiSchemas.decideWhetherToAssess }, async (request, reply) =>
    created(reply, () => services.decisions.decideWhetherToAssess(request.actor!, request.params.caseId, decisionInput(request.body), keyOf(request)), decisionsOf(request.params.caseId)),
  );

  app.post<CaseParams & Body>(assessmentPaths.api.afterAssessmentRoute, { schema: assessmentApiSchemas.decideAfterAssessment }, async (request, reply) =>
    created(reply, () => services.decisions.decideAfterAssessment(request.actor!, request.params.caseId, decisionInput(request.body), keyOf(request)), decisionsOf(request.params.caseId)),
  );

  app.post<CaseParams & Body>(assessmentPaths.api.withdrawalRoute, { schema: assessmentApiSchemas.withdraw }, async (request, reply) =>
    created(
      reply,
      () =>
        services.decisions.withdrawRequest(
          request.actor!,
          request.params.caseId,
          { withdrawnOn: request.body.withdrawnOn ?? '', withdrawnBy: request.body.withdrawnBy ?? '', reason: request.body.reason ?? '' },
          keyOf(request),
        ),
      decisionsOf(request.params.caseId),
    ),
  );

  app.post<CaseParams & Body>(assessmentPaths.api.viewsRequestsRoute, { schema: assessmentApiSchemas.askForViews }, async (request, reply) =>
    created(
      reply,
      () => services.decisions.askForViews(request.actor!, request.params.caseId, { party: request.body.party ?? '', respondBy: request.body.respondBy ?? '' }, keyOf(request)),
      decisionsOf(request.params.caseId),
    ),
  );

  app.post<CaseParams & Body>(assessmentPaths.api.viewsRoute, { schema: assessmentApiSchemas.recordViews }, async (request, reply) =>
    created(
      reply,
      () =>
        services.decisions.recordViews(
          request.actor!,
          request.params.caseId,
          { party: request.body.party ?? '', receivedOn: request.body.receivedOn ?? '', summary: request.body.summary ?? '' },
          keyOf(request),
        ),
      decisionsOf(request.params.caseId),
    ),
  );
}
