import { describe, expect, it } from 'vitest';
import { emptyPlanContent, type PlanContent } from './content.ts';
import { planDifference, wordChanges } from './difference.ts';

const draft: PlanContent = {
  ...emptyPlanContent(),
  a: { childViews: 'I like trains', parentViews: '', interests: '', aspirations: '' },
  b: [{ id: 'b-1', type: 'SLCN', primary: true, description: 'Needs help to follow instructions' }],
  f: [
    { id: 'f-1', what: 'Access to a quiet room', needIds: ['b-1'], outcomeIds: [], providerRole: 'Teaching assistant', providerQualification: '', frequency: 'Regular', duration: '', groupSize: '', location: '' },
    { id: 'f-2', what: 'Visual timetable', needIds: ['b-1'], outcomeIds: [], providerRole: 'Class teacher', providerQualification: '', frequency: 'Daily', duration: 'All year', groupSize: '', location: 'Class' },
  ],
};

describe('the difference between two versions of a plan', () => {
  it('is empty between a version and itself', () => {
    expect(planDifference(draft, draft)).toEqual([]);
  });

  it('shows items added, removed and changed, section by section, with the words changed within an item', () => {
    const final: PlanContent = {
      ...draft,
      f: [
        { ...draft.f[0]!, what: 'A quiet room for 20 minutes after lunch', frequency: 'Daily' },
        { id: 'f-3', what: 'Lego therapy', needIds: ['b-1'], outcomeIds: [], providerRole: 'ELSA', providerQualification: '', frequency: 'Weekly', duration: '30 minutes', groupSize: '3', location: 'Library' },
      ],
      i: { kind: 'school', urn: 100001 },
    };
    const sections = planDifference(draft, final);
    expect(sections.map((section) => section.section)).toEqual(['f', 'i']);
    const f = sections[0]!.items;
    expect(f.map((item) => [item.change, item.itemId])).toEqual([
      ['removed', 'f-2'],
      ['changed', 'f-1'],
      ['added', 'f-3'],
    ]);
    const what = f[1]!.fields.find((field) => field.name === 'what')!;
    expect(what.before).toBe('Access to a quiet room');
    expect(what.words.filter((part) => part.change === 'removed').map((part) => part.text.trim())).toContain('Access to a');
    expect(what.words.filter((part) => part.change === 'same').map((part) => part.text).join('')).toContain('quiet room');
    expect(sections[1]!.items[0]).toMatchObject({ change: 'added', reference: 'Section I' });
  });

  it('marks the words added and removed', () => {
    expect(wordChanges('once a week', 'twice a week')).toEqual([
      { text: 'once', change: 'removed' },
      { text: 'twice', change: 'added' },
      { text: ' a week', change: 'same' },
    ]);
  });
});
