-- A leaving date on a member of staff (issue 16, part 4): the caseloads page shows who is leaving
-- and when, a leaving officer is never suggested to receive cases, and their caseload is handed
-- over from it. Deactivation stays refused while cases are held (migration 0019).
ALTER TABLE "staff_user" ADD COLUMN "leaving_on" date;