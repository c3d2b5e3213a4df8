export * from './trajectory.ts';
