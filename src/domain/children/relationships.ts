// How a person is related to a child, as the record holds it (a code) and says it.

export const RELATIONSHIPS = {
  mother: 'Mother',
  father: 'Father',
  carer: 'Carer',
  'foster-carer': 'Foster carer',
  grandparent: 'Grandparent',
  'social-worker': 'Social worker',
  other: 'Other',
} as const;
export type Relationship = keyof typeof RELATIONSHIPS;

export const RELATIONSHIP_CODES = Object.keys(RELATIONSHIPS) as [Relationship, ...Relationship[]];

/** The relationship in words; a code this list does not know (older data), as it is held. */
export function relationshipName(code: string): string {
  return Object.hasOwn(RELATIONSHIPS, code) ? RELATIONSHIPS[code as Relationship] : code;
}
