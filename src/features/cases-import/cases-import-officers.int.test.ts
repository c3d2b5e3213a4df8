import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { systemActor, type Actor } from '../auth/index.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { anAuthority, anOfficer, aStaffTeam } from '../../test/factories/index.ts';
import type { CaseImportResult, ImportMode } from './service.ts';
import { readMappingFile } from './files.ts';

// One app for the file: each test takes the council as the one before left it (officers imported,
// then the cases, then a plan changed), as a council's rehearsals and imports follow one another.
const SAMPLE = fileURLToPath(new URL('./fixtures/casesys', import.meta.url));
const MAPPING = readMappingFile(`${SAMPLE}/mapping.json`);
const sample = (name: string) => readFileSync(`${SAMPLE}/${name}`, 'utf8');

let testApp: TestApp;
let admin: Actor;
let samiraId: string;
beforeAll(async () => {
  testApp = await createTestApp({ clock: fixedClock('2026-12-01T09:00:00Z') });
  admin = systemActor(testApp.authorityId, 'test');
  samiraId = (await anOfficer(testApp, { email: 's.khan@demo-council.example', name: 'Samira Khan' })).user.id;
});
afterAll(async () => testApp.close());

function folder(changes: Record<string, string | null> = {}) {
  const files = new Map<string, Buffer>();
  for (const name of readdirSync(SAMPLE)) if (name.endsWith('.csv')) files.set(name, readFileSync(`${SAMPLE}/${name}`));
  for (const [name, content] of Object.entries(changes)) {
    if (content === null) files.delete(name);
    else files.set(name, Buffer.from(content, 'utf8'));
  }
  return { source: 'casesys', open: async (name: string) => (files.has(name) ? Readable.from([files.get(name)!]) : undefined) };
}

function run(mode: ImportMode, source: ReturnType<typeof folder> = folder()): Promise<CaseImportResult> {
  return testApp.services.casesImport.importCases(admin, { mapping: MAPPING.mapping, mappingName: 'mapping.json', ...source, mode, ranBy: 'test' });
}

async function staff() {
  return queryRows<{ id: string; email: string; name: string; role: string; password_hash: string | null; team_id: string | null }>(
    testApp.database.db,
    sql`SELECT id, email, name, role, password_hash, team_id FROM staff_user WHERE authority_id = ${testApp.authorityId} ORDER BY email`,
  );
}

async function officerOfCase(childSourceId: string) {
  const [row] = await queryRows<{ officer_id: string | null; email: string | null }>(
    testApp.database.db,
    sql`SELECT c.officer_id, s.email FROM import_record r JOIN ehc_case c ON c.child_id = r.target_id LEFT JOIN staff_user s ON s.id = c.officer_id
        WHERE r.authority_id = ${testApp.authorityId} AND r.kind = 'child' AND r.source_id = ${childSourceId}`,
  );
  return row!;
}

async function planVersions(requestId: string) {
  return queryRows<{ number: number; status: string; issued_on: string | null; needs: string[]; urn: number | null }>(
    testApp.database.db,
    sql`SELECT v.number, v.status, v.issued_on::text AS issued_on, ARRAY(SELECT n->>'type' FROM jsonb_array_elements(v.content->'b') n) AS needs, (v.content->'i'->>'urn')::int AS urn
        FROM import_record r JOIN plan_version v ON v.plan_id = r.target_id
        WHERE r.authority_id = ${testApp.authorityId} AND r.kind = 'plan' AND r.source_id = ${requestId} ORDER BY v.number`,
  );
}

describe('importing the old system’s officers (officers.csv), and plans changed since their import', () => {
  it('refuses wrong officers’ rows with file, line, field, value and why, and a case naming an officer id not in the file', async () => {
    const other = await anAuthority(testApp.database.db);
    await anOfficer(testApp, { authorityId: other.id, email: 'elsewhere@other-council.example' });
    const officers = `${sample('officers.csv')}O103,Ann Lowe,not-an-email,\r\nO104,Bea Moss,t.reid@demo-council.example,\r\nO105,Cal Hart,elsewhere@other-council.example,\r\nO106,Dee Ford,d.ford@demo-council.example,Nowhere\r\nO101,Sam Again,sam@demo-council.example,\r\n`;
    const requests = sample('requests.csv').replace('R2004,C1004,02/11/2026,PAR,,,s.khan@demo-council.example,', 'R2004,C1004,02/11/2026,PAR,,,,O999');
    const result = await run('dry-run', folder({ 'officers.csv': officers, 'requests.csv': requests }));
    expect(result.refusals.filter((refusal) => refusal.file === 'officers.csv' || refusal.field === 'Caseworker Ref')).toEqual([
      { file: 'officers.csv', line: 4, field: 'Email', value: 'not-an-email', why: 'is not an email address' },
      { file: 'officers.csv', line: 5, field: 'Email', value: 't.reid@demo-council.example', why: 'is the e-mail of officer O102 too (line 3): each staff account has its own e-mail' },
      { file: 'officers.csv', line: 6, field: 'Email', value: 'elsewhere@other-council.example', why: 'is the e-mail of a staff account of another council: a staff e-mail address is one person’s, in one council' },
      { file: 'officers.csv', line: 7, field: 'Team', value: 'Nowhere', why: 'is not a team of the council: create it on the Teams page first' },
      { file: 'officers.csv', line: 8, field: 'Caseworker Ref', value: 'O101', why: 'appears again (first on line 2); the first is imported' },
      { file: 'requests.csv', line: 5, field: 'Caseworker Ref', value: 'O999', why: 'is not an officer in officers.csv: add their row, or name the officer by e-mail' },
    ]);
    expect(result.counts.officers).toEqual({ created: 1, matched: 1, updated: 0, unchanged: 0, refused: 5 });
    expect(result.counts.rows.officers).toEqual({ read: 7, refused: 5 });
    // Isla (C1004) refused whole; Oliver's case names O102, who would be created.
    expect(result.counts).toMatchObject({ created: 4, refused: 1 });
    expect((await staff()).map((user) => user.email)).toEqual(['s.khan@demo-council.example']);
  });

  it('applies: a case officer’s account without a password for a new officer, the council’s account matched by e-mail, each traced to the run; cases name their officer by id or by e-mail', async () => {
    const dry = await run('dry-run');
    expect(dry.refusals).toEqual([]);
    expect(dry.counts.officers).toEqual({ created: 1, matched: 1, updated: 0, unchanged: 0, refused: 0 });
    expect(await staff()).toHaveLength(1);
    const result = await run('apply');
    expect(result.refusals).toEqual([]);
    expect(result.counts).toMatchObject({ created: 5, refused: 0, officers: { created: 1, matched: 1 } });
    const accounts = await staff();
    expect(accounts.map(({ email, name, role, password_hash }) => ({ email, name, role, password_hash }))).toEqual([
      { email: 's.khan@demo-council.example', name: 'Samira Khan', role: 'case_officer', password_hash: expect.any(String) },
      { email: 't.reid@demo-council.example', name: 'Tom Reid', role: 'case_officer', password_hash: null },
    ]);
    const tom = accounts[1]!;
    const records = await testApp.services.casesImport.runRecords(admin, result.runId, 'officer');
    expect(records!.records.map((record) => [record.sourceSystem, record.sourceId, record.targetId])).toEqual([
      ['CaseSys', 'O101', samiraId],
      ['CaseSys', 'O102', tom.id],
    ]);
    expect(await officerOfCase('C1002')).toEqual({ officer_id: tom.id, email: 't.reid@demo-council.example' });
    expect(await officerOfCase('C1001')).toEqual({ officer_id: samiraId, email: 's.khan@demo-council.example' });
    // Tom signs in once an administrator gives him a first password ("Reset password"), or through the council's own sign-in.
    const reset = await testApp.services.users.resetPassword(admin, tom.id);
    expect(reset.password.length).toBeGreaterThan(10);
  });

  it('is idempotent: the same files again change nothing; a changed officer is updated, never duplicated, and found by id without officers.csv', async () => {
    const before = await queryRows(testApp.database.db, sql`SELECT * FROM staff_user WHERE authority_id = ${testApp.authorityId} ORDER BY id`);
    const again = await run('apply');
    expect(again.counts).toMatchObject({ created: 0, updated: 0, unchanged: 5, officers: { created: 0, matched: 0, updated: 0, unchanged: 2 } });
    expect(await queryRows(testApp.database.db, sql`SELECT * FROM staff_user WHERE authority_id = ${testApp.authorityId} ORDER BY id`)).toEqual(before);

    const managerId = (await anOfficer(testApp, { role: 'team_manager' })).user.id;
    const team = await aStaffTeam(testApp, { managerId, name: 'North' });
    const officers = sample('officers.csv').replace('O102,Tom Reid,t.reid@demo-council.example,', 'O102,Thomas Reid,t.reid@demo-council.example,north');
    const changed = await run('apply', folder({ 'officers.csv': officers }));
    expect(changed.counts).toMatchObject({ created: 0, updated: 0, unchanged: 5, officers: { created: 0, updated: 1, unchanged: 1 } });
    const tom = (await staff()).find((user) => user.email === 't.reid@demo-council.example')!;
    expect(tom).toMatchObject({ name: 'Thomas Reid', team_id: team.id });
    expect(await staff()).toHaveLength(3);
    // Without officers.csv, the officers imported before are known by their old id.
    const without = await run('dry-run', folder({ 'officers.csv': null }));
    expect(without.refusals).toEqual([]);
    expect(without.counts).toMatchObject({ unchanged: 5 });
    expect(without.counts.officers).toBeUndefined();
  });

  it('updates a plan changed in the files after its import as a new version, keeping the old one; the same files again change nothing', async () => {
    expect(await planVersions('R2001')).toEqual([
      { number: 1, status: 'draft', issued_on: '2025-04-28', needs: ['ASD', 'SLCN'], urn: 140100 },
      { number: 2, status: 'final', issued_on: '2025-05-19', needs: ['ASD', 'SLCN'], urn: 140100 },
    ]);
    // Amelia's final plan: a new secondary need and placement. Freya's draft (R2005) is now final.
    const plans = sample('plans.csv').replace('R2001,28/04/2025,19/05/2025,AUT,SLCN,140100', 'R2001,28/04/2025,19/05/2025,AUT,SEMH,140137').replace('R2005,13/07/2026,,SEMH,,', 'R2005,13/07/2026,10/08/2026,SEMH,,');
    const dry = await run('dry-run', folder({ 'plans.csv': plans }));
    expect(dry.refusals).toEqual([]);
    expect(dry.counts).toMatchObject({ created: 0, updated: 2, unchanged: 3, refused: 0 });
    const result = await run('apply', folder({ 'plans.csv': plans }));
    expect(result.refusals).toEqual([]);
    expect(result.counts).toMatchObject({ created: 0, updated: 2, unchanged: 3, refused: 0 });
    expect(await planVersions('R2001')).toEqual([
      { number: 1, status: 'draft', issued_on: '2025-04-28', needs: ['ASD', 'SLCN'], urn: 140100 },
      { number: 2, status: 'final', issued_on: '2025-05-19', needs: ['ASD', 'SLCN'], urn: 140100 },
      { number: 3, status: 'amended', issued_on: '2026-12-01', needs: ['ASD', 'SEMH'], urn: 140137 },
    ]);
    // SEND Regs 2014 reg. 13(1)(a): the draft kept as issued; the version being written issued as the final plan on its day.
    expect(await planVersions('R2005')).toEqual([
      { number: 1, status: 'draft', issued_on: '2026-07-13', needs: ['SEMH'], urn: null },
      { number: 2, status: 'final', issued_on: '2026-08-10', needs: ['SEMH'], urn: null },
    ]);
    const [issued] = await queryRows<{ event_payload: Record<string, unknown>; event_id: string | null }>(
      testApp.database.db,
      sql`SELECT e.payload AS event_payload, v.event_id FROM import_record r JOIN plan_version v ON v.plan_id = r.target_id AND v.status = 'final' JOIN case_event e ON e.id = v.event_id
          WHERE r.authority_id = ${testApp.authorityId} AND r.kind = 'plan' AND r.source_id = 'R2005'`,
    );
    expect(issued!.event_payload).toMatchObject({ versionNumber: 2, importRunId: result.runId });
    const traced = await testApp.services.casesImport.runRecords(admin, result.runId, 'plan-version');
    expect(traced!.records.map((record) => record.sourceId)).toEqual(['R2001/3', 'R2005/2']);

    const snapshot = async () =>
      Promise.all(['plan_version', 'plan_revision', 'case_event', 'import_record'].map((table) => queryRows(testApp.database.db, sql`SELECT * FROM ${sql.identifier(table)} WHERE "authority_id" = ${testApp.authorityId} ORDER BY 1, 2, 3`)));
    const before = await snapshot();
    const again = await run('apply', folder({ 'plans.csv': plans }));
    expect(again.counts).toMatchObject({ created: 0, updated: 0, unchanged: 5, refused: 0 });
    expect(await snapshot()).toEqual(before);

    // A final plan is never taken back to a draft: refused, with its child.
    const draftAgain = plans.replace('R2005,13/07/2026,10/08/2026,SEMH,,', 'R2005,13/07/2026,,SEMH,,');
    const refused = await run('dry-run', folder({ 'plans.csv': draftAgain }));
    expect(refused.refusals).toContainEqual({ file: 'plans.csv', line: 3, field: 'row', value: 'R2005', why: expect.stringContaining('a final plan is never taken back') });
  });
});
