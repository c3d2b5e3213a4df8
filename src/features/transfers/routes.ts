import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { SEN_NEED_TYPES } from '../../domain/plans/index.ts';
import { REQUEST_SOURCES } from '../../domain/sen2/index.ts';
import { dateFromParts, formBody, handleForm } from '../../web/forms.ts';
import type { Actor } from '../auth/index.ts';
import { answerKeyedWrite as answered, idempotencyKeyOf as keyOf, type Written } from '../requests/index.ts';
import { transfersApiSchemas } from './api-schemas.ts';
import { transfersPaths, type TransferSaved } from './paths.ts';
import type { TransfersService, TransferView } from './service.ts';

const TEMPLATES = {
  caseTransfers: 'transfers/templates/case-transfers.njk',
  transferOut: 'transfers/templates/transfer-out.njk',
  planSent: 'transfers/templates/plan-sent.njk',
  transferIn: 'transfers/templates/transfer-in.njk',
  familyTold: 'transfers/templates/family-told.njk',
} as const;

const SAVED: Record<TransferSaved, string> = {
  out: 'The move to another council is recorded.',
  sent: 'The plan is recorded as sent to the new council. The case is closed as transferred.',
  in: 'The plan received from the other council is recorded.',
  told: 'The family is recorded as told.',
};

const DATE_FIELDS = {
  moveDate: 'moveDate-day',
  learntOn: 'learntOn-day',
  sentOn: 'sentOn-day',
  planReceivedOn: 'planReceivedOn-day',
  lastReviewOn: 'lastReviewOn-day',
  toldOn: 'toldOn-day',
  requestReceivedOn: 'requestReceivedOn-day',
  requestSource: 'requestSource',
};

/** The choices of the papers' fieldset: who made the request (RequestSource) and the types of need (SENtype). */
const PAPERS_CHOICES = {
  requestSources: Object.entries(REQUEST_SOURCES).map(([value, text]) => ({ value, text })),
  needTypes: Object.entries(SEN_NEED_TYPES).map(([value, text]) => ({ value, text })),
};

/** The optional papers' fields, as the form and the API name them. */
const papersOf = (values: Record<string, string | undefined>, requestReceivedOn: string) => ({
  oldLaCode: values.oldLaCode ?? '',
  requestReceivedOn,
  requestSource: values.requestSource ?? '',
  primaryNeed: values.primaryNeed ?? '',
  secondaryNeed: values.secondaryNeed ?? '',
  placementUrn: values.placementUrn ?? '',
  placementSettingType: values.placementSettingType ?? '',
});

function dateValues(name: string, date: string): Record<string, string> {
  const [year, month, day] = date.split('-');
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year ?? '' };
}

export async function transfersRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const transfers = services.transfers;
  type CaseParams = { Params: { caseId: string } };
  type ChildParams = { Params: { childId: string } };
  type TransferParams = { Params: { transferId: string } };
  const savedTo = (saved: TransferSaved) => (written: Written<TransferView>) => transfersPaths.caseTransfersSaved(written.result.caseId, saved);

  app.get<CaseParams & { Querystring: { saved?: string } }>(transfersPaths.caseTransfersRoute, async (request, reply) => {
    const found = await transfers.caseTransfers(request.actor!, request.params.caseId);
    const saved = request.query.saved;
    return reply.page(TEMPLATES.caseTransfers, { found, saved: saved && Object.hasOwn(SAVED, saved) ? SAVED[saved as TransferSaved] : undefined });
  });

  app.get<CaseParams>(transfersPaths.transferOutRoute, async (request, reply) => {
    const transferCase = await transfers.transferCase(request.actor!, request.params.caseId);
    return reply.page(TEMPLATES.transferOut, { transferCase, values: dateValues('learntOn', transferCase.today) });
  });

  app.post<CaseParams>(transfersPaths.transferOutRoute, async (request, reply) => {
    const values = formBody(request.body);
    const { caseId } = request.params;
    return handleForm(reply, values, {
      submit: () => transfers.recordTransferOut(request.actor!, caseId, { newCouncil: values.newCouncil ?? '', moveDate: dateFromParts(values, 'moveDate'), learntOn: dateFromParts(values, 'learntOn') }),
      redirectTo: savedTo('out'),
      template: TEMPLATES.transferOut,
      context: async () => ({ transferCase: await transfers.transferCase(request.actor!, caseId) }),
      fieldIds: DATE_FIELDS,
      conflictField: 'newCouncil',
    });
  });

  const transferForm = (actor: Actor, transferId: string) => transfers.transfer(actor, transferId);

  app.get<TransferParams>(transfersPaths.planSentRoute, async (request, reply) => {
    const context = await transferForm(request.actor!, request.params.transferId);
    return reply.page(TEMPLATES.planSent, { ...context, values: dateValues('sentOn', context.case.today) });
  });

  app.post<TransferParams>(transfersPaths.planSentRoute, async (request, reply) => {
    const values = formBody(request.body);
    const { transferId } = request.params;
    return handleForm(reply, values, {
      submit: () => transfers.recordPlanSent(request.actor!, transferId, { sentOn: dateFromParts(values, 'sentOn'), recipientName: values.recipientName ?? '', recipientEmail: values.recipientEmail ?? '' }),
      redirectTo: savedTo('sent'),
      template: TEMPLATES.planSent,
      context: () => transferForm(request.actor!, transferId),
      fieldIds: DATE_FIELDS,
      conflictField: 'recipientName',
    });
  });

  app.get<ChildParams>(transfersPaths.transferInRoute, async (request, reply) => {
    const transferChild = await transfers.transferInChild(request.actor!, request.params.childId);
    return reply.page(TEMPLATES.transferIn, { transferChild, ...PAPERS_CHOICES, values: dateValues('planReceivedOn', transferChild.today) });
  });

  app.post<ChildParams>(transfersPaths.transferInRoute, async (request, reply) => {
    const values = formBody(request.body);
    const { childId } = request.params;
    return handleForm(reply, values, {
      submit: () =>
        transfers.recordTransferIn(request.actor!, childId, {
          oldCouncil: values.oldCouncil ?? '',
          moveDate: dateFromParts(values, 'moveDate'),
          planReceivedOn: dateFromParts(values, 'planReceivedOn'),
          lastReviewOn: dateFromParts(values, 'lastReviewOn'),
          ...papersOf(values, dateFromParts(values, 'requestReceivedOn')),
        }),
      redirectTo: savedTo('in'),
      template: TEMPLATES.transferIn,
      context: async () => ({ transferChild: await transfers.transferInChild(request.actor!, childId), ...PAPERS_CHOICES }),
      fieldIds: DATE_FIELDS,
      conflictField: 'oldCouncil',
    });
  });

  app.get<TransferParams>(transfersPaths.familyToldRoute, async (request, reply) => {
    const context = await transferForm(request.actor!, request.params.transferId);
    return reply.page(TEMPLATES.familyTold, { ...context, values: dateValues('toldOn', context.case.today) });
  });

  app.post<TransferParams>(transfersPaths.familyToldRoute, async (request, reply) => {
    const values = formBody(request.body);
    const { transferId } = request.params;
    return handleForm(reply, values, {
      submit: () => transfers.recordFamilyTold(request.actor!, transferId, { toldOn: dateFromParts(values, 'toldOn') }),
      redirectTo: savedTo('told'),
      template: TEMPLATES.familyTold,
      context: () => transferForm(request.actor!, transferId),
      fieldIds: DATE_FIELDS,
      conflictField: 'toldOn-day',
    });
  });

  await transfersApiRoutes(app, transfers);
}

/** The same through the API, with the same service calls (so the same rules and access checks). */
async function transfersApiRoutes(app: FastifyInstance, transfers: TransfersService) {
  type CaseParams = { Params: { caseId: string } };
  type ChildParams = { Params: { childId: string } };
  type TransferParams = { Params: { transferId: string } };
  type Body = { Body: Record<string, string> };
  const inCase = (result: TransferView) => transfersPaths.api.caseTransfers(result.caseId);

  app.get<CaseParams>(transfersPaths.api.caseTransfersRoute, { schema: transfersApiSchemas.list }, async (request) => {
    const found = await transfers.caseTransfers(request.actor!, request.params.caseId, 'api:transfers');
    return { caseId: found.case.caseId, open: found.case.open, transfers: found.transfers };
  });

  app.post<CaseParams & Body>(transfersPaths.api.transferOutRoute, { schema: transfersApiSchemas.transferOut }, async (request, reply) => {
    const body = request.body;
    return answered(reply, () => transfers.recordTransferOut(request.actor!, request.params.caseId, { newCouncil: body.newCouncil ?? '', moveDate: body.moveDate ?? '', learntOn: body.learntOn ?? '' }, keyOf(request)), 201, inCase);
  });

  app.post<TransferParams & Body>(transfersPaths.api.planSentRoute, { schema: transfersApiSchemas.planSent }, async (request, reply) => {
    const body = request.body;
    return answered(
      reply,
      () => transfers.recordPlanSent(request.actor!, request.params.transferId, { sentOn: body.sentOn ?? '', recipientName: body.recipientName ?? '', recipientEmail: body.recipientEmail ?? '' }, keyOf(request)),
      200,
      inCase,
    );
  });

  app.post<ChildParams & Body>(transfersPaths.api.transferInRoute, { schema: transfersApiSchemas.transferIn }, async (request, reply) => {
    const body = request.body;
    return answered(
      reply,
      () =>
        transfers.recordTransferIn(
          request.actor!,
          request.params.childId,
          { oldCouncil: body.oldCouncil ?? '', moveDate: body.moveDate ?? '', planReceivedOn: body.planReceivedOn ?? '', lastReviewOn: body.lastReviewOn ?? '', ...papersOf(body, body.requestReceivedOn ?? '') },
          keyOf(request),
        ),
      201,
      inCase,
    );
  });
}
