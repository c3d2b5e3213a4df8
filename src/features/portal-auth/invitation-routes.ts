import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { formBody, handleForm } from '../../web/forms.ts';
import { CASEWORK_ROLES, hasRole, requireRole } from '../auth/index.ts';
import { OUTBOX_ROLES, outboxPaths } from '../outbox/index.ts';
import { portalAuthPaths } from './paths.ts';

const T = (name: string) => `portal-auth/templates/${name}.njk`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type ChildParams = { Params: { childId: string } };
type AccountParams = { Params: { accountId: string }; Querystring: { invited?: string; disabled?: string } };

/** The officers' pages: inviting a family member, a school's administrator or an advice giver, and an account's page. */
export async function portalInvitationRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const portal = services.portalAuth;

  app.get<ChildParams>(portalAuthPaths.inviteFamilyPattern, async (request, reply) => {
    const choices = await portal.familyInvitationChoices(request.actor!, request.params.childId);
    return reply.page(T('invite-family'), { choices, values: {} });
  });

  app.post<ChildParams>(portalAuthPaths.inviteFamilyPattern, async (request, reply) => {
    const values = formBody(request.body);
    const { childId } = request.params;
    return handleForm(reply, values, {
      submit: () => portal.inviteFamilyMember(request.actor!, childId, { who: values.who ?? '', email: values.email ?? '' }),
      redirectTo: ({ accountId, messageId }) => portalAuthPaths.accountInvited(accountId, messageId),
      template: T('invite-family'),
      context: async () => ({ choices: await portal.familyInvitationChoices(request.actor!, childId) }),
      conflictField: 'who',
    });
  });

  app.get(portalAuthPaths.inviteSchool, async (request, reply) => {
    return reply.page(T('invite-school'), { values: {} });
  });

  app.post(portalAuthPaths.inviteSchool, async (request, reply) => {
    const values = formBody(request.body);
    return handleForm(reply, values, {
      submit: () => portal.inviteSchoolAdministrator(request.actor!, { urn: values.urn ?? '', name: values.name ?? '', email: values.email ?? '' }),
      redirectTo: ({ accountId, messageId }) => portalAuthPaths.accountInvited(accountId, messageId),
      template: T('invite-school'),
      context: () => ({}),
      conflictField: 'email',
    });
  });

  app.get(portalAuthPaths.inviteProfessional, async (request, reply) => {
    requireRole(request.actor!, ...CASEWORK_ROLES);
    return reply.page(T('invite-professional'), { values: {} });
  });

  app.post(portalAuthPaths.inviteProfessional, async (request, reply) => {
    const values = formBody(request.body);
    return handleForm(reply, values, {
      submit: () => portal.inviteProfessional(request.actor!, { name: values.name ?? '', email: values.email ?? '', organisation: values.organisation ?? '', adviceKind: values.adviceKind ?? '' }),
      redirectTo: ({ accountId, messageId }) => portalAuthPaths.accountInvited(accountId, messageId),
      template: T('invite-professional'),
      context: () => ({}),
      conflictField: 'email',
    });
  });

  app.get<AccountParams>(portalAuthPaths.accountPattern, async (request, reply) => {
    const account = await portal.account(request.actor!, request.params.accountId);
    const invited = request.query.invited;
    // The invitation just sent, shown from the outbox to those who may read it there.
    const invitation = invited && UUID.test(invited) ? { href: hasRole(request.actor!, ...OUTBOX_ROLES) ? outboxPaths.message(invited) : undefined } : undefined;
    return reply.page(T('account'), { account, invitation, disabled: request.query.disabled === '1' });
  });

  app.post<AccountParams>(portalAuthPaths.disablePattern, async (request, reply) => {
    const { accountId } = request.params;
    return handleForm(reply, formBody(request.body), {
      submit: () => portal.disableAccount(request.actor!, accountId),
      redirectTo: () => `${portalAuthPaths.account(accountId)}?disabled=1`,
      template: T('account'),
      context: async () => ({ account: await portal.account(request.actor!, accountId) }),
      conflictField: 'disable',
    });
  });
}
