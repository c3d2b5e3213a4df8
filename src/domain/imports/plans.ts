// A plan imported before whose row in the files changed (its needs, its placement, its final
// date): what an import does to the plan's versions, kept as the plan's pages keep them. No version
// once issued is changed: a draft not yet final has its working version saved again (a new
// revision); a draft the files now give a final date for has its working version issued as the
// final plan; a final plan whose needs or placement changed gets a new version, issued as amended,
// the versions before it kept. What cannot be taken is refused, with why. Pure.
import type { PlanContent } from '../plans/content.ts';

export interface HeldPlanVersion {
  number: number;
  /** working, draft, final, amended or ceased. */
  status: string;
  content: PlanContent;
}

/** The parts of a plan the files give: section B's needs and section I's placement. */
export type ImportedSections = Pick<PlanContent, 'b' | 'i'>;

export type ImportedPlanChange =
  | { kind: 'none' }
  /** The draft not yet final: its working version saved with the files' sections. */
  | { kind: 'working'; number: number; content: PlanContent }
  /** The files now give the final plan: the working version, with the files' sections, issued as final. */
  | { kind: 'final'; number: number; content: PlanContent }
  /** The final plan changed: a new version, the last issued one with the files' sections, issued as amended. */
  | { kind: 'amended'; number: number; base: number; content: PlanContent }
  | { kind: 'refused'; why: string };

const ISSUED_PLAN = new Set(['final', 'amended']);

/**
 * The change to a plan's versions that the files' row (final or not, and its sections) makes,
 * given the versions the service holds. Refused: a final plan the files give as a draft again (a
 * final plan is never taken back), a ceased plan, and a plan with amendments being written in the
 * service (the officer's work is not overwritten).
 */
export function importedPlanChange(versions: readonly HeldPlanVersion[], final: boolean, sections: ImportedSections): ImportedPlanChange {
  const lastIssued = versions.filter((version) => ISSUED_PLAN.has(version.status)).at(-1);
  const working = versions.find((version) => version.status === 'working');
  if (versions.some((version) => version.status === 'ceased')) return { kind: 'refused', why: 'is of a plan ceased in the service: a ceased plan is not changed by an import' };
  const withSections = (content: PlanContent): PlanContent => ({ ...content, b: sections.b, i: sections.i });
  const differs = (content: PlanContent) => sortedJson({ b: content.b, i: content.i }) !== sortedJson(sections);
  if (!lastIssued) {
    if (!working) return { kind: 'refused', why: 'is of a plan with no version being written: record the change in the service' };
    if (final) return { kind: 'final', number: working.number, content: withSections(working.content) };
    return differs(working.content) ? { kind: 'working', number: working.number, content: withSections(working.content) } : { kind: 'none' };
  }
  if (!final) return { kind: 'refused', why: `gives no final date, but the plan imported before is final (version ${lastIssued.number}): a final plan is never taken back; record the change in the service` };
  if (!differs(lastIssued.content)) return { kind: 'none' };
  if (working) {
    return { kind: 'refused', why: `changes a plan with amendments being written in the service (version ${working.number}): finish them, or decide not to amend, and import again` };
  }
  const number = Math.max(...versions.map((version) => version.number)) + 1;
  return { kind: 'amended', number, base: lastIssued.number, content: withSections(lastIssued.content) };
}

/** JSON with every object's keys in order: the database keeps JSON's keys in an order of its own. */
function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_key, entry: unknown) =>
    entry !== null && typeof entry === 'object' && !Array.isArray(entry) ? Object.fromEntries(Object.entries(entry as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : entry,
  );
}
