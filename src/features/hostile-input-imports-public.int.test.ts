// Hostile input to the cases import (the engine the command line and the import job both run) and
// to the two public pages: a CSV, a mapping or a SEN2 return made hostile is refused as a file the
// import cannot read (or its rows refused one by one), never an error of another kind, which would
// make the job try again and again; and a refused import leaves the database as it was. The public
// calculator and the public improvement page answer any query below 500. The figures go to
// test-results/fuzz/imports-public.json.
import { readdirSync, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from './auth/index.ts';
import { readMappingFile } from './cases-import/index.ts';
import { CaseImportFileError } from './cases-import/service.ts';
import { ValidationError } from '../lib/errors.ts';
import { fixedClock } from '../lib/clock.ts';
import { createTestApp, type TestApp } from '../test/app.ts';
import { anOfficer } from '../test/factories/index.ts';
import { FUZZ_RUNS, FuzzLedger, hostileJson, hostileText } from '../test/fuzz.ts';
import { CookieJar, getPage } from '../test/http.ts';

const SAMPLE = fileURLToPath(new URL('./cases-import/fixtures/casesys', import.meta.url));
const MAPPING = readMappingFile(`${SAMPLE}/mapping.json`).mapping as Record<string, unknown>;
const FILES = new Map<string, Buffer>(readdirSync(SAMPLE).filter((name) => name.endsWith('.csv') || name === 'sen2.xml').map((name) => [name, readFileSync(`${SAMPLE}/${name}`)]));
const CSV_NAMES = [...FILES.keys()].filter((name) => name.endsWith('.csv'));

let testApp: TestApp;
let admin: Actor;
let ledger: FuzzLedger;
beforeAll(async () => {
  testApp = await createTestApp({ clock: fixedClock('2026-12-01T09:00:00Z') });
  admin = systemActor(testApp.authorityId, 'test');
  await anOfficer(testApp, { email: 's.khan@demo-council.example', name: 'Samira Khan' });
  // A refused import is kept as a run that says why: import_run grows by design.
  ledger = new FuzzLedger(testApp.database.db, 'imports-public', ['import_run']);
});
afterAll(async () => {
  ledger?.write();
  await testApp?.close();
});

/** An import's outcome as an answer: refused (400) for a file it cannot read, accepted otherwise; any other error a 500. */
async function importing(files: Map<string, Buffer>, mapping: unknown, mode: 'dry-run' | 'apply'): Promise<LightMyRequestResponse> {
  const chunks = (bytes: Buffer) => Array.from({ length: Math.max(1, Math.ceil(bytes.length / 64)) }, (_, index) => bytes.subarray(index * 64, index * 64 + 64));
  const open = async (name: string) => (files.has(name) ? Readable.from(chunks(files.get(name)!)) : undefined);
  try {
    await testApp.services.casesImport.importCases(admin, { mapping, mappingName: 'mapping.json', source: 'casesys', open, mode, ranBy: 'fuzz' });
    return { statusCode: 200, body: '' } as LightMyRequestResponse;
  } catch (error) {
    if (error instanceof CaseImportFileError || error instanceof ValidationError) return { statusCode: 400, body: error.message } as LightMyRequestResponse;
    return { statusCode: 500, body: (error as Error).stack ?? String(error) } as LightMyRequestResponse;
  }
}

/** A CSV made hostile: a cell replaced, bytes added, cut short, or nothing but noise. */
const hostileCsv = fc.oneof(
  fc.record({ line: fc.nat(), column: fc.nat(), value: hostileText, quoted: fc.boolean() }).map(({ line, column, value, quoted }) => (bytes: Buffer) => {
    const lines = bytes.toString('utf8').split('\n');
    const at = 1 + (line % Math.max(1, lines.length - 1));
    const cells = (lines[at] ?? '').split(',');
    cells[column % Math.max(1, cells.length)] = quoted ? `"${value.replaceAll('"', '""')}"` : value;
    lines[at] = cells.join(',');
    return Buffer.from(lines.join('\n'));
  }),
  fc.uint8Array({ maxLength: 200 }).map((noise) => (bytes: Buffer) => Buffer.concat([bytes, Buffer.from(noise)])),
  fc.nat().map((cut) => (bytes: Buffer) => bytes.subarray(0, cut % Math.max(1, bytes.length))),
  fc.uint8Array({ maxLength: 400 }).map((noise) => () => Buffer.from(noise)),
  fc.constant(() => Buffer.from('\uFEFF"unterminated,quote\n')),
);

/** A SEN2 return made hostile: an element's text replaced, cut short, an entity bomb, noise. */
const hostileSen2 = fc.oneof(
  fc.record({ at: fc.nat(), value: hostileText }).map(({ at, value }) => (xml: string) => {
    const texts = [...xml.matchAll(/>([^<>\s][^<>]*)</g)];
    const chosen = texts[at % Math.max(1, texts.length)];
    if (!chosen) return xml;
    const escaped = value.replaceAll('&', '&amp;').replaceAll('<', '&lt;');
    return `${xml.slice(0, chosen.index + 1)}${escaped}${xml.slice(chosen.index + 1 + chosen[1]!.length)}`;
  }),
  fc.nat().map((cut) => (xml: string) => xml.slice(0, cut % Math.max(1, xml.length))),
  fc.constant(
    (xml: string) => `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>${xml.replace(/^<\?xml[^>]*>/, '')}`,
  ),
  fc.constant((xml: string) => xml.replace('<', '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><').replace(/>([^<>\s][^<>]*)</, '>&e;<')),
  fc.string({ unit: 'binary', maxLength: 300 }).map((noise) => () => noise),
);

/** A mapping made hostile: one of its entries given any JSON value, or the whole of it any value. */
const hostileMapping = fc.oneof(
  fc.record({ at: fc.nat(), value: hostileJson }).map(({ at, value }) => {
    const keys = Object.keys(MAPPING);
    return { ...MAPPING, [keys[at % keys.length]!]: value };
  }),
  hostileJson,
);

describe('the cases import, given hostile files', () => {
  it('refuses a CSV, a mapping or a SEN2 return it cannot read as such, never failing otherwise, and a refusal writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CSV_NAMES), hostileCsv, fc.constantFrom('dry-run' as const, 'apply' as const), async (name, change, mode) => {
        const files = new Map(FILES);
        files.set(name, change(FILES.get(name)!));
        await ledger.send(`import: a CSV file (${mode})`, () => importing(files, MAPPING, mode), () => `${name}: ${files.get(name)!.toString('utf8').slice(0, 200)}`);
      }),
      { numRuns: FUZZ_RUNS * 2 },
    );
    await fc.assert(
      fc.asyncProperty(hostileMapping, async (mapping) => {
        await ledger.send('import: the mapping', () => importing(FILES, mapping, 'dry-run'), () => JSON.stringify(mapping).slice(0, 300));
      }),
      { numRuns: FUZZ_RUNS * 2 },
    );
    await fc.assert(
      fc.asyncProperty(hostileSen2, async (change) => {
        const files = new Map(FILES);
        const xml = change(FILES.get('sen2.xml')!.toString('utf8'));
        files.set('sen2.xml', Buffer.from(xml));
        await ledger.send('import: the SEN2 return', () => importing(files, MAPPING, 'dry-run'), () => xml.slice(0, 300));
      }),
      { numRuns: FUZZ_RUNS * 2 },
    );
    for (const endpoint of ['import: the mapping', 'import: the SEN2 return']) ledger.reached(endpoint, 'service');
  }, 240_000);
});

describe('the public calculator and the public improvement page', () => {
  it('answer any query, and any council code, below 500', async () => {
    const { app } = testApp;
    const anyone = new CookieJar();
    const calculator = await getPage(app, anyone, '/check-ehc-deadlines');
    expect(calculator.statusCode).toBe(200);
    // The calculator's fields, as its form names them.
    const fields = [...new Set([...calculator.body.matchAll(/<(?:input|select)\b[^>]*\bname="([^"]+)"/g)].map(([, name]) => name!))];
    expect(fields.length).toBeGreaterThan(1);
    await fc.assert(
      fc.asyncProperty(fc.array(hostileText, { minLength: fields.length, maxLength: fields.length }), async (values) => {
        const query = new URLSearchParams(fields.map((name, index): [string, string] => [name, values[index]!])).toString();
        await ledger.send('GET /check-ehc-deadlines', () => app.inject({ method: 'GET', url: `/check-ehc-deadlines?${query}` }), () => query);
      }),
      { numRuns: FUZZ_RUNS * 3 },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileText, fc.constantFrom('999', '000', '9999', '-1')), hostileText, async (laCode, saved) => {
        const url = `/our-improvement-plan/${encodeURIComponent(laCode)}?saved=${encodeURIComponent(saved)}`;
        await ledger.send('GET /our-improvement-plan/:laCode', () => app.inject({ method: 'GET', url }), () => url);
      }),
      { numRuns: FUZZ_RUNS * 3 },
    );
  }, 120_000);
});
