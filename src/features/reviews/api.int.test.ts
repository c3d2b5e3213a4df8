// Annual reviews through the API: the plans due, a review arranged and its decision, with the
// pages' rules (problem+json for every refusal, nothing saved) and Idempotency-Key on the writes.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, anApiToken, anAuthority, anOfficer, aSchool, type TestOfficer } from '../../test/factories/index.ts';

const clock = fixedClock('2026-11-23T10:00:00Z');

let testApp: TestApp;
let officer: TestOfficer;
let token: string;
let otherCouncilToken: string;

beforeAll(async () => {
  testApp = await createTestApp({ clock });
  officer = await anOfficer(testApp);
  token = await anApiToken(testApp, officer);
  otherCouncilToken = await anApiToken(testApp, await anOfficer(testApp, { authorityId: (await anAuthority(testApp.database.db)).id }));
});
afterAll(async () => {
  await testApp?.close();
});

const json = (method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}, as = token) =>
  testApp.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${as}`, ...(payload === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
  });

const aPlanCase = async () => aCase(testApp, officer.actor, { stage: 'plan', receivedOn: '2025-09-06', stepDates: { 'plan.issued': '2026-01-10' }, child: { schoolId: (await aSchool(testApp.database.db)).id } });
const reviewCount = async (caseId: string) => (await queryRows<{ count: number }>(testApp.database.db, sql`SELECT count(*)::int AS count FROM annual_review WHERE case_id = ${caseId}`))[0]!.count;

describe('annual reviews through the API', () => {
  it('lists the officer’s plans due, arranges a review once for a repeated Idempotency-Key, and refuses a decision before its meeting (CFA 2014 s.44; SEND Regs 2014 reg. 20)', async () => {
    const planned = await aPlanCase();
    const due = await json('GET', '/api/v1/reviews/due');
    expect(due.statusCode).toBe(200);
    expect(due.json().reviews.map((row: { caseId: string }) => row.caseId)).toContain(planned.caseId);

    const body = { meetingOn: '2026-12-14', headTeacherHolds: true };
    const first = await json('POST', `/api/v1/cases/${planned.caseId}/reviews`, body, { 'idempotency-key': 'review-1' });
    expect(first.statusCode).toBe(201);
    const again = await json('POST', `/api/v1/cases/${planned.caseId}/reviews`, body, { 'idempotency-key': 'review-1' });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await reviewCount(planned.caseId)).toBe(1);

    // A decision before the meeting is held: refused, nothing saved (reg. 20(10)).
    const early = await json('POST', `/api/v1/reviews/${first.json().id}/decision`, { decision: 'maintain', decidedOn: '2026-11-23', reasons: 'Fine' });
    expect(early.statusCode).toBe(400);
    expect(early.headers['content-type']).toContain('application/problem+json');
    expect(early.json().errors[0].message).toContain('a decision needs a meeting');
  });

  it('refuses a meeting in the past with problem+json, nothing saved (SEND Regs 2014 reg. 20(4))', async () => {
    const planned = await aPlanCase();
    const response = await json('POST', `/api/v1/cases/${planned.caseId}/reviews`, { meetingOn: '2026-11-01' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ field: 'meetingOn' });
    expect(await reviewCount(planned.caseId)).toBe(0);
  });

  it('knows no case of another council', async () => {
    const planned = await aPlanCase();
    const response = await json('POST', `/api/v1/cases/${planned.caseId}/reviews`, { meetingOn: '2026-12-14' }, {}, otherCouncilToken);
    expect(response.statusCode).toBe(404);
    expect(await reviewCount(planned.caseId)).toBe(0);
  });
});
