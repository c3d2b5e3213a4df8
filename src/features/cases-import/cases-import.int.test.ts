import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { systemActor, type Actor } from '../auth/index.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { anOfficer } from '../../test/factories/index.ts';
import { CaseImportFileError, type CaseImportResult, type ImportMode } from './service.ts';
import { folderSource, readMappingFile } from './files.ts';

const SAMPLE = fileURLToPath(new URL('./fixtures/casesys', import.meta.url));
const MAPPING = readMappingFile(`${SAMPLE}/mapping.json`);
const OFFICER_EMAIL = 's.khan@demo-council.example';

let testApp: TestApp;
let admin: Actor;
beforeEach(async () => {
  testApp = await createTestApp({ clock: fixedClock('2026-12-01T09:00:00Z') });
  admin = systemActor(testApp.authorityId, 'test');
  await anOfficer(testApp, { email: OFFICER_EMAIL, name: 'Samira Khan' });
});
afterEach(async () => testApp.close());

/** The sample's files, with some replaced or added (by name), as an import reads them. */
function folder(changes: Record<string, string | Buffer | null> = {}) {
  const files = new Map<string, Buffer>();
  for (const name of readdirSync(SAMPLE)) if (name.endsWith('.csv')) files.set(name, readFileSync(`${SAMPLE}/${name}`));
  for (const [name, content] of Object.entries(changes)) {
    if (content === null) files.delete(name);
    else files.set(name, Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'));
  }
  return { source: 'casesys', open: async (name: string) => (files.has(name) ? Readable.from([files.get(name)!]) : undefined) };
}

function run(mode: ImportMode, source: ReturnType<typeof folder> = folder(), mapping: unknown = MAPPING.mapping, batchSize?: number): Promise<CaseImportResult> {
  return testApp.services.casesImport.importCases(admin, { mapping, mappingName: 'mapping.json', ...source, mode, ranBy: 'test', ...(batchSize ? { batchSize } : {}) });
}

async function count(table: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(testApp.database.db, sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} WHERE "authority_id" = ${testApp.authorityId}`);
  return row!.n;
}

const TABLES = ['child', 'person', 'child_person', 'ehc_case', 'case_event', 'case_deadline', 'case_holder', 'assessment_request', 'plan', 'plan_version', 'annual_review', 'import_record'];
async function counts(): Promise<Record<string, number>> {
  return Object.fromEntries(await Promise.all(TABLES.map(async (table) => [table, await count(table)] as const)));
}

async function caseOf(childSourceId: string) {
  const [row] = await queryRows<Record<string, unknown>>(
    testApp.database.db,
    sql`SELECT c.id, c.reference, c.stage, c.closed_on::text AS closed_on, c.opened_on::text AS opened_on, c.officer_id, c.unallocated_since::text AS unallocated_since,
               c.next_deadline_on::text AS next_deadline_on, ch.forename, ch.surname, ch.upn, ch.sex, ch.postcode
        FROM import_record r JOIN child ch ON ch.id = r.target_id JOIN ehc_case c ON c.child_id = ch.id
        WHERE r.authority_id = ${testApp.authorityId} AND r.kind = 'child' AND r.source_id = ${childSourceId}
        ORDER BY c.opened_on DESC LIMIT 1`,
  );
  return row!;
}

async function deadlinesOf(caseId: unknown) {
  return queryRows<{ deadline_id: string; due_on: string; met_on: string | null }>(
    testApp.database.db,
    sql`SELECT deadline_id, due_on::text AS due_on, met_on::text AS met_on FROM case_deadline WHERE authority_id = ${testApp.authorityId} AND case_id = ${caseId as string} ORDER BY deadline_id`,
  );
}

describe('importing cases from an old system (CSV files and a mapping file)', () => {
  it('a dry run reports what would be created and writes nothing but the run', async () => {
    const before = await counts();
    const result = await run('dry-run');
    expect(result.refusals).toEqual([]);
    expect(result.counts).toMatchObject({ created: 5, updated: 0, unchanged: 0, refused: 0 });
    expect(result.counts.rows).toMatchObject({ children: { read: 5, refused: 0 }, people: { read: 6, refused: 0 }, reviews: { read: 1, refused: 0 } });
    expect(await counts()).toEqual(before);
    // The sample's files are read as they came: people.csv in Windows-1252, reviews.csv with semicolons.
    expect(result.files.find((file) => file.file === 'people')).toMatchObject({ encoding: 'Windows-1252', delimiter: ',' });
    expect(result.files.find((file) => file.file === 'reviews')).toMatchObject({ delimiter: ';' });
    const [listed] = await testApp.services.casesImport.listRuns(admin);
    expect(listed).toMatchObject({ id: result.runId, mode: 'dry-run', status: 'finished', sourceSystem: 'CaseSys' });
  });

  it('applies: children, people, cases with their events dated as they happened, plans, reviews and deadlines as the clocks give them', async () => {
    const result = await run('apply');
    expect(result.refusals).toEqual([]);
    expect(result.counts).toMatchObject({ created: 5, updated: 0, unchanged: 0, refused: 0 });
    expect(await counts()).toMatchObject({ child: 5, person: 6, child_person: 6, ehc_case: 5, assessment_request: 5, plan: 2, plan_version: 4, annual_review: 1 });

    const amelia = await caseOf('C1001');
    expect(amelia).toMatchObject({ forename: 'Amelia', surname: 'Hughes', upn: 'B999201500101', sex: 'F', postcode: 'DC1 2AB', stage: 'plan', closed_on: null, opened_on: '2025-01-06' });
    expect(amelia['reference']).toMatch(/^999-EHC-2025-\d{5}$/);
    const events = await queryRows<{ type: string; occurred_on: string }>(
      testApp.database.db,
      sql`SELECT type, occurred_on::text AS occurred_on FROM case_event WHERE authority_id = ${testApp.authorityId} AND case_id = ${amelia['id'] as string} ORDER BY occurred_on, type`,
    );
    expect(events).toEqual([
      { type: 'request.received', occurred_on: '2025-01-06' },
      { type: 'assessment.agreed', occurred_on: '2025-02-24' },
      { type: 'plan.agreed', occurred_on: '2025-04-14' },
      { type: 'draft.issued', occurred_on: '2025-04-28' },
      { type: 'plan.issued', occurred_on: '2025-05-19' },
      { type: 'review.held', occurred_on: '2026-04-20' },
      { type: 'review.decided', occurred_on: '2026-05-01' },
    ]);
    // CFA 2014 s.44(1): the next review within 12 months of the last review's decision.
    const ameliaDeadlines = await deadlinesOf(amelia['id']);
    expect(ameliaDeadlines.find((deadline) => deadline.deadline_id === 'review-due')).toMatchObject({ due_on: '2027-04-30', met_on: null });
    // SEND Regs 2014 reg. 13(2): the final plan within 20 weeks of the request, met on its day.
    expect(ameliaDeadlines.find((deadline) => deadline.deadline_id === 'final-plan')).toMatchObject({ due_on: '2025-05-26', met_on: '2025-05-19' });
    expect(amelia['next_deadline_on']).toBe('2027-04-30');

    // SEND Regs 2014 reg. 5(1): the decision whether to assess within 6 weeks of the request, still to come.
    const isla = await caseOf('C1004');
    expect(isla).toMatchObject({ stage: 'request', unallocated_since: null, next_deadline_on: '2026-12-14' });
    expect(isla['officer_id']).not.toBeNull();
    expect(await deadlinesOf(isla['id'])).toEqual([
      { deadline_id: 'decision-to-assess', due_on: '2026-12-14', met_on: null },
      { deadline_id: 'final-plan', due_on: '2027-03-22', met_on: null },
    ]);
    const noah = await caseOf('C1003');
    expect(noah).toMatchObject({ stage: 'closed', closed_on: '2026-07-10', next_deadline_on: null });
    const freya = await caseOf('C1005');
    expect(freya).toMatchObject({ stage: 'draft', unallocated_since: '2026-12-01' });

    const [plan] = await queryRows<{ content: { b: { type: string; primary: boolean }[]; i: unknown } }>(
      testApp.database.db,
      sql`SELECT v.content FROM plan_version v JOIN plan p ON p.id = v.plan_id WHERE v.authority_id = ${testApp.authorityId} AND p.case_id = ${amelia['id'] as string} AND v.status = 'final'`,
    );
    expect(plan!.content.b.map((need) => [need.type, need.primary])).toEqual([
      ['ASD', true],
      ['SLCN', false],
    ]);
    expect(plan!.content.i).toEqual({ kind: 'school', urn: 140100 });
    const [carer] = await queryRows<{ forename: string; surname: string }>(testApp.database.db, sql`SELECT forename, surname FROM person WHERE authority_id = ${testApp.authorityId} AND forename LIKE 'Siobh%'`);
    expect(carer).toEqual({ forename: 'Siobhán', surname: 'O’Neill' });

    // Traceable: the run's records, each with its source system and old id.
    const found = await testApp.services.casesImport.runRecords(admin, result.runId, 'child');
    expect(found!.records.map((record) => [record.sourceSystem, record.sourceId])).toEqual([
      ['CaseSys', 'C1001'],
      ['CaseSys', 'C1002'],
      ['CaseSys', 'C1003'],
      ['CaseSys', 'C1004'],
      ['CaseSys', 'C1005'],
    ]);
  });

  it('is idempotent: the same import again changes nothing', async () => {
    await run('apply', folder(), MAPPING.mapping, 2);
    const snapshot = async () =>
      Promise.all(
        ['child', 'person', 'ehc_case', 'case_event', 'case_deadline', 'plan_version', 'annual_review', 'import_record'].map((table) =>
          queryRows(testApp.database.db, sql`SELECT * FROM ${sql.identifier(table)} WHERE "authority_id" = ${testApp.authorityId} ORDER BY 1, 2, 3`),
        ),
      );
    const before = await snapshot();
    const again = await run('apply', folder(), MAPPING.mapping, 2);
    expect(again.counts).toMatchObject({ created: 0, updated: 0, unchanged: 5, refused: 0 });
    expect(await snapshot()).toEqual(before);
    const dry = await run('dry-run');
    expect(dry.counts).toMatchObject({ created: 0, updated: 0, unchanged: 5 });
  });

  it('updates a record keyed by its old id, never duplicating it: details changed, a date corrected, a review added', async () => {
    await run('apply');
    const oliverBefore = await caseOf('C1002');
    const children = readFileSync(`${SAMPLE}/children.csv`, 'utf8').replace('C1002,Oliver,Patel', 'C1002,Ollie,Patel');
    const requests = readFileSync(`${SAMPLE}/requests.csv`, 'utf8').replace('R2002,C1002,14/09/2026,SCH,ASSESS,20/10/2026', 'R2002,C1002,14/09/2026,SCH,ASSESS,19/10/2026');
    const reviews = `${readFileSync(`${SAMPLE}/reviews.csv`, 'utf8')}AR3002;R2001;20/11/2026;;\r\n`;
    const dry = await run('dry-run', folder({ 'children.csv': children, 'requests.csv': requests, 'reviews.csv': reviews }));
    expect(dry.counts).toMatchObject({ created: 0, updated: 2, unchanged: 3, refused: 0 });
    const result = await run('apply', folder({ 'children.csv': children, 'requests.csv': requests, 'reviews.csv': reviews }));
    expect(result.counts).toMatchObject({ created: 0, updated: 2, unchanged: 3, refused: 0 });
    expect(await counts()).toMatchObject({ child: 5, person: 6, ehc_case: 5, annual_review: 2 });
    const oliver = await caseOf('C1002');
    expect(oliver).toMatchObject({ id: oliverBefore['id'], forename: 'Ollie', reference: oliverBefore['reference'] });
    const history = await testApp.services.casesImport.runRecords(admin, result.runId, 'event');
    expect(history!.records.map((record) => record.sourceId)).toEqual(['R2001/review.held:AR3002', 'R2002/assessment.agreed']);
    const decisions = await queryRows<{ type: string; occurred_on: string; corrected: boolean }>(
      testApp.database.db,
      sql`SELECT e.type, e.occurred_on::text AS occurred_on, EXISTS (SELECT 1 FROM case_event c WHERE c.authority_id = e.authority_id AND c.corrects_event_id = e.id) AS corrected
          FROM case_event e WHERE e.authority_id = ${testApp.authorityId} AND e.case_id = ${oliver['id'] as string} AND e.type = 'assessment.agreed' ORDER BY e.occurred_on`,
    );
    expect(decisions).toEqual([
      { type: 'assessment.agreed', occurred_on: '2026-10-19', corrected: false },
      { type: 'assessment.agreed', occurred_on: '2026-10-20', corrected: true },
    ]);
    // The clocks follow the corrected history: the decision to assess met on its new day.
    expect((await deadlinesOf(oliver['id'])).find((deadline) => deadline.deadline_id === 'decision-to-assess')).toMatchObject({ met_on: '2026-10-19' });
    // Amelia's second review is arranged, held and awaiting its decision: the case is at review.
    expect((await caseOf('C1001'))['stage']).toBe('review');
  });

  it('writes the plan of a case imported before without one, when a later import gives its row, with the versions the events issued', async () => {
    const plans = readFileSync(`${SAMPLE}/plans.csv`, 'utf8');
    await run('apply', folder({ 'plans.csv': plans.split('\n').filter((line) => !line.startsWith('R2005')).join('\n') }));
    const before = await counts();
    const result = await run('apply');
    expect(result.counts).toMatchObject({ created: 0, updated: 1, refused: 0 });
    expect(await counts()).toMatchObject({ plan: before['plan']! + 1, plan_version: before['plan_version']! + 2 });
    const versions = await queryRows<{ number: number; status: string; issued_on: string | null; event_type: string | null; names_version: boolean | null }>(
      testApp.database.db,
      sql`SELECT v.number, v.status, v.issued_on::text AS issued_on, e.type AS event_type, (e.payload->>'versionId') = v.id::text AS names_version
          FROM import_record r JOIN plan p ON p.id = r.target_id JOIN plan_version v ON v.plan_id = p.id LEFT JOIN case_event e ON e.id = v.event_id
          WHERE r.authority_id = ${testApp.authorityId} AND r.kind = 'plan' AND r.source_id = 'R2005' ORDER BY v.number`,
    );
    expect(versions).toEqual([
      { number: 1, status: 'draft', issued_on: '2026-07-13', event_type: 'draft.issued', names_version: true },
      { number: 2, status: 'working', issued_on: null, event_type: null, names_version: null },
    ]);
    expect((await run('apply')).counts).toMatchObject({ created: 0, updated: 0, unchanged: 5 });
  });

  it('keeps a refused cell holding U+0000 beyond the first 4 KB, which PostgreSQL cannot store, as U+FFFD, and finishes the run', async () => {
    const assessments = readFileSync(`${SAMPLE}/assessments.csv`, 'utf8').replace('R2005,EHCP', 'R2005,X\u0000Y');
    const source = folder();
    const open = async (name: string) => {
      if (name !== 'assessments.csv') return source.open(name);
      const bytes = Buffer.from(assessments, 'utf8');
      // In pieces, as a stream gives them: the NUL is past the first piece the binary check reads.
      return Readable.from([bytes.subarray(0, 40), bytes.subarray(40)]);
    };
    const result = await run('apply', { source: 'casesys', open });
    expect(result.refusals).toContainEqual(expect.objectContaining({ file: 'assessments.csv', field: 'Outcome', value: 'X\u0000Y' }));
    const [stored] = await queryRows<{ status: string; refusals: { value: string }[] }>(testApp.database.db, sql`SELECT status, refusals FROM import_run WHERE id = ${result.runId}`);
    expect(stored!.status).toBe('finished');
    expect(stored!.refusals.map((refusal) => refusal.value)).toContain('X\uFFFDY');
  });

  it('refuses a child imported before whose files open a second case under a new old id while theirs stays open: one open case at a time', async () => {
    await run('apply');
    const before = await counts();
    // The old system gave Isla's request another id: the files hold one open case, the service another.
    const requests = readFileSync(`${SAMPLE}/requests.csv`, 'utf8').replace('R2004,C1004', 'R2099,C1004');
    const result = await run('apply', folder({ 'requests.csv': requests }));
    expect(result.counts).toMatchObject({ created: 0, updated: 0, refused: 1 });
    expect(result.refusals).toContainEqual(expect.objectContaining({ file: 'requests.csv', value: 'R2099', why: expect.stringMatching(/^opens a second case for the child, whose case 999-EHC-2026-\d{5} is open in the service: a child has one open case at a time$/) }));
    expect(await counts()).toEqual(before);
  });

  it('refuses a child whole for one wrong row, lists every wrong row with file, line, field, value and why, and imports the rest', async () => {
    const children = readFileSync(`${SAMPLE}/children.csv`, 'utf8') + 'C1006,Jack,Taylor,31/02/2014,7,A999201400606,DC1 1AA,999999\r\nC1001,Amelia,Hughes,14/03/2015,2,,DC1 2AB,\r\n';
    const plans = readFileSync(`${SAMPLE}/plans.csv`, 'utf8').replace('R2005,13/07/2026,,SEMH,,', 'R2005,13/07/2026,,XYZ,,');
    const result = await run('apply', folder({ 'children.csv': children, 'plans.csv': plans }));
    expect(result.counts).toMatchObject({ created: 4, refused: 2 });
    expect(result.refusals).toEqual([
      { file: 'children.csv', line: 6, field: 'row', value: 'C1005', why: 'the child is refused whole, with their 3 rows in the other files' },
      { file: 'children.csv', line: 7, field: 'DOB', value: '31/02/2014', why: 'is not a date (dd/mm/yyyy)' },
      { file: 'children.csv', line: 7, field: 'Gender', value: '7', why: "is not a known code: add it to the mapping file's codes.sex" },
      { file: 'children.csv', line: 7, field: 'UPN', value: 'A999201400606', why: 'is not a UPN: The UPN’s check letter does not match: check it for typing mistakes' },
      { file: 'children.csv', line: 8, field: 'Child Ref', value: 'C1001', why: 'appears again (first on line 2); the first is imported' },
      { file: 'plans.csv', line: 3, field: 'Primary Need', value: 'XYZ', why: "is not a known code: add it to the mapping file's codes.need" },
    ]);
    // Never a partial record: nothing of Freya's (C1005) was written.
    const [freya] = await queryRows<{ n: number }>(testApp.database.db, sql`SELECT count(*)::int AS n FROM child WHERE authority_id = ${testApp.authorityId} AND forename = 'Freya'`);
    expect(freya!.n).toBe(0);
    expect(await counts()).toMatchObject({ child: 4, ehc_case: 4, plan: 1 });
    const [listed] = await testApp.services.casesImport.listRuns(admin);
    expect(listed!.refusals).toHaveLength(result.refusals.length);
  });

  it('refuses an unknown officer, an unknown school and a history out of the catalogue’s order, naming the row', async () => {
    const requests = readFileSync(`${SAMPLE}/requests.csv`, 'utf8').replace('R2004,C1004,02/11/2026,PAR,,,s.khan@demo-council.example', 'R2004,C1004,02/11/2026,PAR,,,nobody@demo-council.example');
    const children = readFileSync(`${SAMPLE}/children.csv`, 'utf8').replace('C1002,Oliver,Patel,02/11/2017,1,V999201700202,DC3 4EF,140137', 'C1002,Oliver,Patel,02/11/2017,1,V999201700202,DC3 4EF,123456');
    // SEND Regs 2014 reg. 13(1)(a): the final plan only after the family's 15 days on the draft.
    const plans = readFileSync(`${SAMPLE}/plans.csv`, 'utf8').replace('R2001,28/04/2025,19/05/2025', 'R2001,28/04/2025,05/05/2025');
    const result = await run('dry-run', folder({ 'requests.csv': requests, 'children.csv': children, 'plans.csv': plans }));
    expect(result.counts).toMatchObject({ created: 2, refused: 3 });
    expect(result.refusals).toEqual(
      expect.arrayContaining([
        { file: 'requests.csv', line: 5, field: 'Caseworker Email', value: 'nobody@demo-council.example', why: 'is not a staff account of the council: create the account first, or add the officer to officers.csv' },
        { file: 'children.csv', line: 3, field: 'School URN', value: '123456', why: 'is not in the schools register: import the register first' },
        { file: 'plans.csv', line: 2, field: 'Final Date', value: '2025-05-05', why: expect.stringContaining('15 days') },
      ]),
    );
  });

  it('refuses a request dated before the birth, a file row whose child is not in children.csv, and a request id given twice', async () => {
    const requests = `${readFileSync(`${SAMPLE}/requests.csv`, 'utf8').replace('R2002,C1002,14/09/2026', 'R2002,C1002,14/09/2016')}R2009,C9999,01/10/2026,PAR,,,\r\nR2001,C1003,01/10/2026,PAR,,,\r\n`;
    const result = await run('dry-run', folder({ 'requests.csv': requests }));
    expect(result.refusals).toEqual(
      expect.arrayContaining([
        { file: 'requests.csv', line: 3, field: 'Date Received', value: '2016-09-14', why: 'is before the child’s date of birth (2017-11-02)' },
        { file: 'requests.csv', line: 7, field: 'Child Ref', value: 'C9999', why: 'has no child in children.csv' },
        { file: 'requests.csv', line: 8, field: 'Referral Ref', value: 'R2001', why: 'appears again (first on line 2)' },
        { file: 'children.csv', line: 4, field: 'row', value: 'C1003', why: 'the child is refused whole, with their 2 rows in the other files' },
      ]),
    );
  });

  it('reads a file with a semicolon delimiter, UTF-8 with a byte-order mark and Windows-1252, and columns in our own layout without a mapping of columns', async () => {
    const children = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('child_id;forename;surname;date_of_birth;sex\r\nX1;Zoë;Ørsted;01/02/2016;F\r\n', 'utf8')]);
    const people = Buffer.from('person_id,child_id,forename,surname,relationship\r\nXP1,X1,Renée,Ørsted,mother\r\n', 'latin1');
    const source = { source: 'ours', open: async (name: string) => (name === 'children.csv' ? Readable.from([children]) : name === 'people.csv' ? Readable.from([people]) : undefined) };
    const result = await run('apply', source, { sourceSystem: 'Spreadsheet' });
    expect(result.refusals).toEqual([]);
    expect(result.counts).toMatchObject({ created: 1 });
    expect(result.absent).toEqual(['officers.csv', 'requests.csv', 'assessments.csv', 'plans.csv', 'reviews.csv']);
    const names = await queryRows<{ forename: string; surname: string }>(testApp.database.db, sql`SELECT forename, surname FROM person WHERE authority_id = ${testApp.authorityId} UNION ALL SELECT forename, surname FROM child WHERE authority_id = ${testApp.authorityId} ORDER BY 1`);
    expect(names).toEqual([
      { forename: 'Renée', surname: 'Ørsted' },
      { forename: 'Zoë', surname: 'Ørsted' },
    ]);
  });

  it('links a parent of two children (siblings) as one person, and brings their details up to date on a later import', async () => {
    const children = 'child_id,forename,surname,date_of_birth,sex\r\nS1,Ava,Shah,01/02/2016,F\r\nS2,Leo,Shah,03/04/2018,M\r\n';
    const people = (phone: string) => `person_id,child_id,forename,surname,relationship,parental_responsibility,phone\r\nP1,S1,Nadia,Shah,mother,yes,${phone}\r\nP1,S2,Nadia,Shah,mother,yes,${phone}\r\n`;
    const files = (phone: string) => ({ source: 'siblings', open: async (name: string) => (name === 'children.csv' ? Readable.from([Buffer.from(children)]) : name === 'people.csv' ? Readable.from([Buffer.from(people(phone))]) : undefined) });
    await run('apply', files('07700 900001'), { sourceSystem: 'Spreadsheet' });
    expect(await counts()).toMatchObject({ child: 2, person: 1, child_person: 2 });
    const later = await run('apply', files('07700 900002'), { sourceSystem: 'Spreadsheet' });
    expect(later.counts).toMatchObject({ created: 0, updated: 2, unchanged: 0 });
    expect(await counts()).toMatchObject({ child: 2, person: 1, child_person: 2 });
    const [mother] = await queryRows<{ phone: string }>(testApp.database.db, sql`SELECT phone FROM person WHERE "authority_id" = ${testApp.authorityId}`);
    expect(mother!.phone).toBe('07700 900002');
  });

  it('stops with a clear message, writing no child, for input it cannot read', async () => {
    const refusal = async (source: ReturnType<typeof folder>, mapping: unknown = MAPPING.mapping) => {
      try {
        await run('apply', source, mapping);
        return 'no error';
      } catch (error) {
        expect(error).toBeInstanceOf(CaseImportFileError);
        return (error as Error).message;
      }
    };
    expect(await refusal(folder({ 'children.csv': Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]) }))).toBe('Cannot import casesys: children.csv: it is not a CSV file (it holds binary data)');
    expect(await refusal(folder({ 'children.csv': '' }))).toBe('Cannot import casesys: children.csv: it is empty: there is no header row');
    expect(await refusal(folder({ 'children.csv': null }))).toBe('Cannot import casesys: there is no children.csv in the folder');
    expect(await refusal(folder({ 'requests.csv': 'Referral Ref,Child Ref\r\nR1,C1001\r\n' }))).toBe('Cannot import casesys: requests.csv lacks the columns Date Received, Referrer');
    expect(await refusal(folder(), { sourceSystem: 'X', codes: { sex: { '1': 'Male' } } })).toBe('The mapping file mapping.json cannot be used: codes.sex: "1" maps to Male, which is not one of M, F, U');
    expect(await refusal(folder(), { columns: {} })).toContain('sourceSystem is missing');
    expect(await count('child')).toBe(0);
    const runs = await testApp.services.casesImport.listRuns(admin);
    expect(runs.every((entry) => entry.status === 'failed')).toBe(true);
    expect(() => folderSource('/no/such/folder')).toThrow('there is no such folder');
  });

  it('refuses a 2 GB file before reading or writing anything, and stops when the parts files hold more rows than a council has', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'casesys-'));
    try {
      cpSync(SAMPLE, directory, { recursive: true });
      // Sparse: 2 GB as the file system reports it, without writing 2 GB.
      truncateSync(join(directory, 'children.csv'), 2 * 2 ** 30);
      await expect(run('apply', folderSource(directory))).rejects.toThrow(
        /children\.csv is 2,048 MB, more than the 256 MB a file of cases may be .*: check it is the right export$/,
      );
      expect(await count('child')).toBe(0);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
    const tooMany = testApp.services.casesImport.importCases(admin, { ...MAPPING, ...folder(), mode: 'apply', ranBy: 'test', maxPartRows: 3 });
    await expect(tooMany).rejects.toThrow(/hold more than 3 rows \(people\.csv line 5\), more than a council's whole service/);
    expect(await count('child')).toBe(0);
    const [latest] = await testApp.services.casesImport.listRuns(admin, 1);
    expect(latest).toMatchObject({ status: 'failed' });
  });
});
