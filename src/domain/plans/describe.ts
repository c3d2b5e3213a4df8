// A plan's items as a reader names and reads them: "B2" for the second need, each field with its
// label and its value in words. The plan's page, its check and the difference between two versions
// all say an item the same way.
import { SEN_NEED_TYPES, type PlanContent, type PlanSection } from './content.ts';

export interface ItemField {
  name: string;
  label: string;
  value: string;
}

/** An item of a section, or the whole of a section that is not a list (A, I, J), as labelled fields. */
export interface DescribedItem {
  /** The item's id; the section's own letter for A, I and J. */
  id: string;
  /** How a reader refers to it: "F3"; "Section I". */
  reference: string;
  fields: ItemField[];
}

/** The reference of each item of the plan: B1, B2, E1, F1... in the order of their section. */
export function itemReferences(content: PlanContent): Map<string, string> {
  const references = new Map<string, string>();
  for (const section of ['b', 'c', 'd', 'e', 'f', 'g', 'h1', 'h2', 'k'] as const) {
    content[section].forEach((item, index) => references.set(item.id, `${section.toUpperCase()}${index + 1}`));
  }
  return references;
}

const joinRefs = (ids: readonly string[], references: Map<string, string>) => ids.map((id) => references.get(id) ?? id).join(', ');

/** The items of a section, each with its fields in words (empty fields kept, so a difference can show one filled in). */
export function describeSection(content: PlanContent, section: PlanSection, references = itemReferences(content)): DescribedItem[] {
  const ref = (id: string) => references.get(id) ?? id;
  switch (section) {
    case 'a':
      return [
        {
          id: 'a',
          reference: 'Section A',
          fields: [
            { name: 'childViews', label: 'The child’s views', value: content.a.childViews },
            { name: 'parentViews', label: 'The parents’ views', value: content.a.parentViews },
            { name: 'interests', label: 'Interests', value: content.a.interests },
            { name: 'aspirations', label: 'Aspirations', value: content.a.aspirations },
          ],
        },
      ];
    case 'b':
      return content.b.map((need) => ({
        id: need.id,
        reference: ref(need.id),
        fields: [
          { name: 'type', label: 'Type of need', value: `${SEN_NEED_TYPES[need.type]} (${need.type})` },
          { name: 'primary', label: 'Primary need', value: need.primary ? 'Yes' : 'No' },
          { name: 'description', label: 'Need', value: need.description },
        ],
      }));
    case 'c':
    case 'd':
      return content[section].map((need) => ({ id: need.id, reference: ref(need.id), fields: [{ name: 'description', label: 'Need', value: need.description }] }));
    case 'e':
      return content.e.map((outcome) => ({
        id: outcome.id,
        reference: ref(outcome.id),
        fields: [
          { name: 'description', label: 'Outcome', value: outcome.description },
          { name: 'needIds', label: 'Needs it answers', value: joinRefs(outcome.needIds, references) },
          { name: 'achieveBy', label: 'To be achieved by', value: outcome.achieveBy },
        ],
      }));
    case 'f':
      return content.f.map((item) => ({
        id: item.id,
        reference: ref(item.id),
        fields: [
          { name: 'what', label: 'Provision', value: item.what },
          { name: 'needIds', label: 'Needs it meets', value: joinRefs(item.needIds, references) },
          { name: 'outcomeIds', label: 'Outcomes it supports', value: joinRefs(item.outcomeIds, references) },
          { name: 'providerRole', label: 'Delivered by', value: item.providerRole },
          { name: 'providerQualification', label: 'Their qualification', value: item.providerQualification },
          { name: 'frequency', label: 'How often', value: item.frequency },
          { name: 'duration', label: 'For how long', value: item.duration },
          { name: 'groupSize', label: 'Group size', value: item.groupSize },
          { name: 'location', label: 'Where', value: item.location },
        ],
      }));
    case 'g':
    case 'h1':
    case 'h2':
      return content[section].map((item) => ({
        id: item.id,
        reference: ref(item.id),
        fields: [
          { name: 'what', label: 'Provision', value: item.what },
          { name: 'needIds', label: 'Needs it meets', value: joinRefs(item.needIds, references) },
          { name: 'provider', label: 'Provided by', value: item.provider },
          { name: 'frequency', label: 'How often', value: item.frequency },
        ],
      }));
    case 'i':
      if (!content.i) return [];
      return [
        {
          id: 'i',
          reference: 'Section I',
          fields: content.i.kind === 'school' ? [{ name: 'urn', label: 'School (URN)', value: String(content.i.urn) }] : [{ name: 'settingType', label: 'Type of setting', value: content.i.settingType }],
        },
      ];
    case 'j':
      if (!content.j) return [];
      return [
        {
          id: 'j',
          reference: 'Section J',
          fields: [
            { name: 'amount', label: 'Amount', value: formatPounds(content.j.amount) },
            { name: 'covers', label: 'What it covers', value: content.j.covers },
            { name: 'paidHow', label: 'How it is paid', value: content.j.paidHow },
          ],
        },
      ];
    case 'k':
      return content.k.map((item) => ({
        id: item.id,
        reference: ref(item.id),
        fields: [
          { name: 'description', label: 'Advice or information', value: item.description },
          { name: 'from', label: 'From', value: item.from },
          { name: 'receivedOn', label: 'Received', value: item.receivedOn ?? '' },
        ],
      }));
  }
}

/** £1,234.50, or £300 for a whole number of pounds. */
export function formatPounds(amount: number): string {
  return `£${amount.toLocaleString('en-GB', { minimumFractionDigits: Number.isInteger(amount) ? 0 : 2, maximumFractionDigits: 2 })}`;
}
