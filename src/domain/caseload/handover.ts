// The hand-over of a leaving officer's whole caseload: a suggested recipient for each case, each
// suggestion explained. Pure: the feature reads the cases and officers and the manager decides.
//
// The rules, in the order they are applied:
//   1. A case with a live appeal goes to an experienced officer (months in post) with room, so a
//      tribunal is not an officer's first; appeals are not recorded yet, so no case matches today.
//   2. The pupils of one school stay together with one officer where someone has room for them all,
//      preferring the officer who already holds that school's pupils; otherwise they go to as few
//      officers as fit, still preferring those who hold the school.
//   3. Any other case goes to the officer with the most room.
//   4. Nobody goes over their cap while anybody has room for the case; when no one has, the case
//      goes to whoever would be least over and the suggestion is flagged, for the manager to decide
//      with a recorded reason.
// Ties are broken by name then id, so the same caseload always gets the same suggestion.
import { formatTenths } from './weights.ts';

/** Months in post from which an officer counts as experienced for a live appeal. */
export const EXPERIENCED_MONTHS = 12;

export interface HandoverCase {
  caseId: string;
  reference: string;
  weightTenths: number;
  school: { id: string; name: string } | null;
  liveAppeal: boolean;
}

export interface HandoverOfficer {
  id: string;
  name: string;
  loadTenths: number;
  capacityTenths: number;
  /** How many open cases the officer holds now at each school, by the school's id. */
  casesAtSchool: Readonly<Record<string, number>>;
  monthsInPost: number;
}

export interface HandoverSuggestion {
  caseId: string;
  officerId: string;
  /** Going to this officer takes them over their cap: no one had room. */
  overCap: boolean;
  explanation: string;
}

export interface HandoverPlan {
  suggestions: HandoverSuggestion[];
  /** Each officer's load once every suggestion is taken, by id. */
  loadAfter: Map<string, number>;
  overCap: number;
}

export const isExperienced = (officer: Pick<HandoverOfficer, 'monthsInPost'>) => officer.monthsInPost >= EXPERIENCED_MONTHS;

const byNameThenId = (a: { name: string; id: string }, b: { name: string; id: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byWeightThenReference = (a: HandoverCase, b: HandoverCase) => b.weightTenths - a.weightTenths || (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0);

const pupils = (count: number) => (count === 1 ? '1 pupil' : `${count} pupils`);

export function suggestHandover(cases: readonly HandoverCase[], officers: readonly HandoverOfficer[]): HandoverPlan {
  const pool = [...officers].sort(byNameThenId);
  const load = new Map(pool.map((officer) => [officer.id, officer.loadTenths]));
  const atSchool = new Map(pool.map((officer) => [officer.id, new Map(Object.entries(officer.casesAtSchool))]));
  const room = (officer: HandoverOfficer) => officer.capacityTenths - load.get(officer.id)!;
  const loadText = (officer: HandoverOfficer) => `${formatTenths(load.get(officer.id)!)} of ${formatTenths(officer.capacityTenths)}`;
  const suggestions = new Map<string, HandoverSuggestion>();

  const give = (entry: HandoverCase, officer: HandoverOfficer, overCap: boolean, explain: (officer: HandoverOfficer) => string) => {
    load.set(officer.id, load.get(officer.id)! + entry.weightTenths);
    if (entry.school) {
      const schools = atSchool.get(officer.id)!;
      schools.set(entry.school.id, (schools.get(entry.school.id) ?? 0) + 1);
    }
    suggestions.set(entry.caseId, { caseId: entry.caseId, officerId: officer.id, overCap, explanation: explain(officer) });
  };

  /** The officer with the most room among `candidates` (first by name on a tie). */
  const mostRoom = (candidates: readonly HandoverOfficer[]) => candidates.reduce<HandoverOfficer | undefined>((best, officer) => (!best || room(officer) > room(best) ? officer : best), undefined);

  /** No one has room: the officer left least over their cap, flagged. */
  const leastOver = (entry: HandoverCase, candidates: readonly HandoverOfficer[]) => {
    const officer = mostRoom(candidates)!;
    give(entry, officer, true, (chosen) => `No officer has room for this case: ${chosen.name} is the least over their cap, at ${loadText(chosen)}. Going over the cap needs a reason`);
  };

  if (pool.length === 0) return { suggestions: [], loadAfter: load, overCap: 0 };

  // 1. Live appeals, heaviest first.
  const appeals = cases.filter((entry) => entry.liveAppeal).sort(byWeightThenReference);
  for (const entry of appeals) {
    const experienced = pool.filter((officer) => isExperienced(officer) && room(officer) >= entry.weightTenths);
    const chosen = mostRoom(experienced);
    if (chosen) {
      give(entry, chosen, false, (officer) => `A live appeal: ${officer.name} has ${EXPERIENCED_MONTHS} months or more in post and has room: ${loadText(officer)}`);
      continue;
    }
    const anyone = mostRoom(pool.filter((officer) => room(officer) >= entry.weightTenths));
    if (anyone) give(entry, anyone, false, (officer) => `A live appeal, but no experienced officer has room: ${officer.name} has the most room, ${loadText(officer)}`);
    else leastOver(entry, pool);
  }

  // 2. Each school's pupils, the school with the most weight first.
  const schools = new Map<string, { name: string; cases: HandoverCase[] }>();
  for (const entry of cases) {
    if (entry.liveAppeal || !entry.school) continue;
    const school = schools.get(entry.school.id) ?? { name: entry.school.name, cases: [] };
    school.cases.push(entry);
    schools.set(entry.school.id, school);
  }
  const schoolOrder = [...schools.entries()]
    .map(([id, school]) => ({ id, ...school, weight: school.cases.reduce((sum, entry) => sum + entry.weightTenths, 0) }))
    .sort((a, b) => b.weight - a.weight || (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
  for (const school of schoolOrder) {
    const sorted = [...school.cases].sort(byWeightThenReference);
    const holds = (officer: HandoverOfficer) => atSchool.get(officer.id)!.get(school.id) ?? 0;
    // The officer holding most of the school's pupils already, then the most room.
    const preferred = (candidates: readonly HandoverOfficer[]) =>
      candidates.reduce<HandoverOfficer | undefined>((best, officer) => (!best || holds(officer) > holds(best) || (holds(officer) === holds(best) && room(officer) > room(best)) ? officer : best), undefined);
    const whole = preferred(pool.filter((officer) => room(officer) >= school.weight));
    if (whole) {
      const already = holds(whole);
      for (const entry of sorted) give(entry, whole, false, () => '');
      // Said once the whole group is given, so each of its cases shows the same load.
      const said =
        sorted.length === 1
          ? `${already > 0 ? `${whole.name} already holds ${pupils(already)} of ${school.name}` : `The only pupil of ${school.name} in this caseload`}; ${whole.name} has room: ${loadText(whole)}`
          : `Keeps the ${sorted.length} pupils of ${school.name} together${already > 0 ? `, with the ${pupils(already)} ${whole.name} already holds there` : ''}; ${whole.name} has room: ${loadText(whole)}`;
      for (const entry of sorted) suggestions.get(entry.caseId)!.explanation = said;
      continue;
    }
    for (const entry of sorted) {
      const chosen = preferred(pool.filter((officer) => room(officer) >= entry.weightTenths));
      if (!chosen) {
        leastOver(entry, pool);
        continue;
      }
      const already = holds(chosen);
      give(entry, chosen, false, (officer) =>
        already > 0
          ? `No one officer has room for all ${sorted.length} pupils of ${school.name}; ${officer.name} holds ${pupils(already)} there and has room: ${loadText(officer)}`
          : `No one officer has room for all ${sorted.length} pupils of ${school.name}; ${officer.name} has the most room: ${loadText(officer)}`,
      );
    }
  }

  // 3. Children without a school or setting, heaviest first, to the most room.
  for (const entry of cases.filter((item) => !item.liveAppeal && !item.school).sort(byWeightThenReference)) {
    const chosen = mostRoom(pool.filter((officer) => room(officer) >= entry.weightTenths));
    if (chosen) give(entry, chosen, false, (officer) => `${officer.name} has the most room: ${loadText(officer)}`);
    else leastOver(entry, pool);
  }

  const ordered = cases.map((entry) => suggestions.get(entry.caseId)!);
  return { suggestions: ordered, loadAfter: load, overCap: ordered.filter((entry) => entry.overCap).length };
}
