import type { Services } from '../../composition.ts';
import { systemActor, type StaffRole } from '../auth/index.ts';
import { ConflictError } from '../../lib/errors.ts';

// Demo accounts exist only outside production, in the demo authority. Their passwords are fixed
// and printed at start so anyone trying the service can sign in; they protect nothing real. On the
// embedded database they need no second factor, so `npm start` signs in with the printed password;
// on PostgreSQL they set up an authenticator app as every account does.
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
    let userId: string | undefined;
    try {
      userId = (await services.staff.createUser(seeder, account)).id;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      existing ??= await services.staff.listUsers(seeder);
      userId = existing.find((candidate) => candidate.email === account.email)?.id;
      if (userId) await services.staff.setPassword(seeder, userId, account.password);
    }
    // The printed accounts sign in with their password alone, but only where the service allows
    // it: the embedded database outside production (Config.secondFactorExemptionAllowed).
    if (userId) await services.auth.exemptFromSecondFactor(seeder, userId);
  }
  return DEMO_ACCOUNTS.map((account) => `Demo sign-in: email ${account.email} password ${account.password}`);
}
