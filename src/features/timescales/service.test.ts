import { describe, expect, it } from 'vitest';
import type { Clock } from '../../lib/clock.ts';
import { TimescalesService, type BankHolidaySource } from './service.ts';

/** A bank-holiday source that counts its reads and can be told to fail or change. */
function source(holidays: Array<{ date: string; title: string }>) {
  const state = { reads: 0, fail: false, holidays };
  const fake: BankHolidaySource = {
    listBankHolidays: async () => {
      state.reads += 1;
      if (state.fail) throw new Error('database unavailable');
      return state.holidays;
    },
  };
  return { fake, state };
}

function movableClock(start: string): Clock & { advance(ms: number): void } {
  let now = new Date(start).getTime();
  return {
    now: () => new Date(now),
    today: () => new Date(now).toISOString().slice(0, 10),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const EARLY_MAY_2026 = { date: '2026-05-04', title: 'Early May bank holiday' };
// Thursday 30 April 2026: the third working day after it (Regs 34-39, not counting its day) is
// Tuesday 5 May, or Wednesday 6 May when Monday 4 May is a bank holiday.
const CERTIFICATE = { process: 'mediation-certificate', from: '2026-04-30' };

async function due(service: TimescalesService, query: Record<string, unknown>) {
  const result = await service.compute(query);
  if (!result.ok) throw new Error(result.detail);
  return result.value.deadlines.map((deadline) => deadline.due);
}

describe('TimescalesService', () => {
  it('computes with the bank holidays it reads', async () => {
    const { fake } = source([EARLY_MAY_2026]);
    expect(await due(new TimescalesService(fake), CERTIFICATE)).toEqual(['2026-05-06']);
  });

  it('reads the bank holidays once, even for requests that arrive together', async () => {
    const { fake, state } = source([EARLY_MAY_2026]);
    const service = new TimescalesService(fake);
    await Promise.all([service.compute(CERTIFICATE), service.compute(CERTIFICATE), service.calendar()]);
    await service.compute(CERTIFICATE);
    expect(state.reads).toBe(1);
  });

  it('reads them again after invalidate(), as after an import', async () => {
    const { fake, state } = source([EARLY_MAY_2026]);
    const service = new TimescalesService(fake);
    expect(await due(service, CERTIFICATE)).toEqual(['2026-05-06']);
    state.holidays = [{ date: '2026-12-25', title: 'Christmas Day' }];
    expect(await due(service, CERTIFICATE)).toEqual(['2026-05-06']);
    service.invalidate();
    expect(await due(service, CERTIFICATE)).toEqual(['2026-05-05']);
    expect(state.reads).toBe(2);
  });

  it('reads them again once the kept copy is older than its age limit', async () => {
    const { fake, state } = source([EARLY_MAY_2026]);
    const clock = movableClock('2026-01-05T09:00:00Z');
    const service = new TimescalesService(fake, { clock, maxAgeMs: 60_000 });
    await service.calendar();
    clock.advance(59_999);
    await service.calendar();
    expect(state.reads).toBe(1);
    clock.advance(1);
    await service.calendar();
    expect(state.reads).toBe(2);
  });

  it('does not remember a failed read', async () => {
    const { fake, state } = source([EARLY_MAY_2026]);
    const service = new TimescalesService(fake);
    state.fail = true;
    await expect(service.compute(CERTIFICATE)).rejects.toThrow('database unavailable');
    state.fail = false;
    expect(await due(service, CERTIFICATE)).toEqual(['2026-05-06']);
  });

  it('says when a year has no bank holidays loaded, rather than guessing', async () => {
    const { fake } = source([]);
    const result = await new TimescalesService(fake).compute(CERTIFICATE);
    expect(result.ok && result.value.deadlines[0]?.basis).toContain('Bank holidays for 2026 not loaded');
  });

  it('refuses a bad query without reading the bank holidays, so even when they cannot be read', async () => {
    const { fake, state } = source([]);
    state.fail = true;
    const service = new TimescalesService(fake);
    expect(await service.compute({ process: 'nope' })).toMatchObject({ ok: false, field: 'process' });
    expect(await service.compute({ process: 'appeal', decisionNotice: '2026-02-30' })).toMatchObject({ ok: false, field: 'decisionNotice' });
    expect(state.reads).toBe(0);
  });

  it('refuses a bank-holiday table that holds something other than dates', async () => {
    const { fake } = source([{ date: '2026-13-01', title: 'Nonsense' }]);
    await expect(new TimescalesService(fake).calendar()).rejects.toThrow('not YYYY-MM-DD');
  });
});
