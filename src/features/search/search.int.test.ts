import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../lib/clock.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, anAuthority, anOfficer, aUpn, type TestOfficer } from '../../test/factories/index.ts';

let testApp: TestApp;
let officer: TestOfficer;
let colleague: TestOfficer;
let manager: TestOfficer;
let outsider: TestOfficer;
const clock = fixedClock('2026-11-23T10:00:00Z');

/** A child whose name has an accent, an apostrophe and a hyphen, with a case held by the officer; their UPN. */
async function zoe(): Promise<string> {
  const upn = aUpn();
  await aCase(testApp, officer.actor, { receivedOn: '2026-11-02', child: { forename: 'Zoë', surname: 'O’Brien-Smith', dateOfBirth: '2016-03-27', upn } });
  return upn;
}

beforeAll(async () => {
  testApp = await createTestApp({ clock });
  officer = await anOfficer(testApp);
  colleague = await anOfficer(testApp);
  manager = await anOfficer(testApp, { role: 'team_manager' });
  outsider = await anOfficer(testApp, { authorityId: (await anAuthority(testApp.database.db)).id });
});
afterAll(async () => {
  await testApp?.close();
});

describe('search', () => {
  it('finds a child by name whatever the accents, apostrophes and case', async () => {
    const upn = await zoe();
    const { results } = await testApp.services.search.search(officer.actor, 'zoe obrien');
    expect(results.map((result) => result.upn)).toContain(upn);
  });

  it('finds a child by short fragments and by many words, the same on every call', async () => {
    const upn = await zoe();
    // Words of one or two letters give no trigram (planned each time); five words pass the
    // statements prepared by name; the rest are prepared, and a prepared plan must not drift.
    for (const text of ['zo obrien', 'z o brien smith', 'zoe obrien smith zoe obrien', 'zoe obrien', 'zoe obrien', 'zoe obrien', 'zoe obrien', 'zoe obrien', 'zoe obrien']) {
      const { results } = await testApp.services.search.search(officer.actor, text);
      expect(results.map((result) => result.upn), text).toContain(upn);
    }
    expect((await testApp.services.search.search(officer.actor, 'zoe nobody')).results.map((result) => result.upn)).not.toContain(upn);
  });

  it('finds a child by UPN and by date of birth', async () => {
    const upn = await zoe();
    expect((await testApp.services.search.search(officer.actor, upn.toLowerCase())).results).toHaveLength(1);
    expect((await testApp.services.search.search(officer.actor, '27/03/2016')).results.length).toBeGreaterThan(0);
  });

  it('still finds a misspelt name', async () => {
    const upn = await zoe();
    const { results } = await testApp.services.search.search(officer.actor, 'Zoe OBrein');
    expect(results.map((result) => result.upn)).toContain(upn);
  });

  it('never returns another authority’s children', async () => {
    await zoe();
    expect((await testApp.services.search.search(outsider.actor, 'zoe')).results).toEqual([]);
  });

  it('hides a sensitive record from officers who do not hold it', async () => {
    const created = await aCase(testApp, officer.actor, { receivedOn: '2026-11-06', child: { forename: 'Restricted', surname: 'Person' } });
    await testApp.database.db.execute(sql`UPDATE child SET sensitive = true WHERE id = ${created.childId}`);
    expect((await testApp.services.search.search(officer.actor, 'restricted person')).results).toHaveLength(1);
    expect((await testApp.services.search.search(manager.actor, 'restricted person')).results).toHaveLength(1);
    expect((await testApp.services.search.search(colleague.actor, 'restricted person')).results).toHaveLength(0);
    await expect(testApp.services.children.childRecord(colleague.actor, created.childId)).rejects.toThrow(NotFoundError);
  });
});
