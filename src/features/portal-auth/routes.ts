import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../composition.ts';
import { isEmailAddress } from '../../lib/email-address.ts';
import { formBody, handleForm } from '../../web/forms.ts';
import { chosenLanguage, LANGUAGE_COOKIE, type Translate } from '../../web/i18n.ts';
import { localPath } from '../../web/local-path.ts';
import type { PortalActor } from '../auth/index.ts';
import { portalAuthPaths } from './paths.ts';

const T = (name: string) => `portal-auth/templates/${name}.njk`;

/** Portal pages reachable before signing in. */
const OPEN = { config: { portal: true, public: true } } as const;
/** Portal pages for a signed-in person, the second-factor pages among them. */
const SIGNED_IN = { config: { portal: true } } as const;


/** Where a person signed in goes next: the second factor while it is owed, otherwise the page asked for. */
export function owedSecondFactor(actor: PortalActor): string | undefined {
  if (actor.secondFactor !== 'pending') return undefined;
  return actor.totpSetUp ? portalAuthPaths.secondFactor : portalAuthPaths.secondFactorSetUp;
}

/**
 * The person signed in to the portal with any second factor they owe given; otherwise undefined,
 * the reply already sent on to the second factor. Every portal page behind sign-in starts here.
 */
export function signedIn(request: FastifyRequest, reply: FastifyReply): PortalActor | undefined {
  const actor = request.portalActor!;
  const owed = owedSecondFactor(actor);
  if (owed) {
    void reply.redirect(owed, 303);
    return undefined;
  }
  return actor;
}

/**
 * The portal's sign-in, for people outside the council: their own pages, their own session cookie
 * (a staff session is not read here), CSRF on every form. Plain English throughout.
 */
export async function portalAuthRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const portal = services.portalAuth;
  /** The words of the language the person chose, for messages made here rather than in a template. */
  const translator = (request: FastifyRequest): Translate => app.catalogue.translator(chosenLanguage(app.catalogue, request.cookies?.[LANGUAGE_COOKIE]).code);

  app.get<{ Querystring: { expired?: string } }>(portalAuthPaths.signIn, OPEN, async (request, reply) => {
    if (request.portalActor) return reply.redirect(owedSecondFactor(request.portalActor) ?? portalAuthPaths.home, 303);
    return reply.page(T('sign-in'), { values: {}, expired: request.query.expired === '1' });
  });

  app.post(portalAuthPaths.signIn, OPEN, async (request, reply) => {
    const values = formBody(request.body);
    const email = (values.email ?? '').trim();
    const t = translator(request);
    const problem = !email ? t('portal-auth.signIn.emailMissing') : !isEmailAddress(email) ? t('portal-auth.signIn.emailFormat') : undefined;
    if (problem) return reply.code(400).page(T('sign-in'), { values, errors: [{ field: 'email', text: problem }] });
    const result = await portal.requestSignInLink(email, request.ip);
    if (result.outcome === 'limited') {
      reply.header('retry-after', String(result.retryAfterSeconds));
      const minutes = Math.ceil(result.retryAfterSeconds / 60);
      return reply.code(429).page(T('sign-in'), { values, errors: [{ field: 'email', text: t('portal-auth.signIn.tooMany', { minutes }) }] });
    }
    return reply.redirect(portalAuthPaths.checkEmail, 303);
  });

  app.get(portalAuthPaths.checkEmail, OPEN, async (_request, reply) => reply.page(T('check-email')));

  // Opening the link only shows a button: mail scanners that open links must not use them up.
  app.get<{ Params: { token: string } }>(portalAuthPaths.linkPattern, OPEN, async (request, reply) => {
    const state = await portal.signInLinkState(request.params.token);
    if (state !== 'usable') return reply.code(410).page(T('link-refused'), { reason: state });
    return reply.page(T('link'), { token: request.params.token });
  });

  app.post<{ Params: { token: string } }>(portalAuthPaths.linkPattern, OPEN, async (request, reply) => {
    const result = await portal.useSignInLink(request.params.token);
    if (result.outcome === 'refused') return reply.code(410).page(T('link-refused'), { reason: result.reason === 'usable' ? 'unknown' : result.reason });
    reply.startSession(result.sessionToken, 'portal');
    const next = result.next === 'set-up' ? portalAuthPaths.secondFactorSetUp : result.next === 'second-factor' ? portalAuthPaths.secondFactor : portalAuthPaths.home;
    return reply.redirect(next, 303);
  });

  app.get(portalAuthPaths.secondFactorSetUp, SIGNED_IN, async (request, reply) => {
    const actor = request.portalActor!;
    if (actor.secondFactor !== 'pending' || actor.totpSetUp) return reply.redirect(owedSecondFactor(actor) ?? portalAuthPaths.home, 303);
    return reply.page(T('set-up'), { setUp: await portal.totpSetUp(actor), values: {} });
  });

  app.post(portalAuthPaths.secondFactorSetUp, SIGNED_IN, async (request, reply) => {
    const actor = request.portalActor!;
    if (actor.secondFactor !== 'pending' || actor.totpSetUp) return reply.redirect(owedSecondFactor(actor) ?? portalAuthPaths.home, 303);
    const values = formBody(request.body);
    return handleForm(reply, values, {
      submit: () => portal.confirmTotpSetUp(actor, request.sessionToken!, values.code ?? ''),
      // Shown once and kept nowhere: the codes cannot travel through a redirect.
      render: (result) => ({ template: T('recovery-codes'), context: { recoveryCodes: result.recoveryCodes } }),
      template: T('set-up'),
      context: async () => ({ setUp: await portal.totpSetUp(actor) }),
      conflictField: 'code',
    });
  });

  app.get(portalAuthPaths.secondFactor, SIGNED_IN, async (request, reply) => {
    const actor = request.portalActor!;
    if (actor.secondFactor !== 'pending') return reply.redirect(portalAuthPaths.home, 303);
    if (!actor.totpSetUp) return reply.redirect(portalAuthPaths.secondFactorSetUp, 303);
    return reply.page(T('second-factor'), { values: {} });
  });

  app.post(portalAuthPaths.secondFactor, SIGNED_IN, async (request, reply) => {
    const actor = request.portalActor!;
    if (actor.secondFactor !== 'pending') return reply.redirect(portalAuthPaths.home, 303);
    const values = formBody(request.body);
    return handleForm(reply, values, {
      submit: () => portal.giveSecondFactor(actor, request.sessionToken!, values.code ?? ''),
      redirectTo: () => portalAuthPaths.home,
      template: T('second-factor'),
      context: () => ({}),
      conflictField: 'code',
    });
  });

  app.get(portalAuthPaths.home, SIGNED_IN, async (request, reply) => {
    const actor = signedIn(request, reply);
    if (!actor) return reply;
    return reply.page(T('home'), { home: await portal.home(actor) });
  });

  app.post(portalAuthPaths.signOut, SIGNED_IN, async (request, reply) => {
    await portal.signOut(request.portalActor!, request.sessionToken!);
    reply.endSession('portal');
    return reply.redirect(portalAuthPaths.signedOut, 303);
  });

  // A link, not a form: choosing a language changes nothing but how the pages read, so it needs
  // no CSRF token and works before signing in. Only a language the service has is kept, and only
  // a page of this service is gone back to.
  app.get<{ Querystring: { to?: string; back?: string } }>(portalAuthPaths.language, OPEN, async (request, reply) => {
    const back = localPath(request.query.back, portalAuthPaths.home);
    if (app.catalogue.has(request.query.to)) {
      reply.setCookie(LANGUAGE_COOKIE, request.query.to!, { path: '/', httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', maxAge: 365 * 24 * 60 * 60 });
    }
    return reply.redirect(back, 303);
  });

  app.get(portalAuthPaths.signedOut, OPEN, async (_request, reply) => reply.page(T('signed-out')));
}
