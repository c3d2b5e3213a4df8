import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../composition.ts';
import { formBody, handleForm } from '../../web/forms.ts';
import { localPath } from '../../web/local-path.ts';
import { ROLE_NAMES } from './actor.ts';
import { authPaths } from './paths.ts';

const T = (name: string) => `auth/templates/${name}.njk`;

/** The second factor's pages (and signing out): reached half signed in. */
const SECOND_FACTOR = { config: { secondFactor: true } } as const;

const signInForm = z.object({
  email: z.string().default(''),
  password: z.string().default(''),
  returnTo: z.string().default(''),
});

/** Only a path on this site: never an address an attacker could send someone on to. */
const safeReturnTo = (value: string | undefined, home: string): string => localPath(value, home);

/**
 * `home` is where someone lands after signing in when no page asked for them: a page for their
 * role's job (My cases for a case officer).
 */
export async function authRoutes(
  app: FastifyInstance,
  { services, home, demoAccountsExempt = false }: { services: Services; home: (roles: readonly string[]) => string; demoAccountsExempt?: boolean },
) {
  app.get<{ Querystring: { returnTo?: string; expired?: string } }>('/sign-in', { config: { public: true } }, async (request, reply) => {
    if (request.actor) return reply.redirect(safeReturnTo(request.query.returnTo, home(request.actor.roles)), 303);
    return reply.page('pages/sign-in.njk', {
      // Empty unless a page asked: then the person's own home, known only once they have signed in.
      returnTo: safeReturnTo(request.query.returnTo, ''),
      expired: request.query.expired === '1',
      demoAccountsExempt,
    });
  });

  app.post('/sign-in', { config: { public: true } }, async (request, reply) => {
    const form = signInForm.parse(request.body ?? {});
    const returnTo = safeReturnTo(form.returnTo, '');
    const errors: { field: string; text: string }[] = [];
    if (!form.email.trim()) errors.push({ field: 'email', text: 'Enter your e-mail address' });
    if (!form.password) errors.push({ field: 'password', text: 'Enter your password' });
    if (errors.length > 0) {
      return reply.code(400).page('pages/sign-in.njk', { errors, email: form.email, returnTo, demoAccountsExempt });
    }
    const result = await services.auth.signIn(form.email, form.password, request.ip);
    switch (result.outcome) {
      case 'signed-in':
        reply.startSession(result.sessionToken);
        // The page asked for comes after the second factor.
        if (result.next !== 'home') {
          const owed = result.next === 'set-up' ? authPaths.secondFactorSetUp : authPaths.secondFactor;
          return reply.redirect(returnTo ? `${owed}?returnTo=${encodeURIComponent(returnTo)}` : owed, 303);
        }
        return reply.redirect(returnTo || home(result.actor.roles), 303);
      case 'wrong-credentials':
        return reply.code(401).page('pages/sign-in.njk', {
          errors: [{ field: 'email', text: 'Enter a correct e-mail address and password' }],
          email: form.email,
          returnTo,
          demoAccountsExempt,
        });
      case 'locked-out':
      case 'address-limited':
        reply.header('retry-after', String(result.retryAfterSeconds));
        return reply.code(429).page('pages/sign-in.njk', {
          errors: [
            {
              field: 'email',
              text: `There have been too many attempts to sign in. Wait ${Math.ceil(result.retryAfterSeconds / 60)} minutes and try again.`,
            },
          ],
          email: form.email,
          returnTo,
          demoAccountsExempt,
        });
    }
  });

  app.post('/sign-out', SECOND_FACTOR, async (request, reply) => {
    const actor = request.actor ?? request.halfSignedIn?.actor;
    if (actor && request.sessionToken) await services.auth.signOut(actor, request.sessionToken);
    reply.endSession();
    return reply.redirect('/signed-out', 303);
  });

  app.get<{ Querystring: { everywhere?: string } }>('/signed-out', { config: { public: true } }, async (request, reply) =>
    reply.page('pages/signed-out-done.njk', { everywhere: request.query.everywhere === '1' }),
  );

  // ---- The second factor: the only pages a half-signed-in session reaches ----

  /** Where a person goes once the second factor is given: the page they asked for, or their home. */
  const afterSecondFactor = (returnTo: string | undefined, roles: readonly string[]) => safeReturnTo(returnTo, '') || home(roles);

  app.get<{ Querystring: { returnTo?: string } }>(authPaths.secondFactorSetUp, SECOND_FACTOR, async (request, reply) => {
    const half = request.halfSignedIn;
    if (!half) return reply.redirect(request.actor ? home(request.actor.roles) : '/sign-in', 303);
    if (half.enrolled) return reply.redirect(authPaths.secondFactor, 303);
    return reply.page(T('set-up'), { setUp: await services.auth.secondFactorSetUp(half.actor, request.sessionToken!), values: { returnTo: safeReturnTo(request.query.returnTo, '') } });
  });

  app.post(authPaths.secondFactorSetUp, SECOND_FACTOR, async (request, reply) => {
    const half = request.halfSignedIn;
    if (!half) return reply.redirect(request.actor ? home(request.actor.roles) : '/sign-in', 303);
    if (half.enrolled) return reply.redirect(authPaths.secondFactor, 303);
    const values = formBody(request.body);
    return handleForm(reply, values, {
      submit: async () => {
        const given = await services.auth.confirmSecondFactorSetUp(half.actor, request.sessionToken!, values.code ?? '', request.ip);
        reply.startSession(given.sessionToken);
        return given;
      },
      // Shown once and kept nowhere: the codes cannot travel through a redirect.
      render: (given) => ({ template: T('recovery-codes'), context: { recoveryCodes: given.recoveryCodes, next: afterSecondFactor(values.returnTo, given.actor.roles) } }),
      template: T('set-up'),
      // The code typed is never shown again.
      context: async () => ({ setUp: await services.auth.secondFactorSetUp(half.actor, request.sessionToken!), values: { returnTo: safeReturnTo(values.returnTo, '') } }),
      conflictField: 'code',
    });
  });

  app.get<{ Querystring: { returnTo?: string } }>(authPaths.secondFactor, SECOND_FACTOR, async (request, reply) => {
    const half = request.halfSignedIn;
    if (!half) return reply.redirect(request.actor ? afterSecondFactor(request.query.returnTo, request.actor.roles) : '/sign-in', 303);
    if (!half.enrolled) return reply.redirect(authPaths.secondFactorSetUp, 303);
    return reply.page(T('second-factor'), { values: { returnTo: safeReturnTo(request.query.returnTo, '') } });
  });

  app.post(authPaths.secondFactor, SECOND_FACTOR, async (request, reply) => {
    const half = request.halfSignedIn;
    if (!half) return reply.redirect(request.actor ? home(request.actor.roles) : '/sign-in', 303);
    if (!half.enrolled) return reply.redirect(authPaths.secondFactorSetUp, 303);
    const values = formBody(request.body);
    return handleForm(reply, values, {
      submit: async () => {
        const given = await services.auth.giveSecondFactor(half.actor, request.sessionToken!, values.code ?? '', request.ip);
        reply.startSession(given.sessionToken);
        return given;
      },
      redirectTo: (given) => afterSecondFactor(values.returnTo, given.actor.roles),
      template: T('second-factor'),
      // The code typed is never shown again.
      context: () => ({ values: { returnTo: safeReturnTo(values.returnTo, '') } }),
      conflictField: 'code',
    });
  });

  app.get<{ Querystring: { changed?: string } }>(authPaths.account, async (request, reply) => {
    const actor = request.actor!;
    const user = await services.staff.getUser(actor, actor.id);
    const secondFactor = await services.auth.secondFactorStatus(actor);
    return reply.page('pages/account.njk', { user, roleName: ROLE_NAMES[user.role], secondFactor, passwordChanged: request.query.changed === 'password' });
  });

  // Every session of the person ends, this one too: a lost laptop, or a session left open elsewhere.
  app.post(authPaths.signOutEverywhere, async (request, reply) => {
    await services.auth.signOutEverywhere(request.actor!);
    reply.endSession();
    return reply.redirect(authPaths.signedOutEverywhere, 303);
  });

  app.get(authPaths.changePassword, async (request, reply) => {
    const actor = request.actor!;
    const user = await services.staff.getUser(actor, actor.id);
    return reply.page('pages/change-password.njk', { user });
  });

  app.post(authPaths.changePassword, async (request, reply) => {
    const actor = request.actor!;
    const values = formBody(request.body);
    return handleForm(reply, values, {
      submit: async () => {
        const changed = await services.auth.changePassword(
          actor,
          request.sessionToken ?? '',
          { currentPassword: values.currentPassword ?? '', newPassword: values.newPassword ?? '', confirmPassword: values.confirmPassword ?? '' },
          request.ip,
        );
        // Every session of the person has ended, this one too: this browser carries on in a new one.
        reply.startSession(changed.sessionToken);
        return changed;
      },
      redirectTo: () => authPaths.accountPasswordChanged,
      template: 'pages/change-password.njk',
      // What was typed is never shown again: the form comes back empty, with its errors.
      context: async () => ({ user: await services.staff.getUser(actor, actor.id) }),
      conflictField: 'currentPassword',
    });
  });
}
