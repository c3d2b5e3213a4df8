// How long moving in takes and how much memory it holds (the measure `import-100k`: 100,000
// rows of cases into PostgreSQL at council scale in under 60 s, peak memory under 512 MB), in a
// process of its own on a database already seeded at scale, as the command line runs it: the
// files are written to a folder first (streamed, a child at a time), then imported with --apply.
// Prints one line of JSON for bench/run.ts.
//   DATABASE_URL=postgres://... node --import tsx bench/import.ts [ROWS]
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, type WriteStream } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import { createServices } from '../src/composition.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase, queryRows } from '../src/db/database.ts';
import { upnCheckLetter } from '../src/domain/children/upn.ts';
import { systemActor } from '../src/features/auth/actor.ts';
import { folderSource } from '../src/features/cases-import/index.ts';
import { systemClock } from '../src/lib/clock.ts';

const target = Number(process.argv[2] ?? 100_000);
const database = await openDatabase(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL, dataDir: 'unused' } : { dataDir: process.env.DATA_DIR! });
const services = createServices({ config: loadConfig({ NODE_ENV: 'test' }), database, clock: systemClock });
const folder = mkdtempSync(join(os.tmpdir(), 'casework-import-'));

/** A day as dd/mm/yyyy, as the old system writes it, `days` after 1 January 2000. */
function oldDate(days: number): string {
  const date = new Date(Date.UTC(2000, 0, 1 + days));
  return `${String(date.getUTCDate()).padStart(2, '0')}/${String(date.getUTCMonth() + 1).padStart(2, '0')}/${date.getUTCFullYear()}`;
}

async function write(stream: WriteStream, line: string): Promise<void> {
  if (!stream.write(`${line}\n`)) await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
}

try {
  const authority = (await services.reference.findAuthorityByLaCode('330'))!;
  const [officer] = await queryRows<{ email: string }>(database.db, sql`SELECT email FROM staff_user WHERE authority_id = ${authority.id} AND role = 'case_officer' ORDER BY email LIMIT 1`);
  const [school] = await queryRows<{ urn: number }>(database.db, sql`SELECT urn FROM school WHERE urn IS NOT NULL ORDER BY urn LIMIT 1`);
  // A run of its own in the UPNs and old ids, so a database kept between runs takes every row as new.
  const nonce = String(Date.now() % 100).padStart(2, '0');
  const today = Math.floor((Date.parse(systemClock.today()) - Date.UTC(2000, 0, 1)) / 86_400_000);

  const files = {
    children: ['Child Ref,First Name,Last Name,DOB,Gender,UPN,Post Code,School URN'],
    people: ['Contact Ref,Child Ref,First Name,Last Name,Relationship,Parental Responsibility,Main Contact,Email,Phone,Address,Post Code'],
    requests: ['Referral Ref,Child Ref,Date Received,Referrer,Decision,Decision Date,Caseworker Email'],
    assessments: ['Referral Ref,Outcome,Outcome Date'],
    plans: ['Referral Ref,Draft Date,Final Date,Primary Need,Secondary Need,Placement URN'],
    reviews: ['Review Ref,Referral Ref,Meeting Date,Outcome,Outcome Date'],
  };
  const streams = Object.fromEntries(Object.entries(files).map(([name, [heading]]) => {
    const stream = createWriteStream(join(folder, `${name}.csv`));
    stream.write(`${heading}\n`);
    return [name, stream];
  })) as Record<keyof typeof files, WriteStream>;
  const forenames = ['Amelia', 'Oliver', 'Isla', 'Noah', 'Ava', 'Leo', 'Mia', 'Arthur', 'Freya', 'Muhammad', 'Zara', 'Theo'];
  const surnames = ['Hughes', 'Patel', 'Khan', 'Smith', 'Jones', 'Begum', 'Taylor', 'Nowak', 'Okafor', 'Evans', 'Murphy', 'Ali'];
  const needs = ['AUT', 'SLCN', 'SEMH', 'MLD', 'SPLD', 'PD', 'HI', 'VI'];
  let rows = 0;
  let children = 0;
  for (let i = 0; rows < target; i += 1) {
    const body = `888${nonce}${String(i).padStart(7, '0')}`;
    const upn = `${upnCheckLetter(body)!}${body}`;
    const child = `B${nonce}-${i}`;
    const referral = `R${nonce}-${i}`;
    const born = today - 365 * (4 + (i % 14)) - (i % 300);
    const received = today - 200 - (i % 700);
    const forename = forenames[i % forenames.length]!;
    const surname = `${surnames[(i * 7) % surnames.length]!}-${i}`;
    await write(streams.children, `${child},${forename},${surname},${oldDate(born)},${1 + (i % 2)},${upn},DC${1 + (i % 9)} ${i % 10}AB,${i % 3 === 0 ? school?.urn ?? '' : ''}`);
    await write(streams.people, `P${nonce}-${i},${child},Sam,${surname},${i % 5 === 0 ? 'DAD' : 'MUM'},Y,Y,,07700 900${String(i % 1000).padStart(3, '0')},"${1 + (i % 200)} Mill Lane, Demo City",DC1 2AB`);
    const assess = i % 5 !== 0;
    await write(streams.requests, `${referral},${child},${oldDate(received)},${['PAR', 'SCH', 'HEA'][i % 3]},${assess ? 'ASSESS' : 'NFA'},${oldDate(received + 40)},${officer?.email ?? ''}`);
    rows += 3;
    children += 1;
    // Four in five assessed; of those, most with a plan, and a plan issued over a year ago reviewed.
    if (assess && rows < target) {
      const plan = i % 4 !== 0;
      await write(streams.assessments, `${referral},${plan ? 'EHCP' : 'NOPLAN'},${oldDate(received + 100)}`);
      rows += 1;
      if (plan && rows < target) {
        await write(streams.plans, `${referral},${oldDate(received + 105)},${oldDate(received + 130)},${needs[i % needs.length]},${i % 2 === 0 ? needs[(i + 3) % needs.length] : ''},${i % 3 === 0 ? school?.urn ?? '' : ''}`);
        rows += 1;
        if (received + 130 + 340 < today && rows < target) {
          await write(streams.reviews, `AR${nonce}-${i},${referral},${oldDate(received + 130 + 330)},CONT,${oldDate(received + 130 + 340)}`);
          rows += 1;
        }
      }
    }
  }
  for (const stream of Object.values(streams)) {
    stream.end();
    await finished(stream);
  }
  const mappingFile = join(folder, 'mapping.json');
  writeFileSync(
    mappingFile,
    JSON.stringify({
      sourceSystem: `BenchSys${nonce}`,
      columns: {
        children: { child_id: 'Child Ref', forename: 'First Name', surname: 'Last Name', date_of_birth: 'DOB', sex: 'Gender', upn: 'UPN', postcode: 'Post Code', school_urn: 'School URN' },
        people: { person_id: 'Contact Ref', child_id: 'Child Ref', forename: 'First Name', surname: 'Last Name', relationship: 'Relationship', parental_responsibility: 'Parental Responsibility', main_contact: 'Main Contact', email: 'Email', phone: 'Phone', address: 'Address', postcode: 'Post Code' },
        requests: { request_id: 'Referral Ref', child_id: 'Child Ref', received_on: 'Date Received', source: 'Referrer', decision: 'Decision', decision_on: 'Decision Date', officer_email: 'Caseworker Email' },
        assessments: { request_id: 'Referral Ref', outcome: 'Outcome', outcome_on: 'Outcome Date' },
        plans: { request_id: 'Referral Ref', draft_issued_on: 'Draft Date', issued_on: 'Final Date', primary_need: 'Primary Need', secondary_need: 'Secondary Need', placement_urn: 'Placement URN' },
        reviews: { review_id: 'Review Ref', request_id: 'Referral Ref', meeting_on: 'Meeting Date', decision: 'Outcome', decided_on: 'Outcome Date' },
      },
      codes: {
        sex: { '1': 'M', '2': 'F' },
        relationship: { MUM: 'mother', DAD: 'father' },
        source: { PAR: '1', SCH: '2', HEA: '3' },
        requestDecision: { ASSESS: 'assess', NFA: 'refuse' },
        assessmentOutcome: { EHCP: 'plan', NOPLAN: 'no-plan' },
        need: { AUT: 'ASD' },
        reviewDecision: { CONT: 'maintain' },
        yesNo: { Y: 'yes', N: 'no' },
      },
    }),
  );
  const megabytes = Object.keys(files).reduce((sum, name) => sum + statSync(join(folder, `${name}.csv`)).size, 0) / 2 ** 20;
  const rssBefore = Math.round(process.resourceUsage().maxRSS / 1024);

  const started = performance.now();
  const result = await services.casesImport.importCases(systemActor(authority.id, 'bench'), {
    mapping: JSON.parse(readFileSync(mappingFile, 'utf8')) as unknown,
    mappingName: 'mapping.json',
    ...folderSource(folder),
    mode: 'apply',
    ranBy: 'bench',
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    JSON.stringify({
      rows,
      children,
      megabytes: Number(megabytes.toFixed(1)),
      created: result.counts.created,
      refused: result.counts.refused,
      first_refusal: result.refusals[0],
      seconds: Number(seconds.toFixed(2)),
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
      rss_before_mb: rssBefore,
    }),
  );
} finally {
  rmSync(folder, { recursive: true, force: true });
  await database.close();
}
