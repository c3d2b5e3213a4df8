import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Actor } from './actor.ts';
import type { AuthService } from './service.ts';
import { sendProblem } from '../../web/problem.ts';

export const SESSION_COOKIE = 'casework_session';
export const CSRF_COOKIE = 'casework_csrf';
export const CSRF_FIELD = '_csrf';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in person or API token; undefined on public routes for anonymous visitors. */
    actor?: Actor;
    sessionToken?: string;
  }
  interface FastifyReply {
    /** The CSRF token for forms on this page (sets the cookie it is bound to when missing). */
    csrfToken(): string;
    /** Starts a signed-in session: new session cookie, new CSRF cookie (no fixation). */
    startSession(sessionToken: string): void;
    endSession(): void;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in. Everything else needs a staff session or an API token. */
    public?: boolean;
  }
}

function isApi(url: string): boolean {
  return url === '/api' || url.startsWith('/api/');
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Authentication for the whole app, secure by default: a route is public only when it says so.
 * Pages use a session cookie and a CSRF token on every form (HMAC of a random per-browser cookie,
 * the signed double-submit pattern); the API uses bearer tokens, so it needs no CSRF token.
 */
export const authPlugin = fp(
  async (app: FastifyInstance, options: { auth: AuthService; secret: string }) => {
    const { auth, secret } = options;
    await app.register(cookie);

    // A browser keeps its CSRF cookie for the whole session, so its token is worked out once:
    // an HMAC per page was a measurable share of a page's CPU. Bounded; cleared when full.
    const csrfTokens = new Map<string, string>();
    const csrfFor = (cookieValue: string) => {
      let token = csrfTokens.get(cookieValue);
      if (token === undefined) {
        token = createHmac('sha256', secret).update(`csrf:${cookieValue}`).digest('base64url');
        if (csrfTokens.size >= 10_000) csrfTokens.clear();
        csrfTokens.set(cookieValue, token);
      }
      return token;
    };
    const cookieOptions = (request: FastifyRequest) => ({
      path: '/',
      httpOnly: true,
      sameSite: 'lax' as const,
      // Secure whenever the request is HTTPS, directly or through a trusted proxy; plain http on
      // localhost keeps working (a Secure cookie would be silently dropped there).
      secure: request.protocol === 'https',
    });

    app.decorateRequest('actor', undefined);
    app.decorateRequest('sessionToken', undefined);

    app.decorateReply('csrfToken', function csrfToken(this: FastifyReply) {
      let value = this.request.cookies[CSRF_COOKIE];
      const pending = (this as FastifyReply & { pendingCsrf?: string }).pendingCsrf;
      if (pending) value = pending;
      if (!value) {
        value = randomBytes(24).toString('base64url');
        (this as FastifyReply & { pendingCsrf?: string }).pendingCsrf = value;
        this.setCookie(CSRF_COOKIE, value, cookieOptions(this.request));
      }
      return csrfFor(value);
    });

    app.decorateReply('startSession', function startSession(this: FastifyReply, sessionToken: string) {
      this.setCookie(SESSION_COOKIE, sessionToken, cookieOptions(this.request));
      const fresh = randomBytes(24).toString('base64url');
      (this as FastifyReply & { pendingCsrf?: string }).pendingCsrf = fresh;
      this.setCookie(CSRF_COOKIE, fresh, cookieOptions(this.request));
    });

    app.decorateReply('endSession', function endSession(this: FastifyReply) {
      this.clearCookie(SESSION_COOKIE, { path: '/' });
      this.clearCookie(CSRF_COOKIE, { path: '/' });
    });

    app.addHook('onRequest', async (request, reply) => {
      if (request.url.startsWith('/public/')) return;
      const isPublic = request.routeOptions.config?.public === true || request.is404;

      if (isApi(request.url)) {
        const header = request.headers.authorization;
        if (header?.startsWith('Bearer ')) {
          request.actor = await auth.resolveApiToken(header.slice(7).trim());
          if (!request.actor && !isPublic) {
            reply.header('www-authenticate', 'Bearer error="invalid_token"');
            return sendProblem(reply, { status: 401, title: 'Unauthorised', detail: 'The API token is not valid.' });
          }
        }
        if (!request.actor && !isPublic) {
          reply.header('www-authenticate', 'Bearer');
          return sendProblem(reply, { status: 401, title: 'Unauthorised', detail: 'Send an API token: Authorization: Bearer <token>.' });
        }
        return;
      }

      const sessionToken = request.cookies[SESSION_COOKIE];
      let expired = false;
      if (sessionToken) {
        const lookup = await auth.resolveSession(sessionToken);
        if (lookup.status === 'live') {
          request.actor = lookup.actor;
          request.sessionToken = sessionToken;
        } else {
          expired = lookup.status === 'expired';
          reply.clearCookie(SESSION_COOKIE, { path: '/' });
        }
      }
      if (!request.actor && !isPublic) {
        if (request.method === 'GET' || request.method === 'HEAD') {
          const back = encodeURIComponent(request.url);
          return reply.redirect(`/sign-in?${expired ? 'expired=1&' : ''}returnTo=${back}`, 303);
        }
        // A form posted after the session ended: nothing is written; the person signs in again.
        return reply.code(401).page('pages/signed-out.njk', { expired });
      }
    });

    // CSRF: every unsafe browser request carries the token bound to this browser's CSRF cookie.
    app.addHook('preHandler', async (request, reply) => {
      if (!UNSAFE_METHODS.has(request.method) || isApi(request.url)) return;
      const cookieValue = request.cookies[CSRF_COOKIE];
      const body = request.body as Record<string, unknown> | undefined;
      const sent = typeof body?.[CSRF_FIELD] === 'string' ? (body[CSRF_FIELD] as string) : request.headers['x-csrf-token'];
      const expected = cookieValue ? Buffer.from(csrfFor(cookieValue)) : undefined;
      const given = typeof sent === 'string' ? Buffer.from(sent) : undefined;
      if (!expected || !given || expected.length !== given.length || !timingSafeEqual(expected, given)) {
        request.log.warn({ url: request.url }, 'CSRF check failed');
        return reply.code(403).page('pages/client-error.njk', {
          status: 403,
          title: 'Your form could not be sent',
          message: 'The page was out of date or opened in another window. Go back, reload the page and try again. Nothing was saved.',
        });
      }
    });
  },
  { name: 'auth' },
);
