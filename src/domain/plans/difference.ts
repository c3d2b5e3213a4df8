// The difference between two versions of a plan, section by section: the items added, removed and
// changed (matched by their ids, which never change), and within a changed field the words added
// and removed, so a family or a tribunal can see exactly what the final plan changed from the draft.
import { diffWords } from 'diff';
import { PLAN_SECTIONS, SECTION_TITLES, sectionLetter, type PlanContent, type PlanSection } from './content.ts';
import { describeSection, itemReferences, type DescribedItem } from './describe.ts';

export interface WordPart {
  text: string;
  change: 'same' | 'added' | 'removed';
}

export interface FieldDifference {
  name: string;
  label: string;
  before: string;
  after: string;
  words: WordPart[];
}

export interface ItemDifference {
  change: 'added' | 'removed' | 'changed';
  itemId: string;
  /** Its reference in the later version ("F3"), or in the earlier one when removed. */
  reference: string;
  /** For an added or removed item, its fields; for a changed one, only those that changed. */
  fields: FieldDifference[];
}

export interface SectionDifference {
  section: PlanSection;
  heading: string;
  items: ItemDifference[];
}

/** The words of `before` and `after`, each part marked as kept, added or removed. */
export function wordChanges(before: string, after: string): WordPart[] {
  return diffWords(before, after).map((part) => ({ text: part.value, change: part.added ? 'added' : part.removed ? 'removed' : 'same' }));
}

const whole = (item: DescribedItem, change: 'added' | 'removed'): ItemDifference => ({
  change,
  itemId: item.id,
  reference: item.reference,
  fields: item.fields
    .filter((field) => field.value !== '')
    .map((field) => ({
      name: field.name,
      label: field.label,
      before: change === 'removed' ? field.value : '',
      after: change === 'added' ? field.value : '',
      words: [{ text: field.value, change }],
    })),
});

/** The sections that differ between `before` and `after`, in the plan's order; unchanged sections are left out. */
export function planDifference(before: PlanContent, after: PlanContent): SectionDifference[] {
  const beforeRefs = itemReferences(before);
  const afterRefs = itemReferences(after);
  const sections: SectionDifference[] = [];
  for (const section of PLAN_SECTIONS) {
    const was = describeSection(before, section, beforeRefs);
    const now = describeSection(after, section, afterRefs);
    const items: ItemDifference[] = [];
    for (const item of was) if (!now.some((other) => other.id === item.id)) items.push(whole(item, 'removed'));
    for (const item of now) {
      const previous = was.find((other) => other.id === item.id);
      if (!previous) {
        items.push(whole(item, 'added'));
        continue;
      }
      const fields: FieldDifference[] = [];
      for (const field of item.fields) {
        const earlier = previous.fields.find((other) => other.name === field.name)?.value ?? '';
        if (earlier !== field.value) fields.push({ name: field.name, label: field.label, before: earlier, after: field.value, words: wordChanges(earlier, field.value) });
      }
      for (const field of previous.fields) {
        if (!item.fields.some((other) => other.name === field.name) && field.value !== '') {
          fields.push({ name: field.name, label: field.label, before: field.value, after: '', words: [{ text: field.value, change: 'removed' }] });
        }
      }
      if (fields.length > 0) items.push({ change: 'changed', itemId: item.id, reference: item.reference, fields });
    }
    if (items.length > 0) sections.push({ section, heading: `Section ${sectionLetter(section)}: ${SECTION_TITLES[section]}`, items });
  }
  return sections;
}
