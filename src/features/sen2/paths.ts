// The SEN2 return's addresses: the page with its census date and validation report, and the XML.
const withCensus = (path: string, censusDate: string) => {
  const [year, month, day] = censusDate.split('-');
  return `${path}?${new URLSearchParams({ 'censusDate-day': String(Number(day)), 'censusDate-month': String(Number(month)), 'censusDate-year': year ?? '' }).toString()}`;
};

export const sen2Paths = {
  page: '/returns/sen2',
  download: '/returns/sen2/download',
  /** The page's report for a census date (YYYY-MM-DD). */
  report: (censusDate: string) => withCensus('/returns/sen2', censusDate),
  /** The XML for a census date (YYYY-MM-DD). */
  file: (censusDate: string) => withCensus('/returns/sen2/download', censusDate),
} as const;
