export * from './weights.ts';
export * from './capacity.ts';
export * from './queue.ts';
export * from './waits.ts';
export * from './handover.ts';
export * from './cover.ts';
