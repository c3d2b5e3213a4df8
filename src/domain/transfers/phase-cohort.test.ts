import { describe, expect, it } from 'vitest';
import { isoDate } from '../calendar/dates.ts';
import { birthDatesEntering, phaseMoveDeadline, phaseMoveFor, placementKind, transferStanding, yearGroup } from './phase-cohort.ts';

const on = isoDate;

describe('year groups (England: the age on 31 August before the school year)', () => {
  it.each([
    ['2021-09-01', 2026, 0], // the oldest in Reception in 2026/27
    ['2022-08-31', 2026, 0], // the youngest in Reception
    ['2022-09-01', 2026, -1], // a year to wait
    ['2015-01-15', 2026, 7], // Year 7
    ['2010-08-31', 2026, 12], // Year 12: 16 on 31 August 2026
    ['2010-09-01', 2026, 11], // born the day after: still in Year 11
  ] as const)('born %s: in September %i enters year group %i', (born, year, group) => {
    expect(yearGroup(on(born), year)).toBe(group);
  });

  it('the dates of birth of a year group run 1 September to 31 August', () => {
    expect(birthDatesEntering(7, 2027)).toEqual({ from: '2015-09-01', to: '2016-08-31' });
    expect(birthDatesEntering(0, 2027)).toEqual({ from: '2022-09-01', to: '2023-08-31' });
    for (const born of ['2015-09-01', '2016-02-29', '2016-08-31']) expect(yearGroup(on(born), 2027)).toBe(7);
  });
});

describe('placements from the schools register', () => {
  it.each([
    [null, 'early-years'],
    [{ phase: 'Nursery', type: 'Local authority nursery school', name: 'Hill Nursery School' }, 'early-years'],
    [{ phase: 'Primary', type: 'Community school', name: 'Oak Infant School' }, 'infant'],
    [{ phase: 'Primary', type: 'Community school', name: 'Oak Junior School' }, 'junior'],
    [{ phase: 'Primary', type: 'Community school', name: 'Oak Infant and Junior School' }, 'primary'],
    [{ phase: 'Primary', type: 'Foundation school', name: 'Ash First School' }, 'first'],
    [{ phase: 'Primary', type: 'Academy converter', name: 'Elm Primary Academy' }, 'primary'],
    [{ phase: 'Middle deemed secondary', type: 'Community school', name: 'Ash Middle School' }, 'middle'],
    [{ phase: 'Secondary', type: 'Academy converter', name: 'Elm High School' }, 'secondary'],
    [{ phase: 'All-through', type: 'Academy converter', name: 'Elm Academy' }, 'all-through'],
    [{ phase: '16 plus', type: 'Further education', name: 'City College' }, 'post16'],
    [{ phase: 'Not applicable', type: 'Community special school', name: 'Brook School' }, 'special'],
  ] as const)('%o is %s', (school, kind) => {
    expect(placementKind(school)).toBe(kind);
  });
});

describe('the move a child makes in September (SEND Regs 2014 reg. 18)', () => {
  it.each([
    ['2023-03-01', 'early-years', 'early-years-to-school'],
    ['2020-03-01', 'infant', 'infant-to-junior'],
    ['2018-03-01', 'first', 'primary-to-middle'],
    ['2016-03-01', 'primary', 'primary-to-secondary'],
    ['2016-03-01', 'junior', 'primary-to-secondary'],
    ['2014-03-01', 'middle', 'middle-to-secondary'],
    ['2011-03-01', 'secondary', 'secondary-to-post16'],
    ['2011-03-01', 'special', 'secondary-to-post16'],
  ] as const)('born %s at a %s placement: %s in 2027', (born, kind, move) => {
    expect(phaseMoveFor(on(born), kind, 2027)).toBe(move);
  });

  it.each([
    ['2016-03-01', 'secondary'], // already moved
    ['2016-03-01', 'all-through'], // stays in its school
    ['2017-03-01', 'primary'], // a year to go
    ['2020-03-01', 'primary'], // a primary has no junior move
  ] as const)('born %s at a %s placement: no move in 2027', (born, kind) => {
    expect(phaseMoveFor(on(born), kind, 2027)).toBeUndefined();
  });

  it('a school transfer is finalised before 15 February of the year of the move (SEND Regs 2014 reg. 18(1)(b))', () => {
    expect(phaseMoveDeadline('primary-to-secondary', 2027).due).toBe('2027-02-14');
    expect(phaseMoveDeadline('early-years-to-school', 2027).due).toBe('2027-02-14');
  });

  it('secondary to post-16 is finalised before 31 March of the year of the move (SEND Regs 2014 reg. 18(1)(a))', () => {
    expect(phaseMoveDeadline('secondary-to-post16', 2027).due).toBe('2027-03-30');
  });
});

describe('where a child’s transfer stands (SEND Regs 2014 reg. 18)', () => {
  const deadline = on('2027-02-14');
  it('finalised by the deadline, or finalised late after it', () => {
    expect(transferStanding({ deadline, finalisedOn: on('2027-01-20'), schoolsConsulted: 1, today: on('2027-03-01') })).toBe('finalised');
    expect(transferStanding({ deadline, finalisedOn: on('2027-02-15'), schoolsConsulted: 1, today: on('2027-03-01') })).toBe('finalised-late');
  });
  it('late once the deadline has passed without an amended plan', () => {
    expect(transferStanding({ deadline, finalisedOn: null, schoolsConsulted: 2, today: on('2027-02-15') })).toBe('late');
  });
  it('at risk within 8 weeks of the deadline, or with no school consulted after 31 October', () => {
    expect(transferStanding({ deadline, finalisedOn: null, schoolsConsulted: 2, today: on('2026-12-20') })).toBe('at-risk');
    expect(transferStanding({ deadline, finalisedOn: null, schoolsConsulted: 2, today: on('2026-12-19') })).toBe('on-track');
    expect(transferStanding({ deadline, finalisedOn: null, schoolsConsulted: 0, today: on('2026-11-01') })).toBe('at-risk');
    expect(transferStanding({ deadline, finalisedOn: null, schoolsConsulted: 0, today: on('2026-10-31') })).toBe('on-track');
  });
});
