// Query plans of the manager's and administrator's pages at national scale: the unallocated queue
// and the service's figures over 153 authorities' cases, and the audit trails over logs of
// national size. Loads synthetic rows straight into PostgreSQL (generate_series), captures the SQL
// the repositories send, and runs EXPLAIN (ANALYZE, BUFFERS) on it; then drops the audit log's
// index by actor to show what a trail would cost without it.
//   pg_virtualenv -t sh -c 'DATABASE_URL="postgres://$PGUSER:$PGPASSWORD@$PGHOST:$PGPORT/$PGDATABASE" node --import tsx bench/explain-admin.ts' > plans.md
// Sizes: AUTHORITIES (153), CASES (720000), AUDIT (5000000), ACCESS (10000000), LISTS (3000000).
import { sql, type Logger } from 'drizzle-orm';
import { openDatabase, queryRows } from '../src/db/database.ts';
import * as auditRepository from '../src/features/audit/repository.ts';
import * as caseloadRepository from '../src/features/caseload/repository.ts';
import { insertAuthority, ReferenceDataService } from '../src/features/reference/index.ts';
import { uuidv7 } from '../src/lib/uuid.ts';

const AUTHORITIES = Number(process.env.AUTHORITIES ?? 153);
const CASES = Number(process.env.CASES ?? 720_000);
const AUDIT = Number(process.env.AUDIT ?? 5_000_000);
const ACCESS = Number(process.env.ACCESS ?? 10_000_000);
const LISTS = Number(process.env.LISTS ?? 3_000_000);
/** Staff per authority: the busiest council's logs are shared by as many people. */
const STAFF = 60;

if (!process.env.DATABASE_URL) throw new Error('Set DATABASE_URL to an empty PostgreSQL database (see the comment at the top)');

let captured: { query: string; params: unknown[] } | undefined;
const capture: Logger = { logQuery: (query, params) => (captured = { query, params }) };
const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: 'unused', logger: capture });
const db = database.db;
await new ReferenceDataService(db).ensureReferenceData();

const started = Date.now();
const authorityIds: string[] = [];
for (let index = 0; index < AUTHORITIES; index += 1) {
  const id = uuidv7();
  authorityIds.push(id);
  await insertAuthority(db, { id, name: `Bench Council ${index}`, region: null, laCode: String(500 + index), gssCode: null, validFrom: '2014-09-01' });
}
await db.execute(sql.raw(`CREATE TABLE bench_authority AS SELECT ordinality - 1 AS n, id::uuid AS id FROM unnest(ARRAY['${authorityIds.join("','")}']) WITH ORDINALITY AS a(id)`));
// Staff: STAFF a council, the first of each an administrator.
await db.execute(
  sql.raw(`INSERT INTO staff_user (id, authority_id, email, name, role)
           SELECT gen_random_uuid(), a.id, 'staff' || a.n || '-' || s || '@bench.example', 'Staff ' || s, CASE WHEN s = 0 THEN 'admin' ELSE 'case_officer' END
             FROM bench_authority a CROSS JOIN generate_series(0, ${STAFF - 1}) s`),
);
await db.execute(sql.raw(`CREATE TABLE bench_staff AS SELECT row_number() OVER (PARTITION BY authority_id ORDER BY email) - 1 AS s, authority_id, id FROM staff_user`));
// Children and their cases, spread evenly; 3% of open cases wait unallocated, 10% are closed.
await db.execute(
  sql.raw(`CREATE TABLE bench_case AS
           SELECT g AS n, gen_random_uuid() AS child_id, gen_random_uuid() AS case_id, (SELECT id FROM bench_authority WHERE n = g % ${AUTHORITIES}) AS authority_id
             FROM generate_series(0, ${CASES - 1}) g`),
);
await db.execute(
  sql.raw(`INSERT INTO child (id, authority_id, forename, surname, date_of_birth, sex, search_names, surname_key, created_at)
           SELECT child_id, authority_id, 'Child', 'Bench' || n, DATE '2010-01-01' + (n % 5000), 'U', 'child bench' || n, 'bench' || n, now() FROM bench_case`),
);
await db.execute(
  sql.raw(`INSERT INTO ehc_case (id, authority_id, child_id, reference, stage, officer_id, unallocated_since, opened_on, closed_on, next_deadline_on, next_deadline_title, created_at)
           SELECT c.case_id, c.authority_id, c.child_id, 'BENCH-' || c.n, (ARRAY['request','assessment','draft','plan','review'])[1 + c.n % 5],
                  CASE WHEN (c.n / ${AUTHORITIES}) % 100 < 3 THEN NULL ELSE s.id END,
                  CASE WHEN (c.n / ${AUTHORITIES}) % 100 < 3 THEN DATE '2026-06-01' + (c.n % 150) END,
                  DATE '2024-01-01' + (c.n % 900), CASE WHEN (c.n / ${AUTHORITIES}) % 100 >= 90 THEN DATE '2026-10-01' END,
                  DATE '2026-11-01' + (c.n % 90), 'A deadline', now()
             FROM bench_case c JOIN bench_staff s ON s.authority_id = c.authority_id AND s.s = 1 + c.n % ${STAFF - 1}`),
);
// The logs: spread over every council's staff and children, a year of moments, a few token actors.
const moment = (column: string) => `TIMESTAMPTZ '2025-12-01' + (${column} % 31536000) * INTERVAL '1 second'`;
await db.execute(
  sql.raw(`INSERT INTO audit_event (id, authority_id, occurred_at, actor_kind, actor_id, action, entity_type, entity_id, details)
           SELECT gen_random_uuid(), c.authority_id, ${moment('g * 7')}, 'user', s.id::text, 'case.step-recorded', 'ehc_case', c.case_id::text, '{"type":"review.held"}'
             FROM generate_series(0, ${AUDIT - 1}) g
             JOIN bench_case c ON c.n = g % ${CASES}
             JOIN bench_staff s ON s.authority_id = c.authority_id AND s.s = g % ${STAFF}`),
);
await db.execute(
  sql.raw(`INSERT INTO access_log (id, authority_id, accessed_at, actor_kind, actor_id, child_id, view)
           SELECT gen_random_uuid(), c.authority_id, ${moment('g * 3')}, 'user', s.id::text, c.child_id, 'record'
             FROM generate_series(0, ${ACCESS - 1}) g
             JOIN bench_case c ON c.n = (g * 13) % ${CASES}
             JOIN bench_staff s ON s.authority_id = c.authority_id AND s.s = g % ${STAFF}`),
);
await db.execute(
  sql.raw(`INSERT INTO list_access_log (id, authority_id, accessed_at, actor_kind, actor_id, view, query, child_ids)
           SELECT gen_random_uuid(), c.authority_id, ${moment('g * 11')}, 'user', s.id::text, 'worklist', NULL, ARRAY[c.child_id]
             FROM generate_series(0, ${LISTS - 1}) g
             JOIN bench_case c ON c.n = g % ${CASES}
             JOIN bench_staff s ON s.authority_id = c.authority_id AND s.s = g % ${STAFF}`),
);
await db.execute(sql`ANALYZE`);

const [busiest] = await queryRows<{ authority_id: string; actor_id: string; changes: number }>(
  db,
  sql`SELECT authority_id, actor_id, count(*)::int AS changes FROM audit_event GROUP BY authority_id, actor_id ORDER BY count(*) DESC LIMIT 1`,
);
const [watched] = await queryRows<{ authority_id: string; child_id: string; views: number }>(
  db,
  sql`SELECT authority_id, child_id, count(*)::int AS views FROM access_log WHERE authority_id = ${busiest!.authority_id} GROUP BY authority_id, child_id ORDER BY count(*) DESC LIMIT 1`,
);
const [counts] = await queryRows<{ cases: number; audit: number; access: number; lists: number; unallocated: number }>(
  db,
  sql`SELECT (SELECT count(*)::int FROM ehc_case) AS cases, (SELECT count(*)::int FROM audit_event) AS audit, (SELECT count(*)::int FROM access_log) AS access,
             (SELECT count(*)::int FROM list_access_log) AS lists,
             (SELECT count(*)::int FROM ehc_case WHERE authority_id = ${busiest!.authority_id} AND officer_id IS NULL AND closed_on IS NULL) AS unallocated`,
);
console.log(`# Plans of the manager's and administrator's pages, ${database.engine}`);
console.log(
  `\n${AUTHORITIES} authorities, ${counts!.cases.toLocaleString('en-GB')} cases, ${counts!.audit.toLocaleString('en-GB')} audit events, ` +
    `${counts!.access.toLocaleString('en-GB')} record views, ${counts!.lists.toLocaleString('en-GB')} lists shown; loaded in ${Math.round((Date.now() - started) / 1000)} s. ` +
    `The member of staff read has ${busiest!.changes.toLocaleString('en-GB')} audit events; the child read has ${watched!.views} views; their council's queue holds ${counts!.unallocated} cases.\n`,
);

async function explain(title: string, run: () => Promise<unknown>) {
  const timings: number[] = [];
  for (let round = 0; round < 5; round += 1) {
    const start = performance.now();
    await run();
    timings.push(performance.now() - start);
  }
  const { query, params } = captured!;
  let text = query;
  // Inline the parameters (all are ours) so EXPLAIN can run the statement on its own.
  params.forEach((value, index) => {
    const literal = typeof value === 'number' ? String(value) : `'${String(value).replace(/'/g, "''")}'`;
    text = text.replace(new RegExp(`\\$${index + 1}(?!\\d)`, 'g'), literal);
  });
  const plan = await queryRows<{ 'QUERY PLAN': string }>(db, sql.raw(`EXPLAIN (ANALYZE, BUFFERS) ${text}`));
  const sorted = timings.sort((a, b) => a - b);
  console.log(`## ${title}\n\nThrough the repository, 5 runs: median ${sorted[2]!.toFixed(1)} ms, slowest ${sorted[4]!.toFixed(1)} ms.\n\n\`\`\`\n${plan.map((row) => row['QUERY PLAN']).join('\n')}\n\`\`\`\n`);
}

const everything = { from: '-infinity', before: 'infinity', limit: 50, offset: 0 };
const authorityId = busiest!.authority_id;
await explain('The unallocated queue: first page of 50, with its count and oldest', () => caseloadRepository.listUnallocated(db, authorityId, 50, 0));
await explain('The service’s figures: open cases by stage', () => caseloadRepository.countOpenCasesByStage(db, authorityId));
await explain('What a member of staff did: first page, everything', () => auditRepository.listStaffTrail(db, authorityId, busiest!.actor_id, everything));
await explain('What a member of staff did: page 20', () => auditRepository.listStaffTrail(db, authorityId, busiest!.actor_id, { ...everything, offset: 950 }));
await explain('What a member of staff did: one month', () =>
  auditRepository.listStaffTrail(db, authorityId, busiest!.actor_id, { ...everything, from: '2026-03-01T00:00:00Z', before: '2026-04-01T00:00:00Z' }),
);
await explain('Who viewed or changed a child’s record: first page', () => auditRepository.listChildTrail(db, authorityId, watched!.child_id, everything));
await db.execute(sql`DROP INDEX audit_event_actor_idx`);
await explain('What a member of staff did, first page, WITHOUT audit_event_actor_idx (for comparison)', () => auditRepository.listStaffTrail(db, authorityId, busiest!.actor_id, everything));
await database.close();
