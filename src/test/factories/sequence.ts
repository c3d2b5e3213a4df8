// Every factory call takes a number of its own, so no two tests in a file (each file has a database
// of its own) ever build the same e-mail address, UPN, URN, LA code or name.
const counters = new Map<string, number>();

/** The next number for this kind of thing: 1, 2, 3... */
export function nextNumber(kind: string): number {
  const next = (counters.get(kind) ?? 0) + 1;
  counters.set(kind, next);
  return next;
}

/**
 * The number in letters (1 → 'A', 26 → 'Z', 27 → 'AA'), for names: search keeps names' letters
 * and digits alike, but a name made of letters reads as one.
 */
export function lettersFor(number: number): string {
  let letters = '';
  for (let rest = number; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}
