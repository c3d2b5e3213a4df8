import type { TestApp } from '../app.ts';
import { anAuthority, type TestAuthority } from './authorities.ts';
import { anOfficer, type TestOfficer } from './officers.ts';

export interface TestTeam {
  council: TestAuthority;
  officer: TestOfficer;
  manager: TestOfficer;
}

/**
 * A council of its own with a case officer and a team manager: for tests that read a whole
 * council's cases (the team's deadlines, the unallocated queue), which then hold that test's cases
 * and no other's.
 */
export async function aTeam(testApp: Pick<TestApp, 'services' | 'authorityId' | 'database'>): Promise<TestTeam> {
  const council = await anAuthority(testApp.database.db);
  const officer = await anOfficer(testApp, { authorityId: council.id });
  const manager = await anOfficer(testApp, { authorityId: council.id, role: 'team_manager' });
  return { council, officer, manager };
}
