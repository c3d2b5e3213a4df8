// The service dashboard: the catalogue of measures, each measure's value and monthly series for a
// period and filters, and the cases behind every figure, as pages and as CSV and Excel downloads.
export { isMeasureId, MEASURE_IDS, MEASURES, measure, type MeasureDeclaration, type MeasureId, type MeasureTiming, type MeasureUnit } from './catalogue.ts';
export type { Comparison } from './comparisons.ts';
export { reportingPaths, type ReportQuery } from './paths.ts';
export { figureText, monthsChartSvg, monthsTable } from './presenters.ts';
export { reportingRoutes } from './routes.ts';
export { measureCatalogue, ReportingService, type BreakdownCount, type MeasureAt, type MeasureBreakdown, type MeasureFigures, type MeasureValue, type MonthValue, type ReportInput } from './service.ts';
