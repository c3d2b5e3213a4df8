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
