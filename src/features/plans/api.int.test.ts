import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../lib/clock.ts';
import { apiTestbed } from '../../test/api.ts';
import { aDecisionMaker, anApiToken, aPlan, aSchool, aSoundPlanContent } from '../../test/factories/index.ts';

const clock = fixedClock('2026-11-30T10:00:00Z');
const bed = apiTestbed(clock);
let manager: Promise<string> | undefined;
/** A team manager's token: the final plan is theirs to issue. */
const managerToken = () => (manager ??= aDecisionMaker(bed.testApp).then((officer) => anApiToken(bed.testApp, officer)));

const call = (method: 'GET' | 'PATCH' | 'POST', url: string, options: { body?: unknown; headers?: Record<string, string>; token?: string } = {}) =>
  bed.testApp.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${options.token ?? bed.token}`, ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
    ...(options.body === undefined ? {} : { payload: JSON.stringify(options.body) }),
  });

describe('the plan through the API', () => {
  it('gives the plan as JSON with its revision as the ETag', async () => {
    const { planId } = await aPlan(bed.testApp, bed.officer.actor, { content: aSoundPlanContent() });
    const response = await call('GET', `/api/v1/plans/${planId}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers.etag).toBe('"2"');
    expect(response.json()).toMatchObject({ id: planId, type: 'ehc', stage: 'draft', version: { status: 'working', revision: 2 }, content: { f: [{ id: 'f-1' }] }, findings: [], sen2: null });
  });

  it('edits a section with If-Match: 428 without it, 412 when stale, 400 for bad input (nothing saved), 200 with the new ETag', async () => {
    const { planId } = await aPlan(bed.testApp, bed.officer.actor, { content: aSoundPlanContent() });
    const url = `/api/v1/plans/${planId}`;
    const c = [{ id: 'c-1', description: 'Asthma' }];
    expect((await call('PATCH', url, { body: { sections: { c } } })).statusCode).toBe(428);
    expect((await call('PATCH', url, { body: { sections: { c } }, headers: { 'if-match': '"1"' } })).statusCode).toBe(412);
    const bad = await call('PATCH', url, { body: { sections: { f: [{ ...aSoundPlanContent().f![0]!, needIds: [] }], j: { amount: -1, covers: 'Taxi', paidHow: 'Direct payment' } } }, headers: { 'if-match': '"2"' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((error: { field: string }) => error.field)).toEqual(['sections.f.0.needIds', 'sections.j.amount']);
    const urn = await call('PATCH', url, { body: { sections: { i: { kind: 'school', urn: 899997 } } }, headers: { 'if-match': '"2"' } });
    expect(urn.statusCode).toBe(400);
    const saved = await call('PATCH', url, { body: { sections: { c } }, headers: { 'if-match': '"2"' } });
    expect(saved.statusCode).toBe(200);
    expect(saved.headers.etag).toBe('"3"');
    expect(saved.json().findings.map((finding: { code: string }) => finding.code)).toEqual(['c-need-without-provision']);
    const stale = await call('PATCH', url, { body: { sections: { d: [] } }, headers: { 'if-match': '"2"' } });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().detail).toContain('Changed since: section C: C1 added.');
  });

  it('issues the draft once per Idempotency-Key, refuses it a second time, and refuses the final plan inside the 15 days (SEND Regs 2014 reg. 13(1)(a))', async () => {
    const school = await aSchool(bed.testApp.database.db);
    const { planId } = await aPlan(bed.testApp, bed.officer.actor, { content: { ...aSoundPlanContent(), i: { kind: 'school', urn: school.urn } } });
    const issue = (key: string) => call('POST', `/api/v1/plans/${planId}/draft-issue`, { body: { overrides: [] }, headers: { 'idempotency-key': key } });
    const first = await issue('draft-1');
    expect(first.statusCode).toBe(201);
    const again = await issue('draft-1');
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect((await issue('draft-2')).statusCode).toBe(400);
    const final = await call('POST', `/api/v1/plans/${planId}/final-issue`, { body: {}, token: await managerToken() });
    expect(final.statusCode).toBe(400);
    expect(final.json().detail).toContain('reg. 13(1)(a)');
    const edit = await call('PATCH', `/api/v1/plans/${planId}`, { body: { sections: { c: [] } }, headers: { 'if-match': '"1"' } });
    expect(edit.statusCode).toBe(200);
  });

  it('gives the difference between two versions, and issues the final plan once the draft’s 15 days are over', async () => {
    const school = await aSchool(bed.testApp.database.db);
    const { planId } = await aPlan(bed.testApp, bed.officer.actor, { content: { ...aSoundPlanContent(), i: { kind: 'school', urn: school.urn } }, draftIssuedOn: '2026-11-01' });
    const f = [{ ...aSoundPlanContent().f![0]!, frequency: 'Twice a week' }];
    expect((await call('PATCH', `/api/v1/plans/${planId}`, { body: { sections: { f } }, headers: { 'if-match': '"1"' } })).statusCode).toBe(200);
    const final = await call('POST', `/api/v1/plans/${planId}/final-issue`, { body: {}, token: await managerToken() });
    expect(final.statusCode).toBe(201);
    expect(final.json()).toMatchObject({ status: 'final', versionNumber: 2 });
    const plan = await call('GET', `/api/v1/plans/${planId}`);
    expect(plan.json().sen2).toEqual({
      receivedDate: '2026-09-07',
      draftIssuedOn: '2026-11-01',
      startDate: '2026-11-30',
      twentyWeeksEnd: '2027-01-25',
      exceptionRecorded: false,
      week20: 1,
      week20ExcludingExceptions: 1,
      placement: { urn: school.urn, senSetting: null, senSettingOther: null, placementRank: 1 },
      needs: [{ senType: 'SLCN', senTypeRank: 1 }],
    });
    const difference = await call('GET', `/api/v1/plans/${planId}/difference?from=1&to=2`);
    expect(difference.statusCode).toBe(200);
    expect(difference.json().sections).toEqual([expect.objectContaining({ section: 'f', items: [expect.objectContaining({ change: 'changed', reference: 'F1' })] })]);
    const edit = await call('PATCH', `/api/v1/plans/${planId}`, { body: { sections: { c: [] } }, headers: { 'if-match': '"2"' } });
    expect(edit.statusCode).toBe(400);
  });

  it('refuses the final plan (403) to a case officer, who may issue the draft: the final plan is issued with the delegated authority of a team manager or service lead, and nothing is recorded', async () => {
    const school = await aSchool(bed.testApp.database.db);
    const { planId } = await aPlan(bed.testApp, bed.officer.actor, { content: { ...aSoundPlanContent(), i: { kind: 'school', urn: school.urn } }, draftIssuedOn: '2026-11-01' });
    const refused = await call('POST', `/api/v1/plans/${planId}/final-issue`, { body: {}, headers: { 'idempotency-key': 'final-by-officer' } });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json().detail).toMatch(/Only a team manager or service lead can issue the final plan/);
    const summary = await bed.testApp.services.plans.planSummary(bed.officer.actor, planId);
    expect(summary.versions.map((version) => version.status)).toEqual(['draft', 'working']);
    const plan = await call('GET', `/api/v1/plans/${planId}`);
    expect(plan.json()).toMatchObject({ stage: 'final', version: { status: 'working' } });
  });

  it('refuses a board member, as every casework operation does', async () => {
    const { planId } = await aPlan(bed.testApp, bed.officer.actor);
    expect((await call('GET', `/api/v1/plans/${planId}`, { token: bed.boardToken })).statusCode).toBe(403);
  });
});
