import { describe, expect, it } from 'vitest';
import { isoDate } from '../calendar/dates.ts';
import { upnCheckLetter } from '../children/upn.ts';
import { sen2Period, type Sen2Person, type Sen2Request } from './record.ts';
import { SEN2_RULES, validateSen2Person } from './validate.ts';

const PERIOD = sen2Period(isoDate('2027-01-21'));
const UPN = `${upnCheckLetter('820200109004')}820200109004`;
const ACTIVE = { transferLa: null, reviewMeeting: null, reviewOutcome: null, lastReview: null, placements: [{ urn: 123456, senSetting: null, senSettingOther: null, placementRank: 1 as const }], needs: [{ senType: 'ASD' as const, senTypeRank: 1 as const }], transferredIn: false };
const REQUEST: Sen2Request = {
  caseId: 'c1',
  reference: 'R1',
  receivedDate: isoDate('2026-02-02'),
  requestSource: 2,
  requestOutcome: 'Y',
  requestOutcomeDate: isoDate('2026-03-01'),
  requestMediation: null,
  requestTribunal: null,
  assessment: { outcome: 'Y', outcomeDate: isoDate('2026-05-01'), mediation: 0, tribunal: 0, week20: 1, namedPlan: { startDate: isoDate('2026-06-01'), ceaseDate: null, ceaseReason: null, placements: [] } },
  activePlan: ACTIVE,
};
const PERSON: Sen2Person = { childId: 'ch', surname: 'Lovelace', forename: 'Ada', birthDate: isoDate('2015-04-01'), sex: 'F', ethnicity: 'WBRI', postcode: 'B1 1AA', upn: UPN, uln: null, upnUnknown: null, requests: [REQUEST] };
const rules = (person: Sen2Person) => validateSen2Person(person, PERIOD).map((problem) => problem.rule);
const withRequest = (change: Partial<Sen2Request>) => ({ ...PERSON, requests: [{ ...REQUEST, ...change }] });

describe('the SEN2 validation rules (DfE SEN2 validation checks the case data can make)', () => {
  it('a complete record passes every rule', () => {
    expect(validateSen2Person(PERSON, PERIOD)).toEqual([]);
  });
  it('rule ids are unique', () => {
    expect(new Set(SEN2_RULES.map((rule) => rule.id)).size).toBe(SEN2_RULES.length);
  });
  it('CBDS UPN: a wrong check letter fails SEN2-P05, and no UPN without a reason fails it too', () => {
    expect(rules({ ...PERSON, upn: `${UPN[0] === 'A' ? 'B' : 'A'}${UPN.slice(1)}` })).toEqual(['SEN2-P05']);
    expect(rules({ ...PERSON, upn: null })).toEqual(['SEN2-P05']);
  });
  it('SEN2-P05 passes for a child with no UPN where a UPNunknown reason (UN1 to UN10) is recorded, and fails for a code not on that list', () => {
    expect(rules({ ...PERSON, upn: null, upnUnknown: 'UN2' })).toEqual([]);
    expect(rules({ ...PERSON, upn: null, upnUnknown: 'UN10' })).toEqual([]);
    expect(rules({ ...PERSON, upn: null, upnUnknown: 'UN11' })).toEqual(['SEN2-P05']);
  });
  it('ethnicity missing or not a code fails SEN2-P04; sex not a code fails SEN2-P03; a bad postcode SEN2-P06', () => {
    expect(rules({ ...PERSON, ethnicity: null })).toEqual(['SEN2-P04']);
    expect(rules({ ...PERSON, ethnicity: 'XXXX' })).toEqual(['SEN2-P04']);
    expect(rules({ ...PERSON, sex: 'Q' })).toEqual(['SEN2-P03']);
    expect(rules({ ...PERSON, postcode: 'NOT A CODE' })).toEqual(['SEN2-P06']);
  });
  it('mandatory from 2026: a request without RequestSource fails SEN2-R02, without ReceivedDate SEN2-R01', () => {
    expect(rules(withRequest({ requestSource: null }))).toEqual(['SEN2-R02']);
    const transferred = validateSen2Person(withRequest({ receivedDate: null, requestSource: null, requestOutcome: 'H', requestOutcomeDate: null, assessment: null, activePlan: { ...ACTIVE, transferLa: '886', transferredIn: true } }), PERIOD);
    expect(transferred.map((problem) => problem.rule)).toEqual(['SEN2-R01', 'SEN2-R02']);
    expect(transferred[0]!.message).toMatch(/transferred in/);
    expect(transferred[0]!.caseId).toBe('c1');
  });
  it('SEND Regs 2014 reg. 15 and DfE SEN2 guide (RequestOutcome and AssessmentOutcome H, historical): a plan received from another council passes with its request and assessment historical and undated, and TransferLA given', () => {
    const received = { receivedDate: isoDate('2023-03-01'), requestSource: 1, requestOutcome: 'H' as const, requestOutcomeDate: null, assessment: { outcome: 'H' as const, outcomeDate: null, mediation: null, tribunal: null, week20: null, namedPlan: null } };
    expect(rules(withRequest({ ...received, activePlan: { ...ACTIVE, transferLa: '886', transferredIn: true } }))).toEqual([]);
    // Without the other council's LA code: SEN2-T01, the child listed, never dropped.
    expect(rules(withRequest({ ...received, activePlan: { ...ACTIVE, transferredIn: true } }))).toEqual(['SEN2-T01']);
    // H is historical only beside H: an assessment outcome of this council's after a historical request is refused.
    expect(rules(withRequest({ ...received, assessment: { ...received.assessment, outcome: 'Y' }, activePlan: { ...ACTIVE, transferLa: '886', transferredIn: true } }))).toEqual(['SEN2-A01']);
    // Any other outcome still needs its date.
    expect(rules(withRequest({ requestOutcomeDate: null }))).toContain('SEN2-R03');
  });
  it('date order: a decision before the request fails SEN2-R04; an assessment outcome before the decision SEN2-A01; a plan before its request SEN2-N01', () => {
    expect(rules(withRequest({ requestOutcomeDate: isoDate('2026-01-01') }))).toContain('SEN2-R04');
    expect(rules(withRequest({ assessment: { ...REQUEST.assessment!, outcomeDate: isoDate('2026-02-20') } }))).toEqual(['SEN2-A01']);
    expect(rules(withRequest({ assessment: { ...REQUEST.assessment!, namedPlan: { ...REQUEST.assessment!.namedPlan!, startDate: isoDate('2026-01-10') } } }))).toEqual(['SEN2-N01']);
  });
  it('DfE SEN2 guide: Week20 only where an assessment led to a plan (SEN2-A02)', () => {
    expect(rules(withRequest({ assessment: { ...REQUEST.assessment!, namedPlan: null, week20: 1 } }))).toEqual(['SEN2-A02']);
    expect(rules(withRequest({ assessment: { ...REQUEST.assessment!, week20: null } }))).toEqual(['SEN2-A02']);
  });
  it('CFA 2014 s.45: a ceased plan needs its CeaseReason from 1 to 9 (SEN2-N02)', () => {
    const ceased = (ceaseReason: string | null) => withRequest({ activePlan: null, assessment: { ...REQUEST.assessment!, namedPlan: { ...REQUEST.assessment!.namedPlan!, ceaseDate: isoDate('2026-10-01'), ceaseReason } } });
    expect(rules(ceased('2'))).toEqual([]);
    expect(rules(ceased(null))).toEqual(['SEN2-N02']);
    expect(rules(ceased('10'))).toEqual(['SEN2-N02']);
  });
  it('one primary need per plan in force (SEN2-S01), and a placement (SEN2-S02)', () => {
    expect(rules(withRequest({ activePlan: { ...ACTIVE, needs: [] } }))).toEqual(['SEN2-S01']);
    expect(rules(withRequest({ activePlan: { ...ACTIVE, needs: [{ senType: 'ASD', senTypeRank: 1 }, { senType: 'MLD', senTypeRank: 1 }] } }))).toEqual(['SEN2-S01']);
    expect(rules(withRequest({ activePlan: { ...ACTIVE, placements: [] } }))).toEqual(['SEN2-S02']);
  });
  it('no date after the census date (SEN2-D01)', () => {
    expect(rules(withRequest({ activePlan: { ...ACTIVE, lastReview: isoDate('2027-02-01') } }))).toEqual(['SEN2-D01']);
  });
});
