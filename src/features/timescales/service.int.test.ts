import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/database.ts';
import { createTestDatabase } from '../../test/database.ts';
import { ReferenceDataService } from '../reference/index.ts';
import { TimescalesService } from './service.ts';

let database: DatabaseHandle;
let reference: ReferenceDataService;
beforeAll(async () => {
  database = await createTestDatabase();
  reference = new ReferenceDataService(database.db);
});
afterAll(async () => database.close());

const CERTIFICATE = { process: 'mediation-certificate', from: '2026-04-30' };

async function certificate(service: TimescalesService) {
  const result = await service.compute(CERTIFICATE);
  if (!result.ok) throw new Error(result.detail);
  const [deadline] = result.value.deadlines;
  return { due: deadline?.due, basis: deadline?.basis ?? '' };
}

describe('TimescalesService on the database', () => {
  it('uses the bank holidays loaded from the shipped list, and an import once invalidated', async () => {
    const timescales = new TimescalesService(reference);
    // Before any reference data: no bank holidays, and the basis says so.
    const empty = await certificate(timescales);
    expect(empty.due).toBe('2026-05-05');
    expect(empty.basis).toContain('Bank holidays for 2026 not loaded');

    await reference.ensureReferenceData();
    timescales.invalidate();
    // Monday 4 May 2026 is the early May bank holiday: Friday 1, Tuesday 5, Wednesday 6 May.
    expect(await certificate(timescales)).toMatchObject({ due: '2026-05-06' });

    // An admin imports a list without 2026: the kept calendar is used until it is invalidated.
    await reference.importBankHolidays({
      'england-and-wales': { division: 'england-and-wales', events: [{ title: 'New Year’s Day', date: '2029-01-01' }] },
    });
    expect(await certificate(timescales)).toMatchObject({ due: '2026-05-06' });
    timescales.invalidate();
    const afterImport = await certificate(timescales);
    expect(afterImport.due).toBe('2026-05-05');
    expect(afterImport.basis).toContain('Bank holidays for 2026 not loaded');
  });
});
