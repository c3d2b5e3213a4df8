// The layout of the CSV files cases are imported from (docs/import-cases.md), and the mapping file
// that says how a council's own files differ from it: their file names, their column headings and
// their codes (a sex coded 1 and 2, needs coded AUT, request sources in words). Pure: the files are
// read elsewhere.
import { z } from 'zod';
import { RELATIONSHIP_CODES } from '../children/relationships.ts';
import { SEN_NEED_TYPE_CODES } from '../plans/content.ts';

/** The files of an import, in the order they are read: the officers first, then a child's parts before the children. */
export const CASE_FILES = ['officers', 'people', 'requests', 'assessments', 'plans', 'reviews', 'children'] as const;
export type CaseFile = (typeof CASE_FILES)[number];

/** Our columns of each file: those a row cannot go without, and those read when the file has them. */
export const CASE_COLUMNS = {
  officers: { required: ['officer_id', 'name', 'email'], optional: ['team'] },
  children: { required: ['child_id', 'forename', 'surname', 'date_of_birth', 'sex'], optional: ['preferred_name', 'upn', 'postcode', 'school_urn'] },
  people: {
    required: ['person_id', 'child_id', 'forename', 'surname', 'relationship'],
    optional: ['parental_responsibility', 'main_contact', 'email', 'phone', 'address', 'postcode'],
  },
  requests: { required: ['request_id', 'child_id', 'received_on', 'source'], optional: ['decision', 'decision_on', 'officer_id', 'officer_email'] },
  assessments: { required: ['request_id', 'outcome', 'outcome_on'], optional: [] },
  plans: { required: ['request_id', 'draft_issued_on'], optional: ['issued_on', 'primary_need', 'secondary_need', 'placement_urn'] },
  reviews: { required: ['review_id', 'request_id', 'meeting_on'], optional: ['decision', 'decided_on'] },
} as const satisfies Record<CaseFile, { required: readonly string[]; optional: readonly string[] }>;

/** Only children.csv must be there: a council without reviews, say, leaves that file out. */
export const REQUIRED_FILES: readonly CaseFile[] = ['children'];

/** Our codes for each coded column, and what each means. */
export const CASE_CODES = {
  sex: { M: 'Male', F: 'Female', U: 'Not known' },
  relationship: Object.fromEntries(RELATIONSHIP_CODES.map((code) => [code, code])) as Record<string, string>,
  source: { '1': 'Parent or young person', '2': 'School or other education setting', '3': 'Health service', '4': 'Social care', '5': 'Other' },
  requestDecision: { assess: 'Decided to assess', refuse: 'Decided not to assess' },
  assessmentOutcome: { plan: 'Decided to issue a plan', 'no-plan': 'Decided not to issue a plan' },
  need: Object.fromEntries(SEN_NEED_TYPE_CODES.map((code) => [code, code])) as Record<string, string>,
  reviewDecision: { maintain: 'Maintain the plan', amend: 'Amend the plan', cease: 'Cease the plan' },
  yesNo: { yes: 'Yes', no: 'No' },
} as const;
export type CodeList = keyof typeof CASE_CODES;

const codeMap = z.record(z.string(), z.string());

/** The mapping file: JSON, every part but the source system optional. */
export const mappingSchema = z
  .object({
    /** The old system's name: kept with every record imported, so a second system's ids never meet the first's. */
    sourceSystem: z
      .string({ error: 'sourceSystem is missing: name the system the files came from' })
      .trim()
      .min(1, 'sourceSystem is empty: name the system the files came from')
      .max(100, 'sourceSystem must be 100 characters or fewer'),
    /** Each file's name in the folder, where it is not ours (children.csv); sen2 names last year's SEN2 return (sen2.xml). */
    files: z.partialRecord(z.enum([...CASE_FILES, 'sen2']), z.string().min(1)).default({}),
    /** Each file's headings, ours to theirs: { "children": { "child_id": "Pupil Ref" } }. */
    columns: z.partialRecord(z.enum(CASE_FILES), codeMap).default({}),
    /** Each code list, theirs to ours: { "sex": { "1": "M", "2": "F" } }. */
    codes: z.partialRecord(z.enum(Object.keys(CASE_CODES) as [CodeList, ...CodeList[]]), codeMap).default({}),
  })
  .strict();
export type CaseMapping = z.infer<typeof mappingSchema>;

/** The mapping file's problems, each a sentence; none when it can be used. */
export function checkMapping(input: unknown): { ok: true; mapping: CaseMapping } | { ok: false; problems: string[] } {
  const parsed = mappingSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'the file'}: ${issue.message}`) };
  const problems: string[] = [];
  const mapping = parsed.data;
  for (const [file, columns] of Object.entries(mapping.columns) as [CaseFile, Record<string, string>][]) {
    const ours: readonly string[] = [...CASE_COLUMNS[file].required, ...CASE_COLUMNS[file].optional];
    for (const column of Object.keys(columns)) if (!ours.includes(column)) problems.push(`columns.${file}: ${column} is not a column of ${file} (${ours.join(', ')})`);
  }
  for (const [list, codes] of Object.entries(mapping.codes) as [CodeList, Record<string, string>][]) {
    const ours = Object.keys(CASE_CODES[list]);
    for (const [theirs, code] of Object.entries(codes)) if (!ours.includes(code)) problems.push(`codes.${list}: "${theirs}" maps to ${code}, which is not one of ${ours.join(', ')}`);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, mapping };
}

/** The file's name in the folder. */
export function fileNameOf(mapping: CaseMapping, file: CaseFile): string {
  return mapping.files[file] ?? `${file}.csv`;
}

export interface FileHeader {
  /** Each of our columns the file has, and its position in a row. */
  positions: Record<string, number>;
  /** Our required columns the file lacks, by the heading looked for. */
  missingRequired: string[];
}

/** Where each of our columns is in a file, by its heading (the mapping's, or ours; case and surrounding spaces ignored). */
export function readHeader(mapping: CaseMapping, file: CaseFile, headings: readonly string[]): FileHeader {
  const index = new Map<string, number>();
  headings.forEach((heading, position) => {
    const key = heading.trim().toLowerCase();
    if (!index.has(key)) index.set(key, position);
  });
  const positions: Record<string, number> = {};
  const missingRequired: string[] = [];
  const columns = CASE_COLUMNS[file];
  for (const column of [...columns.required, ...columns.optional]) {
    const heading = headingOf(mapping, file, column);
    const position = index.get(heading.toLowerCase());
    if (position !== undefined) positions[column] = position;
    else if ((columns.required as readonly string[]).includes(column)) missingRequired.push(heading);
  }
  return { positions, missingRequired };
}

/** The heading a column of ours has in the council's file. */
export function headingOf(mapping: CaseMapping, file: CaseFile, column: string): string {
  return mapping.columns[file]?.[column] ?? column;
}

/**
 * A council's code as ours: their mapping first (case ignored), then our own code (case ignored);
 * undefined when neither knows it.
 */
export function codeOf(mapping: CaseMapping, list: CodeList, value: string): string | undefined {
  const text = value.trim();
  const lower = text.toLowerCase();
  const theirs = mapping.codes[list];
  if (theirs) for (const [key, code] of Object.entries(theirs)) if (key.trim().toLowerCase() === lower) return code;
  for (const code of Object.keys(CASE_CODES[list])) if (code.toLowerCase() === lower) return code;
  if (list === 'yesNo') {
    if (['y', 'true', '1'].includes(lower)) return 'yes';
    if (['n', 'false', '0'].includes(lower)) return 'no';
  }
  return undefined;
}
