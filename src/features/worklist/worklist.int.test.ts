import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../lib/clock.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, anOfficer } from '../../test/factories/index.ts';

let testApp: TestApp;
const clock = fixedClock('2026-11-23T10:00:00Z');

beforeAll(async () => {
  testApp = await createTestApp({ clock });
});
afterAll(async () => {
  await testApp?.close();
});

describe('the worklist', () => {
  it('lists an officer’s own open cases, next statutory deadline first', async () => {
    const officer = await anOfficer(testApp);
    const colleague = await anOfficer(testApp);
    await aCase(testApp, officer.actor, { receivedOn: '2026-11-05' });
    await aCase(testApp, officer.actor, { receivedOn: '2026-11-02' });
    await aCase(testApp, officer.actor, { stage: 'assessment', receivedOn: '2026-09-01' });
    const worklist = await testApp.services.worklist.worklist(officer.actor);
    expect(worklist.cases.length).toBeGreaterThanOrEqual(3);
    const dues = worklist.cases.map((entry) => entry.deadline?.dueOn ?? '9999');
    expect([...dues].sort()).toEqual(dues);
    expect(worklist.cases.every((entry) => entry.reference.startsWith('999-EHC-'))).toBe(true);
    // An officer holding no cases gets no rows (the count's row alone is not a case).
    const empty = await testApp.services.worklist.worklist(colleague.actor);
    expect(empty.total).toBe(0);
    expect(empty.cases).toEqual([]);
  });

  it('shows the last page for a page past the end, never "no open cases"', async () => {
    const officer = await anOfficer(testApp);
    await aCase(testApp, officer.actor);
    const first = await testApp.services.worklist.worklist(officer.actor, 1);
    const pastTheEnd = await testApp.services.worklist.worklist(officer.actor, 9);
    expect(pastTheEnd.page).toBe(first.pageCount);
    expect(pastTheEnd.total).toBe(first.total);
    expect(pastTheEnd.cases.length).toBeGreaterThan(0);
  });
});
