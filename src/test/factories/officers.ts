import { ROLE_NAMES, systemActor, type Actor, type StaffRole, type StaffUserView } from '../../features/auth/index.ts';
import type { TestApp } from '../app.ts';
import { lettersFor, nextNumber } from './sequence.ts';

/** The password every officer a factory makes signs in with. */
export const TEST_PASSWORD = 'A-long-test-password-1';

export interface TestOfficer {
  /** Who the officer is to the services. */
  actor: Actor;
  /** The staff account as the service made it: its id, e-mail address and name. */
  user: StaffUserView;
  password: string;
}

export interface OfficerOverrides {
  role?: StaffRole;
  /** The officer's council; the demo council (LA 999) when not given. */
  authorityId?: string;
  name?: string;
  email?: string;
  password?: string;
}

/**
 * A member of staff of any role (a case officer unless told), made through the staff service as an
 * administrator would, with an e-mail address of their own and a password to sign in with.
 */
export async function anOfficer(testApp: Pick<TestApp, 'services' | 'authorityId'>, overrides: OfficerOverrides = {}): Promise<TestOfficer> {
  const role = overrides.role ?? 'case_officer';
  const authorityId = overrides.authorityId ?? testApp.authorityId;
  const number = nextNumber('officer');
  const password = overrides.password ?? TEST_PASSWORD;
  const user = await testApp.services.staff.createUser(systemActor(authorityId, 'test'), {
    email: overrides.email ?? `${role.replaceAll('_', '-')}-${number}@test.example`,
    name: overrides.name ?? `${ROLE_NAMES[role]} ${lettersFor(number)}`,
    role,
    password,
  });
  return { actor: { kind: 'user', id: user.id, authorityId, roles: [role] }, user, password };
}

const decisionMakers = new WeakMap<object, Map<string, Promise<TestOfficer>>>();

/**
 * A member of staff with the authority to make the council's decisions on an assessment (a team
 * manager), one per council for the test's app: made the first time it is asked for, then the same
 * one, so factories that need a decision made do not fill the staff list.
 */
export function aDecisionMaker(testApp: Pick<TestApp, 'services' | 'authorityId'>, overrides: { authorityId?: string } = {}): Promise<TestOfficer> {
  const authorityId = overrides.authorityId ?? testApp.authorityId;
  let byAuthority = decisionMakers.get(testApp.services);
  if (!byAuthority) decisionMakers.set(testApp.services, (byAuthority = new Map()));
  let made = byAuthority.get(authorityId);
  if (!made) {
    made = anOfficer({ ...testApp, authorityId }, { role: 'team_manager', authorityId, name: `Decision maker ${lettersFor(nextNumber('decision-maker'))}` });
    byAuthority.set(authorityId, made);
    made.catch(() => byAuthority.delete(authorityId));
  }
  return made;
}

/** An API token for the officer, as `create-user --api-token` issues one: send it as `Authorization: Bearer`. */
export async function anApiToken(testApp: Pick<TestApp, 'services'>, officer: Pick<TestOfficer, 'actor'>): Promise<string> {
  return (await testApp.services.auth.issueApiToken(officer.actor, officer.actor.id, 'test')).token;
}
