// How long the caseloads page's work takes at council scale, in-process and without HTTP: the
// service call (one statement counting every open case per officer), its query plan, and the
// cases behind the busiest officer's figure. For checking a change to the caseload SQL quickly;
// `npm run bench` (scenario caseload-view) measures the page itself under load.
//   DATABASE_URL=postgres://... node --import tsx bench/caseload-timing.ts
import { sql } from 'drizzle-orm';
import { createServices } from '../src/composition.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase, queryRows } from '../src/db/database.ts';
import { seedAtScale } from '../src/db/seed/scale.ts';
import { systemActor } from '../src/features/auth/index.ts';
import { addDays, type IsoDate } from '../src/domain/calendar/index.ts';
import { ASSESSMENT_STAGES, phaseTransferBirthRanges, REVIEW_DEADLINE_IDS } from '../src/domain/caseload/index.ts';
import * as caseloadRepository from '../src/features/caseload/repository.ts';
import { systemClock } from '../src/lib/clock.ts';

const RUNS = Number(process.env.RUNS ?? 50);
const scale = (process.env.BENCH_SCALE ?? 'council') as 'council' | 'national';
const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: 'memory://' });
const services = createServices({ config: loadConfig({ NODE_ENV: 'test' }), database, clock: systemClock });
await services.reference.ensureReferenceData();
if (!(await services.reference.findAuthorityByLaCode('330'))) {
  const started = Date.now();
  await seedAtScale(database, { scale, seed: 2026, today: systemClock.today() });
  console.log(`Seeded ${scale} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await database.db.execute(sql`ANALYZE`);
}
const authority = (await services.reference.findAuthorityByLaCode('330'))!;
const manager = systemActor(authority.id, 'timing');
const [counts] = await queryRows<{ cases: number; officers: number }>(
  database.db,
  sql`SELECT count(*)::int AS cases, count(DISTINCT officer_id)::int AS officers FROM ehc_case WHERE authority_id = ${authority.id} AND closed_on IS NULL`,
);
console.log(`${database.engine}, ${scale}: ${counts!.cases} open cases, ${counts!.officers} officers holding them`);

async function time(label: string, run: () => Promise<unknown>) {
  for (let index = 0; index < 5; index += 1) await run();
  const times: number[] = [];
  for (let index = 0; index < RUNS; index += 1) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  const slow = times.map((ms, index) => [index, Math.round(ms)] as const).filter(([, ms]) => ms > 1000);
  if (slow.length > 0) console.log(`  runs over 1 s (run, ms): ${JSON.stringify(slow)}`);
  times.sort((a, b) => a - b);
  const at = (share: number) => times[Math.min(times.length - 1, Math.floor(share * times.length))]!.toFixed(1);
  console.log(`${label.padEnd(40)} p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms (${RUNS} runs)`);
}

const page = await services.caseload.caseloads(manager);
console.log(`Officers shown: ${page.officers.length}; queue ${page.queue.openCases} (${page.queue.longWaiting} long); load ${page.totals.load / 10}`);
await time('caseloads (whole council)', () => services.caseload.caseloads(manager));
await time('caseloads (whole council, again)', () => services.caseload.caseloads(manager));
await time('caseloads (stage: plan)', () => services.caseload.caseloads(manager, { stage: 'plan' }));
const school = page.schools[0];
if (school) await time(`caseloads (school ${school.urn})`, () => services.caseload.caseloads(manager, { school: String(school.urn) }));
const busiest = [...page.officers].sort((a, b) => b.openCases - a.openCases)[0];
if (busiest) await time(`cases behind (${busiest.openCases} held)`, () => services.caseload.caseloadCases(manager, { officer: busiest.id }, 'timing'));
if (process.env.EXPLAIN) {
  // The plan of the page's one statement, with the values the service sends.
  const today = systemClock.today() as IsoDate;
  const params = [authority.id, null, null, today, addDays(today, 6), REVIEW_DEADLINE_IDS, ASSESSMENT_STAGES, ...phaseTransferBirthRanges(today).flatMap((range) => [range.from, range.to]), addDays(today, -8)];
  let text = caseloadRepository.caseloadSummary.text;
  // Highest first, so $1 does not eat the start of $14.
  for (let index = params.length; index >= 1; index -= 1) {
    const value = params[index - 1];
    const literal = value === null ? 'NULL' : Array.isArray(value) ? `ARRAY[${value.map((entry) => `'${entry}'`).join(',')}]` : `'${String(value)}'`;
    text = text.replaceAll(`$${index}`, literal);
  }
  const plan = await queryRows<Record<string, string>>(database.db, sql.raw(`EXPLAIN (ANALYZE, BUFFERS) ${text}`));
  console.log(plan.map((row) => Object.values(row)[0]).join('\n'));
}
await database.close();
