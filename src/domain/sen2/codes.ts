// The code sets of the DfE's SEN2 return, in the service's own words. The year's DfE technical
// specification is the word on them; each list is held against it by the tests beside this file.
import { CEASE_REASONS, type CeaseReason } from '../clocks/ceasing.ts';
import { SEN_NEED_TYPES, type SenNeedType } from '../plans/content.ts';
import { SEN2_SETTING_CODES } from '../plans/sen2-facts.ts';

export { CEASE_REASONS, SEN_NEED_TYPES, SEN2_SETTING_CODES };
export type { CeaseReason, SenNeedType };

/** Requests/RequestSource (mandatory from 2026). */
export const REQUEST_SOURCES = {
  1: 'Parent or young person',
  2: 'School or education setting',
  3: 'Health',
  4: 'Social care',
  5: 'Other',
} as const;

/** RequestOutcome and AssessmentOutcome: yes, no, awaiting a decision, withdrawn, historical. */
export const OUTCOME_CODES = ['Y', 'N', 'A', 'W', 'H'] as const;

/** ActivePlans/ReviewOutcome: the decision after the last annual review. */
export const REVIEW_OUTCOMES = { M: 'Maintain the plan as it is', A: 'Amend the plan', C: 'Cease the plan' } as const;
export type ReviewOutcomeCode = keyof typeof REVIEW_OUTCOMES;

/** A review decision as the service records it, as its SEN2 ReviewOutcome. */
export function reviewOutcomeCode(decision: unknown): ReviewOutcomeCode | null {
  if (decision === 'maintain') return 'M';
  if (decision === 'amend') return 'A';
  if (decision === 'cease') return 'C';
  return null;
}

/** Person/Sex as the child's record keeps it. */
export const SEX_CODES = ['M', 'F', 'U'] as const;

/**
 * Person/Ethnicity: the DfE's main ethnicity codes (Common Basic Data Set), REFU where the family
 * refused and NOBT where it was not obtained.
 */
export const ETHNICITY_CODES = [
  'WBRI', 'WIRI', 'WIRT', 'WOTH', 'WROM',
  'MWBC', 'MWBA', 'MWAS', 'MOTH',
  'AIND', 'APKN', 'ABAN', 'AOTH',
  'BCRB', 'BAFR', 'BOTH',
  'CHNE', 'OOTH', 'REFU', 'NOBT',
] as const;

/** The names of the ethnicity codes, as the DfE's Common Basic Data Set gives them, for a person to choose from. */
export const ETHNICITY_NAMES: Readonly<Record<(typeof ETHNICITY_CODES)[number], string>> = {
  WBRI: 'White – British',
  WIRI: 'White – Irish',
  WIRT: 'Traveller of Irish heritage',
  WOTH: 'Any other White background',
  WROM: 'Gypsy or Roma',
  MWBC: 'White and Black Caribbean',
  MWBA: 'White and Black African',
  MWAS: 'White and Asian',
  MOTH: 'Any other mixed background',
  AIND: 'Indian',
  APKN: 'Pakistani',
  ABAN: 'Bangladeshi',
  AOTH: 'Any other Asian background',
  BCRB: 'Black Caribbean',
  BAFR: 'Black African',
  BOTH: 'Any other Black background',
  CHNE: 'Chinese',
  OOTH: 'Any other ethnic group',
  REFU: 'Refused',
  NOBT: 'Information not yet obtained',
};
export type EthnicityCode = (typeof ETHNICITY_CODES)[number];

/**
 * Person/UPNunknown: why a child has no UPN, UN1 to UN10. The service holds the codes by number
 * only; what each one means is the year's DfE specification's word, and the officer chooses from it.
 */
export const UPN_UNKNOWN_CODES = ['UN1', 'UN2', 'UN3', 'UN4', 'UN5', 'UN6', 'UN7', 'UN8', 'UN9', 'UN10'] as const;
export type UpnUnknownCode = (typeof UPN_UNKNOWN_CODES)[number];

export const isCode = <T extends string>(codes: readonly T[], value: unknown): value is T => typeof value === 'string' && (codes as readonly string[]).includes(value);
export const isSenNeedType = (value: unknown): value is SenNeedType => typeof value === 'string' && Object.hasOwn(SEN_NEED_TYPES, value);
export const isCeaseReasonCode = (value: unknown): value is CeaseReason => typeof value === 'string' && Object.hasOwn(CEASE_REASONS, value);
export const isRequestSource = (value: unknown): value is keyof typeof REQUEST_SOURCES => typeof value === 'number' && Object.hasOwn(REQUEST_SOURCES, value);
