import { describe, expect, it } from 'vitest';
import { MissingAuthorityPredicateError, tenancyGuard, tenancyProblem, TENANT_TABLES } from './tenancy-guard.ts';

describe('tenancy guard', () => {
  it('knows the tenant tables from the schema', () => {
    expect(TENANT_TABLES).toEqual(expect.arrayContaining(['staff_user', 'staff_session', 'api_token', 'audit_event', 'access_log']));
    expect(TENANT_TABLES).not.toContain('school');
    expect(TENANT_TABLES).not.toContain('authority_code');
  });

  it('fails a query on a tenant table without the authority predicate', () => {
    expect(tenancyProblem('select "id" from "staff_user" where "staff_user"."id" = $1')).toMatch(/staff_user/);
    expect(() => tenancyGuard.logQuery('delete from "audit_event"', [])).toThrow(MissingAuthorityPredicateError);
  });

  it('passes scoped queries, inserts that set the authority, national tables and marked identity look-ups', () => {
    expect(tenancyProblem('select * from "staff_user" where ("staff_user"."authority_id" = $1 and "staff_user"."id" = $2)')).toBeUndefined();
    expect(tenancyProblem('insert into "audit_event" ("id", "authority_id") values ($1, $2)')).toBeUndefined();
    expect(tenancyProblem('select * from "school" where "school"."urn" = $1')).toBeUndefined();
    expect(tenancyProblem('select * from "staff_user" where /* cross-authority: sign-in by e-mail */ "staff_user"."email" = $1')).toBeUndefined();
  });
});
