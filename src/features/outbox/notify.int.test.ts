// The GOV.UK Notify adapter against a stand-in for Notify on 127.0.0.1, which checks each request
// as Notify does: the path, a JSON body with the template and personalisation, and a bearer JWT
// (HS256, signed with the API key's secret, issued by the service id, issued within 30 seconds).
import { sql } from 'drizzle-orm';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createJobRunner } from '../../composition.ts';
import { queryRows } from '../../db/database.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { anOfficer, type TestOfficer } from '../../test/factories/index.ts';
import { notifyAdapter, notifyAddressLines, notifyFailure } from './adapters.ts';
import { queueMessage, type NewMessage } from './index.ts';

const SERVICE_ID = '26785a09-ab16-4eb0-8407-a37497a57506';
const SECRET = '3d844edf-8d35-48ac-975b-e847b4f122b0';
const API_KEY = `casework_test-${SERVICE_ID}-${SECRET}`;
const EMAIL_TEMPLATE = '0c5f3c4e-7a4b-4a39-9d7f-6f0a2b1c3d4e';
const LETTER_TEMPLATE = '1d6a4d5f-8b5c-4b4a-8e80-7a1b3c2d4e5f';

interface Received {
  path: string;
  body: Record<string, unknown>;
  claims: Record<string, unknown>;
}

/** The claims of a Notify JWT, or why it is refused. */
function verifyJwt(header: string | undefined): Record<string, unknown> | string {
  const token = /^Bearer (.+)$/.exec(header ?? '')?.[1];
  if (!token) return 'no bearer token';
  const [head, payload, signature] = token.split('.');
  if (!head || !payload || !signature) return 'not a JWT';
  const expected = createHmac('sha256', SECRET).update(`${head}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'bad signature';
  const alg = (JSON.parse(Buffer.from(head, 'base64url').toString()) as { alg?: string }).alg;
  if (alg !== 'HS256') return 'not HS256';
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
  if (claims.iss !== SERVICE_ID) return 'wrong issuer';
  if (typeof claims.iat !== 'number' || Math.abs(Date.now() / 1000 - claims.iat) > 30) return 'issued too long ago';
  return claims;
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return JSON.parse(text) as Record<string, unknown>;
}

describe('sending through GOV.UK Notify', () => {
  let notify: Server;
  const received: Received[] = [];
  let answer: { status: number; body: unknown } = { status: 201, body: {} };
  let testApp: TestApp;
  let officer: TestOfficer;
  let baseUrl: string;

  beforeAll(async () => {
    notify = createServer((request, response) => {
      void (async () => {
        const claims = verifyJwt(request.headers.authorization);
        const body = request.headers['content-type']?.startsWith('application/json') ? await readJson(request) : {};
        if (typeof claims === 'string') {
          response.writeHead(403, { 'content-type': 'application/json' }).end(JSON.stringify({ status_code: 403, errors: [{ error: 'AuthError', message: `Invalid token: ${claims}` }] }));
          return;
        }
        received.push({ path: request.url ?? '', body, claims });
        response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
      })();
    });
    await new Promise<void>((resolve) => notify.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(notify.address() as AddressInfo).port}`;
    testApp = await createTestApp({ config: { notify: { apiKey: API_KEY, baseUrl, emailTemplateId: EMAIL_TEMPLATE, letterTemplateId: LETTER_TEMPLATE } } });
    officer = await anOfficer(testApp);
  });
  afterAll(async () => {
    await testApp.close();
    await new Promise((resolve) => notify.close(resolve));
  });
  beforeEach(() => {
    received.length = 0;
    answer = { status: 201, body: { id: 'f1a7c6e2-3b4d-4c5e-9f60-7a8b9c0d1e2f' } };
  });

  const send = async (message: NewMessage) => {
    const { messageId } = await testApp.database.db.transaction((tx) => queueMessage(tx, testApp.clock, officer.actor, message));
    await createJobRunner(testApp, testApp.services, { random: () => 0 }).runUntilIdle();
    return messageId;
  };
  const stored = async (messageId: string) =>
    (await queryRows<{ status: string; deliveredBy: string | null; providerReference: string | null }>(
      testApp.database.db,
      sql`SELECT "status", "delivered_by" AS "deliveredBy", "provider_reference" AS "providerReference" FROM "outbox_message" WHERE "authority_id" = ${testApp.authorityId} AND "id" = ${messageId}`,
    ))[0]!;
  const jobOf = async (messageId: string) =>
    (await queryRows<{ status: string; attempts: number; lastError: string | null }>(
      testApp.database.db,
      sql`SELECT j."status", j."attempts", j."last_error" AS "lastError" FROM "job" j JOIN "outbox_message" m ON m."authority_id" = j."authority_id" AND m."job_id" = j."id"
           WHERE j."authority_id" = ${testApp.authorityId} AND m."id" = ${messageId}`,
    ))[0]!;

  it('sends an e-mail with the e-mail template, its words as personalisation and the message id as reference', async () => {
    const messageId = await send({ channel: 'email', recipientName: 'Ada Open', recipientAddress: 'ada@example.test', subject: 'Your request', bodyText: 'We have your request.' });
    expect(received).toHaveLength(1);
    expect(received[0]!.path).toBe('/v2/notifications/email');
    expect(received[0]!.claims.iss).toBe(SERVICE_ID);
    expect(received[0]!.body).toEqual({
      template_id: EMAIL_TEMPLATE,
      email_address: 'ada@example.test',
      personalisation: { subject: 'Your request', body: 'We have your request.' },
      reference: messageId,
    });
    expect(await stored(messageId)).toEqual({ status: 'sent', deliveredBy: 'notify', providerReference: 'f1a7c6e2-3b4d-4c5e-9f60-7a8b9c0d1e2f' });
    expect((await testApp.services.outbox.message(officer.actor, messageId)).state).toBe('sent');
  });

  it('posts a letter with the letter template, the name and address as its address lines', async () => {
    const messageId = await send({ channel: 'letter', recipientName: 'Bea Hidden', recipientAddress: '2 Refuge Road\nHideaway\nB2 2BB', addressWithheld: true, subject: 'Your child’s plan', bodyText: 'Dear Bea,' });
    expect(received[0]!.path).toBe('/v2/notifications/letter');
    expect(received[0]!.body).toEqual({
      template_id: LETTER_TEMPLATE,
      personalisation: { address_line_1: 'Bea Hidden', address_line_2: '2 Refuge Road', address_line_3: 'Hideaway', address_line_4: 'B2 2BB', subject: 'Your child’s plan', body: 'Dear Bea,' },
      reference: messageId,
    });
    expect((await stored(messageId)).status).toBe('sent');
  });

  it('gives up at once when Notify refuses the message, keeping none of its words about the recipient', async () => {
    answer = { status: 400, body: { status_code: 400, errors: [{ error: 'BadRequestError', message: 'email_address Not a valid email address: ada@example.test' }] } };
    const messageId = await send({ channel: 'email', recipientName: 'Ada Open', recipientAddress: 'ada@example.test', subject: 'Refused', bodyText: 'Words' });
    expect(received).toHaveLength(1);
    expect(await jobOf(messageId)).toEqual({ status: 'dead', attempts: 1, lastError: 'GOV.UK Notify answered 400 (BadRequestError)' });
    expect((await stored(messageId)).status).toBe('queued');
    expect((await testApp.services.outbox.message(officer.actor, messageId)).state).toBe('dead');
  });

  it('tries again later when Notify is unavailable', async () => {
    answer = { status: 503, body: { status_code: 503, errors: [{ error: 'ServiceUnavailable', message: 'down' }] } };
    const messageId = await send({ channel: 'email', recipientName: 'Ada Open', recipientAddress: 'ada@example.test', subject: 'Later', bodyText: 'Words' });
    expect(await jobOf(messageId)).toEqual({ status: 'queued', attempts: 1, lastError: 'GOV.UK Notify answered 503 (ServiceUnavailable)' });
    expect((await testApp.services.outbox.message(officer.actor, messageId)).state).toBe('failed');
  });

  it('is refused by Notify with a key whose secret is not the service’s: the stand-in checks the signature', async () => {
    const adapter = notifyAdapter({ apiKey: `casework_test-${SERVICE_ID}-00000000-0000-4000-8000-000000000000`, baseUrl, emailTemplateId: EMAIL_TEMPLATE, letterTemplateId: LETTER_TEMPLATE });
    const message = { id: 'm', channel: 'email' as const, recipientName: 'Ada', recipientAddress: 'ada@example.test', subject: 'S', bodyText: 'B' };
    await expect(adapter.deliver(message, new AbortController().signal)).rejects.toMatchObject({ message: 'GOV.UK Notify answered 403 (AuthError)', permanent: true });
    expect(received).toHaveLength(0);
  });

  it('says in its own words when Notify cannot be reached, and refuses a letter Notify could not post', () => {
    expect(notifyFailure(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })).message).toBe('GOV.UK Notify could not be reached (ECONNREFUSED)');
    expect(() => notifyAddressLines('Ada Open', 'B1 1AA')).toThrow(/fewer than 3 lines/);
    expect(notifyAddressLines('A', '1\n2\n3\n4\n5\n6\n7')).toMatchObject({ address_line_7: '6, 7' });
  });
});
