import { describe, expect, it } from 'vitest';
import { isoDate } from '../calendar/dates.ts';
import { emptyPlanContent } from '../plans/content.ts';
import { disputeConcerns, type DisputeFacts } from './triage.ts';

const TODAY = isoDate('2026-11-30');
const NONE: DisputeFacts = { deadlines: [], exceptionRecorded: false, lateAdvice: [], preferences: [], consultations: [] };

describe('what a tribunal would see against the council', () => {
  it('SEND Regs 2014 reg. 13(2): a final plan after the 20 weeks with no exception', () => {
    const facts = { ...NONE, deadlines: [{ deadlineId: 'final-plan', title: 'Final plan', dueOn: '2026-05-25', metOn: '2026-06-20' }] };
    expect(disputeConcerns(facts, TODAY).map((concern) => concern.code)).toEqual(['twenty-weeks']);
    expect(disputeConcerns({ ...facts, exceptionRecorded: true }, TODAY)).toEqual([]);
  });

  it('SEND Regs 2014 reg. 13(2): a plan issued in time is nothing to answer', () => {
    expect(disputeConcerns({ ...NONE, deadlines: [{ deadlineId: 'final-plan', title: 'Final plan', dueOn: '2026-05-25', metOn: '2026-05-20' }] }, TODAY)).toEqual([]);
  });

  it('SEND Regs 2014 reg. 8(1): advice received late, or not at all', () => {
    const concerns = disputeConcerns({ ...NONE, lateAdvice: [{ organisation: 'Educational psychology', dueOn: '2026-03-01', receivedOn: '2026-04-01' }] }, TODAY);
    expect(concerns).toEqual([{ code: 'advice-late', message: 'Advice from Educational psychology was late (due 2026-03-01, received 2026-04-01)' }]);
  });

  it('SEND Code of Practice 2015, 9.69: provision in section F the plan check flags as vague', () => {
    const plan = emptyPlanContent();
    plan.f.push({ id: 'f-1', what: 'Access to speech and language therapy as required', needIds: ['b-1'], outcomeIds: [], providerRole: 'Therapist', providerQualification: '', frequency: 'Weekly', duration: '30 minutes', groupSize: '', location: '' });
    expect(disputeConcerns({ ...NONE, plan }, TODAY).map((concern) => concern.code)).toEqual(['f-vague']);
  });

  it('CFA 2014 s.39(4): a school the family asked for, not named, with no reason recorded', () => {
    const plan = { ...emptyPlanContent(), i: { kind: 'school' as const, urn: 100001 } };
    const preferences = [{ schoolId: 's-2', urn: 100002, name: 'Hill School' }];
    expect(disputeConcerns({ ...NONE, plan, preferences }, TODAY).map((concern) => concern.code)).toEqual(['placement-without-reasons']);
    const answered = [{ schoolId: 's-2', response: 'cannot-meet-needs', reasons: 'No places in year 7 for the needs described' }];
    expect(disputeConcerns({ ...NONE, plan, preferences, consultations: answered }, TODAY)).toEqual([]);
    expect(disputeConcerns({ ...NONE, plan, preferences: [{ schoolId: 's-1', urn: 100001, name: 'Named School' }] }, TODAY)).toEqual([]);
  });

  it('SEND Regs 2014 regs 5(1) and 25(1): a decision made after its time limit, or still not made', () => {
    const deadlines = [
      { deadlineId: 'decision-to-assess', title: 'Decide whether to assess', dueOn: '2026-02-16', metOn: '2026-03-01' },
      { deadlineId: 'reassessment-decision', title: 'Decide whether to re-assess', dueOn: '2026-11-01', metOn: null },
    ];
    expect(disputeConcerns({ ...NONE, deadlines }, TODAY).map((concern) => concern.message)).toEqual([
      'Decide whether to assess: made late (due 2026-02-16, done 2026-03-01)',
      'Decide whether to re-assess: made late (due 2026-11-01, still not done)',
    ]);
  });
});
