export * from './content.ts';
export * from './describe.ts';
export * from './rules.ts';
export * from './check.ts';
export * from './difference.ts';
export * from './sen2-facts.ts';
