export * from './codes.ts';
export * from './record.ts';
export * from './validate.ts';
export * from './xml.ts';
export * from './read.ts';
