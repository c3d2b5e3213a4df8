import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { formBody, handleForm } from '../../web/forms.ts';
import { ACCEPT_ATTRIBUTE, multipartForms } from '../documents/index.ts';
import { signedIn } from '../portal-auth/index.ts';
import { portalProfessionalPaths } from './paths.ts';

const T = (name: string) => `portal-professional/templates/${name}.njk`;

/** Portal pages for a signed-in person. */
const SIGNED_IN = { config: { portal: true } } as const;

type RequestParams = { Params: { requestId: string } };

/** The advice giver's pages: their awaited requests for advice, and sending the advice for one. */
export async function portalProfessionalRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const portal = services.portalProfessional;
  // Written advice of up to 20,000 characters, each up to 4 bytes in UTF-8.
  await multipartForms(app, { fieldSize: 80_000 });


  app.get<{ Querystring: { sent?: string } }>(portalProfessionalPaths.requests, SIGNED_IN, async (request, reply) => {
    const actor = signedIn(request, reply);
    if (!actor) return reply;
    return reply.page(T('requests'), { requests: await portal.requests(actor), sent: request.query.sent === '1' });
  });

  app.get<RequestParams>(portalProfessionalPaths.requestPattern, SIGNED_IN, async (request, reply) => {
    const actor = signedIn(request, reply);
    if (!actor) return reply;
    return reply.page(T('request'), { request: await portal.request(actor, request.params.requestId), accept: ACCEPT_ATTRIBUTE, values: {} });
  });

  // Only the request in the address is written to: any other field naming a child or a case is ignored.
  app.post<RequestParams>(portalProfessionalPaths.requestPattern, { config: { portal: true, multipart: true } }, async (request, reply) => {
    const actor = signedIn(request, reply);
    if (!actor) return reply;
    const values = formBody(request.body);
    const { requestId } = request.params;
    const version = /^\d{1,9}$/.test(values.version ?? '') ? Number(values.version) : undefined;
    return handleForm(reply, values, {
      submit: () => portal.sendAdvice(actor, requestId, { adviceText: values.adviceText ?? '', file: request.upload, version }),
      redirectTo: () => portalProfessionalPaths.requestsAfterSending,
      template: T('request'),
      context: async () => ({ request: await portal.request(actor, requestId), accept: ACCEPT_ATTRIBUTE }),
      conflictField: 'adviceText',
    });
  });
}
