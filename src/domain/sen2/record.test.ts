import { describe, expect, it } from 'vitest';
import { isoDate, type IsoDate } from '../calendar/dates.ts';
import { planContentSchema, type PlanContent } from '../plans/content.ts';
import { sen2Period, sen2Person, sen2Request, type Sen2CaseInput, type Sen2Event } from './record.ts';

const PERIOD = sen2Period(isoDate('2027-01-21'));
const ev = (type: string, date: string, payload?: Record<string, unknown>, corrected = false): Sen2Event => ({ type, occurredOn: isoDate(date), ...(payload ? { payload } : {}), corrected });
const content = (i: PlanContent['i'], b: PlanContent['b']): PlanContent => planContentSchema.parse({ i, b });
const PLAN = content({ kind: 'school', urn: 123456 }, [
  { id: 'n1', type: 'ASD', primary: true, description: 'Autism' },
  { id: 'n2', type: 'SLCN', primary: false, description: 'Speech' },
]);
const kase = (events: Sen2Event[], extra: Partial<Sen2CaseInput> = {}): Sen2CaseInput => ({ caseId: 'c1', reference: '999-EHC-2026-00001', closedOn: null, events, requestSource: 1, firstPlan: null, currentPlan: null, ...extra });

describe('the SEN2 return’s period', () => {
  it('DfE SEN2 guide: the flows cover the calendar year before the census date', () => {
    expect(sen2Period(isoDate('2027-01-21'))).toEqual({ censusDate: '2027-01-21', from: '2026-01-01', to: '2026-12-31' });
  });
});

describe('a case’s Requests in the SEN2 return', () => {
  it('SEND Regs 2014 reg. 5(1): a request refused in the year is RequestOutcome N, with no Assessment; mediation and tribunal after it are flagged', () => {
    const request = sen2Request(kase([ev('request.received', '2026-03-02'), ev('assessment.refused', '2026-04-10'), ev('appeal.registered', '2026-06-01')]), PERIOD)!;
    expect(request).toMatchObject({ receivedDate: '2026-03-02', requestSource: 1, requestOutcome: 'N', requestOutcomeDate: '2026-04-10', requestMediation: 0, requestTribunal: 1, assessment: null, activePlan: null });
  });

  it('SEND Regs 2014 reg. 13(2): a plan issued within 20 weeks of the request is Week20 1, with NamedPlan and its PlanDetail from section I', () => {
    const request = sen2Request(
      kase([ev('request.received', '2026-02-02'), ev('assessment.agreed', '2026-03-10'), ev('plan.agreed', '2026-05-01'), ev('draft.issued', '2026-05-04'), ev('plan.issued', '2026-06-15')], { firstPlan: PLAN, currentPlan: PLAN }),
      PERIOD,
    )!;
    expect(request.assessment).toEqual({ outcome: 'Y', outcomeDate: '2026-05-01', mediation: 0, tribunal: 0, week20: 1, namedPlan: { startDate: '2026-06-15', ceaseDate: null, ceaseReason: null, placements: [{ urn: 123456, senSetting: null, senSettingOther: null, placementRank: 1 }] } });
    expect(request.activePlan).toMatchObject({ needs: [{ senType: 'ASD', senTypeRank: 1 }, { senType: 'SLCN', senTypeRank: 2 }], placements: [{ urn: 123456 }] });
  });

  it('SEND Regs 2014 reg. 13(2) and 13(3): a late plan is Week20 0, or 1 when an exception stands', () => {
    const events = [ev('request.received', '2026-01-05'), ev('assessment.agreed', '2026-02-10'), ev('plan.issued', '2026-07-01')];
    expect(sen2Request(kase(events), PERIOD)!.assessment!.week20).toBe(0);
    expect(sen2Request(kase([...events, ev('exception.recorded', '2026-03-01')]), PERIOD)!.assessment!.week20).toBe(1);
  });

  it('DfE SEN2 guide: Week20 only where the assessment led to a plan (a decision not to issue has none)', () => {
    const request = sen2Request(kase([ev('request.received', '2026-01-05'), ev('assessment.agreed', '2026-02-10'), ev('plan.refused', '2026-04-20')]), PERIOD)!;
    expect(request.assessment).toMatchObject({ outcome: 'N', week20: null, namedPlan: null });
  });

  it('CFA 2014 s.45: a plan ceased in the year has CeaseDate (the day it ended, not the decision) and its CeaseReason, and no ActivePlans', () => {
    const request = sen2Request(
      kase([ev('request.received', '2020-01-05'), ev('assessment.agreed', '2020-02-10'), ev('plan.issued', '2020-05-01'), ev('cease.decided', '2026-03-01', { reasonCode: '2' }), ev('plan.ceased', '2026-05-10', { reasonCode: '2' })], { closedOn: isoDate('2026-05-10') }),
      PERIOD,
    )!;
    expect(request.assessment!.namedPlan).toMatchObject({ startDate: '2020-05-01', ceaseDate: '2026-05-10', ceaseReason: '2' });
    expect(request.activePlan).toBeNull();
  });

  it('SEND Regs 2014 reg. 15: a plan sent to another council on a move ends with CeaseReason 5', () => {
    const request = sen2Request(kase([ev('request.received', '2020-01-05'), ev('assessment.agreed', '2020-02-10'), ev('plan.issued', '2020-05-01'), ev('transfer-out.recorded', '2026-09-01'), ev('transfer-out.plan-sent', '2026-09-03')]), PERIOD)!;
    expect(request.assessment!.namedPlan).toMatchObject({ ceaseDate: '2026-09-03', ceaseReason: '5' });
  });

  it('CFA 2014 s.44: a plan maintained on the census date, issued years ago, is in the return with its last review (LastReview the decision, ReviewOutcome A, M or C)', () => {
    const request = sen2Request(
      kase([ev('request.received', '2019-01-05'), ev('assessment.agreed', '2019-02-10'), ev('plan.issued', '2019-05-01', { primaryNeed: 'SEMH' }), ev('review.held', '2026-04-01'), ev('review.decided', '2026-04-20', { decision: 'amend' })]),
      PERIOD,
    )!;
    expect(request.activePlan).toEqual({ transferLa: null, reviewMeeting: '2026-04-01', reviewOutcome: 'A', lastReview: '2026-04-20', placements: [], needs: [{ senType: 'SEMH', senTypeRank: 1 }], transferredIn: false });
  });

  it('SEND Regs 2014 reg. 15 and DfE SEN2 guide (RequestOutcome and AssessmentOutcome H, historical; ActivePlans/TransferLA): a plan received with its papers’ details gives the original request, the other council’s LA code, and the needs and placement of the plan in force', () => {
    const received = content({ kind: 'school', urn: 654321 }, [
      { id: 'b-primary', type: 'SEMH', primary: true, description: 'From the papers' },
      { id: 'b-secondary', type: 'SLCN', primary: false, description: 'From the papers' },
    ]);
    const request = sen2Request(kase([ev('transfer-in.recorded', '2026-09-01', { laCode: '886', requestReceivedOn: '2023-03-01', requestSource: 2 })], { requestSource: null, firstPlan: received, currentPlan: received }), PERIOD)!;
    expect(request).toMatchObject({ receivedDate: '2023-03-01', requestSource: 2, requestOutcome: 'H', requestOutcomeDate: null, requestMediation: null, requestTribunal: null });
    // The assessment was the other council's: historical, with no plan issued here (no NamedPlan, no Week20).
    expect(request.assessment).toEqual({ outcome: 'H', outcomeDate: null, mediation: null, tribunal: null, week20: null, namedPlan: null });
    expect(request.activePlan).toEqual({
      transferLa: '886',
      reviewMeeting: null,
      reviewOutcome: null,
      lastReview: null,
      placements: [{ urn: 654321, senSetting: null, senSettingOther: null, placementRank: 1 }],
      needs: [{ senType: 'SEMH', senTypeRank: 1 }, { senType: 'SLCN', senTypeRank: 2 }],
      transferredIn: true,
    });
  });

  it('SEND Regs 2014 reg. 15: a plan received without its papers’ details is still in the return (as active), with nothing made up: no ReceivedDate, RequestSource, TransferLA, needs or placement', () => {
    const request = sen2Request(kase([ev('transfer-in.recorded', '2026-09-01', { laCode: null, requestReceivedOn: null, requestSource: null })], { requestSource: null }), PERIOD)!;
    expect(request).toMatchObject({ receivedDate: null, requestSource: null, requestOutcome: 'H' });
    expect(request.activePlan).toMatchObject({ transferLa: null, placements: [], needs: [], transferredIn: true });
  });

  it('a case with nothing in the year and no plan in force is not in the return; events after the census date do not count', () => {
    expect(sen2Request(kase([ev('request.received', '2024-01-05'), ev('assessment.refused', '2024-02-10')]), PERIOD)).toBeNull();
    expect(sen2Request(kase([ev('request.received', '2027-02-01')]), PERIOD)).toBeNull();
    const ceasedLater = sen2Request(kase([ev('request.received', '2019-01-05'), ev('assessment.agreed', '2019-02-10'), ev('plan.issued', '2019-05-01'), ev('cease.decided', '2027-01-02'), ev('plan.ceased', '2027-02-01', { reasonCode: '2' })]), PERIOD)!;
    expect(ceasedLater.activePlan).not.toBeNull();
    expect(ceasedLater.assessment!.namedPlan!.ceaseDate).toBeNull();
  });

  it('a corrected event does not count', () => {
    const request = sen2Request(kase([ev('request.received', '2026-03-02'), ev('assessment.refused', '2026-04-10', undefined, true), ev('assessment.agreed', '2026-04-12')]), PERIOD)!;
    expect(request.requestOutcome).toBe('Y');
  });
});

describe('a child’s Person', () => {
  const child = (cases: Sen2CaseInput[]) => ({ childId: 'ch', forename: 'Ada', surname: 'Lovelace', dateOfBirth: isoDate('2015-04-01'), sex: 'F', ethnicity: 'WBRI', postcode: 'B1 1AA', upn: null, uln: null, upnUnknown: 'UN1', cases });
  it('holds each of the child’s requests in the return, and is absent when none is', () => {
    const inYear = kase([ev('request.received', '2026-03-02')]);
    const old = { ...kase([ev('request.received', '2020-03-02'), ev('assessment.refused', '2020-04-01')]), caseId: 'c0' };
    expect(sen2Person(child([old, inYear]), PERIOD)!.requests.map((r) => r.caseId)).toEqual(['c1']);
    expect(sen2Person(child([old]), PERIOD)).toBeNull();
  });
  it('Person/UPNunknown: carries the recorded reason where there is no UPN, and none beside a UPN', () => {
    const cases = [kase([ev('request.received', '2026-03-02')])];
    expect(sen2Person(child(cases), PERIOD)!.upnUnknown).toBe('UN1');
    expect(sen2Person({ ...child(cases), upn: 'A820200109004' }, PERIOD)!.upnUnknown).toBeNull();
  });
  it('dates are ISO dates', () => {
    const date: IsoDate = sen2Person(child([kase([ev('request.received', '2026-03-02')])]), PERIOD)!.birthDate;
    expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
