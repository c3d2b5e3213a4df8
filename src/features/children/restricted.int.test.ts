// Restricted records (a child at risk, a family in a refuge) stay restricted whatever route is
// tried: the record, its edit form, a new request on the child, a step on their case, the API.
// "Not allowed" is answered exactly as "does not exist", and each refusal is in the access log.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, anOfficer, type TestOfficer } from '../../test/factories/index.ts';
import { getPage, postForm, signIn } from '../../test/http.ts';
import { listAccessFor } from '../audit/index.ts';

let testApp: TestApp;
let holder: TestOfficer;
let outsider: TestOfficer;
let manager: TestOfficer;
let outsiderToken: string;
const clock = fixedClock('2026-11-23T10:00:00Z');

beforeAll(async () => {
  testApp = await createTestApp({ clock });
  holder = await anOfficer(testApp);
  outsider = await anOfficer(testApp);
  manager = await anOfficer(testApp, { role: 'team_manager' });
  outsiderToken = (await testApp.services.auth.issueApiToken(outsider.actor, outsider.actor.id, 'test')).token;
});
afterAll(async () => {
  await testApp?.close();
});

async function restrict(childId: string) {
  await queryRows(testApp.database.db, sql`UPDATE child SET sensitive = true WHERE id = ${childId}`);
}

/** A restricted child whose case was closed (no one holds them now). */
async function restrictedChildWithoutOpenCase() {
  const created = await aCase(testApp, holder.actor, { stage: 'closed' });
  await restrict(created.childId);
  return created;
}

async function child(childId: string) {
  const [row] = await queryRows<{ forename: string; version: number; cases: number }>(
    testApp.database.db,
    sql`SELECT forename, version, (SELECT count(*)::int FROM ehc_case WHERE child_id = ${childId}) AS cases FROM child WHERE id = ${childId}`,
  );
  return row!;
}

const refusals = async (childId: string) => (await listAccessFor(testApp.database.db, holder.actor.authorityId, childId)).filter((entry) => entry.view.startsWith('refused:') && entry.actorId === outsider.actor.id);

const apiRequest = (childId: string) =>
  testApp.app.inject({
    method: 'POST',
    url: '/api/v1/requests',
    headers: { authorization: `Bearer ${outsiderToken}`, 'content-type': 'application/json' },
    payload: JSON.stringify({ childId, receivedOn: '2026-11-20', source: 1 }),
  });

describe('a restricted child with no open case', () => {
  it('cannot be taken on through a new request by an officer without access: 404 as for an unknown id, nothing written, the refusal logged', async () => {
    const { childId } = await restrictedChildWithoutOpenCase();
    const before = await child(childId);
    const unknown = await apiRequest(uuidv7());
    const refused = await apiRequest(childId);
    expect(refused.statusCode).toBe(404);
    expect(refused.statusCode).toBe(unknown.statusCode);
    expect(refused.json().detail).toBe(unknown.json().detail);
    await expect(testApp.services.requests.recordRequest(outsider.actor, { childId, receivedOn: '2026-11-20', source: 1 })).rejects.toBeInstanceOf(NotFoundError);
    expect(await child(childId)).toEqual(before);
    expect((await refusals(childId)).map((entry) => entry.view)).toContain('refused:new-request');
  });

  it('is still open to a manager, who may record the new request', async () => {
    const { childId } = await restrictedChildWithoutOpenCase();
    await expect(testApp.services.requests.recordRequest(manager.actor, { childId, receivedOn: '2026-11-20', source: 1 })).resolves.toMatchObject({ childId });
  });
});

describe('a restricted child’s details', () => {
  it('cannot be changed by an officer without access, by the page or the service, whatever version is guessed', async () => {
    const { childId } = await aCase(testApp, holder.actor);
    await restrict(childId);
    const before = await child(childId);
    const jar = await signIn(testApp.app, outsider.user.email, outsider.password);
    const csrfPage = '/requests/new';
    const response = await postForm(testApp.app, jar, `/children/${childId}/edit`, { version: String(before.version), forename: 'Changed', surname: 'By-Someone' }, { csrfFrom: csrfPage });
    expect(response.statusCode).toBe(404);
    await expect(testApp.services.children.updateChildDetails(outsider.actor, childId, { version: before.version, forename: 'Changed', surname: 'By-Someone' })).rejects.toBeInstanceOf(NotFoundError);
    expect(await child(childId)).toEqual(before);
    expect((await refusals(childId)).map((entry) => entry.view)).toContain('refused:edit');
  });

  it('can be changed by the officer who holds the case', async () => {
    const { childId } = await aCase(testApp, holder.actor);
    await restrict(childId);
    const before = await child(childId);
    await testApp.services.children.updateChildDetails(holder.actor, childId, { version: before.version, forename: 'Held', surname: 'Safely' });
    expect((await child(childId)).forename).toBe('Held');
  });
});

describe('a restricted child with an open case held by someone else', () => {
  it('answers a new request as an unknown id does (404), not with the conflict that would say the child exists', async () => {
    const { childId } = await aCase(testApp, holder.actor);
    await restrict(childId);
    const unknown = await apiRequest(uuidv7());
    const refused = await apiRequest(childId);
    expect(refused.statusCode).toBe(404);
    expect(refused.json().detail).toBe(unknown.json().detail);
  });

  it('refuses a step or an exception on the case from an officer without access, and logs it', async () => {
    const { caseId, childId } = await aCase(testApp, holder.actor, { stage: 'assessment', receivedOn: '2026-10-01', stepDates: { 'assessment.agreed': '2026-11-05' } });
    await restrict(childId);
    await expect(testApp.services.caseProgress.recordStep(outsider.actor, caseId, 'draft.issued', '2026-11-20')).rejects.toBeInstanceOf(NotFoundError);
    await expect(testApp.services.caseProgress.recordException(outsider.actor, caseId, { reason: 'school-closure', evidence: 'School closed for the summer', startsOn: '2026-11-20' })).rejects.toBeInstanceOf(NotFoundError);
    expect((await refusals(childId)).map((entry) => entry.view)).toEqual(expect.arrayContaining(['refused:case-progress']));
    await expect(testApp.services.caseProgress.recordStep(holder.actor, caseId, 'draft.issued', '2026-11-20')).resolves.toMatchObject({ caseId, type: 'draft.issued' });
  });

  it('logs a refused view of the record, and answers it as not found', async () => {
    const { childId } = await aCase(testApp, holder.actor);
    await restrict(childId);
    await expect(testApp.services.children.childRecord(outsider.actor, childId)).rejects.toBeInstanceOf(NotFoundError);
    expect((await refusals(childId)).map((entry) => entry.view)).toContain('refused:record');
  });
});

describe('“not allowed” and “does not exist”', () => {
  it('are one answer, on every page and API address of the child and their case', async () => {
    const { childId, caseId } = await aCase(testApp, holder.actor);
    await restrict(childId);
    const jar = await signIn(testApp.app, outsider.user.email, outsider.password);
    const api = (url: string) => testApp.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${outsiderToken}` } });
    const unknownChild = uuidv7();
    const unknownCase = uuidv7();
    const addresses: [string, (child: string, kase: string) => Promise<{ statusCode: number; body: string }>][] = [
      ['record page', (child) => getPage(testApp.app, jar, `/children/${child}`)],
      ['edit page', (child) => getPage(testApp.app, jar, `/children/${child}/edit`)],
      ['new request page', (child) => getPage(testApp.app, jar, `/requests/new?childId=${child}`)],
      ['step page', (child) => getPage(testApp.app, jar, `/children/${child}/steps/new`)],
      ['exception page', (child) => getPage(testApp.app, jar, `/children/${child}/exceptions/new`)],
      ['people page', (child) => getPage(testApp.app, jar, `/children/${child}/people/new`)],
      ['document page', (child) => getPage(testApp.app, jar, `/children/${child}/documents/new`)],
      ['officer page', (_child, kase) => getPage(testApp.app, jar, `/cases/${kase}/officer`)],
      ['advice page', (_child, kase) => getPage(testApp.app, jar, `/cases/${kase}/advice`)],
      ['API record', (child) => api(`/api/v1/children/${child}`)],
      ['API events', (_child, kase) => api(`/api/v1/cases/${kase}/events`)],
      ['API documents', (_child, kase) => api(`/api/v1/cases/${kase}/documents`)],
      ['API letters', (_child, kase) => api(`/api/v1/cases/${kase}/letters`)],
      ['API advice', (_child, kase) => api(`/api/v1/cases/${kase}/advice-requests`)],
      ['API decisions', (_child, kase) => api(`/api/v1/cases/${kase}/decisions`)],
    ];
    // Nonces differ on every page; nothing else may.
    const plain = (body: string, ...ids: string[]) => ids.reduce((text, id) => text.replaceAll(id, 'ID'), body.replace(/nonce="[^"]+"/g, 'nonce'));
    for (const [name, fetch] of addresses) {
      const refused = await fetch(childId, caseId);
      const unknown = await fetch(unknownChild, unknownCase);
      expect(refused.statusCode, name).toBe(404);
      expect({ name, status: refused.statusCode, body: plain(refused.body, childId, caseId) }).toEqual({
        name,
        status: unknown.statusCode,
        body: plain(unknown.body, unknownChild, unknownCase),
      });
    }
  });
});
