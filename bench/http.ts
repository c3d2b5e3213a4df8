// Signing in over HTTP as a browser does, for the benchmark and the soak: the sign-in page's CSRF
// cookie and token, then the form, then the second factor: the benchmark's accounts are new, so
// each sets up its authenticator app, answered with a code made from the key the page shows.
import type { ChildProcess } from 'node:child_process';
import { totpCodeAt } from '../src/lib/totp.ts';

/** The CSRF cookie the sign-in page gives a browser before it signs in, and the form's token. */
export async function signInPageCookie(base: string): Promise<{ csrfCookie: string; token: string }> {
  const page = await fetch(`${base}/sign-in`);
  const csrfCookie = (page.headers.getSetCookie().find((cookie) => cookie.startsWith('casework_csrf=')) ?? '').split(';')[0]!;
  return { csrfCookie, token: /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]! };
}

/** The cookies a response sets, as a Cookie header (name=value; ...). */
function cookiesOf(response: Response, names: string[]): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0]!)
    .filter((cookie) => names.some((name) => cookie.startsWith(`${name}=`)))
    .join('; ');
}

/** A staff member's session cookie, signed in with their e-mail address and password, and their second factor set up. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const { csrfCookie, token } = await signInPageCookie(base);
  const response = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
    body: new URLSearchParams({ email, password, _csrf: token }).toString(),
  });
  if (response.status !== 303) throw new Error(`Sign-in failed for ${email}: ${response.status}`);
  const halfSession = cookiesOf(response, ['casework_session']);
  const next = response.headers.get('location') ?? '';
  if (!next.startsWith('/sign-in/set-up-second-factor')) return halfSession;
  const page = await fetch(`${base}${next}`, { headers: { cookie: `${csrfCookie}; ${halfSession}` } });
  const html = await page.text();
  const secret = /id="totp-secret">([A-Z2-7]+)</.exec(html)?.[1];
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!secret || !csrf) throw new Error(`No authenticator key on the set-up page for ${email}: ${page.status}`);
  const returnTo = /name="returnTo" value="([^"]*)"/.exec(html)?.[1]?.replaceAll('&amp;', '&') ?? '';
  const done = await fetch(`${base}/sign-in/set-up-second-factor`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `${csrfCookie}; ${halfSession}` },
    body: new URLSearchParams({ code: await totpCodeAt(secret, new Date()), returnTo, _csrf: csrf }).toString(),
  });
  const session = cookiesOf(done, ['casework_session']);
  if (done.status !== 200 || !session) throw new Error(`Setting up the second factor failed for ${email}: ${done.status}`);
  return session;
}

/** Waits for a server just started to answer /readyz (checked every half second); stops it and throws if it never does. */
export async function untilReady(base: string, server: ChildProcess, seconds: number): Promise<ChildProcess> {
  for (let attempt = 0; attempt < seconds * 2; attempt += 1) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  server.kill();
  throw new Error('The server did not become ready');
}
