// How long the DfE SEN2 return takes and how much memory it holds (the measures:
// `sen2-council`, one council under 5 s; `sen2-national`, all 153 authorities, one file each, under
// 5 minutes and under 512 MB at its peak), in a process of its own on a database already seeded at
// scale, writing the files as the command line does. Prints one line of JSON for bench/run.ts.
//   DATABASE_URL=postgres://... node --import tsx bench/sen2.ts council|national [CENSUS_DATE]
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { createServices } from '../src/composition.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { systemActor } from '../src/features/auth/actor.ts';
import { sen2Filename } from '../src/features/sen2/index.ts';
import { systemClock } from '../src/lib/clock.ts';

const scope = process.argv[2] === 'national' ? 'national' : 'council';
/** The third Thursday of January: this year's when it has passed, else last year's. */
function lastCensusDate(today: string): string {
  const third = (year: number) => {
    const first = new Date(Date.UTC(year, 0, 1)).getUTCDay();
    const day = 1 + ((4 - first + 7) % 7) + 14;
    return `${year}-01-${String(day).padStart(2, '0')}`;
  };
  const year = Number(today.slice(0, 4));
  return third(year) <= today ? third(year) : third(year - 1);
}
const censusDate = process.argv[3] ?? lastCensusDate(systemClock.today());

const database = await openDatabase(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL, dataDir: 'unused' } : { dataDir: process.env.DATA_DIR! });
const services = createServices({ config: loadConfig({ NODE_ENV: 'test' }), database, clock: systemClock });
const folder = mkdtempSync(join(os.tmpdir(), 'casework-sen2-'));
try {
  const councils = scope === 'council' ? [await services.sen2.authorityOfLaCode('330')] : await services.sen2.authorities();
  let persons = 0;
  let problems = 0;
  let bytes = 0;
  const started = performance.now();
  for (const council of councils) {
    const file = join(folder, sen2Filename(council.laCode, censusDate));
    const out = createWriteStream(file);
    const result = await services.sen2.export(systemActor(council.id, 'bench'), censusDate, out);
    out.end();
    await finished(out);
    persons += result.counts.persons;
    problems += result.problems;
    bytes += statSync(file).size;
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(JSON.stringify({ scope, censusDate, councils: councils.length, persons, problems, megabytes: Math.round(bytes / 2 ** 20), seconds: Number(seconds.toFixed(2)), peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024) }));
} finally {
  rmSync(folder, { recursive: true, force: true });
  await database.close();
}
