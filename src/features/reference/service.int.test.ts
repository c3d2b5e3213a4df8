import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryRows, type DatabaseHandle } from '../../db/database.ts';
import { createTestDatabase } from '../../test/database.ts';
import { BankHolidayImportError, DEMO_AUTHORITY, ReferenceDataService } from './service.ts';

// Each test starts from an empty database of its own: what is loaded is what the test loaded.
let database: DatabaseHandle;
let reference: ReferenceDataService;
beforeEach(async () => {
  database = await createTestDatabase();
  reference = new ReferenceDataService(database.db);
});
afterEach(async () => database.close());

const TWO_HOLIDAYS_IN_2029 = {
  'england-and-wales': {
    division: 'england-and-wales',
    events: [
      { title: 'New Year’s Day', date: '2029-01-01', notes: '', bunting: true },
      { title: 'Christmas Day', date: '2029-12-25', notes: '', bunting: true },
    ],
  },
};

describe('reference data', () => {
  it('loads the schools sample, the shipped bank holidays and the demo authority into an empty database', async () => {
    const first = await reference.ensureReferenceData();
    expect(first.schoolsAdded).toBeGreaterThan(20);
    expect(first.bankHolidaysLoaded).toBe(true);
    expect(first.authorityCreated).toBe(true);
    const authority = await reference.findAuthorityByLaCode(DEMO_AUTHORITY.laCode);
    expect(authority?.name).toBe('Demo City Council');
    const schools = await reference.listSchools('999');
    expect(schools.every((school) => /^\d{6}$/.test(String(school.urn)))).toBe(true);
    const holidays = await reference.listBankHolidays();
    expect(holidays.map((holiday) => holiday.date)).toContain('2026-12-28');
  });

  it('is idempotent: a second start adds nothing', async () => {
    await reference.ensureReferenceData();
    const second = await reference.ensureReferenceData();
    expect(second).toEqual({ schoolsAdded: 0, bankHolidaysLoaded: false, authorityCreated: false });
  });

  it('imports a GOV.UK bank-holidays document, replacing the list', async () => {
    await reference.ensureReferenceData();
    const result = await reference.importBankHolidays(TWO_HOLIDAYS_IN_2029);
    expect(result).toEqual({ count: 2, years: [2029] });
    expect((await reference.listBankHolidays()).map((holiday) => holiday.date)).toEqual(['2029-01-01', '2029-12-25']);
  });

  it('refuses a malformed document and writes nothing', async () => {
    await reference.importBankHolidays(TWO_HOLIDAYS_IN_2029);
    const before = await reference.listBankHolidays();
    await expect(
      reference.importBankHolidays({ 'england-and-wales': { division: 'england-and-wales', events: [{ title: 'Bad', date: '2029-02-30' }] } }),
    ).rejects.toThrow(BankHolidayImportError);
    await expect(reference.importBankHolidays({ scotland: {} })).rejects.toThrow(/england-and-wales/);
    expect(await reference.listBankHolidays()).toEqual(before);
    const rows = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM bank_holiday`);
    expect(rows[0]?.n).toBe(2);
  });
});
