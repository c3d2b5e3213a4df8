import type { TestApp } from '../app.ts';
import { anAuthority } from './authorities.ts';
import { anOfficer, type TestOfficer } from './officers.ts';

/** A council of its own (one improvement plan a council), with a service lead, a case officer and an improvement board member. */
export interface TestCouncil {
  authorityId: string;
  laCode: string;
  manager: TestOfficer;
  officer: TestOfficer;
  board: TestOfficer;
}

export async function aCouncilWithBoard(testApp: Pick<TestApp, 'services' | 'authorityId' | 'database'>): Promise<TestCouncil> {
  const authority = await anAuthority(testApp.database.db);
  const authorityId = authority.id;
  const [manager, officer, board] = await Promise.all([
    anOfficer(testApp, { authorityId, role: 'service_lead' }),
    anOfficer(testApp, { authorityId, role: 'case_officer' }),
    anOfficer(testApp, { authorityId, role: 'board_member' }),
  ]);
  return { authorityId, laCode: authority.laCode, manager, officer, board };
}
