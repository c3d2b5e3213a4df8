import type { Database } from '../../db/database.ts';
import { planEachTime, preparedRead, readRows, type PreparedRead } from '../../db/prepared.ts';

export interface SearchRow {
  childId: string;
  forename: string;
  surname: string;
  preferredName: string | null;
  dateOfBirth: string;
  upn: string | null;
  postcode: string | null;
  sensitive: boolean;
  caseId: string | null;
  reference: string | null;
  stage: string | null;
  officerId: string | null;
}

// The search's columns: the child, and their open case if they have one.
const SEARCH_SELECT = `SELECT ch."id" AS "childId", ch."forename", ch."surname", ch."preferred_name" AS "preferredName", ch."date_of_birth" AS "dateOfBirth",
          ch."upn", ch."postcode", ch."sensitive", c."id" AS "caseId", c."reference", c."stage", c."officer_id" AS "officerId"
     FROM "child" ch
     LEFT JOIN "ehc_case" c ON c."authority_id" = ch."authority_id" AND c."child_id" = ch."id" AND c."closed_on" IS NULL`;

const searchUpn = preparedRead<SearchRow>('search_by_upn', `${SEARCH_SELECT} WHERE ch."authority_id" = $1 AND ch."upn" = $2 ORDER BY ch."surname_key" LIMIT $3`);

const searchDateOfBirth = preparedRead<SearchRow>(
  'search_by_date_of_birth',
  `${SEARCH_SELECT} WHERE ch."authority_id" = $1 AND ch."date_of_birth" = $2 ORDER BY ch."surname_key", ch."forename" LIMIT $3`,
);

const searchSimilar = planEachTime<SearchRow>(
  `${SEARCH_SELECT} WHERE ch."authority_id" = $1 AND ch."search_names" % $2 ORDER BY similarity(ch."search_names", $2) DESC, ch."surname_key", ch."id" LIMIT $3`,
);

// One text for each number of words (ILIKE ALL over an array would not use the trigram index).
// Words of three letters or more always give trigrams, and the plan is then always the same
// (the council's entries in the trigram index), so up to four such words the statement is
// prepared by name and PostgreSQL may keep its plan: planning was half the search's time in the
// database (0.7 of 1.4 ms). A shorter word gives no trigram, and the best plan depends on the
// text, so then it is planned each time.
const MOST_WORDS_PREPARED = 4;
const searchEveryWordText = (wordCount: number) => {
  const words = Array.from({ length: wordCount }, (_, index) => ` AND ch."search_names" ILIKE $${index + 4}`).join('');
  return `${SEARCH_SELECT} WHERE ch."authority_id" = $1${words} ORDER BY similarity(ch."search_names", $2) DESC, ch."surname_key", ch."id" LIMIT $3`;
};
const searchEveryWordPrepared = Array.from({ length: MOST_WORDS_PREPARED + 1 }, (_, wordCount) =>
  wordCount === 0 ? undefined : preparedRead<SearchRow>(`search_by_name_${wordCount}`, searchEveryWordText(wordCount)),
);
const searchEveryWordPlanned = new Map<number, PreparedRead<SearchRow>>();

function searchEveryWordOf(words: readonly string[]): PreparedRead<SearchRow> {
  const prepared = words.every((word) => word.length >= 3) ? searchEveryWordPrepared[words.length] : undefined;
  if (prepared) return prepared;
  let statement = searchEveryWordPlanned.get(words.length);
  if (!statement) {
    statement = planEachTime<SearchRow>(searchEveryWordText(words.length));
    searchEveryWordPlanned.set(words.length, statement);
  }
  return statement;
}

export async function searchByUpn(db: Database, authorityId: string, upn: string, limit: number): Promise<SearchRow[]> {
  return readRows(db, searchUpn, [authorityId, upn, limit]);
}

export async function searchByDateOfBirth(db: Database, authorityId: string, dateOfBirth: string, limit: number): Promise<SearchRow[]> {
  return readRows(db, searchDateOfBirth, [authorityId, dateOfBirth, limit]);
}

/**
 * Every word must appear in the child's names (trigram index); closest matches first. When no
 * child has every word, falls back to trigram similarity so a misspelling still finds them
 * (planned each time: how close a misspelling is decides the plan).
 */
export async function searchByName(db: Database, authorityId: string, words: string[], text: string, limit: number): Promise<SearchRow[]> {
  const exact = await readRows(db, searchEveryWordOf(words), [authorityId, text, limit, ...words.map((word) => `%${word}%`)]);
  if (exact.length > 0) return exact;
  return readRows(db, searchSimilar, [authorityId, text, limit]);
}
