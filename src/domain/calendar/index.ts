export * from './dates.ts';
export * from './easter.ts';
export * from './bank-holidays.ts';
export * from './working-days.ts';
