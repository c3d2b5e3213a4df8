import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

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

/** Signs in through the real form; returns the jar holding the session. */
export async function signIn(app: FastifyInstance, email: string, password: string): Promise<CookieJar> {
  const jar = new CookieJar();
  const response = await postForm(app, jar, '/sign-in', { email, password }, { csrfFrom: '/sign-in' });
  if (response.statusCode !== 303) throw new Error(`Sign-in failed with ${response.statusCode}`);
  return jar;
}
