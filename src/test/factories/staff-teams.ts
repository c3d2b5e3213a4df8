import { systemActor } from '../../features/auth/index.ts';
import type { TestApp } from '../app.ts';
import { lettersFor, nextNumber } from './sequence.ts';

/**
 * A team of the service (the `team` table), made through the teams service as an administrator
 * would: its manager and members given, a name of its own. Not `aTeam`, which is a council of its
 * own with an officer and a manager.
 */
export async function aStaffTeam(
  testApp: Pick<TestApp, 'services' | 'authorityId'>,
  options: { managerId: string; memberIds?: readonly string[]; name?: string; authorityId?: string },
): Promise<{ id: string; name: string }> {
  const authorityId = options.authorityId ?? testApp.authorityId;
  const actor = systemActor(authorityId, 'test');
  const name = options.name ?? `Team ${lettersFor(nextNumber('staff-team'))}`;
  const { id } = await testApp.services.teams.createTeam(actor, { name, manager: options.managerId });
  if (options.memberIds?.length) await testApp.services.teams.setMembers(actor, id, { members: options.memberIds, version: 1 });
  return { id, name };
}
