import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { dateFromParts } from '../../web/date-input.ts';
import { formBody, handleForm } from '../../web/forms.ts';
import { childrenPaths } from '../children/index.ts';
import { youngPersonSharingPaths } from './paths.ts';

const TEMPLATE = 'young-person-sharing/templates/record.njk';
type ChildParams = { Params: { childId: string } };

/** The officer's page for a young person's choice whether their family sees the case on the portal. */
export async function youngPersonSharingRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const sharing = services.youngPersonSharing;

  app.get<ChildParams>(youngPersonSharingPaths.recordPattern, async (request, reply) => {
    return reply.page(TEMPLATE, { ...(await sharing.form(request.actor!, request.params.childId)), values: {} });
  });

  app.post<ChildParams>(youngPersonSharingPaths.recordPattern, async (request, reply) => {
    const { childId } = request.params;
    const values = formBody(request.body);
    return handleForm(reply, values, {
      submit: () => sharing.record(request.actor!, childId, { share: values.share ?? '', givenBy: values.givenBy ?? '', givenOn: dateFromParts(values, 'givenOn') }),
      redirectTo: () => `${childrenPaths.recordSaved(childId, 'young-person-choice')}#young-person-choice`,
      template: TEMPLATE,
      context: () => sharing.form(request.actor!, childId),
      fieldIds: { givenOn: 'givenOn-day' },
      conflictField: 'share',
    });
  });
}
