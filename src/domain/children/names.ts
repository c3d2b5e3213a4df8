/** A child's name as the service writes it: the preferred name in brackets after the first. */
export function fullName(row: { forename: string; surname: string; preferredName?: string | null }): string {
  return row.preferredName ? `${row.forename} (${row.preferredName}) ${row.surname}` : `${row.forename} ${row.surname}`;
}
