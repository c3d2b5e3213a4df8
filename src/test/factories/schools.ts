import type { Database } from '../../db/database.ts';
import { school } from '../../db/schema/index.ts';
import type { SchoolRecord } from '../../features/reference/index.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { lettersFor, nextNumber } from './sequence.ts';

/**
 * A school on the national list with a URN of its own (from 900001, clear of the shipped sample's),
 * in the demo council's area unless told.
 */
export async function aSchool(db: Database, overrides: Partial<Omit<SchoolRecord, 'id'>> = {}): Promise<SchoolRecord> {
  const number = nextNumber('school');
  const row: SchoolRecord = {
    id: uuidv7(),
    urn: 900_000 + number,
    ukprn: null,
    name: `Test Primary School ${lettersFor(number)}`,
    phase: 'Primary',
    type: 'Community school',
    status: 'Open',
    laCode: '999',
    postcode: 'DC1 1AA',
    ...overrides,
  };
  await db.insert(school).values(row);
  return row;
}
