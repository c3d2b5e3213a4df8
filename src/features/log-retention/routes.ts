import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { LOG_RETENTION_RULES } from '../../domain/retention/index.ts';
import type { Actor } from '../auth/index.ts';
import { formBody, handleForm } from '../../web/forms.ts';
import { logRetentionPaths } from './paths.ts';
import { retentionTable } from './presenters.ts';

const TEMPLATE = 'log-retention/templates/retention.njk';

export async function logRetentionRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const page = async (actor: Actor) => {
    const settings = await services.logRetention.settings(actor);
    return { ...settings, rules: LOG_RETENTION_RULES, table: retentionTable(settings.logs) };
  };

  app.get<{ Querystring: { saved?: string } }>(logRetentionPaths.settings, async (request, reply) => {
    const context = await page(request.actor!);
    const values = Object.fromEntries(context.logs.map((log) => [log.log, String(log.years)]));
    return reply.page(TEMPLATE, { ...context, values, saved: request.query.saved === '1' });
  });

  app.post(logRetentionPaths.settings, async (request, reply) => {
    const values = formBody(request.body);
    return handleForm(reply, values, {
      submit: () => services.logRetention.setRetention(request.actor!, values),
      redirectTo: () => logRetentionPaths.saved,
      template: TEMPLATE,
      context: () => page(request.actor!),
      conflictField: 'audit_event',
    });
  });
}
