/**
 * "Today" in law is the date in Europe/London, whatever the server's or the database's time zone
 * (PGlite's is always UTC). Everything that needs the date or the time receives a Clock, so tests
 * can fix it.
 */
export interface Clock {
  now(): Date;
  /** Today's date in Europe/London as YYYY-MM-DD. */
  today(): string;
}

const londonDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function londonDateOf(moment: Date): string {
  // en-CA formats as YYYY-MM-DD.
  return londonDate.format(moment);
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => londonDateOf(new Date()),
};

export function fixedClock(isoMoment: string): Clock {
  const moment = new Date(isoMoment);
  return { now: () => new Date(moment), today: () => londonDateOf(moment) };
}

/** A clock tests can move forward, e.g. past a session's idle limit. */
export function adjustableClock(isoMoment: string): Clock & { advance(milliseconds: number): void } {
  let moment = new Date(isoMoment).getTime();
  return {
    now: () => new Date(moment),
    today: () => londonDateOf(new Date(moment)),
    advance(milliseconds: number) {
      moment += milliseconds;
    },
  };
}

/**
 * The moment a day begins in Europe/London (00:00 GMT, or 23:00 UTC the day before in summer
 * time), for reading what happened on or between dates as people there count them.
 */
export function londonMidnight(isoDate: string): Date {
  const utcMidnight = Date.parse(`${isoDate}T00:00:00Z`);
  const summer = new Date(utcMidnight - 3_600_000);
  return londonDateOf(summer) === isoDate ? summer : new Date(utcMidnight);
}
