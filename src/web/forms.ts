import type { FieldProblem } from '../lib/errors.ts';

/** A GOV.UK date input's three fields as YYYY-MM-DD; '' when all are empty; left for the service to judge. */
export function dateFromParts(body: Record<string, unknown>, prefix: string): string {
  const part = (name: string) => String(body[`${prefix}-${name}`] ?? '').trim();
  const [day, month, year] = [part('day'), part('month'), part('year')];
  if (!day && !month && !year) return '';
  return `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** Field problems as the error summary and the inline messages want them. */
export function formErrors(problems: FieldProblem[], fieldIds: Record<string, string> = {}): { field: string; text: string }[] {
  const seen = new Set<string>();
  return problems
    .map((problem) => ({ field: fieldIds[problem.field] ?? problem.field.replace(/\./g, '-'), text: problem.message }))
    .filter((error) => (seen.has(error.field) ? false : (seen.add(error.field), true)));
}

export function formBody(body: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body)) fields[key] = Array.isArray(value) ? String(value[0] ?? '') : String(value ?? '');
  }
  return fields;
}
