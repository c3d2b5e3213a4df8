// The caseload reports for managers: route patterns and URL builders.

/** The report's query as the form sends it: each date as its three boxes, and N. */
export type WaitsQuery = Record<string, string>;

const withQuery = (path: string, query: WaitsQuery, page?: number) => {
  const search = new URLSearchParams(Object.entries(query).filter(([key, value]) => value !== '' && key !== 'page'));
  if (page !== undefined && page > 1) search.set('page', String(page));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
};

export const caseloadReportPaths = {
  /** Cases that waited in the unallocated queue for more than N working days in a period. */
  waits: '/team/caseloads/waits',
  waitsCsv: '/team/caseloads/waits.csv',
  waitsPage: (query: WaitsQuery, page?: number) => withQuery('/team/caseloads/waits', query, page),
  waitsDownload: (query: WaitsQuery) => withQuery('/team/caseloads/waits.csv', query),
} as const;
