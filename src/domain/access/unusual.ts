// Which views of children's records an administrator should look at again: many records in a short
// time, a child outside the viewer's caseload and team, a restricted record. The facts come from the
// access log and the cases as they stood at the moment of each view; the rules that judge them are here.

/** The thresholds of "many records in a short time": more than `children` distinct children within `minutes`. */
export interface BurstThreshold {
  children: number;
  minutes: number;
}

/** Twenty records in ten minutes is more than a morning's casework: a hand-over or a panel reads ten or so. */
export const DEFAULT_BURST: BurstThreshold = { children: 20, minutes: 10 };

/** The limits a threshold may be set to on the report's form. */
export const BURST_LIMITS = { children: { min: 2, max: 1000 }, minutes: { min: 1, max: 1440 } } as const;

/** The viewer's role, as far as these rules care. */
export type ViewerRole = 'case_officer' | 'team_manager' | 'service_lead' | 'admin' | 'other';

/** One view of a child's record from the access log, with what was true of the child and the viewer at that moment. */
export interface ViewFact {
  id: string;
  /** Milliseconds since the epoch. */
  at: number;
  viewerId: string;
  viewerRole: ViewerRole;
  childId: string;
  /** What was looked at: 'record', 'document:…', 'refused:record'. */
  view: string;
  /** The child's record is restricted (adoption, safeguarding). */
  restricted: boolean;
  /** Someone held one of the child's cases at the moment of the view. */
  caseHeld: boolean;
  /** The viewer held one of the child's cases, or covered for the officer who did, at that moment. */
  viewerHoldsCase: boolean;
  /** The viewer is in the team of the officer holding the case, or manages it. */
  viewerInHoldersTeam: boolean;
}

export type UnusualReason = 'many-records' | 'outside-caseload' | 'restricted';

export interface Burst {
  viewerId: string;
  /** The first and last view of the busiest stretch, ms since the epoch. */
  from: number;
  to: number;
  /** Distinct children viewed in that stretch. */
  children: number;
  childIds: string[];
}

export interface UnusualView {
  view: ViewFact;
  reasons: UnusualReason[];
}

/**
 * Outside the viewer's caseload and team: a case officer or team manager viewed a child whose case
 * someone else held, and the viewer is neither in that officer's team nor its manager nor covering.
 * Service leads and administrators work across the whole service, so no view of theirs is outside
 * it; a child whose case nobody held (unallocated, or no case) is outside no one's caseload.
 */
export function isOutsideCaseload(fact: ViewFact): boolean {
  if (fact.viewerRole !== 'case_officer' && fact.viewerRole !== 'team_manager') return false;
  return fact.caseHeld && !fact.viewerHoldsCase && !fact.viewerInHoldersTeam;
}

/** A restricted record viewed, or an attempt refused: every one is worth a second look. */
export function isRestrictedView(fact: ViewFact): boolean {
  return fact.restricted;
}

/**
 * Each viewer's stretches of more than `threshold.children` distinct children within
 * `threshold.minutes`: a window slid along their views in time order, the widest reach of each run
 * of overlapping windows reported once.
 */
export function findBursts(facts: readonly ViewFact[], threshold: BurstThreshold): Burst[] {
  const span = threshold.minutes * 60_000;
  const byViewer = new Map<string, ViewFact[]>();
  for (const fact of facts) {
    const list = byViewer.get(fact.viewerId) ?? [];
    list.push(fact);
    byViewer.set(fact.viewerId, list);
  }
  const bursts: Burst[] = [];
  for (const [viewerId, views] of byViewer) {
    views.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
    const counts = new Map<string, number>();
    let start = 0;
    let current: Burst | undefined;
    for (let end = 0; end < views.length; end++) {
      const entering = views[end]!;
      counts.set(entering.childId, (counts.get(entering.childId) ?? 0) + 1);
      while (entering.at - views[start]!.at > span) {
        const leaving = views[start]!;
        const left = (counts.get(leaving.childId) ?? 1) - 1;
        if (left === 0) counts.delete(leaving.childId);
        else counts.set(leaving.childId, left);
        start++;
      }
      if (counts.size <= threshold.children) continue;
      const from = views[start]!.at;
      if (current && from <= current.to) {
        // Overlaps the stretch already found: widen it.
        current.to = entering.at;
        for (const childId of counts.keys()) if (!current.childIds.includes(childId)) current.childIds.push(childId);
        current.children = current.childIds.length;
      } else {
        current = { viewerId, from, to: entering.at, children: counts.size, childIds: [...counts.keys()] };
        bursts.push(current);
      }
    }
  }
  return bursts.sort((a, b) => a.from - b.from || a.viewerId.localeCompare(b.viewerId));
}

/** The views outside a caseload or of a restricted record, newest first, each with its reasons. */
export function unusualViews(facts: readonly ViewFact[]): UnusualView[] {
  const found: UnusualView[] = [];
  for (const fact of facts) {
    const reasons: UnusualReason[] = [];
    if (isOutsideCaseload(fact)) reasons.push('outside-caseload');
    if (isRestrictedView(fact)) reasons.push('restricted');
    if (reasons.length > 0) found.push({ view: fact, reasons });
  }
  return found.sort((a, b) => b.view.at - a.view.at || b.view.id.localeCompare(a.view.id));
}

/** A threshold as typed on the form: whole numbers within the limits, or the default. */
export function checkBurstThreshold(input: { children?: string; minutes?: string }): { ok: true; threshold: BurstThreshold } | { ok: false; problems: { field: 'children' | 'minutes'; message: string }[] } {
  const problems: { field: 'children' | 'minutes'; message: string }[] = [];
  const read = (field: 'children' | 'minutes', fallback: number, what: string): number => {
    const text = (input[field] ?? '').trim();
    if (text === '') return fallback;
    const { min, max } = BURST_LIMITS[field];
    if (!/^\d{1,5}$/.test(text) || Number(text) < min || Number(text) > max) {
      problems.push({ field, message: `The number of ${what} must be a whole number from ${min} to ${max}` });
      return fallback;
    }
    return Number(text);
  };
  const children = read('children', DEFAULT_BURST.children, 'children');
  const minutes = read('minutes', DEFAULT_BURST.minutes, 'minutes');
  return problems.length > 0 ? { ok: false, problems } : { ok: true, threshold: { children, minutes } };
}
