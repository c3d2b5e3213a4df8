import { hasRole, type Actor, type StaffRole } from '../auth/index.ts';

/**
 * The SEND team: the staff who do the casework, that is case officers, team managers and service
 * leads. Only they see the address on a message to a person whose address must not be disclosed
 * (a family in a refuge), and that message's words, which may repeat it. Administrators run the
 * service (accounts, messages that could not be sent) and are not the SEND team; improvement board
 * members see figures, never the outbox.
 */
export const SEND_TEAM_ROLES = ['case_officer', 'team_manager', 'service_lead'] as const satisfies readonly StaffRole[];

/** Who may open the outbox at all: the SEND team, and administrators (without withheld addresses). */
export const OUTBOX_ROLES = [...SEND_TEAM_ROLES, 'admin'] as const satisfies readonly StaffRole[];

export function isSendTeam(actor: Actor): boolean {
  return hasRole(actor, ...SEND_TEAM_ROLES);
}
