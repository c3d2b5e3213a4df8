// The administrators' pages of the cases import: the runs, the upload form and each run's page.
const id = (value: string) => encodeURIComponent(value);

export const casesImportPaths = {
  runs: '/admin/imports',
  runRoute: '/admin/imports/:runId',
  progressRoute: '/admin/imports/:runId/progress',
  refusalsRoute: '/admin/imports/:runId/refused-rows.csv',
  applyRoute: '/admin/imports/:runId/apply',
  run: (runId: string) => `/admin/imports/${id(runId)}`,
  progress: (runId: string) => `/admin/imports/${id(runId)}/progress`,
  refusals: (runId: string) => `/admin/imports/${id(runId)}/refused-rows.csv`,
  apply: (runId: string) => `/admin/imports/${id(runId)}/apply`,
} as const;
