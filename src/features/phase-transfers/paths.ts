const id = (value: string) => encodeURIComponent(value);

export interface CohortLink {
  year: number;
  move?: string | null | undefined;
  standing?: string | null | undefined;
  page?: number | undefined;
}

/** The cohort's URL, with only the filters set: a page an officer can bookmark or send on. */
function cohort(link: CohortLink): string {
  const query = new URLSearchParams({ year: String(link.year) });
  if (link.move) query.set('move', link.move);
  if (link.standing) query.set('standing', link.standing);
  if (link.page && link.page > 1) query.set('page', String(link.page));
  return `/phase-transfers?${query.toString()}`;
}

export const phaseTransfersPaths = {
  cohortRoute: '/phase-transfers',
  cohort,
  childRoute: '/phase-transfers/:year/cases/:caseId',
  child: (year: number, caseId: string) => `/phase-transfers/${year}/cases/${id(caseId)}`,
  api: {
    cohortRoute: '/api/v1/phase-transfers',
  },
} as const;
