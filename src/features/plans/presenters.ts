// A version of a plan laid out as a RenderedDocument: the one layout its page, its PDF and its Word
// document are all made from, so the three say the same words. And the forms that edit it.
import {
  describeSection,
  formatPounds,
  itemAnchor,
  itemReferences,
  PLAN_SECTIONS,
  SECTION_TITLES,
  sectionAnchor,
  sectionLetter,
  SEN2_SETTING_CODES,
  SEN_NEED_TYPES,
  type PlanContent,
  type Sen2PlanFacts,
  type PlanSection,
} from '../../domain/plans/index.ts';
import { longDate } from '../../web/long-date.ts';
import type { DocumentBlock, DocumentSection, RenderedDocument } from './rendering/model.ts';
import { STATUS_NAMES, type PlanVersionView } from './service.ts';

const NOTHING = 'Nothing is recorded in this section.';

/** The heading of a section as the plan prints it: "Section F: Special educational provision". */
export const sectionHeading = (section: PlanSection) => `Section ${sectionLetter(section)}: ${SECTION_TITLES[section]}`;

/** The line under the title: what this version is. */
export function versionStatus(view: Pick<PlanVersionView, 'version'>): string {
  const { version } = view;
  if (version.status === 'working') return `Being written, not yet issued: version ${version.number}, revision ${version.revision}`;
  return `${STATUS_NAMES[version.status]}, version ${version.number}${version.issuedOn ? `, issued ${longDate(version.issuedOn)}` : ''}`;
}

/**
 * One version of a plan as a document: the child's name and the plan's status, then sections A to
 * K in order, each item with its anchor (the check's findings link to them). The page, the PDF and
 * the Word document are each made from this.
 */
export function planDocument(view: PlanVersionView): RenderedDocument {
  const { content, plan } = view;
  const references = itemReferences(content);
  return {
    title: `Education, health and care plan for ${plan.childName}`,
    language: 'en-GB',
    status: versionStatus(view),
    facts: [
      { label: 'Name', value: plan.childName },
      { label: 'Date of birth', value: longDate(plan.dateOfBirth) },
      { label: 'Case reference', value: plan.reference },
    ],
    sections: PLAN_SECTIONS.map((section): DocumentSection => ({ id: sectionAnchor(section), heading: sectionHeading(section), blocks: sectionBlocks(content, section, references, view.schools) })),
  };
}

function sectionBlocks(content: PlanContent, section: PlanSection, references: Map<string, string>, schools: PlanVersionView['schools']): DocumentBlock[] {
  const refs = (ids: readonly string[]) => ids.map((id) => references.get(id) ?? id).join(', ') || 'None';
  const orNone = (value: string) => value.trim() || 'Not stated';
  switch (section) {
    case 'a': {
      const parts: [string, string][] = [
        ['The child’s views', content.a.childViews],
        ['The parents’ views', content.a.parentViews],
        ['Interests', content.a.interests],
        ['Aspirations', content.a.aspirations],
      ];
      const written = parts.filter(([, text]) => text.trim());
      if (written.length === 0) return [{ kind: 'paragraph', text: NOTHING }];
      return written.flatMap(([heading, text]): DocumentBlock[] => [{ kind: 'subheading', text: heading }, ...paragraphs(text)]);
    }
    case 'b':
      if (content.b.length === 0) return [{ kind: 'paragraph', text: NOTHING }];
      return [
        {
          kind: 'table',
          caption: 'Special educational needs',
          columns: ['Need', 'Type of need', 'Description'],
          rows: content.b.map((need) => [references.get(need.id)!, `${SEN_NEED_TYPES[need.type]}${need.primary ? ' (primary need)' : ''}`, need.description]),
          rowIds: content.b.map((need) => itemAnchor(need.id)),
        },
      ];
    case 'c':
    case 'd':
      if (content[section].length === 0) return [{ kind: 'paragraph', text: NOTHING }];
      return [
        {
          kind: 'table',
          caption: section === 'c' ? 'Health needs' : 'Social care needs',
          columns: ['Need', 'Description'],
          rows: content[section].map((need) => [references.get(need.id)!, need.description]),
          rowIds: content[section].map((need) => itemAnchor(need.id)),
        },
      ];
    case 'e':
      if (content.e.length === 0) return [{ kind: 'paragraph', text: NOTHING }];
      return [
        {
          kind: 'table',
          caption: 'Outcomes',
          columns: ['Outcome', 'Description', 'Needs it answers', 'To be achieved by'],
          rows: content.e.map((outcome) => [references.get(outcome.id)!, outcome.description, refs(outcome.needIds), outcome.achieveBy]),
          rowIds: content.e.map((outcome) => itemAnchor(outcome.id)),
        },
      ];
    case 'f':
      if (content.f.length === 0) return [{ kind: 'paragraph', text: NOTHING }];
      return content.f.flatMap((item): DocumentBlock[] => [
        { kind: 'subheading', text: `Provision ${references.get(item.id)}`, id: itemAnchor(item.id) },
        ...paragraphs(item.what),
        {
          kind: 'facts',
          items: [
            { label: 'Needs it meets', value: refs(item.needIds) },
            { label: 'Outcomes it supports', value: refs(item.outcomeIds) },
            { label: 'Delivered by', value: [item.providerRole, item.providerQualification].filter((part) => part.trim()).join(', ') || 'Not stated' },
            { label: 'How often', value: orNone(item.frequency) },
            { label: 'For how long', value: orNone(item.duration) },
            { label: 'Group size', value: orNone(item.groupSize) },
            { label: 'Where', value: orNone(item.location) },
          ],
        },
      ]);
    case 'g':
    case 'h1':
    case 'h2':
      if (content[section].length === 0) return [{ kind: 'paragraph', text: NOTHING }];
      return [
        {
          kind: 'table',
          caption: section === 'g' ? 'Health provision' : 'Social care provision',
          columns: ['Provision', 'Description', 'Needs it meets', 'Provided by', 'How often'],
          rows: content[section].map((item) => [references.get(item.id)!, item.what, refs(item.needIds), orNone(item.provider), orNone(item.frequency)]),
          rowIds: content[section].map((item) => itemAnchor(item.id)),
        },
      ];
    case 'i': {
      if (!content.i) return [{ kind: 'paragraph', text: 'No school or other setting is named yet.' }];
      if (content.i.kind === 'setting-type') return [{ kind: 'facts', items: [{ label: 'Type of school or other setting', value: content.i.settingType }] }];
      const found = schools[String(content.i.urn)];
      return [{ kind: 'facts', items: [{ label: 'School', value: found ? `${found.name} (URN ${content.i.urn})` : `URN ${content.i.urn}` }] }];
    }
    case 'j':
      if (!content.j) return [{ kind: 'paragraph', text: 'No personal budget.' }];
      return [
        {
          kind: 'facts',
          items: [
            { label: 'Amount', value: formatPounds(content.j.amount) },
            { label: 'What it covers', value: content.j.covers },
            { label: 'How it is paid', value: content.j.paidHow },
          ],
        },
      ];
    case 'k':
      if (content.k.length === 0) return [{ kind: 'paragraph', text: NOTHING }];
      return [
        {
          kind: 'list',
          items: content.k.map((item) => [item.description, item.from ? `from ${item.from}` : '', item.receivedOn ? `received ${longDate(item.receivedOn)}` : ''].filter(Boolean).join(', ')),
        },
      ];
  }
}

/** A text written over several lines, as paragraphs. */
function paragraphs(text: string): DocumentBlock[] {
  return text
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => ({ kind: 'paragraph', text: part }));
}

/** A field of an item's form. */
export interface FormField {
  name: string;
  label: string;
  hint?: string;
  kind: 'textarea' | 'input' | 'select' | 'yes-no' | 'checkboxes' | 'radios';
  options?: { value: string; text: string }[];
  /** For an input: its width class. */
  width?: string;
}

/** The fields of an item of a section (or of section A, I or J as a whole), with the choices this plan offers. */
export function formFields(section: PlanSection, content: PlanContent): FormField[] {
  const references = itemReferences(content);
  const choices = (items: readonly { id: string; description?: string; what?: string }[]) =>
    items.map((item) => ({ value: item.id, text: `${references.get(item.id)}: ${truncate(item.description ?? item.what ?? '')}` }));
  switch (section) {
    case 'a':
      return [
        { name: 'childViews', label: 'The child’s views, in their own words', kind: 'textarea' },
        { name: 'parentViews', label: 'The parents’ views, in their own words', kind: 'textarea' },
        { name: 'interests', label: 'Their interests', kind: 'textarea' },
        { name: 'aspirations', label: 'Their aspirations for the future', kind: 'textarea' },
      ];
    case 'b':
      return [
        { name: 'type', label: 'Type of need', hint: 'As the SEN2 return records it', kind: 'select', options: Object.entries(SEN_NEED_TYPES).map(([value, text]) => ({ value, text: `${text} (${value})` })) },
        { name: 'primary', label: 'Is this the primary need?', hint: 'A plan has exactly one primary need', kind: 'yes-no' },
        { name: 'description', label: 'Describe the need', kind: 'textarea' },
      ];
    case 'c':
    case 'd':
      return [{ name: 'description', label: 'Describe the need', kind: 'textarea' }];
    case 'e':
      return [
        { name: 'description', label: 'The outcome', hint: 'What the child will be able to do, specific enough to know when it is achieved', kind: 'textarea' },
        { name: 'needIds', label: 'The needs in section B it answers', kind: 'checkboxes', options: choices(content.b) },
        { name: 'achieveBy', label: 'By when should it be achieved?', hint: 'For example, by the end of Year 6 (July 2028)', kind: 'input', width: 'govuk-!-width-two-thirds' },
      ];
    case 'f':
      return [
        { name: 'what', label: 'What the provision is', hint: 'Detailed and specific: say what will be done, not that there will be “access to” it', kind: 'textarea' },
        { name: 'needIds', label: 'The needs in section B it meets', kind: 'checkboxes', options: choices(content.b) },
        { name: 'outcomeIds', label: 'The outcomes in section E it supports', kind: 'checkboxes', options: choices(content.e) },
        { name: 'providerRole', label: 'Who delivers it (their role)', hint: 'For example, a speech and language therapist', kind: 'input', width: 'govuk-!-width-two-thirds' },
        { name: 'providerQualification', label: 'Their qualification or training', kind: 'input', width: 'govuk-!-width-two-thirds' },
        { name: 'frequency', label: 'How often', hint: 'For example, twice a week', kind: 'input', width: 'govuk-!-width-one-half' },
        { name: 'duration', label: 'For how long', hint: 'For example, 30 minutes a session, for the school year', kind: 'input', width: 'govuk-!-width-two-thirds' },
        { name: 'groupSize', label: 'Group size', hint: 'For example, one to one', kind: 'input', width: 'govuk-!-width-one-half' },
        { name: 'location', label: 'Where', hint: 'For example, in class, or a quiet room in school', kind: 'input', width: 'govuk-!-width-two-thirds' },
      ];
    case 'g':
    case 'h1':
    case 'h2':
      return [
        { name: 'what', label: 'What the provision is', kind: 'textarea' },
        { name: 'needIds', label: section === 'g' ? 'The health needs in section C it meets' : 'The social care needs in section D it meets', kind: 'checkboxes', options: choices(section === 'g' ? content.c : content.d) },
        { name: 'provider', label: 'Who provides it', kind: 'input', width: 'govuk-!-width-two-thirds' },
        { name: 'frequency', label: 'How often', kind: 'input', width: 'govuk-!-width-one-half' },
      ];
    case 'i':
      return [
        {
          name: 'kind',
          label: 'What does the plan name?',
          kind: 'radios',
          options: [
            { value: 'school', text: 'A school or college, by its URN' },
            { value: 'setting-type', text: 'A type of school or other setting' },
            { value: 'none', text: 'Nothing yet (a draft plan need not name one)' },
          ],
        },
        { name: 'urn', label: 'The school’s URN', hint: 'The 6-digit unique reference number in Get Information About Schools. Only for a school', kind: 'input', width: 'govuk-input--width-10' },
        { name: 'settingType', label: 'The type of school or other setting', hint: 'For example, a special school for autistic children. Only for a type of setting', kind: 'input', width: 'govuk-!-width-two-thirds' },
      ];
    case 'j':
      return [
        { name: 'amount', label: 'Amount, in pounds', hint: 'Leave every field empty for no personal budget', kind: 'input', width: 'govuk-input--width-10' },
        { name: 'covers', label: 'What it covers', kind: 'textarea' },
        { name: 'paidHow', label: 'How it is paid', hint: 'A direct payment, an arrangement, or both', kind: 'input', width: 'govuk-!-width-two-thirds' },
      ];
    case 'k':
      return [
        { name: 'description', label: 'The advice or information', kind: 'textarea' },
        { name: 'from', label: 'Who gave it', kind: 'input', width: 'govuk-!-width-two-thirds' },
      ];
  }
}

/** The form's values for an item (or a whole section A, I or J) as it stands. */
export function formValues(section: PlanSection, content: PlanContent, itemId?: string): Record<string, string | string[]> {
  if (section === 'a') return { ...content.a };
  if (section === 'i') return content.i ? (content.i.kind === 'school' ? { kind: 'school', urn: String(content.i.urn) } : { kind: 'setting-type', settingType: content.i.settingType }) : { kind: 'none' };
  if (section === 'j') return content.j ? { amount: String(content.j.amount), covers: content.j.covers, paidHow: content.j.paidHow } : {};
  const item = (content[section] as { id: string }[]).find((entry) => entry.id === itemId);
  if (!item) return {};
  return Object.fromEntries(Object.entries(item).map(([key, value]) => [key, Array.isArray(value) ? value.map(String) : typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value ?? '')]));
}

/** What a posted item form says, as the item the service checks. */
export function itemFromForm(section: PlanSection, body: Record<string, unknown>): Record<string, unknown> {
  const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : Array.isArray(body[name]) ? String((body[name] as unknown[])[0] ?? '') : '');
  const list = (name: string) => (Array.isArray(body[name]) ? (body[name] as unknown[]).map(String) : typeof body[name] === 'string' && body[name] ? [body[name] as string] : []).filter((value) => value !== '_unchecked');
  const item: Record<string, unknown> = {};
  for (const field of formFields(section, { a: { childViews: '', parentViews: '', interests: '', aspirations: '' }, b: [], c: [], d: [], e: [], f: [], g: [], h1: [], h2: [], i: null, j: null, k: [] })) {
    if (field.kind === 'checkboxes') item[field.name] = list(field.name);
    else if (field.kind === 'yes-no') item[field.name] = text(field.name) === 'yes';
    else item[field.name] = text(field.name);
  }
  return item;
}

/** Section I or J from their forms: null when nothing is named. */
export function sectionFromForm(section: 'a' | 'i' | 'j', body: Record<string, unknown>): unknown {
  const item = itemFromForm(section, body) as Record<string, string>;
  if (section === 'a') return item;
  if (section === 'i') {
    if (item.kind === 'school') return { kind: 'school', urn: /^\s*\d+\s*$/.test(item.urn ?? '') ? Number(item.urn) : item.urn };
    if (item.kind === 'setting-type') return { kind: 'setting-type', settingType: item.settingType };
    if (item.kind === 'none') return null;
    return { kind: item.kind };
  }
  if (!item.amount?.trim() && !item.covers?.trim() && !item.paidHow?.trim()) return null;
  const amount = item.amount?.trim().replace(/^£/, '').replace(/,/g, '') ?? '';
  return { amount: /^-?\d+(\.\d{1,2})?$/.test(amount) ? Number(amount) : amount, covers: item.covers, paidHow: item.paidHow };
}

/** Each item of a section as the section's page lists it. */
export function sectionItems(section: PlanSection, content: PlanContent) {
  return describeSection(content, section).map((item) => ({ ...item, anchor: itemAnchor(item.id), fields: item.fields.filter((field) => field.value !== '') }));
}

/** The id of the reason's textarea for a finding, as the error summary links to it. */
export const overrideFieldId = (findingId: string) => `override-${findingId.replace(/\./g, '-')}`;

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

export interface SummaryRow {
  key: { text: string };
  value: { text: string };
}

const code = (value: 1 | 0 | null, yes: string, no: string) => (value === null ? 'Not yet: the final plan is not issued' : value === 1 ? `1 (${yes})` : `0 (${no})`);

/**
 * What the SEN2 return will say of the final plan, as a summary list: each row names the return's
 * element, so an officer checking the return before it goes reads the same words as the DfE.
 */
export function sen2Rows(facts: Sen2PlanFacts, schools: PlanVersionView['schools']): SummaryRow[] {
  const date = (value: string | null) => (value ? longDate(value) : 'Not recorded');
  const placement = facts.placement;
  const school = placement?.urn ? schools[String(placement.urn)] : undefined;
  return [
    { key: { text: 'Request received (ReceivedDate)' }, value: { text: date(facts.receivedDate) } },
    { key: { text: 'Plan start date (NamedPlan StartDate)' }, value: { text: date(facts.startDate) } },
    {
      key: { text: 'Issued within 20 weeks (Week20)' },
      value: { text: `${code(facts.week20, 'yes', 'no')}${facts.twentyWeeksEnd ? `: the 20 weeks ended on ${longDate(facts.twentyWeeksEnd)}` : ''}` },
    },
    {
      key: { text: 'Within 20 weeks, excluding exceptions' },
      value: { text: `${code(facts.week20ExcludingExceptions, 'yes', 'no')}${facts.exceptionRecorded ? ': an exception to the time limits is recorded' : ': no exception is recorded'}` },
    },
    {
      key: { text: 'Placement (PlanDetail)' },
      value: {
        text: !placement
          ? 'None named in section I'
          : placement.urn
            ? `URN ${placement.urn}${school ? `, ${school.name}` : ''}; placement rank ${placement.placementRank}`
            : `SENSetting ${placement.senSetting} (${SEN2_SETTING_CODES[placement.senSetting!].toLowerCase()}): ${placement.senSettingOther}; placement rank ${placement.placementRank}`,
      },
    },
    {
      key: { text: 'Needs (SENneed)' },
      value: { text: facts.needs.length === 0 ? 'None in section B' : facts.needs.map((need) => `${need.senType} (${SEN_NEED_TYPES[need.senType]}), rank ${need.senTypeRank}`).join('; ') } },
  ];
}
