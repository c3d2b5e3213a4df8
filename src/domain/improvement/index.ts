export * from './trajectory.ts';
export * from './small-numbers.ts';
export * from './plan-as-at.ts';
