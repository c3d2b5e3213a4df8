import { describe, expect, it } from 'vitest';
import { emptyPlanContent, personalBudgetSchema, planContentSchema, provisionSchema, type PlanContent } from './content.ts';
import { contentProblems } from './rules.ts';

const withNeeds = (overrides: Partial<PlanContent> = {}): PlanContent => ({
  ...emptyPlanContent(),
  b: [
    { id: 'b-1', type: 'ASD', primary: true, description: 'Social communication' },
    { id: 'b-2', type: 'SPLD', primary: false, description: 'Dyslexia' },
  ],
  ...overrides,
});
const provision = { id: 'f-1', what: 'Phonics programme', needIds: ['b-2'], outcomeIds: [], providerRole: 'Teaching assistant', providerQualification: '', frequency: 'Daily', duration: '20 minutes', groupSize: '1:1', location: 'Classroom' };

describe('what a plan must hold to be saved (SEND Regs 2014 reg. 12)', () => {
  it('accepts a plan whose links are all to its own items', () => {
    expect(contentProblems(withNeeds({ e: [{ id: 'e-1', description: 'Reads', needIds: ['b-2'], achieveBy: 'July 2027' }], f: [{ ...provision, outcomeIds: ['e-1'] }] }))).toEqual([]);
  });

  it('refuses an F item that names no need (Code 9.69: provision for each need)', () => {
    expect(provisionSchema.safeParse({ ...provision, needIds: [] }).success).toBe(false);
    expect(contentProblems(withNeeds({ f: [{ ...provision, needIds: [] }] }))).toEqual([{ field: 'f.f-1.needIds', message: expect.stringContaining('at least one need') }]);
  });

  it('refuses an outcome linked to a need not in this plan', () => {
    expect(contentProblems(withNeeds({ e: [{ id: 'e-1', description: 'Reads', needIds: ['b-other-plan'], achieveBy: 'July 2027' }] }))).toEqual([
      { field: 'e.e-1.needIds', message: 'Outcome E1 is linked to a need that is not in this plan’s section B' },
    ]);
  });

  it('refuses provision linked to an outcome not in this plan', () => {
    expect(contentProblems(withNeeds({ f: [{ ...provision, outcomeIds: ['e-9'] }] }))[0]?.field).toBe('f.f-1.outcomeIds');
  });

  it('needs exactly one primary need (SEN2 SENtypeRank 1)', () => {
    expect(contentProblems(withNeeds({ b: withNeeds().b.map((need) => ({ ...need, primary: false })) }))).toEqual([{ field: 'b.primary', message: 'Mark one need in section B as the primary need' }]);
    expect(contentProblems(withNeeds({ b: withNeeds().b.map((need) => ({ ...need, primary: true })) }))[0]?.message).toContain('Only one');
  });

  it('refuses a personal budget below zero', () => {
    expect(personalBudgetSchema.safeParse({ amount: -1, covers: 'Transport', paidHow: 'Direct payment' }).error?.issues[0]?.message).toBe('The personal budget cannot be less than £0');
    expect(personalBudgetSchema.safeParse({ amount: 0, covers: 'Transport', paidHow: 'Direct payment' }).success).toBe(true);
  });

  it('refuses two items with the same id', () => {
    expect(contentProblems(withNeeds({ c: [{ id: 'b-1', description: 'Asthma' }] }))[0]?.message).toContain('Two items');
  });

  it('reads an empty plan with every section present', () => {
    expect(planContentSchema.parse({})).toEqual(emptyPlanContent());
    expect(emptyPlanContent().i).toBeNull();
  });
});
