// Documents uploaded as evidence of an action: the form (a multipart form, read up to the limit
// and no further) and the download. Registered as a plugin of their own, so only these routes
// take multipart forms.
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { formBody, handleForm } from '../../web/forms.ts';
import type { Actor } from '../auth/index.ts';
import { acceptAttribute, multipartForms, sendAttachment } from '../documents/index.ts';
import { improvementPlanPaths as paths } from './paths.ts';
import { EVIDENCE_TYPES } from './service.ts';

const TEMPLATE = 'improvement-plan/templates/evidence-document-form.njk';
const ACCEPT = acceptAttribute(EVIDENCE_TYPES);
type ActionParams = { Params: { actionId: string } };

export async function improvementEvidenceRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const plans = services.improvementPlan;
  await multipartForms(app);

  const context = async (actor: Actor, actionId: string) => {
    const found = await plans.actionForOwner(actor, actionId);
    return { action: found.action, area: found.area, backHref: paths.action(actionId), accept: ACCEPT };
  };

  app.get<ActionParams>(paths.evidenceDocumentRoute, async (request, reply) => {
    return reply.page(TEMPLATE, { ...(await context(request.actor!, request.params.actionId)), values: {} });
  });

  app.post<ActionParams>(paths.evidenceDocumentRoute, { config: { multipart: true } }, async (request, reply) => {
    const values = formBody(request.body);
    const actor = request.actor!;
    const { actionId } = request.params;
    return handleForm(reply, { title: values.title ?? '' }, {
      submit: () => plans.addEvidenceDocument(actor, actionId, { title: values.title, file: request.upload }),
      redirectTo: () => paths.saved(paths.action(actionId), 'evidence-document'),
      template: TEMPLATE,
      context: () => context(actor, actionId),
      conflictField: 'file',
    });
  });

  app.get<{ Params: { evidenceId: string } }>(paths.evidenceDownloadRoute, async (request, reply) => {
    const { document, file } = await plans.evidenceDocument(request.actor!, request.params.evidenceId);
    return sendAttachment(reply, document, file);
  });
}
