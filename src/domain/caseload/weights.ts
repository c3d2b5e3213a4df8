// The weight of an open case: how much of an officer's week it is likely to take, from its
// situation, by rules a council may re-weigh. A weight is held in tenths (an integer) so that sums
// over thousands of cases are exact and "3.5" is always 3.5.
import { dateFromParts, dateParts, type IsoDate } from '../calendar/dates.ts';

export const WEIGHT_RULE_KEYS = ['open-case', 'assessment', 'phase-transfer', 'live-appeal', 'no-placement', 'looked-after', 'review-overdue', 'restricted'] as const;
export type WeightRuleKey = (typeof WEIGHT_RULE_KEYS)[number];

/** The annual review's duties (SEND Regs 2014 regs 18-22): one of them missed is a review overdue. */
export const REVIEW_DEADLINE_IDS = ['review-due', 'invitations', 'advice-circulated', 'review-report', 'review-decision'] as const;

/** The stages during which the 20-week assessment runs: decided to assess, until the final plan. */
export const ASSESSMENT_STAGES = ['assessment', 'draft'] as const;

export interface WeightRuleDefinition {
  key: WeightRuleKey;
  /** As the explanation says it: "review overdue 1.5". */
  name: string;
  /** What a case must be for the rule to count, for the rules page. */
  description: string;
  /** Tenths: 10 is a weight of 1.0. */
  defaultTenths: number;
  /**
   * Whether the service yet records what the rule turns on. A rule that is not is kept, with its
   * weight, so a council can set it now; no case matches it until the fact is recorded.
   */
  recorded: boolean;
}

export const WEIGHT_RULES: readonly WeightRuleDefinition[] = [
  {
    key: 'open-case',
    name: 'open case',
    description: 'Every open case, whatever its stage: the base weight the others add to.',
    defaultTenths: 10,
    recorded: true,
  },
  {
    key: 'assessment',
    name: 'assessment in progress',
    description: 'The council has decided to assess and the final plan is not yet issued (the stages Needs assessment and Draft plan): advice to gather, a draft to write, schools to consult.',
    defaultTenths: 10,
    recorded: true,
  },
  {
    key: 'phase-transfer',
    name: 'phase transfer this year',
    description:
      'By date of birth, the child starts reception, year 7 or year 12 next September, so the plan must be reviewed and amended naming the new school or college by 15 February (31 March for a move to post-16) (SEND Regs 2014 reg. 18). A child taught out of their year group, and moves between infant and junior schools or into a middle school, are not told apart yet.',
    defaultTenths: 10,
    recorded: true,
  },
  {
    key: 'live-appeal',
    name: 'live appeal',
    description: 'An appeal to the First-tier Tribunal (SEND) is open. Appeals are not recorded in the service yet: no case matches this rule until they are.',
    defaultTenths: 15,
    recorded: false,
  },
  {
    key: 'no-placement',
    name: 'no school or setting',
    description: 'The child’s record names no school or setting: out of school, without a placement, or not yet recorded.',
    defaultTenths: 15,
    recorded: true,
  },
  {
    key: 'looked-after',
    name: 'looked-after child',
    description: 'The child is looked after by a local authority. Whether a child is looked after is not recorded in the service yet: no case matches this rule until it is.',
    defaultTenths: 10,
    recorded: false,
  },
  {
    key: 'review-overdue',
    name: 'review overdue',
    description: 'A duty of the annual review is missed and not yet met: the review within 12 months, the invitations, the advice circulated, the report or the decision after the meeting (SEND Regs 2014 regs 18-20 and 22).',
    defaultTenths: 15,
    recorded: true,
  },
  {
    key: 'restricted',
    name: 'restricted record',
    description: 'The child’s record is restricted (adoption, safeguarding): more care with every contact, letter and document.',
    defaultTenths: 5,
    recorded: true,
  },
];

const DEFINITIONS = new Map(WEIGHT_RULES.map((rule) => [rule.key, rule]));

export function weightRule(key: WeightRuleKey): WeightRuleDefinition {
  return DEFINITIONS.get(key)!;
}

export function isWeightRuleKey(value: string): value is WeightRuleKey {
  return DEFINITIONS.has(value as WeightRuleKey);
}

/** Each rule's weight, in tenths. */
export type WeightRules = Readonly<Record<WeightRuleKey, number>>;

export const DEFAULT_WEIGHT_RULES: WeightRules = Object.freeze(Object.fromEntries(WEIGHT_RULES.map((rule) => [rule.key, rule.defaultTenths])) as Record<WeightRuleKey, number>);

/** The weights in force: the council's saved ones over the defaults; rows for rules no longer known are ignored. */
export function weightRulesFrom(saved: Iterable<{ ruleKey: string; tenths: number }>): WeightRules {
  const rules: Record<WeightRuleKey, number> = { ...DEFAULT_WEIGHT_RULES };
  for (const row of saved) if (isWeightRuleKey(row.ruleKey)) rules[row.ruleKey] = row.tenths;
  return rules;
}

/** "3.5", "1.0", "12.0": tenths said as a weight with one decimal place. */
export function formatTenths(tenths: number): string {
  const sign = tenths < 0 ? '-' : '';
  const whole = Math.abs(Math.round(tenths));
  return `${sign}${Math.trunc(whole / 10)}.${whole % 10}`;
}

export const MAX_WEIGHT_TENTHS = 100;

/**
 * A weight as typed on the form: a number from 0 to 10 with at most one decimal place ("1", "1.5",
 * "0.0"). Tenths, or why it cannot be one.
 */
export function parseWeight(input: string): { ok: true; tenths: number } | { ok: false; problem: 'missing' | 'not-a-number' | 'negative' | 'too-big' | 'too-precise' } {
  const text = input.trim();
  if (text === '') return { ok: false, problem: 'missing' };
  if (/^-\s*\d+(\.\d*)?$/.test(text) || /^-\.\d+$/.test(text)) return { ok: false, problem: 'negative' };
  if (!/^\d+(\.\d+)?$/.test(text) && !/^\.\d+$/.test(text)) return { ok: false, problem: 'not-a-number' };
  const [whole = '', fraction = ''] = text.split('.');
  if (fraction.length > 1) return { ok: false, problem: 'too-precise' };
  const tenths = Number(whole || '0') * 10 + Number(fraction || '0');
  if (tenths > MAX_WEIGHT_TENTHS) return { ok: false, problem: 'too-big' };
  return { ok: true, tenths };
}

/** What the service knows of an open case that the rules turn on. */
export interface CaseWeightFacts {
  stage: string;
  dateOfBirth: IsoDate;
  /** The child's record names a school or setting. */
  hasSchool: boolean;
  /** The child's record is restricted. */
  sensitive: boolean;
  /** One of the annual review's duties (REVIEW_DEADLINE_IDS) is past due and not met. */
  reviewOverdue: boolean;
}

/** A day of birth range, both ends included, of the children who move phase next September. */
export interface BirthRange {
  move: 'reception' | 'year 7' | 'year 12';
  from: IsoDate;
  to: IsoDate;
}

/** The moves whose ages the rule knows: the age on 31 August before the new school year. */
const PHASE_MOVES: readonly { move: BirthRange['move']; ageOn31August: number }[] = [
  { move: 'reception', ageOn31August: 4 },
  { move: 'year 7', ageOn31August: 11 },
  { move: 'year 12', ageOn31August: 16 },
];

/**
 * The children who, by date of birth, move phase at the start of the next school year: from 1
 * September to 31 August, the next one is the coming September; a child aged A on 31 August
 * before it was born between 1 September of the year A+1 before and 31 August of the year A before.
 */
export function phaseTransferBirthRanges(today: IsoDate): BirthRange[] {
  const { year, month } = dateParts(today);
  const moveYear = month >= 9 ? year + 1 : year;
  return PHASE_MOVES.map(({ move, ageOn31August }) => ({
    move,
    from: dateFromParts(moveYear - ageOn31August - 1, 9, 1)!,
    to: dateFromParts(moveYear - ageOn31August, 8, 31)!,
  }));
}

/** The rules an open case matches, in the catalogue's order; the base rule always. */
export function matchingRules(facts: CaseWeightFacts, today: IsoDate): WeightRuleKey[] {
  const matched: WeightRuleKey[] = ['open-case'];
  if ((ASSESSMENT_STAGES as readonly string[]).includes(facts.stage)) matched.push('assessment');
  if (phaseTransferBirthRanges(today).some((range) => facts.dateOfBirth >= range.from && facts.dateOfBirth <= range.to)) matched.push('phase-transfer');
  // live-appeal and looked-after: not recorded yet, so never matched.
  if (!facts.hasSchool) matched.push('no-placement');
  if (facts.reviewOverdue) matched.push('review-overdue');
  if (facts.sensitive) matched.push('restricted');
  return matched;
}

export interface CaseWeight {
  tenths: number;
  /** The rules that counted, each with its weight; a rule weighted 0 is left out, the base never. */
  parts: { key: WeightRuleKey; name: string; tenths: number }[];
  /** "3.5: open case 1.0, assessment in progress 1.0, review overdue 1.5" */
  explanation: string;
}

export function caseWeight(facts: CaseWeightFacts, rules: WeightRules, today: IsoDate): CaseWeight {
  const parts = matchingRules(facts, today)
    .map((key) => ({ key, name: weightRule(key).name, tenths: rules[key] }))
    .filter((part) => part.key === 'open-case' || part.tenths > 0);
  const tenths = parts.reduce((sum, part) => sum + part.tenths, 0);
  return { tenths, parts, explanation: `${formatTenths(tenths)}: ${parts.map((part) => `${part.name} ${formatTenths(part.tenths)}`).join(', ')}` };
}

/** How many of a group of open cases match each rule ('open-case': how many there are). */
export type RuleCounts = Readonly<Partial<Record<WeightRuleKey, number>>>;

/**
 * The weighted load of a group of cases from how many match each rule: the same as the sum of
 * their weights, as a case's weight is the sum of its rules' weights. The database counts; this adds.
 */
export function loadFromCounts(counts: RuleCounts, rules: WeightRules): number {
  return WEIGHT_RULE_KEYS.reduce((sum, key) => sum + (counts[key] ?? 0) * rules[key], 0);
}
