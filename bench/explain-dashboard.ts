// Query plans and timings of the service dashboard's measures on the council-scale data set (the
// bench's seed), on the PostgreSQL DATABASE_URL names: each measure's monthly counts for the
// twelve months to this one, with EXPLAIN (ANALYZE, BUFFERS) when EXPLAIN=1.
//   pg_virtualenv -t sh -c 'DATABASE_URL="postgres://$PGUSER:$PGPASSWORD@$PGHOST:$PGPORT/$PGDATABASE" node --import tsx bench/explain-dashboard.ts'
import pg from 'pg';
import { createServices } from '../src/composition.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { seedAtScale } from '../src/db/seed/scale.ts';
import { systemActor } from '../src/features/auth/actor.ts';
import { MEASURE_IDS, type MeasureId } from '../src/features/reporting/index.ts';
import { countStatementFor, isStandingMeasure, monthEndCountStatementFor } from '../src/features/reporting/repository.ts';
import { systemClock } from '../src/lib/clock.ts';

const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: 'unused' });
const services = createServices({ config: loadConfig({ NODE_ENV: 'test' }), database, clock: systemClock });
await services.reference.ensureReferenceData();
if (!(await services.reference.findAuthorityByLaCode('330'))) await seedAtScale(database, { scale: 'council', seed: 2026, today: systemClock.today(), log: console.log });
const authority = (await services.reference.findAuthorityByLaCode('330'))!;
const actor = { ...systemActor(authority.id, 'bench'), roles: ['service_lead' as const] };
for (let round = 0; round < Number(process.env.ROUNDS ?? 3); round += 1) {
  for (const id of MEASURE_IDS) {
    const started = performance.now();
    const value = await services.reporting.measureValue(actor, id);
    console.log(`${round} ${id.padEnd(42)} ${(performance.now() - started).toFixed(1).padStart(8)} ms  ${JSON.stringify(value)}`);
    if (isStandingMeasure(id)) {
      const monthsStarted = performance.now();
      const series = await services.reporting.measureSeries(actor, id);
      console.log(`${round} ${`${id} at month ends`.padEnd(42)} ${(performance.now() - monthsStarted).toFixed(1).padStart(8)} ms  ${JSON.stringify(series.map((month) => month.value))}`);
    }
  }
  const started = performance.now();
  await services.reporting.dashboard(actor, {});
  console.log(`${round} dashboard ${(performance.now() - started).toFixed(1)} ms`);
}
if (process.env.EXPLAIN) {
  const today = systemClock.today();
  const from = `${Number(today.slice(0, 4)) - 1}-${today.slice(5, 7)}-01`;
  for (const id of (process.env.EXPLAIN === '1' ? MEASURE_IDS : process.env.EXPLAIN.split(',')) as MeasureId[]) {
    const query = { authorityId: authority.id, from, to: today, stage: null, officerId: null, teamId: null, schoolUrn: null, need: null };
    const statements = [{ name: id, ...countStatementFor(id, query) }, ...(isStandingMeasure(id) ? [{ name: `${id} at month ends`, ...monthEndCountStatementFor(id, query) }] : [])];
    for (const { name, text, params } of statements) {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      const result = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params);
      console.log(`\n## ${name}\n${result.rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n')}`);
      await client.end();
    }
  }
}
await database.close();
