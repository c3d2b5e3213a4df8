import { describe, expect, it } from 'vitest';
import type { OfficerRow } from './cases.ts';
import type { CaseMapping } from './mapping.ts';
import { planOfficers, type OfficerContext } from './officers.ts';

const MAPPING: CaseMapping = { sourceSystem: 'CaseSys', files: {}, columns: { officers: { officer_id: 'Caseworker Ref', email: 'Email', team: 'Team' } }, codes: {} };
const officer = (line: number, officerId: string, email: string, team: string | null = null): OfficerRow => ({ line, officerId, name: `Officer ${officerId}`, email, team });
const context = (overrides: Partial<OfficerContext> = {}): OfficerContext => ({
  authorityId: 'ours',
  accountsByEmail: new Map(),
  held: new Map(),
  teamsByName: new Map([['north', 'team-north']]),
  ...overrides,
});
const digest = (row: OfficerRow) => `${row.name}|${row.email}|${row.team ?? ''}`;
const plan = (rows: OfficerRow[], given: OfficerContext = context()) => planOfficers(rows, given, digest, 'officers.csv', MAPPING);

describe('the officers of the old system (officers.csv)', () => {
  it('gives a new officer an account, matches an account of the council by e-mail, and finds one imported before by old id', () => {
    const given = context({
      accountsByEmail: new Map([['s.khan@council.example', { id: 'staff-1', authorityId: 'ours', email: 's.khan@council.example' }]]),
      held: new Map([
        ['O3', { targetId: 'staff-3', digest: digest(officer(4, 'O3', 'c@council.example')) }],
        ['O4', { targetId: 'staff-4', digest: 'an older row' }],
      ]),
    });
    const { actions, refusals } = plan([officer(2, 'O1', 'new@council.example', 'North'), officer(3, 'O2', 's.khan@council.example'), officer(4, 'O3', 'c@council.example'), officer(5, 'O4', 'd@council.example')], given);
    expect(refusals).toEqual([]);
    expect(actions.map((action) => [action.row.officerId, action.action])).toEqual([
      ['O1', 'create'],
      ['O2', 'match'],
      ['O3', 'unchanged'],
      ['O4', 'update'],
    ]);
    expect(actions[0]).toMatchObject({ teamId: 'team-north' });
    expect(actions[1]).toMatchObject({ accountId: 'staff-1' });
    expect(actions[3]).toMatchObject({ accountId: 'staff-4' });
  });

  it('refuses an old id or an e-mail given twice (the first is taken), an e-mail of another council’s account, and a team the council does not have, with file, line, field, value and why', () => {
    const given = context({ accountsByEmail: new Map([['taken@elsewhere.example', { id: 'staff-9', authorityId: 'theirs', email: 'taken@elsewhere.example' }]]) });
    const { actions, refusals, refused } = plan(
      [officer(2, 'O1', 'a@council.example'), officer(3, 'O1', 'b@council.example'), officer(4, 'O2', 'a@council.example'), officer(5, 'O3', 'taken@elsewhere.example'), officer(6, 'O4', 'e@council.example', 'South')],
      given,
    );
    expect(actions.map((action) => action.row.officerId)).toEqual(['O1']);
    expect(refusals).toEqual([
      { file: 'officers.csv', line: 3, field: 'Caseworker Ref', value: 'O1', why: 'appears again (first on line 2); the first is imported' },
      { file: 'officers.csv', line: 4, field: 'Email', value: 'a@council.example', why: 'is the e-mail of officer O1 too (line 2): each staff account has its own e-mail' },
      { file: 'officers.csv', line: 5, field: 'Email', value: 'taken@elsewhere.example', why: 'is the e-mail of a staff account of another council: a staff e-mail address is one person’s, in one council' },
      { file: 'officers.csv', line: 6, field: 'Team', value: 'South', why: 'is not a team of the council: create it on the Teams page first' },
    ]);
    expect(refused).toEqual(['O2', 'O3', 'O4']);
  });

  it('refuses an officer imported before whose new e-mail another account of the council holds', () => {
    const given = context({
      accountsByEmail: new Map([['other@council.example', { id: 'staff-2', authorityId: 'ours', email: 'other@council.example' }]]),
      held: new Map([['O1', { targetId: 'staff-1', digest: 'before' }]]),
    });
    expect(plan([officer(2, 'O1', 'other@council.example')], given).refusals).toEqual([
      { file: 'officers.csv', line: 2, field: 'Email', value: 'other@council.example', why: 'is the e-mail of another staff account of the council, not the one officer O1 was imported as' },
    ]);
  });
});
