import { readFileSync } from 'node:fs';
import { parseGovUkBankHolidays } from '../../domain/calendar/index.ts';
import type { Database } from '../../db/database.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import * as referenceRepository from './repository.ts';

const DIVISION = 'england-and-wales';
const SHIPPED_BANK_HOLIDAYS = new URL('../../db/reference/bank-holidays-england-and-wales.json', import.meta.url);
const SAMPLE_SCHOOLS = new URL('../../db/reference/schools-sample.json', import.meta.url);

export const DEMO_AUTHORITY = {
  name: 'Demo City Council',
  region: 'West Midlands',
  laCode: '999',
  gssCode: null,
  validFrom: '2014-09-01',
} as const;

export class BankHolidayImportError extends Error {
  override readonly name = 'BankHolidayImportError';
}

/** Reference data every installation needs: the national schools list and the bank holidays. */
export class ReferenceDataService {
  private readonly db: Database;

  constructor(db: Database) {
    this.db = db;
  }

  /** Loads the shipped reference data into an empty database; a no-op once it is there. */
  async ensureReferenceData(): Promise<{ schoolsAdded: number; bankHolidaysLoaded: boolean; authorityCreated: boolean }> {
    return this.db.transaction(async (tx) => {
      let schoolsAdded = 0;
      if ((await referenceRepository.countSchools(tx)) === 0) {
        const schools = JSON.parse(readFileSync(SAMPLE_SCHOOLS, 'utf8')) as Omit<referenceRepository.SchoolRecord, 'id'>[];
        await referenceRepository.insertSchools(
          tx,
          schools.map((entry) => ({ ...entry, id: uuidv7() })),
        );
        schoolsAdded = schools.length;
      }
      let bankHolidaysLoaded = false;
      if ((await referenceRepository.listBankHolidays(tx, DIVISION)).length === 0) {
        await this.replaceBankHolidaysIn(tx as unknown as Database, JSON.parse(readFileSync(SHIPPED_BANK_HOLIDAYS, 'utf8')));
        bankHolidaysLoaded = true;
      }
      let authorityCreated = false;
      if (!(await referenceRepository.findAuthorityByLaCode(tx, DEMO_AUTHORITY.laCode))) {
        await referenceRepository.insertAuthority(tx, { id: uuidv7(), ...DEMO_AUTHORITY });
        authorityCreated = true;
      }
      return { schoolsAdded, bankHolidaysLoaded, authorityCreated };
    });
  }

  async findAuthorityByLaCode(laCode: string) {
    return referenceRepository.findAuthorityByLaCode(this.db, laCode);
  }

  async listSchools(laCode: string) {
    return referenceRepository.listSchoolsByLaCode(this.db, laCode);
  }

  async listBankHolidays() {
    return referenceRepository.listBankHolidays(this.db, DIVISION);
  }

  /** Replaces the England and Wales list with a GOV.UK bank-holidays JSON document, checked first. */
  async importBankHolidays(document: unknown): Promise<{ count: number; years: number[] }> {
    return this.db.transaction(async (tx) => this.replaceBankHolidaysIn(tx as unknown as Database, document));
  }

  private async replaceBankHolidaysIn(executor: Database, document: unknown): Promise<{ count: number; years: number[] }> {
    const parsed = parseGovUkBankHolidays(document, DIVISION);
    if (!parsed.ok) throw new BankHolidayImportError(parsed.detail);
    await referenceRepository.replaceBankHolidays(
      executor,
      DIVISION,
      parsed.holidays.map((holiday) => ({ date: holiday.date, title: holiday.title })),
    );
    return { count: parsed.holidays.length, years: parsed.coveredYears };
  }
}
