import type { Database } from '../../db/database.ts';
import { insertAuthority } from '../../features/reference/index.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { nextNumber } from './sequence.ts';

export interface TestAuthority {
  id: string;
  laCode: string;
  name: string;
}

/**
 * The LA codes no English council has (100-199 and 430-799): a made-up council must never pick up
 * a real one's published figures (the reporting pages compare a council with its own for 2024).
 * The counter runs on across the files a worker runs (isolate: false), so it goes round; a file
 * has a database of its own and never makes as many councils as there are codes.
 */
const UNUSED_LA_CODES = [...Array.from({ length: 100 }, (_, index) => 100 + index), ...Array.from({ length: 370 }, (_, index) => 430 + index)];

/** The made-up LA code for the factory's nth council. */
export function madeUpLaCode(number: number): string {
  return String(UNUSED_LA_CODES[(number - 1) % UNUSED_LA_CODES.length]);
}

/**
 * A council besides the demo one (LA 999): for the tests that one council's records are invisible
 * to another, and for tests that read a whole council's cases and so need a council of their own.
 * Each call has its own LA code unless one is given.
 */
export async function anAuthority(db: Database, laCode?: string): Promise<TestAuthority> {
  const number = nextNumber('authority');
  const code = laCode ?? madeUpLaCode(number);
  const authority = { id: uuidv7(), laCode: code, name: `Test Council ${code}` };
  await insertAuthority(db, { id: authority.id, name: authority.name, region: null, laCode: code, gssCode: null, validFrom: '2014-09-01' });
  return authority;
}
