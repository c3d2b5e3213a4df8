// An officer's capacity: the council's cap of weighted load for a full-time officer, in proportion
// to the officer's full-time equivalent. All in tenths, as weights are.
import { formatTenths } from './weights.ts';

/** 40 weighted points a full-time officer: about 25-30 cases of mixed work, the level councils aim at. */
export const DEFAULT_CAP_PER_FULL_TIME_TENTHS = 400;
export const MAX_CAP_TENTHS = 5000;

/** The cap of an officer working `fteTenths` tenths of full time (10 is full time), in tenths. */
export function capacityTenths(capPerFullTimeTenths: number, fteTenths: number): number {
  return Math.round((capPerFullTimeTenths * fteTenths) / 10);
}

export interface LoadAgainstCapacity {
  loadTenths: number;
  capacityTenths: number;
  /** Load over capacity, as a whole percentage (rounded down, so 100% is never shown for 99.9%). */
  percent: number;
  over: boolean;
  /** "42.5 of 40.0 (106%)" */
  text: string;
}

export function loadAgainstCapacity(loadTenths: number, capacity: number): LoadAgainstCapacity {
  const percent = capacity > 0 ? Math.floor((loadTenths * 100) / capacity) : 0;
  return { loadTenths, capacityTenths: capacity, percent, over: loadTenths > capacity, text: `${formatTenths(loadTenths)} of ${formatTenths(capacity)} (${percent}%)` };
}

type Parsed = { ok: true; tenths: number } | { ok: false; problem: 'missing' | 'not-a-number' | 'too-precise' | 'out-of-range' };

/** A number with at most one decimal place, in tenths, within [min, max] tenths. */
function parseTenthsBetween(input: string, min: number, max: number): Parsed {
  const text = input.trim();
  if (text === '') return { ok: false, problem: 'missing' };
  if (!/^-?(\d+(\.\d+)?|\.\d+)$/.test(text)) return { ok: false, problem: 'not-a-number' };
  const negative = text.startsWith('-');
  const [whole = '', fraction = ''] = text.replace('-', '').split('.');
  if (fraction.length > 1) return { ok: false, problem: 'too-precise' };
  const tenths = (negative ? -1 : 1) * (Number(whole || '0') * 10 + Number(fraction || '0'));
  return tenths < min || tenths > max ? { ok: false, problem: 'out-of-range' } : { ok: true, tenths };
}

/** A full-time equivalent as typed: 0.1 to 1.0, one decimal place at most. */
export function parseFte(input: string): Parsed {
  return parseTenthsBetween(input, 1, 10);
}

/** The cap per full-time officer as typed: above 0, up to 500, one decimal place at most. */
export function parseCap(input: string): Parsed {
  return parseTenthsBetween(input, 1, MAX_CAP_TENTHS);
}
