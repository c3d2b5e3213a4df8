import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import type { Actor } from '../auth/index.ts';
import { ROLE_NAMES, STAFF_ROLES } from '../auth/index.ts';
import { dateFromParts, formBody, handleForm } from '../../web/forms.ts';
import { paginationParams } from '../../web/pagination.ts';
import { usersPaths, type UserSaved } from './paths.ts';
import { tokensTable, userDetailsList, usersTable } from './presenters.ts';

const SAVED_MESSAGES: Record<UserSaved, string> = {
  role: 'Role changed. It applies from their next page.',
  capacity: 'Capacity saved. Their caseload capacity follows the full-time equivalent, and the hand-over’s suggestion the day they joined.',
  deactivated: 'Account deactivated. They have been signed out everywhere and their API tokens revoked.',
  reactivated: 'Account reactivated. They can sign in again.',
  'token-revoked': 'API token revoked. It no longer works.',
  'second-factor-reset': 'Second factor reset. They have been signed out everywhere, and set up an authenticator app again at their next sign-in.',
};

const ROLE_HINTS: Record<string, string> = {
  case_officer: 'Holds cases: My cases, finding children, recording requests and steps',
  team_manager: 'The team’s deadlines and the unallocated queue, and every child’s record',
  service_lead: 'As a team manager, for the whole service',
  admin: 'Staff accounts and the audit log, as well as what a manager sees',
  board_member: 'The service’s figures only, never a child’s record',
};

const roleItems = (checked: string | undefined) => STAFF_ROLES.map((role) => ({ value: role, text: ROLE_NAMES[role], hint: { text: ROLE_HINTS[role] }, checked: role === checked }));

type UserParams = { Params: { userId: string } };

export async function userRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const userPage = async (actor: Actor, userId: string) => {
    const found = await services.users.user(actor, userId);
    return { ...found, details: userDetailsList(found.user, found.openCases), tokensTable: tokensTable(found.user, found.tokens) };
  };

  app.get<{ Querystring: { page?: string } }>(usersPaths.list, async (request, reply) => {
    const list = await services.users.listUsers(request.actor!, Number(request.query.page ?? 1));
    return reply.page('users/templates/users.njk', {
      list,
      usersTable: usersTable(list.users, 'Staff accounts'),
      pagination: paginationParams(list.page, list.pageCount, usersPaths.page),
    });
  });

  app.get(usersPaths.newUser, async (request, reply) => {
    services.users.requireAdministrator(request.actor!);
    return reply.page('users/templates/new-user.njk', { values: {}, roleItems: roleItems(undefined) });
  });

  app.post(usersPaths.newUser, async (request, reply) => {
    const values = formBody(request.body);
    return handleForm(reply, values, {
      submit: () => services.users.createUser(request.actor!, { name: values.name ?? '', email: values.email ?? '', role: values.role ?? '' }),
      render: (created) => ({ template: 'users/templates/password-shown.njk', context: { ...created, reason: 'created' } }),
      template: 'users/templates/new-user.njk',
      context: () => ({ roleItems: roleItems(values.role) }),
      conflictField: 'email',
    });
  });

  app.get<UserParams & { Querystring: { saved?: string } }>(usersPaths.userRoute, async (request, reply) => {
    const saved = request.query.saved;
    return reply.page('users/templates/user.njk', {
      ...(await userPage(request.actor!, request.params.userId)),
      // Own keys only: `?saved=constructor` must not reach Object.prototype.
      saved: saved && Object.hasOwn(SAVED_MESSAGES, saved) ? SAVED_MESSAGES[saved as UserSaved] : undefined,
    });
  });

  app.get<UserParams>(usersPaths.roleRoute, async (request, reply) => {
    const { user } = await services.users.user(request.actor!, request.params.userId);
    return reply.page('users/templates/change-role.njk', { user, values: { version: String(user.version) }, roleItems: roleItems(user.role) });
  });

  app.post<UserParams>(usersPaths.roleRoute, async (request, reply) => {
    const values = formBody(request.body);
    const { userId } = request.params;
    return handleForm(reply, values, {
      submit: () => services.users.changeRole(request.actor!, userId, { version: values.version ?? '', role: values.role }),
      redirectTo: () => usersPaths.userSaved(userId, 'role'),
      template: 'users/templates/change-role.njk',
      context: async () => ({ user: (await services.users.user(request.actor!, userId)).user, roleItems: roleItems(values.role) }),
      conflictField: 'role',
    });
  });

  app.get<UserParams>(usersPaths.capacityRoute, async (request, reply) => {
    const { user } = await services.users.user(request.actor!, request.params.userId);
    const [year = '', month = '', day = ''] = user.startedOn.split('-');
    const startedOn = { 'startedOn-day': day.replace(/^0/, ''), 'startedOn-month': month.replace(/^0/, ''), 'startedOn-year': year };
    return reply.page('users/templates/change-capacity.njk', { user, values: { version: String(user.version), fte: user.fte, ...startedOn } });
  });

  app.post<UserParams>(usersPaths.capacityRoute, async (request, reply) => {
    const values = formBody(request.body);
    const { userId } = request.params;
    return handleForm(reply, values, {
      submit: () =>
        services.users.setCapacity(request.actor!, userId, {
          version: values.version ?? '',
          fte: values.fte ?? '',
          // A form without the day they joined (an older page) leaves it as it is.
          ...(['day', 'month', 'year'].some((part) => Object.hasOwn(values, `startedOn-${part}`)) ? { startedOn: dateFromParts(values, 'startedOn') } : {}),
        }),
      redirectTo: () => usersPaths.userSaved(userId, 'capacity'),
      template: 'users/templates/change-capacity.njk',
      context: async () => ({ user: (await services.users.user(request.actor!, userId)).user }),
      conflictField: 'fte',
    });
  });

  /** A page that asks to confirm a change to the account; on a refusal it comes back with the reason. */
  const confirmation = (pattern: string, template: string, act: (actor: Actor, userId: string, values: Record<string, string>) => Promise<unknown>, saved: UserSaved) => {
    app.get<UserParams>(pattern, async (request, reply) => {
      const { user, openCases } = await services.users.user(request.actor!, request.params.userId);
      return reply.page(template, { user, openCases, values: { version: String(user.version) } });
    });
    app.post<UserParams>(pattern, async (request, reply) => {
      const values = formBody(request.body);
      const { userId } = request.params;
      return handleForm(reply, values, {
        submit: () => act(request.actor!, userId, values),
        redirectTo: () => usersPaths.userSaved(userId, saved),
        template,
        context: async () => {
          const { user, openCases } = await services.users.user(request.actor!, userId);
          // The form is made again from the account as it is now.
          return { user, openCases, values: { version: String(user.version) } };
        },
        conflictField: 'confirm',
      });
    });
  };

  confirmation(usersPaths.deactivateRoute, 'users/templates/deactivate.njk', (actor, userId, values) => services.users.deactivate(actor, userId, { version: values.version ?? '' }), 'deactivated');
  confirmation(usersPaths.secondFactorRoute, 'users/templates/reset-second-factor.njk', (actor, userId) => services.users.resetSecondFactor(actor, userId), 'second-factor-reset');

  // Reactivating needs no confirmation: it is a button on the person's page, which a refusal shows again.
  app.post<UserParams>(usersPaths.reactivateRoute, async (request, reply) => {
    const values = formBody(request.body);
    const { userId } = request.params;
    return handleForm(reply, values, {
      submit: () => services.users.reactivate(request.actor!, userId, { version: values.version ?? '' }),
      redirectTo: () => usersPaths.userSaved(userId, 'reactivated'),
      template: 'users/templates/user.njk',
      context: () => userPage(request.actor!, userId),
      conflictField: 'reactivate',
    });
  });

  app.get<UserParams>(usersPaths.passwordRoute, async (request, reply) => {
    const { user } = await services.users.user(request.actor!, request.params.userId);
    return reply.page('users/templates/reset-password.njk', { user });
  });

  app.post<UserParams>(usersPaths.passwordRoute, async (request, reply) => {
    const values = formBody(request.body);
    const { userId } = request.params;
    return handleForm(reply, values, {
      submit: () => services.users.resetPassword(request.actor!, userId),
      render: (reset) => ({ template: 'users/templates/password-shown.njk', context: { ...reset, reason: 'reset' } }),
      template: 'users/templates/reset-password.njk',
      context: async () => ({ user: (await services.users.user(request.actor!, userId)).user }),
      conflictField: 'confirm',
    });
  });

  type TokenParams = { Params: { userId: string; tokenId: string } };
  app.get<TokenParams>(usersPaths.revokeTokenRoute, async (request, reply) => {
    return reply.page('users/templates/revoke-token.njk', await services.users.token(request.actor!, request.params.userId, request.params.tokenId));
  });

  app.post<TokenParams>(usersPaths.revokeTokenRoute, async (request, reply) => {
    const values = formBody(request.body);
    const { userId, tokenId } = request.params;
    return handleForm(reply, values, {
      submit: () => services.users.revokeToken(request.actor!, userId, tokenId),
      redirectTo: () => usersPaths.userSaved(userId, 'token-revoked'),
      template: 'users/templates/revoke-token.njk',
      context: () => services.users.token(request.actor!, userId, tokenId),
      conflictField: 'confirm',
    });
  });
}
