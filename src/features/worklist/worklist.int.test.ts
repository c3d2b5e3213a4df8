import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../lib/clock.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { CookieJar} from '../../test/http.ts';
import { getPage, signIn } from '../../test/http.ts';
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

  it('shows the officer the contacts, complaints and information requests they own beside their cases, the next response due first, and logs the children named', async () => {
    const officer = await anOfficer(testApp);
    const made = await aCase(testApp, officer.actor, { receivedOn: '2026-11-05', child: { forename: 'Zainab', surname: 'Contactowner' } });
    const contacts = testApp.services.contacts;
    await contacts.logContact(officer.actor, { kind: 'foi', channel: 'email', source: 'other', fromName: 'A member of the public', summary: 'Plans issued in 2025', receivedOn: '2026-11-02' });
    await contacts.logContact(officer.actor, { kind: 'complaint', channel: 'email', source: 'family', fromName: 'Mrs Contactowner', summary: 'No one called back.', theme: 'communication', receivedOn: '2026-11-20', childId: made.childId });
    const worklist = await testApp.services.worklist.worklist(officer.actor, 1, 'worklist', { withContacts: true });
    // The information request is due first (20 working days from 2 November), the complaint after (10 from 20 November).
    expect(worklist.contacts.map((entry) => [entry.kindName, entry.childName, entry.dueOn])).toEqual([
      ['Freedom of information request', null, '2026-11-30'],
      ['Complaint', 'Zainab Contactowner', '2026-12-04'],
    ]);
    const dues = worklist.contacts.map((entry) => entry.dueOn!);
    expect([...dues].sort()).toEqual(dues);
    expect(worklist.contacts.find((entry) => entry.childName)?.deadline).toMatchObject({ title: 'Respond' });
    // The API's worklist stays the cases alone.
    expect((await testApp.services.worklist.worklist(officer.actor)).contacts).toEqual([]);
    const jar: CookieJar = await signIn(testApp.app, officer.user.email, officer.password);
    const page = await getPage(testApp.app, jar, '/cases');
    expect(page.body).toContain('Contacts, complaints and requests for information');
    expect(page.body).toContain('Zainab Contactowner');
    const [logged] = await queryRows<{ child_ids: string[] }>(testApp.database.db, sql`SELECT child_ids FROM list_access_log WHERE actor_id = ${officer.user.id} AND view = 'worklist' ORDER BY accessed_at DESC LIMIT 1`);
    expect(logged!.child_ids).toContain(made.childId);
  });
});
