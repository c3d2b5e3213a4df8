// Reports and the SEN2 return read from DATABASE_READ_URL, a streaming replica, where a council
// runs one (ADR 0027); what they write (the access log of every child listed) still goes to the
// primary. Here the "replica" is a second database holding a child the primary does not: what the
// services count shows which database they read, and the access log shows which they wrote.
import { eq } from 'drizzle-orm';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from './composition.ts';
import { testConfig } from './config.ts';
import { listListAccessBy } from './features/audit/index.ts';
import { fixedClock } from './lib/clock.ts';
import { createTestApp, type TestApp } from './test/app.ts';
import { authority, authorityCode } from './db/schema/index.ts';
import { aCase, anOfficer, type TestOfficer } from './test/factories/index.ts';

const clock = fixedClock('2027-01-25T10:00:00Z');
const CENSUS = '2027-01-21';
let primary: TestApp;
let replica: TestApp;
let officer: TestOfficer;
let manager: TestOfficer;

beforeAll(async () => {
  [primary, replica] = await Promise.all([createTestApp({ clock }), createTestApp({ clock })]);
  // The replica's council, its officers and its case; the primary knows the council (the access
  // log names it) but holds none of its children.
  officer = await anOfficer(replica);
  manager = await anOfficer(replica, { role: 'team_manager' });
  await aCase(replica, officer.actor, { stage: 'plan' });
  const [council] = await replica.database.db.select().from(authority).where(eq(authority.id, replica.authorityId));
  const codes = await replica.database.db.select().from(authorityCode).where(eq(authorityCode.authorityId, replica.authorityId));
  await primary.database.db.insert(authority).values(council!);
  await primary.database.db.insert(authorityCode).values(codes);
});
afterAll(async () => {
  await Promise.all([primary?.close(), replica?.close()]);
});

function sink(): Writable {
  return new Writable({ write: (_chunk, _encoding, done) => done() });
}

describe('a council with a streaming replica (DATABASE_READ_URL)', () => {
  it('makes its SEN2 return from the replica and logs the children it listed on the primary', async () => {
    const services = createServices({ config: testConfig(), database: primary.database, readDatabase: replica.database, clock });
    const result = await services.sen2.export(manager.actor, CENSUS, sink());
    expect(result.counts.persons).toBe(1);
    expect((await listListAccessBy(primary.database.db, replica.authorityId, manager.actor.id)).map((entry) => entry.view)).toEqual(['sen2-return']);
    expect(await listListAccessBy(replica.database.db, replica.authorityId, manager.actor.id)).toEqual([]);
    // Without a replica the same services read the primary, which has no child of this council.
    const alone = createServices({ config: testConfig(), database: primary.database, clock });
    expect((await alone.sen2.export(manager.actor, CENSUS, sink())).counts.persons).toBe(0);
  });

  it('counts the reports’ measures on the replica', async () => {
    const services = createServices({ config: testConfig(), database: primary.database, readDatabase: replica.database, clock });
    const alone = createServices({ config: testConfig(), database: primary.database, clock });
    const question = { from: '2026-02', to: '2027-01' };
    expect((await services.reporting.measureValue(manager.actor, 'open-cases', question)).value).toBe(1);
    expect((await alone.reporting.measureValue(manager.actor, 'open-cases', question)).value).toBe(0);
  });
});
