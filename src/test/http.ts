import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { totpStepAt } from '../domain/second-factor/codes.ts';
import { systemClock, type Clock } from '../lib/clock.ts';
import { totpCodeAt } from '../lib/totp.ts';

/** A browser's cookie jar, enough for app.inject: keeps what Set-Cookie says. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: LightMyRequestResponse): void {
    for (const cookie of response.cookies as { name: string; value: string; expires?: Date }[]) {
      if (cookie.value === '' || (cookie.expires && cookie.expires.getTime() < Date.now())) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }
}

export function csrfTokenIn(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('No CSRF token on the page');
  return match[1];
}

/** A page's GOV.UK error summary: each message with the field it links to. */
export function errorSummaryOf(html: string): { href: string; text: string }[] {
  const summary = /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
  return [...summary.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((match) => ({ href: match[1]!, text: match[2]!.trim() }));
}

/** GETs a page as the jar's browser. */
export async function getPage(app: FastifyInstance, jar: CookieJar, url: string, headers: Record<string, string> = {}) {
  const response = await app.inject({ method: 'GET', url, headers: { cookie: jar.header(), ...headers } });
  jar.store(response);
  return response;
}

/** Posts a form as the jar's browser, with the CSRF token from the given page (or none). */
export async function postForm(
  app: FastifyInstance,
  jar: CookieJar,
  url: string,
  fields: Record<string, string>,
  options: { csrfFrom?: string; headers?: Record<string, string> } = {},
) {
  const body = new URLSearchParams(fields);
  if (options.csrfFrom) {
    const page = await getPage(app, jar, options.csrfFrom);
    body.set('_csrf', csrfTokenIn(page.body));
  }
  const response = await app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header(), ...options.headers },
    payload: body.toString(),
  });
  jar.store(response);
  return response;
}

/** The clock each test app's services read, for the codes an authenticator app would show. */
const clocks = new WeakMap<FastifyInstance, Clock>();

/** Tells signIn which clock the app's services read (createTestApp does; otherwise the system's). */
export function useClockFor(app: FastifyInstance, clock: Clock): void {
  clocks.set(app, clock);
}

/** What the test's "authenticator app" knows of a member of staff: their secret, the last step used, recovery codes left. */
export interface TestAuthenticator {
  secret: string;
  lastStep: number;
  recoveryCodes: string[];
}

const authenticators = new WeakMap<FastifyInstance, Map<string, TestAuthenticator>>();

/** The authenticator signIn set up for a member of staff on this app, if it did. */
export function authenticatorOf(app: FastifyInstance, email: string): TestAuthenticator | undefined {
  return authenticators.get(app)?.get(email.trim().toLowerCase());
}

/** The page a second factor's form goes on to, as the form carries it. */
function returnToIn(html: string): string {
  return /name="returnTo" value="([^"]*)"/.exec(html)?.[1]?.replaceAll('&amp;', '&') ?? '';
}

function locationOf(response: LightMyRequestResponse): string {
  return String(response.headers.location ?? '');
}

/**
 * Gives the second factor a sign-in owes, as the person would: at the first sign-in, sets up the
 * app from the key the page shows (for people who cannot scan) and keeps the recovery codes shown;
 * afterwards, the app's code for the app's clock, or, when that code was used already (a fixed
 * clock signing the same person in again), the next one, then a recovery code.
 */
export async function completeSecondFactor(app: FastifyInstance, jar: CookieJar, email: string, signedIn: LightMyRequestResponse): Promise<LightMyRequestResponse> {
  const clock = clocks.get(app) ?? systemClock;
  const key = email.trim().toLowerCase();
  let byEmail = authenticators.get(app);
  if (!byEmail) authenticators.set(app, (byEmail = new Map()));
  const location = locationOf(signedIn);
  if (location.startsWith('/sign-in/set-up-second-factor')) {
    const page = await getPage(app, jar, location);
    const secret = /id="totp-secret">([A-Z2-7]+)</.exec(page.body)?.[1];
    if (!secret) throw new Error('No key on the set-up page');
    const now = clock.now();
    const done = await postForm(app, jar, '/sign-in/set-up-second-factor', { code: await totpCodeAt(secret, now), returnTo: returnToIn(page.body), _csrf: csrfTokenIn(page.body) });
    if (done.statusCode !== 200) throw new Error(`Setting up the second factor failed with ${done.statusCode}`);
    const recoveryCodes = [...done.body.matchAll(/<li><code>([a-z0-9-]+)<\/code><\/li>/g)].map((match) => match[1]!);
    byEmail.set(key, { secret, lastStep: totpStepAt(now.getTime()), recoveryCodes });
    return done;
  }
  if (!location.startsWith('/sign-in/second-factor')) return signedIn;
  const known = byEmail.get(key);
  if (!known) throw new Error(`The second factor of ${email} was set up outside signIn: give it in the test`);
  const now = clock.now().getTime();
  const step = Math.max(totpStepAt(now), known.lastStep + 1);
  let code: string;
  // One step ahead is within the tolerance for a phone's clock; beyond it, a recovery code.
  if (step <= totpStepAt(now) + 1) {
    code = await totpCodeAt(known.secret, new Date(step * 30_000));
    known.lastStep = step;
  } else {
    const recovery = known.recoveryCodes.shift();
    if (!recovery) throw new Error(`No recovery codes left for ${email}`);
    code = recovery;
  }
  const page = await getPage(app, jar, location);
  const given = await postForm(app, jar, '/sign-in/second-factor', { code, returnTo: returnToIn(page.body), _csrf: csrfTokenIn(page.body) });
  if (given.statusCode !== 303) throw new Error(`The second factor was refused with ${given.statusCode}`);
  return given;
}

/** Signs in through the real form, second factor and all; returns the jar holding the session. */
export async function signIn(app: FastifyInstance, email: string, password: string): Promise<CookieJar> {
  const jar = new CookieJar();
  const response = await postForm(app, jar, '/sign-in', { email, password }, { csrfFrom: '/sign-in' });
  if (response.statusCode !== 303) throw new Error(`Sign-in failed with ${response.statusCode}`);
  await completeSecondFactor(app, jar, email, response);
  return jar;
}
