// UK postcodes in their standard form: the outward code, one space, the inward code ('DC1 2AB'),
// in capitals, whatever spacing and case they were typed with. Held one way, they compare, search
// and print the same everywhere.

/** The shape of a UK postcode without its space: outward code (area, district) then inward code. */
const POSTCODE_SHAPE = /^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/;

/**
 * The postcode in its standard form, or undefined when what was typed cannot be a postcode.
 * Spaces anywhere are dropped and the space put back before the last three characters.
 */
export function standardPostcode(input: string): string | undefined {
  const compact = input.replace(/\s+/g, '').toUpperCase();
  if (!POSTCODE_SHAPE.test(compact)) return undefined;
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}
