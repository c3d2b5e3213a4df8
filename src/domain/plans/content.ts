// The EHC plan's content as structured data: sections A to K (SEND Regs 2014 reg. 12; SEND Code of
// Practice 2015, 9.62), each need, outcome and piece of provision an item with an id of its own, so
// provision can name the needs and outcomes it answers and a check can point at one item. The
// content is stored with the number of the schema it was written under, so a later schema can read
// an earlier plan without a migration of every plan.
import { z } from 'zod';

/** The schema the content below describes; stored beside every version's content. */
export const PLAN_SCHEMA_VERSION = 1;

/** Kinds of plan: an EHC plan now; another kind (an individual support plan, say) can follow. */
export const PLAN_TYPES = ['ehc'] as const;
export type PlanType = (typeof PLAN_TYPES)[number];

/** SEN2 need types (SENtype), as the DfE's return codes them. */
export const SEN_NEED_TYPES = {
  SPLD: 'Specific learning difficulty',
  MLD: 'Moderate learning difficulty',
  SLD: 'Severe learning difficulty',
  PMLD: 'Profound and multiple learning difficulty',
  SEMH: 'Social, emotional and mental health',
  SLCN: 'Speech, language and communication needs',
  HI: 'Hearing impairment',
  VI: 'Vision impairment',
  MSI: 'Multi-sensory impairment',
  PD: 'Physical disability',
  ASD: 'Autistic spectrum disorder',
  DS: 'Down syndrome',
  OTH: 'Other difficulty or disability',
} as const;
export type SenNeedType = keyof typeof SEN_NEED_TYPES;
export const SEN_NEED_TYPE_CODES = Object.keys(SEN_NEED_TYPES) as [SenNeedType, ...SenNeedType[]];

/** The sections in the order a plan sets them out. */
export const PLAN_SECTIONS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h1', 'h2', 'i', 'j', 'k'] as const;
export type PlanSection = (typeof PLAN_SECTIONS)[number];

export const SECTION_TITLES: Record<PlanSection, string> = {
  a: 'The views, interests and aspirations of the child and their parents',
  b: 'Special educational needs',
  c: 'Health needs related to their special educational needs',
  d: 'Social care needs related to their special educational needs',
  e: 'Outcomes',
  f: 'Special educational provision',
  g: 'Health provision',
  h1: 'Social care provision under section 2 of the Chronically Sick and Disabled Persons Act 1970',
  h2: 'Other social care provision',
  i: 'Placement',
  j: 'Personal budget',
  k: 'Advice and information',
};

/** The sections a family may appeal to the tribunal about (CFA 2014 s.51(2)(c)). */
export const APPEALABLE_SECTIONS: readonly PlanSection[] = ['b', 'f', 'i'];

export const sectionLetter = (section: PlanSection) => section.toUpperCase();

const TEXT = 5000;
const SHORT = 500;
const text = (label: string, max = TEXT) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .max(max, `${label[0]!.toUpperCase()}${label.slice(1)} must be ${max.toLocaleString('en-GB')} characters or fewer`);
const optionalText = (label: string, max = SHORT) =>
  z
    .string()
    .trim()
    .max(max, `${label[0]!.toUpperCase()}${label.slice(1)} must be ${max.toLocaleString('en-GB')} characters or fewer`)
    .default('');
const itemId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'An item’s id is 1 to 40 lower-case letters, digits and hyphens');
const ids = z.array(itemId).max(100).default([]);

export const sectionASchema = z.object({
  childViews: optionalText('the child’s views', TEXT),
  parentViews: optionalText('the parents’ views', TEXT),
  interests: optionalText('their interests', TEXT),
  aspirations: optionalText('their aspirations', TEXT),
});

export const needSchema = z.object({
  id: itemId,
  type: z.enum(SEN_NEED_TYPE_CODES, { error: 'Select the type of need' }),
  primary: z.boolean().default(false),
  description: text('a description of the need'),
});

export const otherNeedSchema = z.object({ id: itemId, description: text('a description of the need') });

export const outcomeSchema = z.object({
  id: itemId,
  description: text('the outcome'),
  needIds: ids,
  achieveBy: text('when it should be achieved by', SHORT),
});

export const provisionSchema = z.object({
  id: itemId,
  what: text('what the provision is'),
  needIds: z.array(itemId).min(1, 'Select at least one need the provision meets').max(100),
  outcomeIds: ids,
  providerRole: optionalText('who delivers it'),
  providerQualification: optionalText('the qualification of who delivers it'),
  frequency: optionalText('how often'),
  duration: optionalText('for how long'),
  groupSize: optionalText('the group size'),
  location: optionalText('where'),
});

/** Health (G) and social care (H1, H2) provision: what, by whom, how often, for the needs of C or D. */
export const otherProvisionSchema = z.object({
  id: itemId,
  what: text('what the provision is'),
  needIds: ids,
  provider: optionalText('who provides it'),
  frequency: optionalText('how often'),
});

export const placementSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('school'), urn: z.number({ error: 'Enter the school’s URN' }).int().min(100000, 'Enter a URN of 6 digits').max(999999, 'Enter a URN of 6 digits') }),
  z.object({ kind: z.literal('setting-type'), settingType: text('the type of school or other setting', SHORT) }),
]);

export const personalBudgetSchema = z.object({
  amount: z.number({ error: 'Enter the amount in pounds' }).min(0, 'The personal budget cannot be less than £0').max(10_000_000, 'The personal budget must be £10,000,000 or less'),
  covers: text('what the personal budget covers'),
  paidHow: text('how it is paid (a direct payment, an arrangement, or both)', SHORT),
});

export const adviceItemSchema = z.object({
  id: itemId,
  description: text('the advice or information'),
  from: optionalText('who gave it'),
  receivedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().default(null),
  /** The request for advice it came from, when filled from the assessment. */
  adviceRequestId: z.string().uuid().nullable().default(null),
});

export const planContentSchema = z.object({
  a: sectionASchema.default({ childViews: '', parentViews: '', interests: '', aspirations: '' }),
  b: z.array(needSchema).max(100).default([]),
  c: z.array(otherNeedSchema).max(100).default([]),
  d: z.array(otherNeedSchema).max(100).default([]),
  e: z.array(outcomeSchema).max(200).default([]),
  f: z.array(provisionSchema).max(200).default([]),
  g: z.array(otherProvisionSchema).max(100).default([]),
  h1: z.array(otherProvisionSchema).max(100).default([]),
  h2: z.array(otherProvisionSchema).max(100).default([]),
  i: placementSchema.nullable().default(null),
  j: personalBudgetSchema.nullable().default(null),
  k: z.array(adviceItemSchema).max(100).default([]),
});

export type SectionA = z.infer<typeof sectionASchema>;
export type Need = z.infer<typeof needSchema>;
export type OtherNeed = z.infer<typeof otherNeedSchema>;
export type Outcome = z.infer<typeof outcomeSchema>;
export type Provision = z.infer<typeof provisionSchema>;
export type OtherProvision = z.infer<typeof otherProvisionSchema>;
export type Placement = z.infer<typeof placementSchema>;
export type PersonalBudget = z.infer<typeof personalBudgetSchema>;
export type AdviceItem = z.infer<typeof adviceItemSchema>;
export type PlanContent = z.infer<typeof planContentSchema>;

/** The sections that hold a list of items, each with its id. */
export const ITEM_SECTIONS = ['b', 'c', 'd', 'e', 'f', 'g', 'h1', 'h2', 'k'] as const;
export type ItemSection = (typeof ITEM_SECTIONS)[number];
export const isItemSection = (section: string): section is ItemSection => (ITEM_SECTIONS as readonly string[]).includes(section);
export const isPlanSection = (section: string): section is PlanSection => (PLAN_SECTIONS as readonly string[]).includes(section);

/** The schema of each section alone, for an edit of one section. */
export const SECTION_SCHEMAS = planContentSchema.shape;

/** A plan with nothing written yet. */
export function emptyPlanContent(): PlanContent {
  return planContentSchema.parse({});
}

/** The anchor of an item on the plan's pages (the check's findings link to it). */
export const itemAnchor = (id: string) => `item-${id}`;
export const sectionAnchor = (section: PlanSection) => `section-${section}`;
