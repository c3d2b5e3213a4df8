import type { Actor } from '../../features/auth/index.ts';
import type { TestApp } from '../app.ts';

/**
 * A council's details for letters, set by its administrator: the refusal and decision notices name
 * its information and advice service, so a council of a test's own needs them before a decision.
 */
export async function councilDetailsSet(testApp: Pick<TestApp, 'services'>, admin: Actor): Promise<void> {
  await testApp.services.letters.saveCouncilDetails(admin, {
    councilName: 'Test Council',
    sendTeamEmail: 'send.team@test-council.example',
    iassName: 'SENDIASS Test',
    iassContact: 'call 0121 496 0999',
    mediationService: 'Calm Mediation, 0121 496 0111',
    disagreementResolutionService: 'Talk It Through, 0121 496 0222',
    version: 0,
  });
}
