export * from './weights.ts';
export * from './capacity.ts';
export * from './queue.ts';
export * from './cover.ts';
