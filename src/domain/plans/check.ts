// The plan read the way a tribunal reads it, before it is issued. Provision in section F must be
// "detailed and specific and should normally be quantified" (SEND Code of Practice 2015, 9.69):
// how often, for how long, by whom; words that promise nothing ("access to", "as required") are the
// commonest ground of appeal. Each finding points at the item it is about. Findings are warnings an
// officer may override with a reason, except that a final plan cannot be issued without sections
// B, F and I (the sections a family may appeal, CFA 2014 s.51(2)(c); reg. 12(1)).
import { itemAnchor, sectionAnchor, type PlanContent, type PlanSection } from './content.ts';
import { itemReferences } from './describe.ts';

export type PlanStage = 'draft' | 'final';

export type FindingCode =
  | 'f-no-frequency'
  | 'f-no-duration'
  | 'f-no-provider'
  | 'f-vague'
  | 'b-need-without-provision'
  | 'e-outcome-without-need'
  | 'c-need-without-provision'
  | 'd-need-without-provision'
  | 'b-missing'
  | 'f-missing'
  | 'i-missing';

export interface Finding {
  /** Stable for the same problem on the same item, so an override names it: "f-vague.f-1a2b". */
  id: string;
  code: FindingCode;
  section: PlanSection;
  /** The item it is about, when it is about one. */
  itemId: string | null;
  /** The anchor on the plan's page: the item's, or the section's. */
  anchor: string;
  message: string;
  /** True when no override can let the plan be issued. */
  blocking: boolean;
}

/** Words in provision that leave it unenforceable, as whole words, whatever their case. */
export const VAGUE_WORDS = ['access to', 'opportunities for', 'regular', 'as required', 'up to', 'should', 'may'] as const;

const VAGUE_PATTERNS = VAGUE_WORDS.map((words) => ({ words, pattern: new RegExp(`(?<![\\p{L}\\p{N}])${words.replace(/ /g, '\\s+')}(?![\\p{L}\\p{N}])`, 'iu') }));

/** The vague words a text holds, each once, in the list's order. */
export function vagueWordsIn(text: string): string[] {
  return VAGUE_PATTERNS.filter(({ pattern }) => pattern.test(text)).map(({ words }) => words);
}

const quoted = (words: readonly string[]) => words.map((word) => `“${word}”`).join(', ');

export function checkPlan(content: PlanContent, stage: PlanStage): Finding[] {
  const findings: Finding[] = [];
  const references = itemReferences(content);
  const item = (code: FindingCode, section: PlanSection, id: string, message: string) =>
    findings.push({ id: `${code}.${id}`, code, section, itemId: id, anchor: itemAnchor(id), message, blocking: false });
  const whole = (code: FindingCode, section: PlanSection, message: string, blocking: boolean) =>
    findings.push({ id: code, code, section, itemId: null, anchor: sectionAnchor(section), message, blocking });

  if (content.b.length === 0) whole('b-missing', 'b', 'Section B has no special educational needs', stage === 'final');
  if (content.f.length === 0) whole('f-missing', 'f', 'Section F has no special educational provision', stage === 'final');
  if (stage === 'final' && content.i === null) whole('i-missing', 'i', 'Section I names no school or type of setting: a final plan must name one', true);

  for (const provision of content.f) {
    const ref = references.get(provision.id)!;
    if (!provision.frequency.trim()) item('f-no-frequency', 'f', provision.id, `Provision ${ref} does not say how often it is given`);
    if (!provision.duration.trim()) item('f-no-duration', 'f', provision.id, `Provision ${ref} does not say for how long each session lasts or how long it runs`);
    if (!provision.providerRole.trim()) item('f-no-provider', 'f', provision.id, `Provision ${ref} does not say who delivers it`);
    const words = vagueWordsIn(
      [provision.what, provision.providerRole, provision.providerQualification, provision.frequency, provision.duration, provision.groupSize, provision.location].join('\n'),
    );
    if (words.length > 0) item('f-vague', 'f', provision.id, `Provision ${ref} uses vague words that a tribunal may not enforce: ${quoted(words)}`);
  }
  const metNeeds = new Set(content.f.flatMap((provision) => provision.needIds));
  for (const need of content.b) {
    if (!metNeeds.has(need.id)) item('b-need-without-provision', 'b', need.id, `Need ${references.get(need.id)} has no provision in section F to meet it`);
  }
  for (const outcome of content.e) {
    if (outcome.needIds.length === 0) item('e-outcome-without-need', 'e', outcome.id, `Outcome ${references.get(outcome.id)} is not linked to any need in section B`);
  }
  const healthMet = new Set(content.g.flatMap((provision) => provision.needIds));
  for (const need of content.c) {
    if (!healthMet.has(need.id)) item('c-need-without-provision', 'c', need.id, `Health need ${references.get(need.id)} has no health provision in section G`);
  }
  const socialMet = new Set([...content.h1, ...content.h2].flatMap((provision) => provision.needIds));
  for (const need of content.d) {
    if (!socialMet.has(need.id)) item('d-need-without-provision', 'd', need.id, `Social care need ${references.get(need.id)} has no social care provision in section H1 or H2`);
  }
  return findings;
}

export interface Override {
  findingId: string;
  reason: string;
}

export interface IssueRefusal {
  field: string;
  message: string;
}

/**
 * Whether a plan may be issued with these findings and overrides: refused while a blocking finding
 * stands, or while a warning has no reason to override it. Overrides of findings no longer found
 * are dropped.
 */
export function issueRefusals(findings: readonly Finding[], overrides: readonly Override[]): IssueRefusal[] {
  const refusals: IssueRefusal[] = [];
  for (const finding of findings) {
    if (finding.blocking) {
      refusals.push({ field: `override.${finding.id}`, message: `${finding.message}. A final plan cannot be issued without sections B, F and I (SEND Regulations 2014 reg. 12)` });
      continue;
    }
    const reason = overrides.find((override) => override.findingId === finding.id)?.reason.trim() ?? '';
    if (!reason) refusals.push({ field: `override.${finding.id}`, message: `${finding.message}: change the plan, or give the reason to issue it as it is` });
    else if (reason.length > 2000) refusals.push({ field: `override.${finding.id}`, message: 'The reason must be 2,000 characters or fewer' });
  }
  return refusals;
}
