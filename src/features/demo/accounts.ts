import type { Services } from '../../composition.ts';
import { systemActor, type StaffRole } from '../auth/index.ts';
import { ConflictError } from '../../lib/errors.ts';

// Demo accounts exist only outside production, in the demo authority. Their passwords are fixed
// and printed at start so anyone trying the service can sign in; they protect nothing real.
export const DEMO_ACCOUNTS: { email: string; name: string; role: StaffRole; password: string }[] = [
  { email: 'officer@send-demo.example', name: 'Amira Khan', role: 'case_officer', password: 'Kestrel-demo-2026' },
  { email: 'manager@send-demo.example', name: 'Tom Whitfield', role: 'team_manager', password: 'Heron-demo-2026' },
  { email: 'admin@send-demo.example', name: 'Grace Adeyemi', role: 'admin', password: 'Osprey-demo-2026' },
  { email: 'board@send-demo.example', name: 'Ruth Okonkwo', role: 'board_member', password: 'Curlew-demo-2026' },
];

/**
 * Creates the demo accounts that are missing, and sets the printed password again on those that
 * exist (a data folder from before a demo password changed); returns the lines to print.
 */
export async function ensureDemoAccounts(services: Services, authorityId: string): Promise<string[]> {
  const seeder = systemActor(authorityId, 'seed');
  let existing: Awaited<ReturnType<Services['staff']['listUsers']>> | undefined;
  for (const account of DEMO_ACCOUNTS) {
    try {
      await services.staff.createUser(seeder, account);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      existing ??= await services.staff.listUsers(seeder);
      const user = existing.find((candidate) => candidate.email === account.email);
      if (user) await services.staff.setPassword(seeder, user.id, account.password);
    }
  }
  return DEMO_ACCOUNTS.map((account) => `Demo sign-in: email ${account.email} password ${account.password}`);
}
