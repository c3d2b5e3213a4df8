import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** A person the stand-in provider knows: its `sub` for them and the claims it gives. */
export interface StandInPerson {
  sub: string;
  email?: string;
  email_verified?: boolean;
  preferred_username?: string;
  name?: string;
}

/**
 * A stand-in for the council's identity provider (Microsoft Entra ID in real life): `oidc-provider`
 * on 127.0.0.1, on a port of its own, with one client (this service). Nobody types anything at it:
 * whoever `signInAs` names is signed in at the next visit, or, when it is `deny`, the provider
 * answers with `access_denied` as when someone cancels. Claims go in the ID token, as Entra ID's do.
 */
export interface StandInProvider {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Who the provider signs in at the next sign-in (a `sub` of `people`), or `deny`. */
  signInAs: string;
  readonly people: Map<string, StandInPerson>;
  close(): Promise<void>;
}

/** The stand-in's own sign-in page, when it asks who is signing in (the journeys): an e-mail address, or cancel. */
function askWhoPage(uid: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Stand-in identity provider</title></head><body><main>
<h1>Stand-in identity provider</h1>
<form method="post" action="/interaction/${encodeURIComponent(uid)}">
<label for="email">Council e-mail address</label> <input id="email" name="email" type="email">
<button type="submit" name="action" value="sign-in">Sign in at the provider</button>
<button type="submit" name="action" value="cancel">Cancel</button>
</form></main></body></html>`;
}

async function formOf(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * `askWho`: instead of signing in `signInAs`, the provider shows a page asking for an e-mail
 * address, and signs in a person of that verified address (their `sub` made from it).
 */
export async function startStandInProvider(options: { redirectUris: string[]; port?: number; clientId?: string; clientSecret?: string; askWho?: boolean }): Promise<StandInProvider> {
  const clientId = options.clientId ?? 'send-casework';
  const clientSecret = options.clientSecret ?? 'stand-in-client-secret-for-tests';
  const people = new Map<string, StandInPerson>();
  const standIn = { signInAs: 'deny' };

  const server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    cookies: { keys: ['stand-in-cookie-key-not-a-secret'] },
    jwks: { keys: [{ ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), alg: 'RS256', use: 'sig', kid: 'stand-in' }] },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 600, Grant: 600 },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username'] },
    // As Entra ID does: the claims of the scopes asked for are in the ID token itself.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    async findAccount(_ctx, sub) {
      const person = people.get(sub);
      if (!person) return undefined;
      return { accountId: sub, claims: async () => ({ ...person }) };
    },
  });

  const handle = provider.callback();
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (!request.url?.startsWith('/interaction/')) {
      handle(request, response);
      return;
    }
    void (async () => {
      const details = await provider.interactionDetails(request, response);
      let result: Record<string, unknown>;
      if (details.prompt.name === 'consent') {
        const grant = new provider.Grant({ accountId: details.session!.accountId!, clientId: String(details.params.client_id) });
        grant.addOIDCScope(String(details.params.scope));
        result = { consent: { grantId: await grant.save() } };
      } else if (options.askWho) {
        if (request.method !== 'POST') {
          response.setHeader('content-type', 'text/html; charset=utf-8');
          response.end(askWhoPage(details.uid));
          return;
        }
        const form = await formOf(request);
        const email = (form.get('email') ?? '').trim().toLowerCase();
        if (form.get('action') !== 'sign-in' || !email) {
          result = { error: 'access_denied', error_description: 'The person did not sign in' };
        } else {
          const sub = `stand-in-${Buffer.from(email).toString('base64url')}`;
          people.set(sub, { sub, email, email_verified: true, name: email });
          result = { login: { accountId: sub } };
        }
      } else if (standIn.signInAs === 'deny' || !people.has(standIn.signInAs)) {
        result = { error: 'access_denied', error_description: 'The person did not sign in' };
      } else {
        result = { login: { accountId: standIn.signInAs } };
      }
      await provider.interactionFinished(request, response, result, { mergeWithLastSubmission: false });
    })().catch((error: unknown) => {
      response.statusCode = 500;
      response.end(String(error));
    });
  });

  return {
    issuer,
    clientId,
    clientSecret,
    people,
    get signInAs() {
      return standIn.signInAs;
    },
    set signInAs(value: string) {
      standIn.signInAs = value;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/**
 * A browser's visit to the provider: follows its redirects (keeping its cookies) from the sign-in
 * address the service sent the browser to, until the provider sends the browser back to the
 * service. Returns that address: the service's callback with the provider's answer.
 */
export async function visitProvider(authorizationUrl: string, redirectUri: string): Promise<string> {
  const cookies = new Map<string, string>();
  let url = authorizationUrl;
  for (let step = 0; step < 10; step += 1) {
    if (url.startsWith(redirectUri)) return url;
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') } });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const at = pair!.indexOf('=');
      cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) throw new Error(`The stand-in provider answered ${response.status} at ${url}: ${await response.text()}`);
    url = new URL(location, url).href;
  }
  throw new Error('The stand-in provider redirected too many times');
}
