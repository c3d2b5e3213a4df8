// Query plans of the casework pages on a council-size data set (12,000 children with open cases,
// 40 officers), on the engine DATABASE_URL names (PostgreSQL) or PGlite in memory. Captures the
// exact SQL the repositories send, then runs EXPLAIN (ANALYZE, BUFFERS) on it.
//   DATABASE_URL=postgres://... node --import tsx bench/explain-casework.ts > plans.txt
import { sql, type Logger } from 'drizzle-orm';
import { openDatabase, queryRows } from '../src/db/database.ts';
import { searchNamesOf, surnameKeyOf } from '../src/domain/children/search-keys.ts';
import * as searchRepository from '../src/features/search/repository.ts';
import * as worklistRepository from '../src/features/worklist/repository.ts';
import { ReferenceDataService } from '../src/features/reference/service.ts';
import { uuidv7 } from '../src/lib/uuid.ts';

const CHILDREN = Number(process.env.CHILDREN ?? 12_000);
const OFFICERS = 40;
let captured: { query: string; params: unknown[] } | undefined;
const capture: Logger = { logQuery: (query, params) => (captured = { query, params }) };

const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: 'memory://', logger: capture });
const reference = new ReferenceDataService(database.db);
await reference.ensureReferenceData();
const authorityId = (await reference.findAuthorityByLaCode('999'))!.id;

// A second, bigger authority beside it, so plans are chosen with other tenants' rows present.
const forenames = ['Amelia', 'Olivia', 'Zoë', 'Aisha', 'Noah', 'Muhammad', 'Oliver', 'Kacper', 'Tomás', 'Kwame', 'Ethan', 'Arjun'];
const surnames = ['Smith', 'Jones', 'Khan', 'Ahmed', 'Patel', 'Begum', 'O’Brien', 'Nowak', 'Singh', 'Okafor', 'Walker-Hughes', 'Wright'];
const officerIds: string[] = [];
for (let index = 0; index < OFFICERS; index += 1) {
  const id = uuidv7();
  officerIds.push(id);
  await database.db.execute(
    sql`INSERT INTO staff_user (id, authority_id, email, name, role) VALUES (${id}, ${authorityId}, ${`officer${index}@bench.example`}, ${`Officer ${index}`}, 'case_officer')`,
  );
}
const started = Date.now();
for (let batch = 0; batch < CHILDREN; batch += 1000) {
  const children: string[] = [];
  const cases: string[] = [];
  for (let index = batch; index < Math.min(CHILDREN, batch + 1000); index += 1) {
    const childId = uuidv7();
    const forename = forenames[index % forenames.length]!;
    const surname = `${surnames[(index * 7) % surnames.length]!}${index % 97 === 0 ? '' : String.fromCharCode(97 + (index % 26))}`;
    const body = String(100_000_000_000 + index * 7919).slice(0, 12);
    const born = `20${String(5 + (index % 18)).padStart(2, '0')}-${String(1 + (index % 12)).padStart(2, '0')}-${String(1 + (index % 28)).padStart(2, '0')}`;
    const due = `2026-${String(1 + (index % 12)).padStart(2, '0')}-${String(1 + (index % 28)).padStart(2, '0')}`;
    children.push(
      `('${childId}','${authorityId}','${forename}','${surname.replace(/'/g, "''")}','${born}','F','A${body}','${searchNamesOf({ forename, surname }).replace(/'/g, "''")}','${surnameKeyOf(surname)}',now())`,
    );
    cases.push(
      `('${uuidv7()}','${authorityId}','${childId}','999-EHC-2026-${String(index).padStart(6, '0')}','plan','${officerIds[index % OFFICERS]}','2025-01-01','${due}','Hold the annual review',now())`,
    );
  }
  await database.db.execute(
    sql.raw(`INSERT INTO child (id, authority_id, forename, surname, date_of_birth, sex, upn, search_names, surname_key, created_at) VALUES ${children.join(',')}`),
  );
  await database.db.execute(
    sql.raw(`INSERT INTO ehc_case (id, authority_id, child_id, reference, stage, officer_id, opened_on, next_deadline_on, next_deadline_title, created_at) VALUES ${cases.join(',')}`),
  );
}
await database.db.execute(sql`ANALYZE`);
console.log(`# Casework query plans: ${CHILDREN} children with open cases, ${OFFICERS} officers, ${database.engine}`);
console.log(`Loaded in ${Date.now() - started} ms.\n`);

async function explain(title: string, run: () => Promise<unknown>) {
  await run();
  const { query, params } = captured!;
  let text = query;
  // Inline the parameters (all are ours) so EXPLAIN can run the statement on its own.
  params.forEach((value, index) => {
    const literal = typeof value === 'number' ? String(value) : `'${String(value).replace(/'/g, "''")}'`;
    text = text.replace(new RegExp(`\\$${index + 1}(?!\\d)`, 'g'), literal);
  });
  const plan = await queryRows<{ 'QUERY PLAN': string }>(database.db, sql.raw(`EXPLAIN (ANALYZE, BUFFERS) ${text}`));
  console.log(`## ${title}\n\n\`\`\`\n${plan.map((row) => row['QUERY PLAN']).join('\n')}\n\`\`\`\n`);
}

await explain('My cases: an officer’s worklist, first page, with its count', () => worklistRepository.listWorklist(database.db, authorityId, officerIds[3]!, 50, 0, new Date().toISOString().slice(0, 10)));
await explain('Search by name (two words)', () => searchRepository.searchByName(database.db, authorityId, ['zoe', 'khan'], 'zoe khan', 50));
await explain('Search by a misspelt name (similarity fallback)', () => searchRepository.searchByName(database.db, authorityId, ['kwame', 'okafr'], 'kwame okafr', 50));
await explain('Search by UPN', () => searchRepository.searchByUpn(database.db, authorityId, `A${String(100_000_000_000 + 42 * 7919).slice(0, 12)}`, 50));
await explain('Search by date of birth', () => searchRepository.searchByDateOfBirth(database.db, authorityId, '2012-08-08', 50));
await database.close();
