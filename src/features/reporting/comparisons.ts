// The figures to compare the council's with: England's, as the DfE publishes them, and the
// council's own for 2024 from the DfE's per-authority tables (src/db/reference/la-profile-2025.csv).
import { loadAuthorityProfiles, type AuthorityProfile } from '../../db/seed/scale.ts';
import { percentage } from '../../domain/reporting/index.ts';
import { MEASURES, type MeasureDeclaration } from './catalogue.ts';

export interface Comparison {
  /** England's figure (percent), and where it comes from. */
  england?: { value: number; source: string };
  /** The council's own figure for 2024 in the DfE's tables. */
  council2024?: { value: number; source: string };
}

const PROFILE_SOURCE = 'DfE, Education, health and care plans, England 2025: the council’s own figure for 2024';

let profiles: AuthorityProfile[] | undefined;
const readProfiles = () => (profiles ??= loadAuthorityProfiles());

/** England's share of requests decided within 6 weeks, over the authorities that published both figures. */
function englandDecidedIn6Weeks(): number | null {
  let decided = 0;
  let requests = 0;
  for (const profile of readProfiles()) {
    if (profile.decidedWithin6Weeks === undefined || profile.requests === undefined) continue;
    decided += profile.decidedWithin6Weeks;
    requests += profile.requests;
  }
  return percentage(decided, requests);
}

function councilFigure(kind: NonNullable<MeasureDeclaration['council2024']>, profile: AuthorityProfile): number | null {
  switch (kind) {
    case 'decided-6-weeks':
      return profile.decidedWithin6Weeks !== undefined && profile.requests ? percentage(profile.decidedWithin6Weeks, profile.requests) : null;
    case 'agreed':
      return profile.agreed !== undefined && profile.requests ? percentage(profile.agreed, profile.requests) : null;
    case 'within-20-weeks':
      return profile.within20WeeksPc ?? null;
    case 'reviews-4-weeks':
      return profile.reviewsWithin4WeeksPc ?? null;
  }
}

/** Each measure's comparisons for the council with this LA code (null: England's only). */
export function comparisonsFor(laCode: string | null): Map<string, Comparison> {
  const profile = laCode ? readProfiles().find((entry) => entry.laCode === laCode) : undefined;
  const result = new Map<string, Comparison>();
  for (const declaration of MEASURES as readonly MeasureDeclaration[]) {
    const comparison: Comparison = {};
    if (declaration.england) comparison.england = declaration.england;
    else if (declaration.id === 'requests-decided-in-6-weeks') {
      const value = englandDecidedIn6Weeks();
      if (value !== null) comparison.england = { value, source: 'DfE, Education, health and care plans, England 2025: all authorities publishing the figure for 2024' };
    }
    if (declaration.council2024 && profile) {
      const value = councilFigure(declaration.council2024, profile);
      if (value !== null) comparison.council2024 = { value, source: PROFILE_SOURCE };
    }
    result.set(declaration.id, comparison);
  }
  return result;
}
