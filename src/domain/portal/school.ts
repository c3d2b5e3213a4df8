// The rules of a school's own accounts and its answers to the council: who may manage the
// school's staff, when a member of staff may not be removed, and when an answer is late.

export type SchoolRole = 'school-admin' | 'school-staff';

export const SCHOOL_ROLES: readonly SchoolRole[] = ['school-admin', 'school-staff'];

export const SCHOOL_ROLE_NAMES: Record<SchoolRole, string> = {
  'school-admin': 'Administrator',
  'school-staff': 'Member of staff',
};

export function isSchoolRole(value: unknown): value is SchoolRole {
  return typeof value === 'string' && (SCHOOL_ROLES as readonly string[]).includes(value);
}

/** Access belongs to the school: only its administrators add and remove its staff. */
export function mayManageStaff(role: string): boolean {
  return role === 'school-admin';
}

/**
 * Why a person's link to the school may not be ended, or undefined when it may: a school always
 * keeps one administrator, or nobody could manage its staff again without the council.
 */
export function removalRefusal(target: { role: string }, liveAdministrators: number): string | undefined {
  if (target.role === 'school-admin' && liveAdministrators <= 1) {
    return 'You cannot remove the school’s only administrator. Add another administrator first';
  }
  return undefined;
}

/**
 * A school's answer after its 15 days (SEND Code of Practice 9.83: guidance, not law) is still
 * accepted: the council must consider it. It is marked late.
 */
export function answeredLate(respondedOn: string, dueOn: string): boolean {
  return respondedOn > dueOn;
}
