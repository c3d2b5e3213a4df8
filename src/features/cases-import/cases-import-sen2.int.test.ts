import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { sen2ChildId } from '../../domain/imports/sen2.ts';
import { upnCheckLetter } from '../../domain/children/upn.ts';
import { fixedClock } from '../../lib/clock.ts';
import { systemActor, type Actor } from '../auth/index.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { anOfficer } from '../../test/factories/index.ts';
import { CaseImportFileError, CaseImportPaused, type CaseImportResult, type ImportMode } from './service.ts';
import { readMappingFile } from './files.ts';

// Last year's SEN2 return as a second source of the cases import: fixtures/casesys/sen2.xml holds
// Amelia Hughes (C1001, matched by UPN, nothing to fill), Isla Brown (C1004, matched by name and
// date of birth, her UPN filled), Freya Evans (C1005, matched by UPN, her plan's final date and
// placement filled), and two children the CSV files do not have: Zara Ahmed and Leo Martin (one
// withdrawn request left out).
const SAMPLE = fileURLToPath(new URL('./fixtures/casesys', import.meta.url));
const MAPPING = readMappingFile(`${SAMPLE}/mapping.json`);
const SEN2 = readFileSync(`${SAMPLE}/sen2.xml`, 'utf8');

let testApp: TestApp;
let admin: Actor;
beforeEach(async () => {
  testApp = await createTestApp({ clock: fixedClock('2026-12-01T09:00:00Z') });
  admin = systemActor(testApp.authorityId, 'test');
  await anOfficer(testApp, { email: 's.khan@demo-council.example', name: 'Samira Khan' });
});
afterEach(async () => testApp.close());

/** The sample's CSV files and sen2.xml, with some replaced or added (by name); the return in chunks of 64 bytes, as a stream gives it. */
function folder(changes: Record<string, string | Buffer | null> = {}) {
  const files = new Map<string, Buffer>();
  for (const name of readdirSync(SAMPLE)) if (name.endsWith('.csv') || name === 'sen2.xml') files.set(name, readFileSync(`${SAMPLE}/${name}`));
  for (const [name, content] of Object.entries(changes)) {
    if (content === null) files.delete(name);
    else files.set(name, Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'));
  }
  const chunks = (bytes: Buffer) => Array.from({ length: Math.ceil(bytes.length / 64) }, (_, index) => bytes.subarray(index * 64, index * 64 + 64));
  return { source: 'casesys', open: async (name: string) => (files.has(name) ? Readable.from(chunks(files.get(name)!)) : undefined) };
}

function run(mode: ImportMode, source: ReturnType<typeof folder> = folder(), mapping: unknown = MAPPING.mapping): Promise<CaseImportResult> {
  return testApp.services.casesImport.importCases(admin, { mapping, mappingName: 'mapping.json', ...source, mode, ranBy: 'test' });
}

const TABLES = ['child', 'ehc_case', 'case_event', 'plan', 'plan_version', 'annual_review', 'import_record'];
async function counts(): Promise<Record<string, number>> {
  const entries = await Promise.all(
    TABLES.map(async (table) => {
      const [row] = await queryRows<{ n: number }>(testApp.database.db, sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} WHERE "authority_id" = ${testApp.authorityId}`);
      return [table, row!.n] as const;
    }),
  );
  return Object.fromEntries(entries);
}

async function childOf(sourceId: string) {
  const [row] = await queryRows<{ id: string; forename: string; surname: string; upn: string | null; postcode: string | null }>(
    testApp.database.db,
    sql`SELECT ch.id, ch.forename, ch.surname, ch.upn, ch.postcode FROM import_record r JOIN child ch ON ch.id = r.target_id
        WHERE r.authority_id = ${testApp.authorityId} AND r.source_system = 'CaseSys' AND r.kind = 'child' AND r.source_id = ${sourceId}`,
  );
  return row;
}

async function planOf(childId: string) {
  const [row] = await queryRows<{ stage: string; issued_on: string | null; content: { b: { type: string; primary: boolean }[]; i: unknown } }>(
    testApp.database.db,
    sql`SELECT c.stage, v.issued_on::text AS issued_on, v.content FROM ehc_case c JOIN plan p ON p.case_id = c.id JOIN plan_version v ON v.plan_id = p.id
        WHERE c.child_id = ${childId} ORDER BY v.number DESC LIMIT 1`,
  );
  return row;
}

describe('cases import with last year’s SEN2 return as a second source', () => {
  it('dry run: reads the return, matches its Persons and counts them, writing nothing', async () => {
    const before = await counts();
    const result = await run('dry-run');
    expect(result.refusals).toEqual([]);
    expect(result.counts).toMatchObject({ created: 7, updated: 0, unchanged: 0, refused: 0 });
    expect(result.counts.rows.sen2).toEqual({ read: 5, refused: 0 });
    expect(result.counts.sen2).toEqual({ file: 'sen2.xml', matched: 3, filled: 2, own: 2, skipped: 1 });
    expect(await counts()).toEqual(before);
  });

  it('applies: the CSV wins where both give a value, the return fills what the CSV lacks, and children of its own are imported, traceably', async () => {
    const result = await run('apply');
    expect(result.refusals).toEqual([]);
    expect(result.counts).toMatchObject({ created: 7, refused: 0 });

    // Isla Brown has no UPN in children.csv: matched by name and date of birth, she takes the return's.
    expect(await childOf('C1004')).toMatchObject({ forename: 'Isla', surname: 'Brown', upn: 'P999201900404' });
    // Freya Evans: her name and postcode are the CSV's; her plan's final date and placement, which the CSV lacks, the return's.
    const freya = (await childOf('C1005'))!;
    expect(freya).toMatchObject({ surname: 'Evans', postcode: 'DC4 1GH' });
    expect(await planOf(freya.id)).toMatchObject({ stage: 'plan', issued_on: '2026-08-10', content: { b: [{ type: 'SEMH', primary: true }], i: { kind: 'school', urn: 140174 } } });
    // Amelia Hughes: the CSV's primary need stands (the return says MLD).
    const amelia = (await childOf('C1001'))!;
    expect((await planOf(amelia.id))!.content.b).toEqual([expect.objectContaining({ type: 'ASD', primary: true }), expect.objectContaining({ type: 'SLCN', primary: false })]);

    // Zara Ahmed is in the return only: a child of her own, keyed sen2:UPN, with her plan, placement, needs and review.
    const zara = (await childOf('sen2:Y999201400606'))!;
    expect(zara).toMatchObject({ forename: 'Zara', surname: 'Ahmed', upn: 'Y999201400606', postcode: 'DC2 7GH' });
    expect(await planOf(zara.id)).toMatchObject({ stage: 'plan', issued_on: '2025-07-21', content: { b: [{ type: 'SLCN', primary: true }], i: { kind: 'school', urn: 140137 } } });
    const [review] = await queryRows<{ meeting_on: string; decision: string }>(testApp.database.db, sql`SELECT meeting_on::text, decision FROM annual_review WHERE child_id = ${zara.id}`);
    expect(review).toEqual({ meeting_on: '2026-06-15', decision: 'maintain' });
    // Leo Martin has no UPN: keyed by a digest of his names and date of birth; his withdrawn request is left out.
    const leoKey = sen2ChildId({ upn: null, surname: 'Martin', forename: 'Leo', dateOfBirth: '2020-02-02' });
    const leo = (await childOf(leoKey))!;
    const leoCases = await queryRows<{ opened_on: string; stage: string }>(testApp.database.db, sql`SELECT opened_on::text, stage FROM ehc_case WHERE child_id = ${leo.id}`);
    expect(leoCases).toEqual([{ opened_on: '2026-10-01', stage: 'request' }]);

    // Each value taken from the return is traceable: the source system sen2, the return's key, the record it went to.
    const traces = await queryRows<{ kind: string; source_id: string; target_id: string; first_run_id: string }>(
      testApp.database.db,
      sql`SELECT kind, source_id, target_id, first_run_id FROM import_record WHERE authority_id = ${testApp.authorityId} AND source_system = 'sen2' ORDER BY kind, source_id`,
    );
    expect(traces.map((trace) => [trace.kind, trace.source_id])).toEqual([
      ['case', 'sen2:P999201600505/R2005'],
      ['case', `${leoKey}/${leoKey}/2026-10-01`],
      ['case', 'sen2:Y999201400606/sen2:Y999201400606/2025-02-10'],
      ['child', 'sen2:P999201600505'],
      ['child', 'sen2:P999201900404'],
      ['child', 'sen2:Y999201400606'],
      ['child', leoKey],
    ].sort((a, b) => (a[0]! + a[1]! < b[0]! + b[1]! ? -1 : 1)));
    expect(traces.find((trace) => trace.source_id === 'sen2:P999201900404')?.target_id).toBe((await childOf('C1004'))!.id);
    expect(new Set(traces.map((trace) => trace.first_run_id))).toEqual(new Set([result.runId]));
  });

  it('is idempotent: the same files twice change nothing the second time', async () => {
    await run('apply');
    const after = await counts();
    const again = await run('apply');
    expect(again.refusals).toEqual([]);
    expect(again.counts).toMatchObject({ created: 0, updated: 0, unchanged: 7, refused: 0 });
    expect(await counts()).toEqual(after);
    const dry = await run('dry-run');
    expect(dry.counts).toMatchObject({ created: 0, updated: 0, unchanged: 7 });
  });

  it('brings up to date a child of the return imported without a UPN whom a later return gives one, never importing them again', async () => {
    await run('apply');
    const leoKey = sen2ChildId({ upn: null, surname: 'Martin', forename: 'Leo', dateOfBirth: '2020-02-02' });
    const leo = (await childOf(leoKey))!;
    expect(leo.upn).toBeNull();
    const before = await counts();
    const upn = `${upnCheckLetter('999202000707')}999202000707`;
    const later = folder({ 'sen2.xml': SEN2.replace('<Sex>M</Sex><UPNunknown>UN2</UPNunknown>', `<Sex>M</Sex><UPN>${upn}</UPN>`) });
    const again = await run('apply', later);
    expect(again.refusals).toEqual([]);
    expect(again.counts).toMatchObject({ created: 0, updated: 1, unchanged: 6, refused: 0 });
    expect(await childOf(leoKey)).toMatchObject({ id: leo.id, forename: 'Leo', upn });
    expect(await childOf(`sen2:${upn}`)).toBeUndefined();
    expect(await counts()).toEqual(before);
    expect((await run('apply', later)).counts).toMatchObject({ created: 0, updated: 0, unchanged: 7 });
  });

  it('stopped while writing the return’s own children, resumes after the last committed one: each written once and counted once, as created', async () => {
    const stop = new AbortController();
    const input = { mapping: MAPPING.mapping, mappingName: 'mapping.json', ...folder(), mode: 'apply' as const, ranBy: 'test', batchSize: 1 };
    const paused = await testApp.services.casesImport
      .importCases(admin, { ...input, signal: stop.signal, onProgress: (_rows, sen2Own) => void (sen2Own === 1 && stop.abort()) })
      .catch((caught: unknown) => caught);
    expect(paused).toBeInstanceOf(CaseImportPaused);
    const [held] = await queryRows<{ id: string; checkpoint: { sen2Own: number } }>(testApp.database.db, sql`SELECT id, checkpoint FROM import_run WHERE status = 'queued'`);
    expect(held!.checkpoint.sen2Own).toBe(1);
    const resumed = await testApp.services.casesImport.importCases(admin, { ...input, runId: held!.id });
    expect(resumed.counts).toMatchObject({ created: 7, updated: 0, unchanged: 0, refused: 0, sen2: { matched: 3, filled: 2, own: 2, skipped: 1 } });
    expect(await counts()).toMatchObject({ child: 7, import_record: expect.any(Number) });
    const again = await run('apply');
    expect(again.counts).toMatchObject({ created: 0, updated: 0, unchanged: 7 });
  });

  it('refuses whole a child of the return whose UPN has a wrong check letter, and a CSV child whose Person is wrong, naming line, element and value', async () => {
    const xml = SEN2.replace('<UPN>Y999201400606</UPN>', '<UPN>A999201400606</UPN>').replace('<SENtype>SEMH</SENtype>', '<SENtype>XYZ</SENtype>');
    const before = await counts();
    const result = await run('apply', folder({ 'sen2.xml': xml }));
    expect(result.counts).toMatchObject({ created: 5, refused: 2 });
    expect(result.counts.rows.sen2).toEqual({ read: 5, refused: 2 });
    expect(result.refusals).toEqual([
      { file: 'children.csv', line: 6, field: 'row', value: 'C1005', why: 'the child is refused whole: their Person in sen2.xml (line 13) is wrong' },
      { file: 'sen2.xml', line: 16, field: 'SENtype', value: 'XYZ', why: 'is not a DfE SEN type code' },
      { file: 'sen2.xml', line: 18, field: 'UPN', value: 'A999201400606', why: expect.stringContaining('check letter') },
    ]);
    // Neither Freya nor Zara is written, not even in part.
    expect(await childOf('C1005')).toBeUndefined();
    const [zara] = await queryRows(testApp.database.db, sql`SELECT id FROM child WHERE authority_id = ${testApp.authorityId} AND surname = 'Ahmed'`);
    expect(zara).toBeUndefined();
    expect((await counts()).child).toBe((before.child ?? 0) + 5);
  });

  it('reads the return as its XML declaration says (Windows-1252 here), and from the file the mapping names', async () => {
    const xml = SEN2.replace('encoding="UTF-8"', 'encoding="windows-1252"').replace('<Forename>Zara</Forename>', '<Forename>Zoë</Forename>');
    const mapping = { ...(MAPPING.mapping as object), files: { sen2: 'SEN2_2026.xml' } };
    const result = await run('apply', folder({ 'sen2.xml': null, 'SEN2_2026.xml': Buffer.from(xml, 'latin1') }), mapping);
    expect(result.refusals).toEqual([]);
    expect(result.counts.sen2).toMatchObject({ file: 'SEN2_2026.xml', own: 2 });
    expect(await childOf('sen2:Y999201400606')).toMatchObject({ forename: 'Zoë' });
    // A return the mapping names must be in the folder.
    await expect(run('dry-run', folder({ 'sen2.xml': null }), mapping)).rejects.toThrow('there is no SEN2_2026.xml in the folder');
  });

  it.each([
    ['not XML at all', 'Child Ref,First Name\nC1001,Amelia\n', /sen2\.xml: line \d+: not well-formed XML/],
    ['empty', '', /sen2\.xml: the file is empty/],
    ['a DOCTYPE', '<?xml version="1.0"?>\n<!DOCTYPE Message [<!ENTITY x "y">]>\n<Message/>', /sen2\.xml: line 2: an SEN2 return has no DOCTYPE/],
    ['another collection', SEN2.replace('<Collection>SEN2</Collection>', '<Collection>CIN</Collection>'), /the header names the collection CIN, not SEN2/],
    ['cut short', SEN2.slice(0, SEN2.indexOf('<Surname>Ahmed')), /sen2\.xml: .*not well-formed XML/],
    ['a declaration naming an encoding there is none of', SEN2.replace('encoding="UTF-8"', 'encoding="klingon"'), /names the encoding klingon/],
  ])('stops with a clear message, writing nothing, for a return that is %s', async (_what, content, message) => {
    const before = await counts();
    const error = await run('apply', folder({ 'sen2.xml': content })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CaseImportFileError);
    expect((error as Error).message).toMatch(message);
    expect(await counts()).toMatchObject({ ...before, import_record: before.import_record });
    const [runRow] = await queryRows<{ status: string; failure: string }>(testApp.database.db, sql`SELECT status, failure FROM import_run WHERE authority_id = ${testApp.authorityId} ORDER BY started_at DESC LIMIT 1`);
    expect(runRow).toMatchObject({ status: 'failed', failure: expect.stringMatching(message) });
  });
});
