import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Actor, PortalActor } from './actor.ts';
import type { AuthService } from './service.ts';
import { sendProblem } from '../../web/problem.ts';
import { urlForLog } from '../../web/request-log.ts';

export const SESSION_COOKIE = 'casework_session';
/** The portal's session: a cookie of its own, never read on a staff page (nor the staff one on a portal page). */
export const PORTAL_SESSION_COOKIE = 'casework_portal_session';
export const CSRF_COOKIE = 'casework_csrf';
export const CSRF_FIELD = '_csrf';

/**
 * A cookie's name for this request. Over HTTPS the name carries the `__Host-` prefix, which a
 * browser accepts only from this very host, Secure, on path / and with no Domain: a sibling
 * subdomain cannot plant one. Plain http (localhost) cannot have the prefix, as it needs Secure.
 */
export function cookieName(base: string, request: Pick<FastifyRequest, 'protocol'>): string {
  return request.protocol === 'https' ? `__Host-${base}` : base;
}

export type PortalSessionLookup = { status: 'live'; actor: PortalActor } | { status: 'expired' } | { status: 'none' };

/** What the plugin needs of the portal's sign-in (features/portal-auth): finding a session by its cookie. */
export interface PortalSessions {
  resolvePortalSession(sessionToken: string): Promise<PortalSessionLookup>;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in person or API token; undefined on public routes for anonymous visitors, and always on portal routes. */
    actor?: Actor;
    /** On a portal route, the person signed in to the portal; never set on a staff route. */
    portalActor?: PortalActor;
    /** The secret of the session this request carries: the staff one on staff routes, the portal one on portal routes. */
    sessionToken?: string;
    /**
     * A member of staff whose password was right and whose second factor is owed (`enrolled`: their
     * app is set up). Never an actor: such a session reaches only the second factor's pages.
     */
    halfSignedIn?: { actor: Actor; enrolled: boolean };
  }
  interface FastifyReply {
    /**
     * The CSRF token for forms on this page: bound to the session when signed in; before signing
     * in, to a random cookie of this browser (set when missing).
     */
    csrfToken(): string;
    /** Starts a signed-in session: a new session cookie, and with it a new CSRF token (no fixation). */
    startSession(sessionToken: string, kind?: 'staff' | 'portal'): void;
    endSession(kind?: 'staff' | 'portal'): void;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in. Everything else needs a staff session or an API token. */
    public?: boolean;
    /**
     * A page of the portal for people outside the council: it reads the portal's session cookie
     * only, and without a portal session (unless also public) sends the person to the portal's
     * sign-in. A staff session is not a portal session: a staff member is refused here as anyone.
     */
    portal?: boolean;
    /**
     * A page of the staff second factor (or signing out): the only pages a half-signed-in session
     * reaches. Signed-in staff reach it too (it sends them on); anyone else is sent to sign in.
     */
    secondFactor?: boolean;
  }
}

/** The second factor's pages, which the plugin sends a half-signed-in person to. */
export const SECOND_FACTOR_PATHS = { code: '/sign-in/second-factor', setUp: '/sign-in/set-up-second-factor' } as const;

function isApi(url: string): boolean {
  return url === '/api' || url.startsWith('/api/');
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Authentication for the whole app, secure by default: a route is public only when it says so.
 * Pages use a session cookie and a CSRF token on every form; the API uses bearer tokens, so it needs
 * no CSRF token. The token is an HMAC of the session's own secret token, so it cannot be planted:
 * a cookie set by a sibling subdomain no longer carries a token the service accepts. Only the
 * sign-in form, before there is a session, binds its token to a random cookie of the browser
 * (signed double-submit), and over HTTPS that cookie is `__Host-` and cannot be planted either.
 */
export const authPlugin = fp(
  async (app: FastifyInstance, options: { auth: AuthService; secret: string; portal?: PortalSessions }) => {
    const { auth, secret, portal } = options;
    await app.register(cookie);

    // A session's token is worked out once: an HMAC per page was a measurable share of a page's
    // CPU. Bounded; cleared when full. Keys are prefixed so a session and a cookie never meet.
    const csrfTokens = new Map<string, string>();
    const csrfFor = (binding: string) => {
      let token = csrfTokens.get(binding);
      if (token === undefined) {
        token = createHmac('sha256', secret).update(`csrf:${binding}`).digest('base64url');
        if (csrfTokens.size >= 10_000) csrfTokens.clear();
        csrfTokens.set(binding, token);
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
    type Pending = FastifyReply & { pendingSession?: string; pendingCsrf?: string };

    /** What this request's CSRF token is bound to, if anything yet. */
    const csrfBinding = (request: FastifyRequest, reply?: Pending): string | undefined => {
      const session = reply?.pendingSession ?? request.sessionToken;
      if (session) return `session:${session}`;
      const browser = reply?.pendingCsrf ?? request.cookies[cookieName(CSRF_COOKIE, request)];
      return browser ? `browser:${browser}` : undefined;
    };

    app.decorateRequest('actor', undefined);
    app.decorateRequest('portalActor', undefined);
    app.decorateRequest('sessionToken', undefined);
    app.decorateRequest('halfSignedIn', undefined);

    app.decorateReply('csrfToken', function csrfToken(this: Pending) {
      let binding = csrfBinding(this.request, this);
      if (!binding) {
        const value = randomBytes(24).toString('base64url');
        this.pendingCsrf = value;
        this.setCookie(cookieName(CSRF_COOKIE, this.request), value, cookieOptions(this.request));
        binding = `browser:${value}`;
      }
      return csrfFor(binding);
    });

    app.decorateReply('startSession', function startSession(this: Pending, sessionToken: string, kind: 'staff' | 'portal' = 'staff') {
      this.setCookie(cookieName(kind === 'portal' ? PORTAL_SESSION_COOKIE : SESSION_COOKIE, this.request), sessionToken, cookieOptions(this.request));
      this.pendingSession = sessionToken;
      // The pre-sign-in cookie has done its work; a signed-in form's token comes from the session.
      if (this.request.cookies[cookieName(CSRF_COOKIE, this.request)]) this.clearCookie(cookieName(CSRF_COOKIE, this.request), cookieOptions(this.request));
    });

    app.decorateReply('endSession', function endSession(this: FastifyReply, kind: 'staff' | 'portal' = 'staff') {
      this.clearCookie(cookieName(kind === 'portal' ? PORTAL_SESSION_COOKIE : SESSION_COOKIE, this.request), cookieOptions(this.request));
      this.clearCookie(cookieName(CSRF_COOKIE, this.request), cookieOptions(this.request));
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

      if (request.routeOptions.config?.portal === true) {
        const portalToken = request.cookies[cookieName(PORTAL_SESSION_COOKIE, request)];
        let portalExpired = false;
        if (portalToken && portal) {
          const lookup = await portal.resolvePortalSession(portalToken);
          if (lookup.status === 'live') {
            request.portalActor = lookup.actor;
            request.sessionToken = portalToken;
          } else {
            portalExpired = lookup.status === 'expired';
            reply.clearCookie(cookieName(PORTAL_SESSION_COOKIE, request), cookieOptions(request));
          }
        }
        if (!request.portalActor && !isPublic) {
          if (request.method === 'GET' || request.method === 'HEAD') return reply.redirect(`/portal/sign-in${portalExpired ? '?expired=1' : ''}`, 303);
          return reply.code(401).page('pages/portal-signed-out.njk', { expired: portalExpired });
        }
        return;
      }

      const sessionToken = request.cookies[cookieName(SESSION_COOKIE, request)];
      let expired = false;
      if (sessionToken) {
        const lookup = await auth.resolveSession(sessionToken);
        if (lookup.status === 'live') {
          request.actor = lookup.actor;
          request.sessionToken = sessionToken;
        } else if (lookup.status === 'half') {
          request.sessionToken = sessionToken;
          request.halfSignedIn = { actor: lookup.actor, enrolled: lookup.enrolled };
        } else {
          expired = lookup.status === 'expired';
          reply.clearCookie(cookieName(SESSION_COOKIE, request), cookieOptions(request));
        }
      }
      // Half signed in: the second factor's pages, and public ones as anyone sees them; nothing else.
      if (request.halfSignedIn && !isPublic && request.routeOptions.config?.secondFactor !== true) {
        const owed = request.halfSignedIn.enrolled ? SECOND_FACTOR_PATHS.code : SECOND_FACTOR_PATHS.setUp;
        if (request.method === 'GET' || request.method === 'HEAD') return reply.redirect(owed, 303);
        return reply.code(403).page('pages/client-error.njk', {
          status: 403,
          title: 'Enter the code from your authenticator app first',
          message: 'You have entered your password, but not yet the code from your authenticator app. Nothing was saved.',
        });
      }
      if (!request.actor && !request.halfSignedIn && !isPublic) {
        if (request.method === 'GET' || request.method === 'HEAD') {
          const back = encodeURIComponent(request.url);
          return reply.redirect(`/sign-in?${expired ? 'expired=1&' : ''}returnTo=${back}`, 303);
        }
        // A form posted after the session ended: nothing is written; the person signs in again.
        return reply.code(401).page('pages/signed-out.njk', { expired });
      }
    });

    // CSRF: every unsafe browser request carries the token bound to its session (or, before
    // signing in, to this browser's CSRF cookie).
    app.addHook('preHandler', async (request, reply) => {
      if (!UNSAFE_METHODS.has(request.method) || isApi(request.url)) return;
      const binding = csrfBinding(request);
      const body = request.body as Record<string, unknown> | undefined;
      const sent = typeof body?.[CSRF_FIELD] === 'string' ? (body[CSRF_FIELD] as string) : request.headers['x-csrf-token'];
      const expected = binding ? Buffer.from(csrfFor(binding)) : undefined;
      const given = typeof sent === 'string' ? Buffer.from(sent) : undefined;
      if (!expected || !given || expected.length !== given.length || !timingSafeEqual(expected, given)) {
        request.log.warn({ url: urlForLog(request.url, request.routeOptions?.url) }, 'CSRF check failed');
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
