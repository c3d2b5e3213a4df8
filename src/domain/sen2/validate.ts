// The checks the DfE publishes for the SEN2 return that the case data lets the service make, each a
// pure function with the rule's id and a message a data officer can act on. A child whose record
// fails one is listed with the rule, never dropped from the return.
import { checkIsoDate } from '../calendar/dates.ts';
import { checkUpn } from '../children/upn.ts';
import { standardPostcode } from '../children/postcode.ts';
import { ETHNICITY_CODES, isCeaseReasonCode, isCode, isRequestSource, isSenNeedType, OUTCOME_CODES, SEN2_SETTING_CODES, SEX_CODES, UPN_UNKNOWN_CODES } from './codes.ts';
import type { Sen2Period, Sen2Person, Sen2Request } from './record.ts';

/** One failure: the rule, what is wrong, and the case to fix it on (null for the child's own details). */
export interface Sen2Problem {
  readonly rule: string;
  readonly message: string;
  readonly caseId: string | null;
}

export interface Sen2Rule {
  readonly id: string;
  /** What the rule asks, as the report heads its group. */
  readonly title: string;
  readonly check: (person: Sen2Person, period: Sen2Period) => readonly { message: string; caseId: string | null }[];
}

const each = (person: Sen2Person, test: (request: Sen2Request) => string | null | undefined) =>
  person.requests.flatMap((request) => {
    const message = test(request);
    return message ? [{ message, caseId: request.caseId }] : [];
  });
const own = (message: string | null) => (message ? [{ message, caseId: null }] : []);
const activeOf = (request: Sen2Request) => request.activePlan;

export const SEN2_RULES: readonly Sen2Rule[] = [
  {
    id: 'SEN2-P01',
    title: 'The child’s surname and forename are given',
    check: (person) => own(!person.surname.trim() || !person.forename.trim() ? 'The child’s surname or forename is missing' : null),
  },
  {
    id: 'SEN2-P02',
    title: 'The date of birth is a real date before the census date',
    check: (person, period) => own(!checkIsoDate(person.birthDate).ok || person.birthDate >= period.censusDate ? `The date of birth ${person.birthDate} is not a date before the census date` : null),
  },
  {
    id: 'SEN2-P03',
    title: 'Sex is a valid code',
    check: (person) => own(isCode(SEX_CODES, person.sex) ? null : `Sex “${person.sex}” is not one of ${SEX_CODES.join(', ')}`),
  },
  {
    id: 'SEN2-P04',
    title: 'Ethnicity is given and is a valid code',
    check: (person) => own(!person.ethnicity ? 'The child’s ethnicity is not recorded (NOBT where it was not obtained, REFU where the family refused)' : isCode(ETHNICITY_CODES, person.ethnicity) ? null : `Ethnicity “${person.ethnicity}” is not a DfE ethnicity code`),
  },
  {
    id: 'SEN2-P05',
    title: 'The UPN has a correct check letter, or a reason it is unknown is given',
    check: (person) => {
      if (!person.upn) {
        if (!person.upnUnknown) return own('The child has no UPN, and the record holds no reason it is unknown (UPNunknown)');
        return own(isCode(UPN_UNKNOWN_CODES, person.upnUnknown) ? null : `“${person.upnUnknown}” is not a UPNunknown code (UN1 to UN10)`);
      }
      const checked = checkUpn(person.upn);
      return own(checked.valid ? null : `The UPN ${person.upn} is not valid: ${checked.reason}`);
    },
  },
  {
    id: 'SEN2-P06',
    title: 'The postcode is a valid UK postcode',
    check: (person) => own(person.postcode && !standardPostcode(person.postcode) ? `The postcode “${person.postcode}” is not a valid UK postcode` : null),
  },
  {
    id: 'SEN2-R01',
    title: 'A request has the date it was received',
    check: (person) => each(person, (request) => (request.receivedDate ? null : request.activePlan?.transferredIn ? 'The plan was transferred in from another council and no request for it is recorded here: its ReceivedDate is not known' : 'No request received is recorded on the case')),
  },
  {
    id: 'SEN2-R02',
    title: 'A request has its source (RequestSource 1 to 5)',
    check: (person) => each(person, (request) => (isRequestSource(request.requestSource) ? null : 'Who made the request (RequestSource) is not recorded')),
  },
  {
    id: 'SEN2-R03',
    title: 'RequestOutcome is a valid code, dated unless awaiting or historical',
    check: (person) =>
      each(person, (request) =>
        !isCode(OUTCOME_CODES, request.requestOutcome) ? `RequestOutcome “${request.requestOutcome}” is not a valid code` : request.requestOutcome !== 'A' && request.requestOutcome !== 'H' && !request.requestOutcomeDate ? 'The decision whether to assess has no date' : null,
      ),
  },
  {
    id: 'SEN2-R04',
    title: 'The decision whether to assess is on or after the request was received',
    check: (person) => each(person, (request) => (request.receivedDate && request.requestOutcomeDate && request.requestOutcomeDate < request.receivedDate ? `The decision whether to assess (${request.requestOutcomeDate}) is before the request was received (${request.receivedDate})` : null)),
  },
  {
    id: 'SEN2-A01',
    title: 'An assessment follows only a request agreed, and its outcome is on or after the decision to assess',
    check: (person) =>
      each(person, (request) => {
        const assessment = request.assessment;
        if (!assessment) return null;
        // A plan received from another council: its request and assessment are both historical (H).
        if (request.requestOutcome === 'H') return assessment.outcome === 'H' ? null : 'A historical request (H) has an assessment outcome that is not historical';
        if (request.requestOutcome !== 'Y') return 'An assessment outcome is given for a request that was not agreed';
        if (assessment.outcomeDate && request.requestOutcomeDate && assessment.outcomeDate < request.requestOutcomeDate) return `The assessment’s outcome (${assessment.outcomeDate}) is before the decision to assess (${request.requestOutcomeDate})`;
        return null;
      }),
  },
  {
    id: 'SEN2-A02',
    title: 'Week20 is given only where the assessment led to a plan, and always there',
    check: (person) =>
      each(person, (request) => {
        const assessment = request.assessment;
        if (!assessment) return null;
        if (assessment.namedPlan && assessment.week20 === null) return 'The plan was issued but whether it was within 20 weeks cannot be worked out: the request’s date is missing';
        if (!assessment.namedPlan && assessment.week20 !== null) return 'Week20 is given for an assessment that did not lead to a plan';
        return null;
      }),
  },
  {
    id: 'SEN2-N01',
    title: 'A plan starts on or after its request, and ends on or after it starts',
    check: (person) =>
      each(person, (request) => {
        const plan = request.assessment?.namedPlan;
        if (!plan) return null;
        if (request.receivedDate && plan.startDate < request.receivedDate) return `The plan’s start (${plan.startDate}) is before the request (${request.receivedDate})`;
        if (plan.ceaseDate && plan.ceaseDate < plan.startDate) return `The plan ceased (${plan.ceaseDate}) before it started (${plan.startDate})`;
        return null;
      }),
  },
  {
    id: 'SEN2-N02',
    title: 'A ceased plan has its cease date and a valid CeaseReason',
    check: (person) =>
      each(person, (request) => {
        const plan = request.assessment?.namedPlan;
        if (!plan?.ceaseDate) return null;
        return isCeaseReasonCode(plan.ceaseReason) ? null : plan.ceaseReason ? `CeaseReason “${plan.ceaseReason}” is not a code from 1 to 9` : 'The plan ceased but the reason (CeaseReason) is not recorded';
      }),
  },
  {
    id: 'SEN2-D01',
    title: 'No date is after the census date',
    check: (person, period) =>
      each(person, (request) => {
        const dates = [request.receivedDate, request.requestOutcomeDate, request.assessment?.outcomeDate, request.assessment?.namedPlan?.startDate, request.activePlan?.lastReview, request.activePlan?.reviewMeeting];
        const late = dates.find((date) => date && date > period.censusDate);
        return late ? `The date ${late} is after the census date` : null;
      }),
  },
  {
    id: 'SEN2-T01',
    title: 'A plan received from another council names that council’s LA code (TransferLA)',
    check: (person) => each(person, (request) => (request.activePlan?.transferredIn && !request.activePlan.transferLa ? 'The plan was transferred in from another council and that council’s LA code (TransferLA) is not recorded' : null)),
  },
  {
    id: 'SEN2-S01',
    title: 'A plan in force has exactly one primary need (SENtypeRank 1) and valid need types',
    check: (person) =>
      each(person, (request) => {
        const active = activeOf(request);
        if (!active) return null;
        const primaries = active.needs.filter((need) => need.senTypeRank === 1).length;
        if (primaries === 0) return 'The plan in force records no primary need (section B)';
        if (primaries > 1) return `The plan in force records ${primaries} primary needs: it must have one`;
        const wrong = active.needs.find((need) => !isSenNeedType(need.senType));
        return wrong ? `“${wrong.senType}” is not an SEN2 need type` : null;
      }),
  },
  {
    id: 'SEN2-S02',
    title: 'A plan in force names its placement (a school’s URN or an SENSetting)',
    check: (person) =>
      each(person, (request) => {
        const active = activeOf(request);
        if (!active) return null;
        if (active.placements.length === 0) return 'The plan in force names no placement in section I';
        const wrong = active.placements.find((placement) => placement.urn === null && (!placement.senSetting || !Object.hasOwn(SEN2_SETTING_CODES, placement.senSetting)));
        return wrong ? 'A placement has neither a URN nor a valid SENSetting' : null;
      }),
  },
];

/** Every rule's failures for one child's Person, in the rules' order. */
export function validateSen2Person(person: Sen2Person, period: Sen2Period): Sen2Problem[] {
  return SEN2_RULES.flatMap((rule) => rule.check(person, period).map((found) => ({ rule: rule.id, message: found.message, caseId: found.caseId })));
}

export const sen2RuleTitle = (id: string) => SEN2_RULES.find((rule) => rule.id === id)?.title ?? id;
