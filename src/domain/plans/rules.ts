// What a plan's content must hold before it can be saved at all: items that name only needs and
// outcomes of this plan, provision that names the need it meets, exactly one primary need. These
// are refusals, not the check's warnings: a plan that breaks them cannot be read as a whole.
import type { PlanContent } from './content.ts';
import { itemReferences } from './describe.ts';

export interface ContentProblem {
  /** The section and, for an item, its id: "f.f-3a9c.needIds". */
  field: string;
  message: string;
}

export function contentProblems(content: PlanContent): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const references = itemReferences(content);
  const seen = new Set<string>();
  for (const section of ['b', 'c', 'd', 'e', 'f', 'g', 'h1', 'h2', 'k'] as const) {
    for (const item of content[section]) {
      if (seen.has(item.id)) problems.push({ field: `${section}.${item.id}`, message: `Two items of the plan have the id ${item.id}: each item needs its own` });
      seen.add(item.id);
    }
  }
  if (content.b.length > 0) {
    const primaries = content.b.filter((need) => need.primary).length;
    if (primaries !== 1) problems.push({ field: 'b.primary', message: primaries === 0 ? 'Mark one need in section B as the primary need' : 'Only one need in section B can be the primary need' });
  }
  const needs = new Set(content.b.map((need) => need.id));
  const outcomes = new Set(content.e.map((outcome) => outcome.id));
  const health = new Set(content.c.map((need) => need.id));
  const social = new Set(content.d.map((need) => need.id));
  for (const outcome of content.e) {
    if (outcome.needIds.some((id) => !needs.has(id))) problems.push({ field: `e.${outcome.id}.needIds`, message: `Outcome ${references.get(outcome.id)} is linked to a need that is not in this plan’s section B` });
  }
  for (const item of content.f) {
    if (item.needIds.length === 0) problems.push({ field: `f.${item.id}.needIds`, message: `Provision ${references.get(item.id)} must name at least one need in section B that it meets` });
    else if (item.needIds.some((id) => !needs.has(id))) problems.push({ field: `f.${item.id}.needIds`, message: `Provision ${references.get(item.id)} is linked to a need that is not in this plan’s section B` });
    if (item.outcomeIds.some((id) => !outcomes.has(id))) problems.push({ field: `f.${item.id}.outcomeIds`, message: `Provision ${references.get(item.id)} is linked to an outcome that is not in this plan’s section E` });
  }
  for (const item of content.g) {
    if (item.needIds.some((id) => !health.has(id))) problems.push({ field: `g.${item.id}.needIds`, message: `Health provision ${references.get(item.id)} is linked to a need that is not in this plan’s section C` });
  }
  for (const section of ['h1', 'h2'] as const) {
    for (const item of content[section]) {
      if (item.needIds.some((id) => !social.has(id))) {
        problems.push({ field: `${section}.${item.id}.needIds`, message: `Social care provision ${references.get(item.id)} is linked to a need that is not in this plan’s section D` });
      }
    }
  }
  if (content.j && content.j.amount < 0) problems.push({ field: 'j.amount', message: 'The personal budget cannot be less than £0' });
  return problems;
}
