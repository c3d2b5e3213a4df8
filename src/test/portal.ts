import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { queryRows, type Executor } from '../db/database.ts';
import type { PortalActor } from '../features/auth/index.ts';
import { CookieJar, csrfTokenIn, getPage, postForm } from './http.ts';

// Signing in to the portal in a test as a person does: the link from the newest e-mail to them,
// opened, then Continue pressed.

/** The path of the sign-in link in the newest e-mail to this address, as the outbox holds it. */
export async function latestSignInLink(db: Executor, email: string): Promise<string> {
  const [row] = await queryRows<{ body_text: string }>(
    db,
    sql`/* cross-authority: the test reads every council's outbox */ SELECT "body_text" FROM "outbox_message" WHERE "recipient_address" = ${email} ORDER BY "created_at" DESC, "id" DESC LIMIT 1`,
  );
  const match = /https?:\/\/[^\s]+(\/portal\/sign-in\/link\/[A-Za-z0-9_-]+)/.exec(row?.body_text ?? '');
  if (!match?.[1]) throw new Error(`No sign-in link sent to ${email}`);
  return match[1];
}

/** Follows a sign-in link as a browser does: opens it, then presses Continue (when the link works). */
export async function followSignInLink(app: FastifyInstance, path: string, jar = new CookieJar()) {
  const opened = await getPage(app, jar, path);
  if (opened.statusCode !== 200) return { jar, response: opened };
  const response = await postForm(app, jar, path, { _csrf: csrfTokenIn(opened.body) });
  return { jar, response };
}

/** A browser signed in from the newest link e-mailed to the address (a second factor still owed, if any). */
export async function signedInToPortal(app: FastifyInstance, db: Executor, email: string): Promise<CookieJar> {
  return (await followSignInLink(app, await latestSignInLink(db, email))).jar;
}

/** A family's portal actor, as the portal's sign-in makes it, for tests that call a service directly. */
export function aFamilyActor(authorityId: string, accountId: string, email: string, name = 'A parent'): PortalActor {
  return { kind: 'portal', id: accountId, accountId, authorityId, portalKind: 'family', roles: [], name, email, secondFactor: 'not-needed', totpSetUp: false };
}
