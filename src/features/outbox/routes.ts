import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { outboxPaths } from './paths.ts';
import { channelName, moment, recipientText, STATE_NAMES, stateTag } from './presenters.ts';
import { MESSAGE_STATES } from './states.ts';
import type { MessageView } from './service.ts';

function messageRow(message: MessageView) {
  return {
    ...message,
    href: outboxPaths.message(message.id),
    channelName: channelName(message.channel),
    recipient: recipientText(message),
    tag: stateTag(message.state),
    created: moment(message.createdAt),
    nextTry: moment(message.nextTryAt),
    delivered: moment(message.deliveredAt),
    tryAgainPath: outboxPaths.tryAgain(message.id),
  };
}

export async function outboxRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get<{ Querystring: { state?: string } }>(outboxPaths.outbox, async (request, reply) => {
    const outbox = await services.outbox.outbox(request.actor!, { state: request.query.state });
    const total = Object.values(outbox.counts).reduce((sum, count) => sum + (count ?? 0), 0);
    const filters = [
      { text: `All (${total})`, href: outboxPaths.outbox, current: outbox.state === undefined },
      ...MESSAGE_STATES.map((state) => ({ text: `${STATE_NAMES[state]} (${outbox.counts[state] ?? 0})`, href: outboxPaths.outboxOf(state), current: outbox.state === state })),
    ];
    return reply.page('outbox/templates/outbox.njk', {
      outbox,
      filters,
      messages: outbox.messages.map(messageRow),
      showDeadLetters: request.actor!.roles.includes('admin'),
      caption: outbox.state ? STATE_NAMES[outbox.state] : 'The latest letters and e-mails',
    });
  });

  app.get<{ Params: { messageId: string } }>(outboxPaths.messagePattern, async (request, reply) => {
    const message = await services.outbox.message(request.actor!, request.params.messageId);
    return reply.page('outbox/templates/message.njk', { message: messageRow(message) });
  });

  app.get<{ Querystring: { retried?: string } }>(outboxPaths.deadLetters, async (request, reply) => {
    const messages = await services.outbox.deadLetters(request.actor!);
    return reply.page('outbox/templates/dead-letters.njk', { messages: messages.map(messageRow), retried: request.query.retried === '1' });
  });

  app.post<{ Params: { messageId: string } }>(outboxPaths.tryAgainPattern, async (request, reply) => {
    await services.outbox.tryAgain(request.actor!, request.params.messageId);
    return reply.redirect(`${outboxPaths.deadLetters}?retried=1`, 303);
  });
}
