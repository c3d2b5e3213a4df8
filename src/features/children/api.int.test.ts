// PATCH /api/v1/children/{childId}: a child's details changed through the API, held to the edit
// page's rules and its version check, a restricted child answered as an unknown one.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { aCase, aChild, aUpn } from '../../test/factories/index.ts';
import { apiTestbed } from '../../test/api.ts';
import { expectProblem } from '../../test/problems.ts';
import { listAuditEventsFor } from '../audit/index.ts';

const clock = fixedClock('2026-11-23T10:00:00Z');
const bed = apiTestbed(clock);

const patch = (childId: string, payload: unknown, bearer = bed.token) =>
  bed.testApp.app.inject({
    method: 'PATCH',
    url: `/api/v1/children/${childId}`,
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    payload: JSON.stringify(payload),
  });

async function stored(childId: string) {
  const [row] = await queryRows<{ forename: string; preferred_name: string | null; postcode: string | null; upn: string | null; version: number }>(
    bed.testApp.database.db,
    sql`SELECT forename, preferred_name, postcode, upn, version FROM child WHERE id = ${childId}`,
  );
  return row!;
}


describe('PATCH /api/v1/children/{childId}', () => {
  it('changes only the details sent, answers 200 with the details as saved and the new version, and audits before and after', async () => {
    const upn = aUpn();
    const created = await aCase(bed.testApp, bed.officer.actor, { child: aChild({ forename: 'Amira', surname: 'Khan', preferredName: 'Mira', upn }) });
    const response = await patch(created.childId, { version: 1, postcode: 'b1 1aa', preferredName: null });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ id: created.childId, forename: 'Amira', surname: 'Khan', preferredName: null, upn, postcode: 'B1 1AA', version: 2 });
    expect(await stored(created.childId)).toMatchObject({ forename: 'Amira', preferred_name: null, postcode: 'B1 1AA', upn, version: 2 });
    const audit = await listAuditEventsFor(bed.testApp.database.db, bed.testApp.authorityId, 'child', created.childId);
    expect(audit.find((entry) => entry.action === 'child.updated')?.details).toEqual({
      fields: ['preferredName', 'postcode'],
      changes: { preferredName: { from: 'Mira', to: null }, postcode: { from: null, to: 'B1 1AA' } },
    });
  });

  it('refuses a stale version with 409, saving nothing: the second of two edits never overwrites the first', async () => {
    const created = await aCase(bed.testApp, bed.officer.actor);
    expect((await patch(created.childId, { version: 1, forename: 'First' })).statusCode).toBe(200);
    expectProblem(await patch(created.childId, { version: 1, forename: 'Second' }), 409, { title: 'Conflict', detail: expect.stringContaining('Someone else changed this child’s details') });
    expect(await stored(created.childId)).toMatchObject({ forename: 'First', version: 2 });
  });

  it('holds the details to the edit page’s rules, naming each field', async () => {
    const created = await aCase(bed.testApp, bed.officer.actor);
    expectProblem(await patch(created.childId, { version: 1, forename: ' ' }), 400, { field: 'forename', errors: [{ field: 'forename', message: 'Enter the child’s first name' }] });
    expectProblem(await patch(created.childId, { version: 1, postcode: 'nowhere' }), 400, { field: 'postcode' });
    expectProblem(await patch(created.childId, { version: 1, upn: 'K930123420015' }), 400, { field: 'upn', errors: [{ field: 'upn', message: expect.stringContaining('check letter') }] });
    expect(await stored(created.childId)).toMatchObject({ version: 1 });
  });

  it('refuses by its schema a body without a version, a detail it does not change and a detail of the wrong type', async () => {
    const created = await aCase(bed.testApp, bed.officer.actor);
    expectProblem(await patch(created.childId, { forename: 'New' }), 400, { errors: [{ field: 'version', message: 'version is required' }] });
    expectProblem(await patch(created.childId, { version: 1, sensitive: false }), 400, { errors: [{ field: 'sensitive', message: 'sensitive is not a field this API takes' }] });
    expectProblem(await patch(created.childId, { version: 1, forename: { first: 'New' } }), 400, { errors: [{ field: 'forename', message: 'forename must be text' }] });
    // A null name is read as an empty one (the framework's coercion), which the rules refuse.
    expectProblem(await patch(created.childId, { version: 1, forename: null }), 400, { errors: [{ field: 'forename', message: 'Enter the child’s first name' }] });
    expectProblem(await patch(created.childId, { version: 1 }), 400, { field: '', detail: expect.stringContaining('Send the details to change') });
    expect(await stored(created.childId)).toMatchObject({ version: 1 });
  });

  it('answers a restricted child exactly as an unknown one, and refuses a board member', async () => {
    const created = await aCase(bed.testApp, bed.officer.actor);
    await queryRows(bed.testApp.database.db, sql`UPDATE child SET sensitive = true WHERE id = ${created.childId}`);
    const refused = await patch(created.childId, { version: 1, forename: 'Changed' }, bed.outsiderToken);
    const unknown = await patch(uuidv7(), { version: 1, forename: 'Changed' }, bed.outsiderToken);
    expectProblem(refused, 404, { detail: 'No such child' });
    expect(refused.json()).toEqual(unknown.json());
    expectProblem(await patch(created.childId, { version: 1, forename: 'Changed' }, bed.boardToken), 403, { title: 'Forbidden' });
    expect(await stored(created.childId)).toMatchObject({ version: 1 });
    // The bed.officer holding the case may still change it.
    expect((await patch(created.childId, { version: 1, forename: 'Changed' })).statusCode).toBe(200);
  });
});

describe('PATCH /api/v1/children/{childId}: ethnicity and why the UPN is not known', () => {
  it('records an ethnicity and a UPNunknown code, answering them with the details', async () => {
    const created = await aCase(bed.testApp, bed.officer.actor, { child: aChild({ upn: undefined }) });
    const response = await patch(created.childId, { version: 1, ethnicity: 'REFU', upnUnknown: 'UN5' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ ethnicity: 'REFU', upn: null, upnUnknown: 'UN5', version: 2 });
    // A UPN sent later clears the reason, which was left as it was.
    const upn = aUpn();
    expect((await patch(created.childId, { version: 2, upn })).json()).toMatchObject({ ethnicity: 'REFU', upn, upnUnknown: null, version: 3 });
  });

  it('refuses a code not on the DfE lists, and a UPN with a reason it is unknown, saving nothing', async () => {
    const created = await aCase(bed.testApp, bed.officer.actor, { child: aChild({ upn: undefined }) });
    expectProblem(await patch(created.childId, { version: 1, ethnicity: 'WXYZ' }), 400);
    expectProblem(await patch(created.childId, { version: 1, upnUnknown: 'UN0' }), 400);
    expectProblem(await patch(created.childId, { version: 1, upn: aUpn(), upnUnknown: 'UN1' }), 400, { field: 'upnUnknown', errors: [{ field: 'upnUnknown', message: expect.stringContaining('needs no reason') }] });
    expect(await stored(created.childId)).toMatchObject({ upn: null, version: 1 });
  });
});
