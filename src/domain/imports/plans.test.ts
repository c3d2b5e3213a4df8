import { describe, expect, it } from 'vitest';
import { emptyPlanContent, type PlanContent } from '../plans/content.ts';
import { importedPlanChange, type HeldPlanVersion } from './plans.ts';

const needs = (type: 'ASD' | 'SEMH'): PlanContent['b'] => [{ id: 'need-1', type, primary: true, description: `${type} (imported from CaseSys)` }];
const content = (type: 'ASD' | 'SEMH', urn = 140100): PlanContent => ({ ...emptyPlanContent(), a: { aspirations: 'Kept as the officer wrote it' } as unknown as PlanContent['a'], b: needs(type), i: { kind: 'school', urn } });
const version = (number: number, status: string, given: PlanContent): HeldPlanVersion => ({ number, status, content: given });
const sections = (type: 'ASD' | 'SEMH', urn = 140100) => ({ b: needs(type), i: { kind: 'school' as const, urn } });

describe('a plan imported before whose row changed', () => {
  it('a final plan whose needs changed: a new version issued as amended, from the last issued one (its other sections kept)', () => {
    const change = importedPlanChange([version(1, 'draft', content('ASD')), version(2, 'final', content('ASD'))], true, sections('SEMH'));
    expect(change).toMatchObject({ kind: 'amended', number: 3, base: 2 });
    expect(change.kind === 'amended' && change.content).toMatchObject({ a: { aspirations: 'Kept as the officer wrote it' }, b: needs('SEMH') });
  });

  it('a final plan whose needs and placement are as before (only a date changed): its versions left as they are', () => {
    expect(importedPlanChange([version(1, 'draft', content('ASD')), version(2, 'final', content('ASD'))], true, sections('ASD'))).toEqual({ kind: 'none' });
  });

  it('a draft not yet final: its working version saved with the new placement; given a final date, issued as the final plan (SEND Regs 2014 reg. 13(1)(a): the draft kept as issued)', () => {
    const held = [version(1, 'draft', content('ASD')), version(2, 'working', content('ASD'))];
    expect(importedPlanChange(held, false, sections('ASD', 140137))).toMatchObject({ kind: 'working', number: 2, content: { i: { urn: 140137 } } });
    expect(importedPlanChange(held, false, sections('ASD'))).toEqual({ kind: 'none' });
    expect(importedPlanChange(held, true, sections('ASD'))).toMatchObject({ kind: 'final', number: 2 });
  });

  it('refuses a final plan given as a draft again, a plan with amendments being written in the service, and a ceased plan', () => {
    expect(importedPlanChange([version(1, 'draft', content('ASD')), version(2, 'final', content('ASD'))], false, sections('ASD'))).toMatchObject({ kind: 'refused', why: expect.stringContaining('a final plan is never taken back') });
    expect(importedPlanChange([version(1, 'draft', content('ASD')), version(2, 'final', content('ASD')), version(3, 'working', content('ASD'))], true, sections('SEMH'))).toMatchObject({
      kind: 'refused',
      why: expect.stringContaining('amendments being written in the service (version 3)'),
    });
    expect(importedPlanChange([version(1, 'draft', content('ASD')), version(2, 'final', content('ASD')), version(3, 'ceased', content('ASD'))], true, sections('SEMH'))).toMatchObject({ kind: 'refused' });
  });
});
