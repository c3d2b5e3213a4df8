// Errors a service throws for a person or client to act on. The web layer turns each into the
// right status: a page with a GOV.UK error summary, or application/problem+json on the API.

export interface FieldProblem {
  /** The form field or JSON property, e.g. 'email' or 'dateOfBirth'. */
  field: string;
  message: string;
}

export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  readonly statusCode = 400;
  readonly problems: FieldProblem[];

  constructor(problems: FieldProblem[]) {
    super(problems.map((problem) => `${problem.field}: ${problem.message}`).join('; '));
    this.problems = problems;
  }
}

/** Also what another authority's record looks like: it does not exist for this actor. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  readonly statusCode = 404;
}

export class ForbiddenError extends Error {
  override readonly name = 'ForbiddenError';
  readonly statusCode = 403;
}

export class UnauthenticatedError extends Error {
  override readonly name = 'UnauthenticatedError';
  readonly statusCode = 401;
}

/** A save based on a version someone else has changed since. */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
  readonly statusCode = 409;
}

/** A schema's issues as field problems, each field named by its path ('child.upn'). */
export function problemsOf(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }, prefix = ''): FieldProblem[] {
  return error.issues.map((issue) => ({ field: prefix + issue.path.map(String).join('.'), message: issue.message }));
}

/** Runs a parse, collecting its problems with the others, so a form shows them all at once. */
export function collect<T>(problems: FieldProblem[], parse: () => T): T | undefined {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ValidationError) {
      problems.push(...error.problems);
      return undefined;
    }
    throw error;
  }
}
