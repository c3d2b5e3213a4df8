import { describe, expect, it } from 'vitest';
import { emptyPlanContent } from '../../domain/plans/index.ts';
import { aSoundPlanContent } from '../../test/factories/plans.ts';
import { documentWords } from './rendering/model.ts';
import { planDocument } from './presenters.ts';
import type { PlanVersionView } from './service.ts';

const view = (overrides: Partial<PlanVersionView> = {}): PlanVersionView => ({
  plan: { id: 'p', type: 'ehc', caseId: 'c', childId: 'ch', childName: 'Łucja Nowak', dateOfBirth: '2017-03-04', reference: '999-EHC-2026-00012', versions: [] },
  version: { id: 'v', number: 1, status: 'draft', revision: 3, issuedOn: '2026-11-02', updatedAt: '2026-11-02T10:00:00.000Z', schemaVersion: 1, overrides: [], letterId: null },
  content: { ...emptyPlanContent(), ...aSoundPlanContent(), i: { kind: 'school', urn: 100001 }, j: { amount: 1200.5, covers: 'Transport', paidHow: 'Direct payment' } },
  schools: { '100001': { name: 'Demo Primary School', postcode: null } },
  stage: null,
  findings: [],
  mayIssue: false,
  sen2: null,
  ...overrides,
});

describe('a version of the plan as a document (one layout for the page, the PDF and the Word document)', () => {
  it('has the title, the version’s status and the child’s facts', () => {
    const document = planDocument(view());
    expect(document.title).toBe('Education, health and care plan for Łucja Nowak');
    expect(document.language).toBe('en-GB');
    expect(document.status).toBe('Draft issued, version 1, issued 2 November 2026');
    expect(document.facts).toEqual([
      { label: 'Name', value: 'Łucja Nowak' },
      { label: 'Date of birth', value: '4 March 2017' },
      { label: 'Case reference', value: '999-EHC-2026-00012' },
    ]);
  });

  it('sets out sections A to K in order (SEND Regs 2014 reg. 12), each item with its anchor', () => {
    const document = planDocument(view());
    expect(document.sections.map((section) => section.id)).toEqual(['section-a', 'section-b', 'section-c', 'section-d', 'section-e', 'section-f', 'section-g', 'section-h1', 'section-h2', 'section-i', 'section-j', 'section-k']);
    const b = document.sections[1]!.blocks[0]!;
    expect(b).toMatchObject({ kind: 'table', rowIds: ['item-b-1'], rows: [['B1', 'Speech, language and communication needs (primary need)', expect.any(String)]] });
    const f = document.sections[5]!.blocks;
    expect(f[0]).toEqual({ kind: 'subheading', text: 'Provision F1', id: 'item-f-1' });
    expect(f.at(-1)).toMatchObject({ kind: 'facts', items: expect.arrayContaining([{ label: 'How often', value: 'Once a week' }, { label: 'Needs it meets', value: 'B1' }]) });
    expect(document.sections[9]!.blocks[0]).toEqual({ kind: 'facts', items: [{ label: 'School', value: 'Demo Primary School (URN 100001)' }] });
    expect(document.sections[10]!.blocks[0]).toMatchObject({ kind: 'facts', items: expect.arrayContaining([{ label: 'Amount', value: '£1,200.50' }]) });
    expect(document.sections[2]!.blocks).toEqual([{ kind: 'paragraph', text: 'Nothing is recorded in this section.' }]);
  });

  it('says a working version is not yet issued', () => {
    const document = planDocument(view({ version: { ...view().version, status: 'working', issuedOn: null } }));
    expect(document.status).toBe('Being written, not yet issued: version 1, revision 3');
    expect(documentWords(document).slice(0, 7)).toEqual(['Education,', 'health', 'and', 'care', 'plan', 'for', 'Łucja']);
  });
});
