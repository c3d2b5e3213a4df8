// The one way a form is handled: read the body, call the service, and either redirect (303, so a
// refresh does not post again) or show the form again with the GOV.UK error summary.
import type { FastifyReply } from 'fastify';
import { ConflictError, ValidationError, type FieldProblem } from '../lib/errors.ts';
import { withLongDates } from './long-date.ts';

export { dateFromParts } from './date-input.ts';

export interface FormError {
  field: string;
  text: string;
}

/** Field problems as the error summary and the inline messages want them. */
export function formErrors(problems: FieldProblem[], fieldIds: Record<string, string> = {}): FormError[] {
  const seen = new Set<string>();
  // Services name days as ISO dates (the API keeps them so); a page says them as people do.
  return problems
    .map((problem) => ({ field: fieldIds[problem.field] ?? problem.field.replace(/\./g, '-'), text: withLongDates(problem.message) }))
    .filter((error) => (seen.has(error.field) ? false : (seen.add(error.field), true)));
}

export function formBody(body: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body)) fields[key] = Array.isArray(value) ? String(value[0] ?? '') : String(value ?? '');
  }
  return fields;
}

/** What every form gives handleForm, whatever follows its success. */
export interface FormSubmissionBase<T> {
  /** The service call. A ValidationError or ConflictError it throws is shown on the form. */
  submit: () => Promise<T>;
  /** The form's template and what it needs, to show it again with the errors. */
  template: string;
  context: () => Promise<Record<string, unknown>> | Record<string, unknown>;
  /** The service's field names mapped to the ids of the inputs (a date's day box, say). */
  fieldIds?: Record<string, string>;
  /** The field a conflict (someone else's change, a closed case) is shown against. */
  conflictField: string;
  /**
   * A service's answer that is neither success nor a problem with the form, shown on a page of its
   * own (a question to confirm, say): the reply, or undefined to handle the error as usual.
   */
  answer?: (error: unknown) => FastifyReply | undefined;
}

export type FormSubmission<T> = FormSubmissionBase<T> &
  (
    | {
        /** Where to go once it succeeded. */
        redirectTo: (result: T) => string;
        render?: never;
      }
    | {
        /**
         * Instead of a redirect, the page to show once it succeeded (200): only for what is shown
         * once and kept nowhere, such as a new password, which a redirect could not carry.
         */
        render: (result: T) => { template: string; context: Record<string, unknown> };
        redirectTo?: never;
      }
  );

/**
 * Handles a form POST: 303 to the next page (or the page shown once), or 400 (invalid) / 409
 * (conflict) with the form shown again, holding what was typed (`values`), the errors and, for a
 * conflict, its message.
 */
export async function handleForm<T>(reply: FastifyReply, values: Record<string, string>, form: FormSubmission<T>): Promise<FastifyReply> {
  let problems: FieldProblem[];
  let conflict: string | undefined;
  try {
    const result = await form.submit();
    if (form.render) {
      const shown = form.render(result);
      return reply.page(shown.template, shown.context);
    }
    return reply.redirect(form.redirectTo(result), 303);
  } catch (error) {
    // Not awaited: a reply is thenable, and awaiting it would wait for it to be sent.
    const answered = form.answer?.(error);
    if (answered) return answered;
    if (error instanceof ValidationError) problems = error.problems;
    else if (error instanceof ConflictError) {
      conflict = error.message;
      problems = [{ field: form.conflictField, message: error.message }];
    } else throw error;
  }
  const context = await form.context();
  return reply.code(conflict ? 409 : 400).page(form.template, { ...context, values, conflict, errors: formErrors(problems, form.fieldIds) });
}
