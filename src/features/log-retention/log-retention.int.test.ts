// The logs partitioned by month (ADR 0025): the months exist, a row for a month with no partition
// is kept and moved into its month when the month is made, the monthly job drops a month whole only
// when every council's retention has passed, no partition is a way round the append-only logs, and
// the administrator's page holds each period to its floor.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { accessLog, auditEvent } from '../../db/schema/index.ts';
import { createJobRunner } from '../../composition.ts';
import { fixedClock } from '../../lib/clock.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { refusalOf, testEngine } from '../../test/database.ts';
import { anAuthority, anOfficer, type TestOfficer } from '../../test/factories/index.ts';
import { errorSummaryOf, getPage, postForm, signIn, type CookieJar } from '../../test/http.ts';
import { LOG_MAINTENANCE_JOB, LogRetentionService } from './index.ts';

let testApp: TestApp;
let admin: TestOfficer;
const clock = fixedClock('2026-12-01T10:00:00Z');

beforeAll(async () => {
  testApp = await createTestApp({ clock });
  admin = await anOfficer(testApp, { role: 'admin' });
});
afterAll(async () => {
  await testApp?.close();
});

/** The job's service as it runs on a given day. */
const serviceOn = (moment: string) => new LogRetentionService(testApp.database.db, fixedClock(moment), { asOwner: (work) => testApp.database.asOwner(work) });

const partitionsOf = async (log: string) =>
  (
    await queryRows<{ name: string }>(
      testApp.database.db,
      sql`SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = ${log}::regclass ORDER BY 1`,
    )
  ).map((row) => row.name);

async function anAuditEventAt(authorityId: string, occurredAt: string): Promise<string> {
  const id = uuidv7();
  await testApp.database.db.insert(auditEvent).values({ id, authorityId, occurredAt: new Date(occurredAt), actorKind: 'system', actorId: 'test', action: 'test.done', entityType: 'test', entityId: id, details: {} });
  return id;
}

async function whereIs(authorityId: string, id: string): Promise<string | undefined> {
  const [row] = await queryRows<{ partition: string }>(
    testApp.database.db,
    sql`SELECT tableoid::regclass::text AS "partition" FROM "audit_event" WHERE "authority_id" = ${authorityId} AND "id" = ${id}`,
  );
  return row?.partition;
}

describe('the logs partitioned by month', () => {
  it('partitions each log by range on its timestamp, with a default partition, and keys it by id and timestamp', async () => {
    const keys = await queryRows<{ log: string; key: string }>(
      testApp.database.db,
      sql`SELECT c.relname AS "log", pg_get_partkeydef(c.oid) AS "key" FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid ORDER BY 1`,
    );
    expect(keys).toEqual([
      { log: 'access_log', key: 'RANGE (accessed_at)' },
      { log: 'audit_event', key: 'RANGE (occurred_at)' },
      { log: 'list_access_log', key: 'RANGE (accessed_at)' },
    ]);
    const primaryKeys = await queryRows<{ log: string; definition: string }>(
      testApp.database.db,
      sql`SELECT conrelid::regclass::text AS "log", pg_get_constraintdef(oid) AS "definition" FROM pg_constraint
           WHERE contype = 'p' AND conrelid::regclass::text IN ('audit_event', 'access_log', 'list_access_log') ORDER BY 1`,
    );
    expect(primaryKeys).toEqual([
      { log: 'access_log', definition: 'PRIMARY KEY (id, accessed_at)' },
      { log: 'audit_event', definition: 'PRIMARY KEY (id, occurred_at)' },
      { log: 'list_access_log', definition: 'PRIMARY KEY (id, accessed_at)' },
    ]);
    for (const log of ['audit_event', 'access_log', 'list_access_log']) expect(await partitionsOf(log)).toContain(`${log}_default`);
  });

  it('keeps a row of a month with no partition in the default one, and moves it whole into its month when the month is made', async () => {
    const authority = await anAuthority(testApp.database.db);
    const waiting = await anAuditEventAt(authority.id, '2015-05-20T12:00:00Z');
    expect(await whereIs(authority.id, waiting)).toBe('audit_event_default');
    const made = await serviceOn('2015-05-10T09:00:00Z').maintain();
    expect(made.made).toEqual(expect.arrayContaining(['audit_event_2015_05', 'audit_event_2015_08', 'access_log_2015_05', 'list_access_log_2015_08']));
    expect(await whereIs(authority.id, waiting)).toBe('audit_event_2015_05');
    // The next rows of a month made ahead go straight into it.
    const later = await anAuditEventAt(authority.id, '2015-07-31T23:59:59Z');
    expect(await whereIs(authority.id, later)).toBe('audit_event_2015_07');
    // Made once: running again makes nothing.
    expect((await serviceOn('2015-05-11T09:00:00Z').maintain()).made).toEqual([]);
  });

  it('drops a month whole once the retention has passed, keeping the months after it (7 years by default)', async () => {
    const authority = await anAuthority(testApp.database.db);
    await serviceOn('2019-01-15T09:00:00Z').maintain();
    await anAuditEventAt(authority.id, '2019-01-31T23:00:00Z');
    const kept = await anAuditEventAt(authority.id, '2019-02-01T00:00:00Z');
    // 1 February 2026: every row of January 2019 is seven years old; February 2019's are not.
    const { dropped } = await serviceOn('2026-02-15T09:00:00Z').maintain();
    expect(dropped).toContain('audit_event_2019_01');
    expect(dropped).not.toContain('audit_event_2019_02');
    expect(await partitionsOf('audit_event')).not.toContain('audit_event_2019_01');
    expect(await whereIs(authority.id, kept)).toBe('audit_event_2019_02');
    // The access logs are kept 3 years by default: all of 2019 has gone from them.
    expect((await partitionsOf('access_log')).filter((name) => name.startsWith('access_log_2019'))).toEqual([]);
  });

  it('drops a month only when every council’s retention has passed: the longest one set', async () => {
    await serviceOn('2012-03-10T09:00:00Z').maintain();
    const longer = await anOfficer(testApp, { role: 'admin', authorityId: (await anAuthority(testApp.database.db)).id });
    await testApp.services.logRetention.setRetention(longer.actor, { audit_event: '10', access_log: '3', list_access_log: '3' });
    // Seven years on, the default would drop March 2012; the council that keeps it ten years holds it.
    expect((await serviceOn('2019-05-01T09:00:00Z').maintain()).dropped).not.toContain('audit_event_2012_03');
    expect(await partitionsOf('audit_event')).toContain('audit_event_2012_03');
    expect((await serviceOn('2022-04-01T00:00:00Z').maintain()).dropped).toContain('audit_event_2012_03');
  });

  it('lets no month be deleted from, changed or truncated, whatever the role', async () => {
    await serviceOn('2024-06-10T09:00:00Z').maintain();
    await anAuditEventAt(testApp.authorityId, '2024-06-11T09:00:00Z');
    // A row no month holds yet waits in the default partition.
    await anAuditEventAt(testApp.authorityId, '2090-01-01T00:00:00Z');
    await testApp.database.db.insert(accessLog).values({ id: uuidv7(), authorityId: testApp.authorityId, accessedAt: new Date('2024-06-11T09:00:00Z'), actorKind: 'system', actorId: 'test', childId: uuidv7(), view: 'record' });
    for (const partition of ['audit_event_2024_06', 'audit_event_default', 'access_log_2024_06']) {
      expect(await refusalOf(testApp.database, sql.raw(`DELETE FROM ${partition}`))).toMatch(/append-only|permission denied/);
      expect(await refusalOf(testApp.database, sql.raw(`UPDATE ${partition} SET actor_id = actor_id`))).toMatch(/append-only|permission denied/);
      expect(await refusalOf(testApp.database, sql.raw(`TRUNCATE ${partition}`))).toMatch(/append-only|permission denied/);
    }
    expect(await partitionsOf('audit_event')).toContain('audit_event_2024_06');
  });

  it.skipIf(testEngine !== 'postgres')('lets only the owning role drop or detach a month: the service’s role cannot', async () => {
    await serviceOn('2024-06-10T09:00:00Z').maintain();
    expect(await refusalOf(testApp.database, sql`DROP TABLE audit_event_2024_06`)).toMatch(/must be owner/);
    expect(await refusalOf(testApp.database, sql`ALTER TABLE audit_event DETACH PARTITION audit_event_2024_07`)).toMatch(/must be owner/);
    expect(await refusalOf(testApp.database, sql`ALTER TABLE audit_event DETACH PARTITION audit_event_default`)).toMatch(/must be owner/);
    expect(await refusalOf(testApp.database, sql`SELECT create_log_month('audit_event', '2031-01-01')`)).toMatch(/permission denied/);
    // A partition made by the migration and one made later by the job: the service's role has no right on either.
    const rights = await queryRows<{ partition: string; any: boolean }>(
      testApp.database.db,
      sql`SELECT p AS "partition", has_table_privilege(current_user, p, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE') AS "any"
            FROM unnest(ARRAY['audit_event_default', 'access_log_default', 'audit_event_2024_06']) AS p`,
    );
    expect(rights.every((row) => !row.any)).toBe(true);
    expect(await partitionsOf('audit_event')).toContain('audit_event_2024_06');
  });

  it('makes each month once when two instances run the job at once', async () => {
    const runs = await Promise.all([serviceOn('2008-01-10T09:00:00Z').maintain(), serviceOn('2008-01-10T09:00:00Z').maintain()]);
    expect(runs.flatMap((run) => run.made).filter((name) => name === 'audit_event_2008_01')).toHaveLength(1);
    expect((await partitionsOf('audit_event')).filter((name) => name.startsWith('audit_event_2008_'))).toEqual(['audit_event_2008_01', 'audit_event_2008_02', 'audit_event_2008_03', 'audit_event_2008_04']);
  });

  it('runs as a job each month: it queues its next run for 02:00 UTC on the 1st of next month', async () => {
    expect(await testApp.services.logRetention.ensureScheduled()).toBe(true);
    expect(await testApp.services.logRetention.ensureScheduled()).toBe(false);
    const runner = createJobRunner({ database: testApp.database, clock }, testApp.services);
    expect(await runner.runUntilIdle()).toBe(1);
    const jobs = await queryRows<{ status: string; run_after: string }>(
      testApp.database.db,
      sql`/* cross-authority: the maintenance job */ SELECT "status", "run_after"::text AS "run_after" FROM "job" WHERE "kind" = ${LOG_MAINTENANCE_JOB} ORDER BY "created_at", "id"`,
    );
    expect(jobs.map((job) => job.status)).toEqual(['done', 'queued']);
    expect(new Date(jobs[1]!.run_after).toISOString()).toBe('2027-01-01T02:00:00.000Z');
  });
});

describe('how long the council keeps the logs (the administrator’s page)', () => {
  let jar: CookieJar;
  const page = '/audit/retention';
  beforeAll(async () => {
    jar = await signIn(testApp.app, admin.user.email, admin.password);
  });

  it('shows each log’s period, the months held and the next month to go', async () => {
    await anAuthority(testApp.database.db);
    const response = await getPage(testApp.app, jar, page);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('How long the logs are kept');
    expect(response.body).toMatch(/Audit log[\s\S]*?7 years[\s\S]*?The default/);
    expect(response.body).toMatch(/months?: [A-Z][a-z]+ \d{4}/);
    expect(response.body).toMatch(/Next month to go/);
    // This test's database holds several councils' logs, as a shared service would.
    expect(response.body).toMatch(/holds the logs of \d+ councils, and a month holds all of theirs. A month is removed only when every council’s period has passed/);
  });

  it('refuses a period below the log’s floor, and one that is not a whole number, naming each field', async () => {
    const response = await postForm(testApp.app, jar, page, { audit_event: '5', access_log: 'three', list_access_log: '' }, { csrfFrom: page });
    expect(response.statusCode).toBe(400);
    expect(errorSummaryOf(response.body)).toEqual([
      { href: '#audit_event', text: expect.stringMatching(/at least 6 years: a claim can be brought up to 6 years/) },
      { href: '#access_log', text: expect.stringMatching(/must be a whole number, like 3/) },
      { href: '#list_access_log', text: expect.stringMatching(/Enter how many years to keep the lists shown/) },
    ]);
    expect(response.body).toContain('value="three"');
    expect((await postForm(testApp.app, jar, page, { audit_event: '7.5', access_log: '2', list_access_log: '51' }, { csrfFrom: page })).statusCode).toBe(400);
  });

  it('refuses a post without the form’s CSRF token, and anyone but an administrator', async () => {
    expect((await postForm(testApp.app, jar, page, { audit_event: '8', access_log: '3', list_access_log: '3' })).statusCode).toBe(403);
    const officer = await anOfficer(testApp);
    const officerJar = await signIn(testApp.app, officer.user.email, officer.password);
    expect((await getPage(testApp.app, officerJar, page)).statusCode).toBe(403);
  });

  it('saves the periods and audits each change from and to', async () => {
    const response = await postForm(testApp.app, jar, page, { audit_event: ' 8 ', access_log: '3', list_access_log: '2' }, { csrfFrom: page });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/audit/retention?saved=1');
    const [audited] = await queryRows<{ details: unknown }>(
      testApp.database.db,
      sql`SELECT "details" FROM "audit_event" WHERE "authority_id" = ${admin.actor.authorityId} AND "action" = 'log-retention.changed' AND "actor_id" = ${admin.actor.id}`,
    );
    expect(audited?.details).toEqual({ audit_event: { from: 7, to: 8 }, list_access_log: { from: 3, to: 2 } });
    const shown = await getPage(testApp.app, jar, '/audit/retention?saved=1');
    expect(shown.body).toContain('Saved.');
    expect(shown.body).toMatch(/8 years[\s\S]*?Set by your council/);
  });
});
