export * from './audit.ts';
export * from './casework.ts';
export * from './identity.ts';
export * from './reference.ts';
export * from './jobs.ts';
export * from './decisions.ts';
export * from './advice.ts';
export * from './letters.ts';
