import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../calendar/dates.ts';
import { emptyPlanContent, type PlanContent } from './content.ts';
import { sen2Needs, sen2Placement, sen2PlanFacts, type Sen2HistoryEvent } from './sen2-facts.ts';

const event = (type: string, occurredOn: string, corrected = false): Sen2HistoryEvent => ({ type, occurredOn: occurredOn as IsoDate, corrected });

// Received on Monday 2 March 2026: the 20 weeks end on Monday 20 July 2026.
const RECEIVED = event('request.received', '2026-03-02');
const history = (...rest: Sen2HistoryEvent[]) => [RECEIVED, event('assessment.agreed', '2026-04-10'), event('plan.agreed', '2026-06-01'), event('draft.issued', '2026-06-08'), ...rest];

const finalContent = (overrides: Partial<PlanContent> = {}): PlanContent => ({
  ...emptyPlanContent(),
  b: [
    { id: 'b-1', type: 'SLCN', primary: false, description: 'Finds it hard to follow spoken instructions' },
    { id: 'b-2', type: 'ASD', primary: true, description: 'Autism: finds changes of routine very hard' },
    { id: 'b-3', type: 'SLCN', primary: false, description: 'Finds it hard to find the words he needs' },
    { id: 'b-4', type: 'SEMH', primary: false, description: 'Anxious in busy, noisy places' },
  ],
  i: { kind: 'school', urn: 123456 },
  ...overrides,
});

describe('the SEN2 facts of an EHC plan (DfE SEN2 guide: NamedPlan, PlanDetail, SENneed; SEND Regs 2014 reg. 13(2))', () => {
  it('gives NamedPlan StartDate as the day the final plan was issued (DfE SEN2 guide, NamedPlan StartDate)', () => {
    const facts = sen2PlanFacts(history(event('plan.issued', '2026-07-06')), finalContent());
    expect(facts).toMatchObject({ receivedDate: '2026-03-02', draftIssuedOn: '2026-06-08', startDate: '2026-07-06' });
  });

  it('counts Week20 as 1 for a final plan issued on the last day of the 20 weeks from the request received (SEND Regs 2014 reg. 13(2); DfE SEN2 guide, Week20)', () => {
    const facts = sen2PlanFacts(history(event('plan.issued', '2026-07-20')), finalContent());
    expect(facts).toMatchObject({ twentyWeeksEnd: '2026-07-20', week20: 1, week20ExcludingExceptions: 1, exceptionRecorded: false });
  });

  it('counts Week20 as 0 for a final plan issued a day after the 20 weeks, with no exception recorded (SEND Regs 2014 reg. 13(2); DfE SEN2 guide, Week20)', () => {
    const facts = sen2PlanFacts(history(event('plan.issued', '2026-07-21')), finalContent());
    expect(facts).toMatchObject({ week20: 0, week20ExcludingExceptions: 0 });
  });

  it('counts a late final plan within 20 weeks excluding exceptions when an exception is recorded (SEND Regs 2014 reg. 13(3); DfE SEN2 guide, 20 weeks excluding exceptions)', () => {
    const facts = sen2PlanFacts(history(event('exception.recorded', '2026-05-01'), event('plan.issued', '2026-08-10')), finalContent());
    expect(facts).toMatchObject({ exceptionRecorded: true, week20: 0, week20ExcludingExceptions: 1 });
  });

  it('does not excuse a late plan by an exception a correction withdrew (SEND Regs 2014 reg. 13(3))', () => {
    const facts = sen2PlanFacts(history(event('exception.recorded', '2026-05-01', true), event('plan.issued', '2026-08-10')), finalContent());
    expect(facts).toMatchObject({ exceptionRecorded: false, week20: 0, week20ExcludingExceptions: 0 });
  });

  it('takes the dates that stand: a final plan whose first date was corrected counts from its corrected date', () => {
    const facts = sen2PlanFacts(history(event('plan.issued', '2026-08-10', true), event('plan.issued', '2026-07-13')), finalContent());
    expect(facts).toMatchObject({ startDate: '2026-07-13', week20: 1 });
  });

  it('gives no StartDate, Week20, placement or needs before the final plan is issued', () => {
    expect(sen2PlanFacts(history(), null)).toEqual({
      receivedDate: '2026-03-02',
      draftIssuedOn: '2026-06-08',
      startDate: null,
      twentyWeeksEnd: '2026-07-20',
      exceptionRecorded: false,
      week20: null,
      week20ExcludingExceptions: null,
      placement: null,
      needs: [],
    });
  });

  it('gives PlanDetail from section I: a school by its URN, placement rank 1 (DfE SEN2 guide, PlanDetail URN and PlacementRank)', () => {
    expect(sen2PlanFacts(history(event('plan.issued', '2026-07-06')), finalContent()).placement).toEqual({ urn: 123456, senSetting: null, senSettingOther: null, placementRank: 1 });
  });

  it('gives a type of setting with no URN as SENSetting OTH with the plan’s own words (DfE SEN2 guide, PlanDetail SENSetting and SENSettingOther)', () => {
    expect(sen2Placement({ kind: 'setting-type', settingType: 'Independent specialist college' })).toEqual({ urn: null, senSetting: 'OTH', senSettingOther: 'Independent specialist college', placementRank: 1 });
    expect(sen2Placement(null)).toBeNull();
  });

  it('gives SENneed from section B: the primary need ranked 1, every other type of need once, ranked 2 (DfE SEN2 guide, SENtype and SENtypeRank)', () => {
    expect(sen2Needs(finalContent().b)).toEqual([
      { senType: 'ASD', senTypeRank: 1 },
      { senType: 'SLCN', senTypeRank: 2 },
      { senType: 'SEMH', senTypeRank: 2 },
    ]);
  });

  it('does not rank a secondary need of the primary need’s own type a second time (DfE SEN2 guide, SENtypeRank)', () => {
    const needs = sen2Needs([
      { id: 'b-1', type: 'SEMH', primary: true, description: 'Anxiety' },
      { id: 'b-2', type: 'SEMH', primary: false, description: 'Low mood' },
    ]);
    expect(needs).toEqual([{ senType: 'SEMH', senTypeRank: 1 }]);
  });
});
