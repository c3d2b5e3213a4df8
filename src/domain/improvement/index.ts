export * from './trajectory.ts';
export * from './small-numbers.ts';
