export * from './catalogue.ts';
export * from './case-deadlines.ts';
