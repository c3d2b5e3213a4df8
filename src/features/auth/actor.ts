import { ForbiddenError } from '../../lib/errors.ts';

export const STAFF_ROLES = ['case_officer', 'team_manager', 'service_lead', 'admin', 'board_member'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const ROLE_NAMES: Record<StaffRole, string> = {
  case_officer: 'Case officer',
  team_manager: 'Team manager',
  service_lead: 'Service lead',
  admin: 'Administrator',
  board_member: 'Improvement board member (read only)',
};

/**
 * Who is acting, for which authority, with which roles. Every service method takes one, so access
 * is decided in the service, whatever route, API call or command line reached it.
 */
export interface Actor {
  /** 'portal': a person outside the council, signed in to the portal (PortalActor); never a staff role. */
  kind: 'user' | 'token' | 'system' | 'portal';
  /** The staff user's id, the portal account's id, or for the system a name such as 'cli' or 'seed'. */
  id: string;
  authorityId: string;
  roles: readonly StaffRole[];
  /** For 'token': which token, so the audit can tell a script from its owner. */
  tokenId?: string;
  name?: string;
}

/**
 * A person outside the council signed in to the portal: a parent, carer or young person, a school's
 * staff, or an advice giver. Their session is apart from staff sessions (its own cookie), they hold
 * no staff role, so every staff service refuses them, and what they may see is decided by their
 * account's links. The audit and access logs record them as actor kind 'portal' with the account's id.
 */
export interface PortalActor extends Actor {
  kind: 'portal';
  /** The portal account's id (the same as `id`). */
  accountId: string;
  portalKind: 'family' | 'school' | 'professional';
  roles: readonly [];
  name: string;
  email: string;
  /**
   * 'not-needed' for families; for schools and advice givers 'pending' until the second factor is
   * given in this session (the session then reaches only the second-factor pages), then 'done'.
   */
  secondFactor: 'not-needed' | 'pending' | 'done';
  /** Whether the account has an authenticator app set up (false: the set-up page comes first). */
  totpSetUp: boolean;
}

export function systemActor(authorityId: string, id = 'system'): Actor {
  return { kind: 'system', id, authorityId, roles: ['admin'] };
}

export function hasRole(actor: Actor, ...roles: StaffRole[]): boolean {
  return actor.roles.some((role) => roles.includes(role));
}

export function requireRole(actor: Actor, ...roles: StaffRole[]): void {
  if (!hasRole(actor, ...roles)) {
    throw new ForbiddenError(`This is only for these roles: ${roles.map((role) => ROLE_NAMES[role]).join(', ')}.`);
  }
}

/** Staff who work with children's records; board members see figures, not children. */
export const CASEWORK_ROLES = ['case_officer', 'team_manager', 'service_lead', 'admin'] as const satisfies readonly StaffRole[];

/** Managers and administrators, who see the whole service's cases, restricted ones included. */
export const MANAGER_ROLES = ['team_manager', 'service_lead', 'admin'] as const satisfies readonly StaffRole[];

/**
 * Who may make the council's statutory decisions on a case: whether to assess (SEND Regs 2014
 * reg. 5) and whether to issue a plan after the assessment (reg. 10). The Act gives them to the
 * authority; councils delegate them to senior officers, not to the case officer who prepares the
 * case, so a tribunal can see who decided and on whose authority.
 */
export const DECISION_ROLES = ['team_manager', 'service_lead'] as const satisfies readonly StaffRole[];
