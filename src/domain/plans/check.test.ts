import { describe, expect, it } from 'vitest';
import { checkPlan, issueRefusals, vagueWordsIn } from './check.ts';
import { emptyPlanContent, type PlanContent, type Provision } from './content.ts';

const provision = (overrides: Partial<Provision> = {}): Provision => ({
  id: 'f-1',
  what: 'Speech and language therapy programme on turn-taking',
  needIds: ['b-1'],
  outcomeIds: ['e-1'],
  providerRole: 'Speech and language therapist',
  providerQualification: 'HCPC registered',
  frequency: 'Once a week',
  duration: '45 minutes, for the school year',
  groupSize: 'One to one',
  location: 'In school',
  ...overrides,
});

/** A plan that a tribunal would find nothing to criticise in. */
function soundPlan(overrides: Partial<PlanContent> = {}): PlanContent {
  return {
    ...emptyPlanContent(),
    b: [{ id: 'b-1', type: 'SLCN', primary: true, description: 'Finds it hard to follow spoken instructions' }],
    e: [{ id: 'e-1', description: 'Follows a two-step instruction in class', needIds: ['b-1'], achieveBy: 'End of Year 4' }],
    f: [provision()],
    i: { kind: 'school', urn: 100001 },
    ...overrides,
  };
}
const codes = (content: PlanContent, stage: 'draft' | 'final' = 'draft') => checkPlan(content, stage).map((finding) => finding.code);

describe('the plan checked as a tribunal would (SEND Code of Practice 2015, 9.69)', () => {
  it('finds nothing in a specific, quantified plan', () => {
    expect(checkPlan(soundPlan(), 'final')).toEqual([]);
  });

  it('finds an F item without a frequency (Code 9.69: quantified), linking to the item', () => {
    const [finding] = checkPlan(soundPlan({ f: [provision({ frequency: '' })] }), 'draft');
    expect(finding).toMatchObject({ code: 'f-no-frequency', itemId: 'f-1', anchor: 'item-f-1', id: 'f-no-frequency.f-1', blocking: false });
    expect(finding?.message).toContain('F1');
  });

  it('finds an F item without a duration (Code 9.69)', () => {
    expect(codes(soundPlan({ f: [provision({ duration: ' ' })] }))).toEqual(['f-no-duration']);
  });

  it('finds an F item without a provider (Code 9.69: who delivers it)', () => {
    expect(codes(soundPlan({ f: [provision({ providerRole: '' })] }))).toEqual(['f-no-provider']);
  });

  it.each([
    ['Access to a quiet room', 'access to'],
    ['OPPORTUNITIES FOR group work', 'opportunities for'],
    ['Regular check-ins', 'regular'],
    ['Support as  required', 'as required'],
    ['Up to 3 sessions', 'up to'],
    ['The school should provide', 'should'],
    ['Staff may offer', 'may'],
  ])('finds the vague words in F “%s” (Code 9.69: detailed and specific)', (what, words) => {
    const [finding] = checkPlan(soundPlan({ f: [provision({ what })] }), 'draft');
    expect(finding).toMatchObject({ code: 'f-vague', anchor: 'item-f-1' });
    expect(finding?.message).toContain(`“${words}”`);
  });

  it('matches vague words only as whole words', () => {
    expect(vagueWordsIn('Irregularly mayoral shoulder; accessible to all; setup today')).toEqual([]);
    expect(vagueWordsIn('Regular, and may be up to')).toEqual(['regular', 'up to', 'may']);
  });

  it('finds a need in B with no provision in F', () => {
    const content = soundPlan({ b: [...soundPlan().b, { id: 'b-2', type: 'SEMH', primary: false, description: 'Anxiety at transitions' }] });
    expect(checkPlan(content, 'draft')).toEqual([expect.objectContaining({ code: 'b-need-without-provision', itemId: 'b-2', anchor: 'item-b-2' })]);
  });

  it('finds an outcome linked to no need', () => {
    const content = soundPlan({ e: [{ id: 'e-1', description: 'Joins a club', needIds: [], achieveBy: 'July 2027' }] });
    expect(codes(content)).toEqual(['e-outcome-without-need']);
  });

  it('finds health needs (C) with nothing in G, and social care needs (D) with nothing in H1 or H2', () => {
    const content = soundPlan({ c: [{ id: 'c-1', description: 'Epilepsy' }], d: [{ id: 'd-1', description: 'Short breaks for the family' }] });
    expect(codes(content)).toEqual(['c-need-without-provision', 'd-need-without-provision']);
    const met = { ...content, g: [{ id: 'g-1', what: 'Care plan for seizures', needIds: ['c-1'], provider: 'School nurse', frequency: 'Reviewed termly' }], h2: [{ id: 'h-1', what: 'Short breaks', needIds: ['d-1'], provider: 'Children’s social care', frequency: 'Two weekends a year' }] };
    expect(codes(met)).toEqual([]);
  });

  it('finds a missing section I in a final plan, and no override lets it be issued (SEND Regs 2014 reg. 12)', () => {
    const content = soundPlan({ i: null });
    expect(codes(content, 'draft')).toEqual([]);
    const findings = checkPlan(content, 'final');
    expect(findings).toEqual([expect.objectContaining({ code: 'i-missing', blocking: true, anchor: 'section-i' })]);
    expect(issueRefusals(findings, [{ findingId: 'i-missing', reason: 'School to be agreed' }])).toHaveLength(1);
  });

  it('a final plan without B or F cannot be issued; a draft without them is warned about (SEND Regs 2014 reg. 12)', () => {
    const empty = { ...emptyPlanContent(), i: { kind: 'setting-type' as const, settingType: 'Special school' } };
    expect(checkPlan(empty, 'final').filter((finding) => finding.blocking).map((finding) => finding.code)).toEqual(['b-missing', 'f-missing']);
    expect(checkPlan(empty, 'draft').every((finding) => !finding.blocking)).toBe(true);
  });

  it('a warning is overridden only with a reason', () => {
    const findings = checkPlan(soundPlan({ f: [provision({ what: 'Access to a sensory room' })] }), 'draft');
    expect(issueRefusals(findings, [])).toEqual([{ field: 'override.f-vague.f-1', message: expect.stringContaining('give the reason') }]);
    expect(issueRefusals(findings, [{ findingId: 'f-vague.f-1', reason: '  ' }])).toHaveLength(1);
    expect(issueRefusals(findings, [{ findingId: 'f-vague.f-1', reason: 'The room is named and timetabled in the school’s provision map' }])).toEqual([]);
  });
});
