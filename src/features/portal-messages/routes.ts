import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { formBody, handleForm } from '../../web/forms.ts';
import { signedIn } from '../portal-auth/index.ts';
import { portalMessagesPaths } from './paths.ts';

const T = (name: string) => `portal-messages/templates/${name}.njk`;

/** Portal pages for a signed-in person. */
const SIGNED_IN = { config: { portal: true } } as const;

/** The portal's inbox and its preferences, for every kind of account; and the officer's page of a child's portal messages. */
export async function portalMessagesRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const messages = services.portalMessages;


  app.get(portalMessagesPaths.inbox, SIGNED_IN, async (request, reply) => {
    const actor = signedIn(request, reply);
    if (!actor) return reply;
    return reply.page(T('inbox'), { inbox: await messages.inbox(actor) });
  });

  app.get<{ Querystring: { saved?: string } }>(portalMessagesPaths.preferences, SIGNED_IN, async (request, reply) => {
    const actor = signedIn(request, reply);
    if (!actor) return reply;
    const { emailEach } = await messages.preferences(actor);
    return reply.page(T('preferences'), { values: { delivery: emailEach ? 'email' : 'portal' }, saved: request.query.saved === '1' });
  });

  app.post(portalMessagesPaths.preferences, SIGNED_IN, async (request, reply) => {
    const actor = signedIn(request, reply);
    if (!actor) return reply;
    const values = formBody(request.body);
    return handleForm(reply, values, {
      submit: () => messages.savePreferences(actor, { delivery: values.delivery ?? '' }),
      redirectTo: () => portalMessagesPaths.preferencesSaved,
      template: T('preferences'),
      context: () => ({}),
      conflictField: 'delivery',
    });
  });

  app.get<{ Params: { messageId: string } }>(portalMessagesPaths.messagePattern, SIGNED_IN, async (request, reply) => {
    const actor = signedIn(request, reply);
    if (!actor) return reply;
    return reply.page(T('message'), { message: await messages.message(actor, request.params.messageId) });
  });

  app.get<{ Params: { childId: string } }>(portalMessagesPaths.childMessagesPattern, async (request, reply) => {
    const { childId } = request.params;
    return reply.page(T('child-messages'), { childId, messages: await messages.childMessages(request.actor!, childId) });
  });
}
