// How long a manager's confirmation of a whole caseload's hand-over takes (issue 16's measure:
// reallocating 500 cases in one confirmation under 2 s), in-process and without HTTP. Each run
// makes a leaving officer holding CASES open cases, each child with a parent to write to, then
// times the suggestion and the confirmation of it: every case's holder spell, event, audit entry
// and letter to the family, in one transaction.
//   node --import tsx bench/handover.ts                                   (PGlite in memory)
//   DATABASE_URL=postgres://... node --import tsx bench/handover.ts  (PostgreSQL, an empty database)
import { sql } from 'drizzle-orm';
import { createServices } from '../src/composition.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase, queryRows } from '../src/db/database.ts';
import { systemClock } from '../src/lib/clock.ts';
import { aCase, anOfficer, aPerson, aSchool } from '../src/test/factories/index.ts';

const CASES = Number(process.env.CASES ?? 500);
const RUNS = Number(process.env.RUNS ?? 3);
const RECIPIENTS = Number(process.env.RECIPIENTS ?? 12);

// Statements counted while the confirmation runs: the measure of whether it is batched.
let counting = false;
const statements = new Map<string, number>();
const logger = {
  logQuery(query: string) {
    if (!counting) return;
    const key = query.replace(/\s+/g, ' ').slice(0, 90);
    statements.set(key, (statements.get(key) ?? 0) + 1);
  },
};
const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: 'memory://', logger });
const services = createServices({ config: loadConfig({ NODE_ENV: 'test' }), database, clock: systemClock });
await services.reference.ensureReferenceData();
const testApp = { database, services, clock: systemClock, authorityId: (await services.reference.findAuthorityByLaCode('999'))!.id };
const manager = await anOfficer(testApp, { role: 'team_manager' });
for (let index = 0; index < RECIPIENTS; index += 1) await anOfficer(testApp, { name: `Receiving Officer ${index + 1}` });
const schools = [];
for (let index = 0; index < 20; index += 1) schools.push(await aSchool(testApp.database.db, { name: `School ${index + 1}` }));

const times: { suggest: number; confirm: number }[] = [];
for (let run = 0; run < RUNS; run += 1) {
  const leaving = await anOfficer(testApp, { name: `Leaving Officer ${run + 1}` });
  const started = Date.now();
  for (let index = 0; index < CASES; index += 1) {
    const made = await aCase(testApp, leaving.actor, { child: { schoolId: schools[index % schools.length]!.id } });
    await aPerson(testApp, leaving.actor, made.childId, { mainContact: true });
  }
  console.log(`run ${run + 1}: ${CASES} cases made in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  let at = performance.now();
  const plan = await testApp.services.allocation.handoverPlan(manager.actor, leaving.user.id);
  const suggest = performance.now() - at;
  at = performance.now();
  counting = true;
  statements.clear();
  const { result } = await testApp.services.allocation.handOver(manager.actor, leaving.user.id, {
    cases: plan.cases.map((entry) => ({ caseId: entry.caseId, officerId: entry.suggestion!.officerId })),
    overCapReason: 'Bench: everyone is over their cap by now',
  });
  const confirm = performance.now() - at;
  counting = false;
  const total = [...statements.values()].reduce((sum, count) => sum + count, 0);
  console.log(`run ${run + 1}: ${total} statements in the confirmation; the most repeated:`);
  for (const [query, count] of [...statements].sort((a, b) => b[1] - a[1]).slice(0, 5)) console.log(`  ${count} × ${query}`);
  if (result.cases.length !== CASES || result.unsent !== 0) throw new Error(`expected ${CASES} cases moved with letters, got ${result.cases.length} (${result.unsent} unsent)`);
  times.push({ suggest, confirm });
  console.log(`run ${run + 1}: suggestion ${suggest.toFixed(0)} ms, confirmation ${confirm.toFixed(0)} ms (${(confirm / CASES).toFixed(2)} ms a case), ${plan.overCap} over the cap`);
}
const [counts] = await queryRows<{ cases: number }>(testApp.database.db, sql`SELECT count(*)::int AS cases FROM ehc_case WHERE closed_on IS NULL`);
const sorted = times.map((entry) => entry.confirm).sort((a, b) => a - b);
console.log(`${testApp.database.engine}: ${counts!.cases} open cases in the database; confirmation of ${CASES} cases: best ${sorted[0]!.toFixed(0)} ms, worst ${sorted.at(-1)!.toFixed(0)} ms over ${RUNS} runs`);
await database.close();
