// Idempotency-Key under concurrency and between users: the probe's six parallel retries made two
// to five cases on PostgreSQL, and another user's key replayed the first user's answer, skipping
// the role check (a read-only board member got 201 with an officer's case).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aChild, anOfficer } from '../../test/factories/index.ts';

let testApp: TestApp;
let officerToken: string;
let colleagueToken: string;
let boardToken: string;
const clock = fixedClock('2026-11-23T10:00:00Z');

beforeAll(async () => {
  testApp = await createTestApp({ clock });
  const tokenFor = async (role: 'case_officer' | 'board_member') => {
    const { actor } = await anOfficer(testApp, { role });
    return (await testApp.services.auth.issueApiToken(actor, actor.id, 'test')).token;
  };
  officerToken = await tokenFor('case_officer');
  colleagueToken = await tokenFor('case_officer');
  boardToken = await tokenFor('board_member');
});
afterAll(async () => {
  await testApp?.close();
});

const post = (token: string, key: string, payload: unknown) =>
  testApp.app.inject({
    method: 'POST',
    url: '/api/v1/requests',
    headers: { authorization: `Bearer ${token}`, 'idempotency-key': key, 'content-type': 'application/json' },
    payload: JSON.stringify(payload),
  });

const casesOf = async (surname: string) =>
  (await queryRows<{ n: number }>(testApp.database.db, sql`SELECT count(*)::int AS n FROM ehc_case c JOIN child ch ON ch.id = c.child_id WHERE ch.surname = ${surname}`))[0]!.n;

describe('an Idempotency-Key', () => {
  it('makes one case from six parallel retries, each answered 201 with that case', async () => {
    const child = aChild();
    const payload = { receivedOn: '2026-11-20', source: 1, child };
    const key = `retry-${uuidv7()}`;
    const answers = await Promise.all(Array.from({ length: 6 }, () => post(officerToken, key, payload)));
    expect(answers.map((answer) => answer.statusCode)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(new Set(answers.map((answer) => answer.json().caseId)).size).toBe(1);
    expect(answers.filter((answer) => answer.headers['idempotent-replayed'] === 'true')).toHaveLength(5);
    expect(await casesOf(child.surname)).toBe(1);
  });

  it('is its user’s own: another officer’s same key makes their own request, never a replay of the first', async () => {
    const key = `shared-${uuidv7()}`;
    const first = { receivedOn: '2026-11-20', source: 1, child: aChild() };
    const mine = await post(officerToken, key, first);
    const second = { receivedOn: '2026-11-20', source: 1, child: aChild() };
    const theirs = await post(colleagueToken, key, second);
    expect(mine.statusCode).toBe(201);
    expect(theirs.statusCode).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.json().caseId).not.toBe(mine.json().caseId);
  });

  it('never lets a read-only board member past the role check by replaying an officer’s key', async () => {
    const key = `board-${uuidv7()}`;
    const payload = { receivedOn: '2026-11-20', source: 1, child: aChild() };
    expect((await post(officerToken, key, payload)).statusCode).toBe(201);
    const replay = await post(boardToken, key, payload);
    expect(replay.statusCode).toBe(403);
  });
});

describe('an Idempotency-Key compares the request by its meaning', () => {
  /** The same object with its keys, at every depth, in the reverse order. */
  const reordered = (value: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([key, inner]) => [key, inner !== null && typeof inner === 'object' ? reordered(inner as Record<string, unknown>) : inner]),
    );

  it('replays the first answer for the same JSON with its keys in another order, nested ones too, writing nothing', async () => {
    const child = aChild();
    const payload = { receivedOn: '2026-11-20', source: 1, child };
    const key = `reordered-${uuidv7()}`;
    const first = await post(officerToken, key, payload);
    expect(first.statusCode).toBe(201);
    const sent = JSON.stringify(reordered(payload));
    expect(sent).not.toBe(JSON.stringify(payload));
    const retry = await testApp.app.inject({
      method: 'POST',
      url: '/api/v1/requests',
      headers: { authorization: `Bearer ${officerToken}`, 'idempotency-key': key, 'content-type': 'application/json' },
      payload: sent,
    });
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(retry.headers.location).toBe(first.headers.location);
    expect(await casesOf(child.surname)).toBe(1);
  });

  it('refuses the same key with a different body (one nested value changed) as 422 problem+json naming the key, writing nothing', async () => {
    const child = aChild();
    const key = `changed-${uuidv7()}`;
    expect((await post(officerToken, key, { receivedOn: '2026-11-20', source: 1, child })).statusCode).toBe(201);
    const refused = await post(officerToken, key, { source: 1, receivedOn: '2026-11-20', child: { ...child, postcode: 'B1 1AA' } });
    expect(refused.statusCode).toBe(422);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json()).toMatchObject({
      type: 'about:blank',
      title: 'Unprocessable content',
      status: 422,
      field: 'Idempotency-Key',
      errors: [{ field: 'Idempotency-Key', message: 'This Idempotency-Key was used with a different request. Use a new key for a new request.' }],
    });
    expect(await casesOf(child.surname)).toBe(1);
  });
});
