export * from './phase-cohort.ts';
export * from './transfer-out.ts';
