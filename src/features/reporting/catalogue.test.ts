import { describe, expect, it } from 'vitest';
import { isMeasureId, MEASURE_IDS, MEASURES, measure } from './catalogue.ts';

describe('the catalogue of measures', () => {
  it('gives every measure a unique id, a title, a definition and the rule it follows', () => {
    expect(new Set(MEASURE_IDS).size).toBe(MEASURES.length);
    for (const entry of MEASURES) {
      expect(entry.id, entry.id).toMatch(/^[a-z0-9-]+$/);
      expect(entry.title.length, entry.id).toBeGreaterThan(5);
      expect(entry.definition.length, entry.id).toBeGreaterThan(20);
      // The law or DfE definition, or for complaints the council's own policy, said to be one.
      expect(entry.basis, entry.id).toMatch(/Regulations|Act|Code of Practice|SEN2|^The council’s complaints policy/);
    }
  });

  it('names what a share counts on top, and only shares do', () => {
    for (const entry of MEASURES) expect('numerator' in entry, entry.id).toBe(entry.unit === 'percent');
  });

  it('compares with England’s published figures: 46.4% of plans within 20 weeks excluding exceptions, 44.4% of review decisions within 4 weeks, 65.4% of requests agreed', () => {
    expect(measure('plans-in-20-weeks-excluding-exceptions')?.england?.value).toBe(46.4);
    expect(measure('reviews-decided-in-4-weeks')?.england?.value).toBe(44.4);
    expect(measure('requests-agreed')?.england?.value).toBe(65.4);
  });

  it('knows its own ids and no others', () => {
    expect(isMeasureId('requests-agreed')).toBe(true);
    expect(isMeasureId('toString')).toBe(false);
    expect(measure('nothing')).toBeUndefined();
  });
});
