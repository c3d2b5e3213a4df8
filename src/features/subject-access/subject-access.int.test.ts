// A subject access request's export: everything held about a child as a ZIP, for managers and
// administrators, audited and in the access log; another council's child is not found.
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError } from '../../lib/errors.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, anAuthority, anOfficer, aPerson, type TestCase, type TestOfficer } from '../../test/factories/index.ts';
import { aPdf } from '../../test/files.ts';
import { getPage, signIn } from '../../test/http.ts';
import { listAccessFor, listAuditEventsFor } from '../audit/index.ts';

let testApp: TestApp;
let officer: TestOfficer;
let manager: TestOfficer;
let created: TestCase;

beforeAll(async () => {
  testApp = await createTestApp();
  officer = await anOfficer(testApp);
  manager = await anOfficer(testApp, { role: 'team_manager' });
  created = await aCase(testApp, officer.actor, { child: { forename: 'Subject', surname: 'Access' } });
  await aPerson(testApp, officer.actor, created.childId, { forename: 'Parent', surname: 'Access' });
  await testApp.services.documents.upload(officer.actor, created.caseId, { title: 'Educational psychologist’s advice', file: { filename: 'advice.pdf', bytes: aPdf('EP advice'), truncated: false } });
});
afterAll(async () => {
  await testApp?.close();
});

describe('the subject access export', () => {
  it('holds the record part by part as JSON and CSV, the documents’ files, who viewed it, and a page to read it by', async () => {
    const jar = await signIn(testApp.app, manager.user.email, manager.password);
    const response = await getPage(testApp.app, jar, `/children/${created.childId}/subject-access.zip`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="subject-access-subject-access-\d{4}-\d{2}-\d{2}\.zip"/);
    expect(response.headers['cache-control']).toBe('no-store');

    const zip = await JSZip.loadAsync(response.rawPayload);
    const names = Object.keys(zip.files);
    for (const part of ['child', 'people', 'cases', 'case-holders', 'events', 'deadlines', 'plans', 'plan-versions', 'reviews', 'advice-requests', 'appeals', 'decisions', 'letters', 'documents', 'access-log']) {
      expect(names).toContain(`record/${part}.json`);
      expect(names).toContain(`record/${part}.csv`);
    }
    expect(names).toContain('README.txt');
    expect(names).toContain('index.html');
    expect(names).toContain('documents/001-advice.pdf');

    const child = JSON.parse(await zip.file('record/child.json')!.async('string')) as Record<string, unknown>[];
    expect(child).toMatchObject([{ id: created.childId, forename: 'Subject', surname: 'Access' }]);
    expect(child[0]).not.toHaveProperty('search_names');
    const people = JSON.parse(await zip.file('record/people.json')!.async('string')) as Record<string, unknown>[];
    expect(people).toMatchObject([{ forename: 'Parent', surname: 'Access' }]);
    const cases = await zip.file('record/cases.csv')!.async('string');
    expect(cases).toContain(created.reference);
    const events = JSON.parse(await zip.file('record/events.json')!.async('string')) as unknown[];
    expect(events.length).toBeGreaterThan(0);
    const file = await zip.file('documents/001-advice.pdf')!.async('uint8array');
    expect(Buffer.from(file).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await zip.file('index.html')!.async('string')).toContain('Everything held about Subject Access');

    // Audited, and in the access log: the export and each document in it.
    const audit = await listAuditEventsFor(testApp.database.db, testApp.authorityId, 'child', created.childId);
    expect(audit.map((event) => event.action)).toContain('child.subject-access-exported');
    const views = (await listAccessFor(testApp.database.db, testApp.authorityId, created.childId)).filter((row) => row.actorId === manager.user.id).map((row) => row.view);
    expect(views).toContain('subject-access');
    expect(views.some((view) => view.startsWith('subject-access:'))).toBe(true);
  });

  it('is refused to a case officer (403), even for a child whose case they hold', async () => {
    await expect(testApp.services.subjectAccess.export(officer.actor, created.childId)).rejects.toThrow(ForbiddenError);
    const jar = await signIn(testApp.app, officer.user.email, officer.password);
    expect((await getPage(testApp.app, jar, `/children/${created.childId}/subject-access.zip`)).statusCode).toBe(403);
  });

  it('answers another council’s child as it answers no child at all: not found', async () => {
    const elsewhere = await anAuthority(testApp.database.db);
    const otherAdmin = await anOfficer(testApp, { role: 'admin', authorityId: elsewhere.id });
    const jar = await signIn(testApp.app, otherAdmin.user.email, otherAdmin.password);
    const theirs = await getPage(testApp.app, jar, `/children/${created.childId}/subject-access.zip`);
    const nobody = await getPage(testApp.app, jar, '/children/0193e2a0-0000-7000-8000-000000000000/subject-access.zip');
    expect(theirs.statusCode).toBe(404);
    expect(nobody.statusCode).toBe(404);
    // The same page, word for word, but for the nonce each page has of its own.
    const withoutNonce = (html: string) => html.replace(/nonce="[^"]*"/g, '');
    expect(withoutNonce(theirs.body)).toBe(withoutNonce(nobody.body));
    await expect(testApp.services.subjectAccess.export(otherAdmin.actor, created.childId)).rejects.toThrow(NotFoundError);
    await expect(testApp.services.subjectAccess.export(otherAdmin.actor, 'not-an-id')).rejects.toThrow(NotFoundError);
  });
});
