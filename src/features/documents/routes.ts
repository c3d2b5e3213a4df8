import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../composition.ts';
import { formBody, handleForm } from '../../web/forms.ts';
import type { Actor } from '../auth/index.ts';
import { childrenPaths } from '../children/index.ts';
import { documentsApiSchemas, TOO_LARGE } from './api-schemas.ts';
import { ACCEPT_ATTRIBUTE } from './content.ts';
import { sendAttachment } from './download.ts';
import { multipartForms } from './multipart.ts';
import { documentsPaths } from './paths.ts';
import type { DocumentDownload } from './service.ts';

const NEW_DOCUMENT_TEMPLATE = 'documents/templates/new-document.njk';

/** Sends a document's bytes as a download. */
function sendDownload(reply: FastifyReply, { document, file }: DocumentDownload): FastifyReply {
  return sendAttachment(reply, document, file);
}

export async function documentsRoutes(app: FastifyInstance, { services }: { services: Services }) {
  await multipartForms(app);

  // The form shows the child and their open case; opening it is a view of the record, logged as such.
  const caseChild = (actor: Actor, childId: string) => services.children.childRecord(actor, childId, 'document-form');

  app.get<{ Params: { childId: string } }>(documentsPaths.newDocumentRoute, async (request, reply) => {
    const record = await caseChild(request.actor!, request.params.childId);
    return reply.page(NEW_DOCUMENT_TEMPLATE, { record, accept: ACCEPT_ATTRIBUTE, values: {} });
  });

  app.post<{ Params: { childId: string } }>(documentsPaths.newDocumentRoute, { config: { multipart: true } }, async (request, reply) => {
    const values = formBody(request.body);
    const { childId } = request.params;
    const record = await caseChild(request.actor!, childId);
    if (!record.openCase) return reply.redirect(childrenPaths.record(childId), 303);
    const caseId = record.openCase.id;
    return handleForm(reply, { title: values.title ?? '' }, {
      submit: () => services.documents.upload(request.actor!, caseId, { title: values.title ?? '', file: request.upload }),
      redirectTo: () => childrenPaths.recordSaved(childId, 'document'),
      template: NEW_DOCUMENT_TEMPLATE,
      context: () => ({ record, accept: ACCEPT_ATTRIBUTE }),
      conflictField: 'file',
    });
  });

  app.get<{ Params: { documentId: string } }>(documentsPaths.downloadRoute, async (request, reply) =>
    sendDownload(reply, await services.documents.download(request.actor!, request.params.documentId)),
  );

  type CaseParams = { Params: { caseId: string } };
  app.post<CaseParams & { Body: { title: string } }>(
    documentsPaths.api.caseDocumentsRoute,
    { schema: documentsApiSchemas.upload, config: { multipart: true } },
    async (request, reply) => {
      // Over the limit is said as HTTP says it; the form says it beside the file field instead.
      if (request.upload?.truncated) throw Object.assign(new Error(TOO_LARGE), { statusCode: 413 });
      const created = await services.documents.upload(request.actor!, request.params.caseId, { title: request.body.title, file: request.upload });
      return reply.code(201).header('location', documentsPaths.api.document(created.id)).send(created);
    },
  );

  app.get<{ Params: { documentId: string } }>(documentsPaths.api.documentRoute, { schema: documentsApiSchemas.download }, async (request, reply) =>
    sendDownload(reply, await services.documents.download(request.actor!, request.params.documentId, 'api:document')),
  );
}
