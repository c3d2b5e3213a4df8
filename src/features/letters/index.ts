// Letters from templates: each notice and request on a case is written from the council's template
// of its type (fields only, escaped), kept on the case as sent (HTML and a tagged PDF), and queued
// in the outbox in the transaction of the casework that causes it. Administrators edit the
// templates, with a preview against a real case, and the council's details the letters give.
export type { LetterType } from '../../domain/letters/letter-types.ts';
export { LETTER_TYPES, LETTER_TYPE_INFO, letterTypeName } from '../../domain/letters/letter-types.ts';
export { LETTER_CATALOGUE, COMMON_FIELDS } from './catalogue.ts';
export { lettersPaths } from './paths.ts';
export { lettersRoutes } from './routes.ts';
export { LETTER_PDF_JOB, sendLetter, sendLetters, type LetterRecipient, type NewLetter } from './send.ts';
export { closeLetterPdfs } from './pdf-renderer.ts';
export { LettersService, type LetterView } from './service.ts';
