import { describe, expect, it } from 'vitest';
import { answeredLate, isSchoolRole, mayManageStaff, removalRefusal } from './school.ts';

describe('a school’s accounts', () => {
  it('only the school’s administrators manage its staff', () => {
    expect(mayManageStaff('school-admin')).toBe(true);
    expect(mayManageStaff('school-staff')).toBe(false);
    expect(mayManageStaff('')).toBe(false);
  });

  it('keeps the school’s last administrator, but any member of staff may go', () => {
    expect(removalRefusal({ role: 'school-admin' }, 1)).toMatch(/only administrator/);
    expect(removalRefusal({ role: 'school-admin' }, 2)).toBeUndefined();
    expect(removalRefusal({ role: 'school-staff' }, 1)).toBeUndefined();
  });

  it('knows the two roles and nothing else', () => {
    expect(isSchoolRole('school-staff')).toBe(true);
    expect(isSchoolRole('admin')).toBe(false);
    expect(isSchoolRole(undefined)).toBe(false);
  });
});

describe('a school’s answer to a consultation', () => {
  it('is on time up to and including its due day, and late after it (SEND Code of Practice 9.83)', () => {
    expect(answeredLate('2026-11-15', '2026-11-15')).toBe(false);
    expect(answeredLate('2026-11-16', '2026-11-15')).toBe(true);
    expect(answeredLate('2026-11-01', '2026-11-15')).toBe(false);
  });
});
