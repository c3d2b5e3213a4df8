import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../composition.ts';
import type { Clock } from '../../lib/clock.ts';
import { localPath } from '../../web/local-path.ts';
import { ATTEMPT_COOKIE, ATTEMPT_MINUTES, openAttempt, sealAttempt, stateMatches } from './oidc-attempt.ts';
import { ProviderSignInError, type StaffOidcClient } from './oidc-client.ts';
import type { ProviderRefusal } from './oidc-identity.ts';
import { authPaths } from './paths.ts';
import { cookieName } from './plugin.ts';

const TEMPLATE = 'auth/templates/provider-sign-in-failed.njk';

/** The page for each refusal: its status, heading and what to do. Nobody is signed in by any of them. */
const REFUSALS: Record<ProviderRefusal, { status: number; title: string; message: string }> = {
  'no-attempt': {
    status: 400,
    title: 'Your sign-in has timed out',
    message: `The sign-in was started more than ${ATTEMPT_MINUTES} minutes ago, in another browser, or has already been used. Nobody has been signed in. Start again from the sign-in page.`,
  },
  'state-mismatch': {
    status: 400,
    title: 'Your sign-in could not be completed',
    message: 'The answer from your council’s sign-in did not match the sign-in this browser started. Nobody has been signed in. Start again from the sign-in page.',
  },
  'provider-error': {
    status: 401,
    title: 'You have not been signed in',
    message: 'Your council’s sign-in did not sign you in: you may have cancelled, or it may have refused you. Start again from the sign-in page, or ask your council’s IT service desk.',
  },
  'provider-down': {
    status: 503,
    title: 'Your council’s sign-in is not available',
    message: 'The service could not reach your council’s sign-in. Try again in a few minutes, or sign in with your e-mail address and password if you have one.',
  },
  'token-rejected': {
    status: 401,
    title: 'Your sign-in could not be checked',
    message: 'The answer from your council’s sign-in could not be verified, or was used before. Nobody has been signed in. Start again from the sign-in page.',
  },
  'no-email': {
    status: 403,
    title: 'Your council account has no e-mail address this service can use',
    message: 'Your council’s sign-in did not give a verified e-mail address for you, so the service cannot find your account. Ask your council’s IT service desk.',
  },
  'unknown-person': {
    status: 403,
    title: 'There is no account for you in this service',
    message: 'Nobody signs up through their council account: an administrator of the service adds each member of staff. Ask them to add you with the e-mail address of your council account.',
  },
  deactivated: {
    status: 403,
    title: 'Your account is not active',
    message: 'Your account in this service has been deactivated. If you still need it, ask an administrator of the service.',
  },
  'subject-mismatch': {
    status: 403,
    title: 'Your account is linked to a different council account',
    message: 'The account with your e-mail address signs in with another council account. Ask an administrator of the service.',
  },
};

/**
 * Staff sign-in through the council's identity provider (registered only when it is configured):
 * a link on the sign-in page starts it, and the provider sends the person back to the callback.
 * `secret` signs the cookie that carries the attempt between the two.
 */
export async function staffOidcRoutes(
  app: FastifyInstance,
  { services, oidc, secret, clock, home }: { services: Services; oidc: StaffOidcClient; secret: string; clock: Clock; home: (roles: readonly string[]) => string },
) {
  const attemptCookieOptions = (request: FastifyRequest) => ({ path: '/', httpOnly: true, sameSite: 'lax' as const, secure: request.protocol === 'https' });

  const refuse = async (request: FastifyRequest, reply: FastifyReply, reason: ProviderRefusal, recorded = false) => {
    if (!recorded) await services.auth.recordProviderFailure(reason, request.ip);
    request.log.warn({ reason }, 'Staff sign-in through the identity provider refused');
    const refusal = REFUSALS[reason];
    return reply.code(refusal.status).page(TEMPLATE, { title: refusal.title, message: refusal.message, showPasswordRoute: reason === 'provider-down' });
  };

  app.get<{ Querystring: { returnTo?: string } }>(authPaths.signInWithProvider, { config: { public: true } }, async (request, reply) => {
    const returnTo = localPath(request.query.returnTo, '');
    let started: Awaited<ReturnType<StaffOidcClient['start']>>;
    try {
      started = await oidc.start(returnTo, clock.now());
    } catch (error) {
      if (error instanceof ProviderSignInError) return refuse(request, reply, error.reason);
      throw error;
    }
    reply.setCookie(cookieName(ATTEMPT_COOKIE, request), sealAttempt(started.attempt, secret), { ...attemptCookieOptions(request), maxAge: ATTEMPT_MINUTES * 60 });
    return reply.redirect(started.url, 303);
  });

  app.get<{ Querystring: { state?: string } }>(authPaths.signInWithProviderCallback, { config: { public: true } }, async (request, reply) => {
    const name = cookieName(ATTEMPT_COOKIE, request);
    const attempt = openAttempt(request.cookies[name], secret, clock.now());
    // Used once, whatever happens next: a second visit to the same answer finds no attempt.
    if (request.cookies[name] !== undefined) reply.clearCookie(name, attemptCookieOptions(request));
    if (!attempt) return refuse(request, reply, 'no-attempt');
    if (!stateMatches(attempt, request.query.state)) return refuse(request, reply, 'state-mismatch');
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
    let identity;
    try {
      identity = await oidc.finish(query, attempt);
    } catch (error) {
      if (error instanceof ProviderSignInError) return refuse(request, reply, error.reason);
      throw error;
    }
    const result = await services.auth.signInThroughProvider(identity, request.ip);
    if (result.outcome === 'refused') return refuse(request, reply, result.reason, true);
    reply.startSession(result.sessionToken);
    return reply.redirect(attempt.returnTo || home(result.actor.roles), 303);
  });
}
