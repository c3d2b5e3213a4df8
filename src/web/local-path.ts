// Where a page may send someone back to: a path on this service, never another site. Browsers
// drop tabs and line breaks from a URL and read a backslash as a slash, so "/\t/evil.example" and
// "/\evil.example" both lead off-site; the value is refused for any such character, then parsed,
// and must still be on this service's origin once parsed.
const BASE = 'http://service.invalid';

/** A control character (which browsers drop or misread in a URL) or a backslash (read as a slash). */
export function hasUnsafeCharacter(value: string): boolean {
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    if (code < 0x20 || code === 0x7f || code === 0x5c) return true;
  }
  return false;
}

/** The value as a path on this service (path, query and fragment), or `fallback`. */
export function localPath(value: unknown, fallback: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2000) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || hasUnsafeCharacter(value)) return fallback;
  let parsed: URL;
  try {
    parsed = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (parsed.origin !== BASE) return fallback;
  const path = `${parsed.pathname}${parsed.search}${parsed.hash}`;
  return path.startsWith('//') ? fallback : path;
}
