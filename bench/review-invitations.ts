// How long inviting a school's pupils to their annual reviews takes (issue 18's measure: a
// school's 40 reviews scheduled in one action under 2 s), in-process and without HTTP. Each run
// makes a school with PUPILS children whose plans were issued eleven months before the term, each
// with a parent to write to, then times the invitation: every review, its case event and clock,
// one letter per family, the request to the school and the audit, in one transaction.
//   node --import tsx bench/review-invitations.ts                                   (PGlite in memory)
//   DATABASE_URL=postgres://... node --import tsx bench/review-invitations.ts  (PostgreSQL, an empty database)
import { createServices } from '../src/composition.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { addDays, addMonths, type IsoDate } from '../src/domain/calendar/index.ts';
import { termDates, termsFrom } from '../src/features/reviews/index.ts';
import { systemClock } from '../src/lib/clock.ts';
import { aCase, anOfficer, aPerson, aSchool } from '../src/test/factories/index.ts';

const PUPILS = Number(process.env.PUPILS ?? 40);
const RUNS = Number(process.env.RUNS ?? 3);

let counting = false;
let statements = 0;
const logger = {
  logQuery() {
    if (counting) statements += 1;
  },
};
const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: 'memory://', logger });
const services = createServices({ config: loadConfig({ NODE_ENV: 'test' }), database, clock: systemClock });
await services.reference.ensureReferenceData();
const testApp = { database, services, clock: systemClock, authorityId: (await services.reference.findAuthorityByLaCode('999'))!.id };
const officer = await anOfficer(testApp);

// The next term: its pupils' plans were issued eleven months before it starts, so their reviews fall due in it.
const today = systemClock.today() as IsoDate;
const term = termsFrom(today)[1]!.value;
const starts = termDates(term)!.from;
const firstMeetingOn = addDays(starts, 7);

const times: number[] = [];
for (let run = 0; run < RUNS; run += 1) {
  const school = await aSchool(testApp.database.db, { name: `Bench School ${run + 1}` });
  const made = Date.now();
  for (let index = 0; index < PUPILS; index += 1) {
    const planIssued = addDays(addMonths(starts, -12), 10 + (index % 40));
    const created = await aCase(testApp, officer.actor, { stage: 'plan', receivedOn: addDays(planIssued, -126), stepDates: { 'plan.issued': planIssued }, child: { schoolId: school.id } });
    await aPerson(testApp, officer.actor, created.childId, { mainContact: true });
  }
  console.log(`run ${run + 1}: ${PUPILS} pupils with plans made in ${((Date.now() - made) / 1000).toFixed(1)} s`);
  const due = await services.reviews.schoolDue(officer.actor, String(school.urn), term);
  if (due.pupils.length !== PUPILS) throw new Error(`expected ${PUPILS} pupils due in ${term}, found ${due.pupils.length}`);
  statements = 0;
  counting = true;
  const started = performance.now();
  const { result } = await services.reviews.inviteSchool(officer.actor, { urn: String(school.urn), term, firstMeetingOn, perDay: 4, contactName: 'Bench SENCo', contactEmail: 'senco@bench.example' });
  const took = performance.now() - started;
  counting = false;
  if (result.reviews.length !== PUPILS) throw new Error(`expected ${PUPILS} reviews arranged, got ${result.reviews.length}`);
  times.push(took);
  console.log(`run ${run + 1}: ${PUPILS} reviews arranged in ${took.toFixed(0)} ms (${(took / PUPILS).toFixed(1)} ms a review), ${statements} statements`);
}
const sorted = [...times].sort((a, b) => a - b);
console.log(`${testApp.database.engine}: ${PUPILS} reviews in one invitation: best ${sorted[0]!.toFixed(0)} ms, worst ${sorted.at(-1)!.toFixed(0)} ms over ${RUNS} runs`);
await database.close();
