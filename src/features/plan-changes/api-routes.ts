import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../composition.ts';
import { answerKeyedWrite as answered, idempotencyKeyOf as keyOf, type Written } from '../requests/index.ts';
import { ACTION_SCHEMAS, planChangesApiSchemas } from './api-schemas.ts';
import { CHANGE_ACTIONS, planChangesPaths, type ChangeAction } from './paths.ts';
import type { ChangeResult, ChangeView, PlanChangesService } from './service.ts';
import type { Actor } from '../auth/index.ts';

function keyed(reply: FastifyReply, write: () => Promise<Written<ChangeResult>>): Promise<FastifyReply> {
  return answered(reply, write, 201, (result) => planChangesPaths.api.change(result.changeId));
}

type Body = Record<string, string | undefined>;

const ACTION_CALLS: Record<ChangeAction, (service: PlanChangesService, actor: Actor, changeId: string, body: Body, options: { idempotencyKey?: string }) => Promise<Written<ChangeResult>>> = {
  notice: (s, a, id, b, o) => s.sendAmendmentNotice(a, id, b, o),
  representations: (s, a, id, b, o) => response(s, a, id, b, o),
  consultations: (s, a, id, b, o) => response(s, a, id, b, o),
  'amended-plan': (s, a, id, b, o) => s.issueAmendedPlan(a, id, b, o),
  'no-amendment': (s, a, id, b, o) => s.declineAmendment(a, id, b, o),
  'cease-decision': (s, a, id, b, o) => s.decideToCease(a, id, b, o),
  'mediation-certificate': (s, a, id, b, o) => s.recordMediationCertificate(a, id, b, o),
  appeal: (s, a, id, b, o) => s.recordAppeal(a, id, b, o),
  'appeal-outcome': (s, a, id, b, o) => s.recordAppealOutcome(a, id, b, o),
  ceased: (s, a, id, _b, o) => s.cease(a, id, o),
  'reassessment-decision': (s, a, id, b, o) => s.decideReassessment(a, id, b, o),
};

/** A response recorded, answered with the change as it then stands. */
async function response(service: PlanChangesService, actor: Actor, changeId: string, body: Body, options: { idempotencyKey?: string }): Promise<Written<ChangeResult>> {
  const { replayed } = await service.recordResponse(actor, changeId, body, options);
  return { result: asResult(await service.change(actor, changeId, 'api:plan-change')), replayed };
}

function asResult(view: ChangeView): ChangeResult {
  return { changeId: view.id, planId: view.planId, status: view.status, eventId: null, letterId: null, versionNumber: view.versionNumber };
}

export async function planChangesApiRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const changes = services.planChanges;
  type PlanParams = { Params: { planId: string }; Body?: Body };

  app.post<PlanParams>(planChangesPaths.api.amendmentsRoute, { schema: planChangesApiSchemas.startAmendment }, async (request, reply) =>
    keyed(reply, () => changes.startAmendment(request.actor!, request.params.planId, request.body ?? {}, keyOf(request))),
  );
  app.post<PlanParams>(planChangesPaths.api.ceasingRoute, { schema: planChangesApiSchemas.startCeasing }, async (request, reply) =>
    keyed(reply, () => changes.startCeasing(request.actor!, request.params.planId, keyOf(request))),
  );
  app.post<PlanParams>(planChangesPaths.api.reassessmentsRoute, { schema: planChangesApiSchemas.requestReassessment }, async (request, reply) =>
    keyed(reply, () => changes.requestReassessment(request.actor!, request.params.planId, request.body ?? {}, keyOf(request))),
  );

  app.get<{ Params: { changeId: string } }>(planChangesPaths.api.changeRoute, { schema: planChangesApiSchemas.get }, async (request) => changeJson(await changes.change(request.actor!, request.params.changeId, 'api:plan-change')));

  for (const action of CHANGE_ACTIONS) {
    app.post<{ Params: { changeId: string }; Body?: Body }>(`/api/v1/plan-changes/:changeId/${action}`, { schema: ACTION_SCHEMAS[action] }, async (request, reply) =>
      keyed(reply, () => ACTION_CALLS[action](changes, request.actor!, request.params.changeId, request.body ?? {}, keyOf(request))),
    );
  }
}

function changeJson(view: ChangeView) {
  return {
    id: view.id,
    planId: view.planId,
    kind: view.kind,
    status: view.status,
    startedOn: view.startedOn,
    noticeOn: view.noticeOn,
    decidedOn: view.decidedOn,
    endedOn: view.endedOn,
    reviewMeetingOn: view.reviewMeetingOn,
    reasonCode: view.reasonCode,
    reasons: view.reasons,
    versionNumber: view.versionNumber,
    baseVersionNumber: view.baseVersionNumber,
    ceasesOn: view.ceasesOn,
    responses: view.responses,
    deadlines: view.deadlines,
    difference: view.difference,
  };
}
