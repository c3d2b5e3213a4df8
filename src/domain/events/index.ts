export * from './catalogue.ts';
export * from './case-deadlines.ts';
export * from './order.ts';
export * from './sen2.ts';
