// The service dashboard: route patterns and URL builders. Every filter is in the query string, so
// any view of the figures (and the cases behind one) can be bookmarked and shared.

/** The question as its query string holds it: months as YYYY-MM, each filter's value or absent. */
export interface ReportQuery {
  from?: string | undefined;
  to?: string | undefined;
  team?: string | undefined;
  officer?: string | undefined;
  school?: string | number | undefined;
  need?: string | undefined;
  stage?: string | undefined;
}

export interface CasesQuery extends ReportQuery {
  part?: 'all' | 'counted' | 'not-counted' | undefined;
  page?: number | undefined;
  /** YYYY-MM: a count of cases as they stand, as it stood at the end of the month. */
  at?: string | undefined;
}

/** The filters of a question without its period: a count of cases as they stand is today's whatever the period. */
export const filtersOf = (query: ReportQuery): ReportQuery => ({ team: query.team, officer: query.officer, school: query.school, need: query.need, stage: query.stage });

const KEYS = ['from', 'to', 'team', 'officer', 'school', 'need', 'stage', 'at', 'part', 'page'] as const;

const withQuery = (path: string, query: CasesQuery) => {
  const search = new URLSearchParams();
  for (const key of KEYS) {
    const value = query[key];
    if (value === undefined || value === '' || (key === 'part' && value === 'all') || (key === 'page' && Number(value) <= 1)) continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
};

const measurePath = (measureId: string) => `/reporting/measures/${encodeURIComponent(measureId)}`;

export const reportingPaths = {
  dashboard: '/reporting',
  dashboardDownload: (format: 'csv' | 'xlsx') => `/reporting/dashboard.${format}`,
  measureRoute: '/reporting/measures/:measureId',
  measureDownload: (format: 'csv' | 'xlsx') => `/reporting/measures/:measureId/months.${format}`,
  casesRoute: '/reporting/measures/:measureId/cases',
  casesDownload: (format: 'csv' | 'xlsx') => `/reporting/measures/:measureId/cases.${format}`,
  dashboardFor: (query: ReportQuery) => withQuery('/reporting', query),
  dashboardFile: (query: ReportQuery, format: 'csv' | 'xlsx') => withQuery(`/reporting/dashboard.${format}`, query),
  measure: (measureId: string, query: ReportQuery) => withQuery(measurePath(measureId), query),
  measureFile: (measureId: string, query: ReportQuery, format: 'csv' | 'xlsx') => withQuery(`${measurePath(measureId)}/months.${format}`, query),
  cases: (measureId: string, query: CasesQuery) => withQuery(`${measurePath(measureId)}/cases`, query),
  casesFile: (measureId: string, query: CasesQuery, format: 'csv' | 'xlsx') => withQuery(`${measurePath(measureId)}/cases.${format}`, { ...query, page: undefined }),
} as const;
