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
 * A council besides the demo one (LA 999): for the tests that one council's records are invisible
 * to another, and for tests that read a whole council's cases and so need a council of their own.
 * Each call has its own LA code unless one is given.
 */
export async function anAuthority(db: Database, laCode?: string): Promise<TestAuthority> {
  const number = nextNumber('authority');
  if (!laCode && number > 899) throw new Error('anAuthority ran out of three-digit LA codes in this test file');
  const code = laCode ?? String(99 + number);
  const authority = { id: uuidv7(), laCode: code, name: `Test Council ${code}` };
  await insertAuthority(db, { id: authority.id, name: authority.name, region: null, laCode: code, gssCode: null, validFrom: '2014-09-01' });
  return authority;
}
