// The team's pages, for managers, and the service's figures: route patterns and URL builders.

/** The caseloads page's filters, as its bookmarkable query string holds them. */
export interface CaseloadQuery {
  stage?: string | undefined;
  school?: string | number | undefined;
  /** A team's id, or 'all'. */
  team?: string | undefined;
}

/** The cases behind a figure: whose, which of them, under the page's filters. */
export interface CaseloadCasesQuery extends CaseloadQuery {
  /** An officer's id, or 'unallocated' for the queue; everyone's when not given. */
  officer?: string | undefined;
  show?: 'open' | 'overdue' | 'due-this-week' | 'waiting-long' | undefined;
  page?: number | undefined;
}

const queryString = (fields: Record<string, string | number | undefined>) => {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) if (value !== undefined && value !== '') query.set(key, String(value));
  const text = query.toString();
  return text ? `?${text}` : '';
};

export const caseloadPaths = {
  /** A manager's home: the team's deadlines and the unallocated queue at a glance. */
  team: '/team',
  unallocated: '/team/unallocated',
  unallocatedPage: (page: number) => `/team/unallocated?page=${page}`,
  /** Every officer's caseload, weighted, and the queue's. */
  caseloads: '/team/caseloads',
  caseloadsFiltered: (filters: CaseloadQuery) => `/team/caseloads${queryString({ team: filters.team, stage: filters.stage, school: filters.school })}`,
  caseloadCases: '/team/caseloads/cases',
  casesBehind: (query: CaseloadCasesQuery) =>
    `/team/caseloads/cases${queryString({ officer: query.officer, show: query.show === 'open' ? undefined : query.show, team: query.team === 'all' ? undefined : query.team, stage: query.stage, school: query.school, page: query.page && query.page > 1 ? query.page : undefined })}`,
  /** The weighting rules and the cap: administrators change them, managers read them. */
  weights: '/team/caseloads/weights',
  weightsSaved: '/team/caseloads/weights?saved=1',
  /** An officer's whole caseload handed over (the allocation feature's page), and their leaving date. */
  handover: (officerId: string) => `/team/caseloads/handover/${encodeURIComponent(officerId)}`,
  /** The improvement board's home: figures only. */
  figures: '/figures',
} as const;
