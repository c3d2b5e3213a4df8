// Requests for an EHC needs assessment: the child, the case, and the 6- and 20-week clocks.
export { requestRoutes } from './routes.ts';
export { IdempotencyMismatchError, RequestsService, SameChildError } from './service.ts';
export { requestsPaths } from './paths.ts';
export type { NewRequest } from './schemas.ts';
export { answeredBefore, claimIdempotencyKey, idempotencyClaim, keepIdempotentAnswer, writeOnce, type IdempotencyClaim, type KeyedRequest, type Written } from './idempotency.ts';
export { answerKeyedWrite, idempotencyKeyOf } from './keyed-answer.ts';
