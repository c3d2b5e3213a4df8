import type { Services } from '../composition.ts';
import { systemActor, type StaffRole } from '../features/auth/actor.ts';
import { uuidv7 } from '../lib/uuid.ts';
import * as referenceRepository from '../features/reference/repository.ts';
import type { Database } from '../db/database.ts';

/** A second authority, for the tests that one authority's records are invisible to another. */
export async function createAuthority(db: Database, laCode: string, name: string): Promise<string> {
  const id = uuidv7();
  await referenceRepository.insertAuthority(db, { id, name, region: null, laCode, gssCode: null, validFrom: '2014-09-01' });
  return id;
}

export async function createStaff(services: Services, authorityId: string, role: StaffRole, email: string, password = 'A-long-test-password-1') {
  return services.staff.createUser(systemActor(authorityId, 'test'), { email, name: `Test ${role}`, role, password });
}
