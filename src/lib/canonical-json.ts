// A value's JSON with every object's keys in order, at every depth: two requests that mean the
// same (the same JSON, its keys sent in another order) give the same text, and so the same
// fingerprint. The order of a list's entries is kept: it can carry meaning.

export function canonicalJson(value: unknown): string {
  return JSON.stringify(inOrder(value)) ?? 'null';
}

function inOrder(value: unknown): unknown {
  // What JSON.stringify would write for it (a date's ISO text, say), then that put in order.
  const json = value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function' ? (value as { toJSON: () => unknown }).toJSON() : value;
  if (Array.isArray(json)) return json.map(inOrder);
  if (json === null || typeof json !== 'object') return json;
  // Object.fromEntries defines each key as the object's own, '__proto__' included.
  return Object.fromEntries(
    Object.keys(json)
      .sort()
      .map((key) => [key, inOrder((json as Record<string, unknown>)[key])]),
  );
}
