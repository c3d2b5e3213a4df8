-- A UPN is one child's: one record per UPN in an authority, held by a unique index. Existing data
-- that breaks the rule is not changed here (which of two records is right is an officer's
-- judgement, not the migration's): the migration stops, changing nothing, and says how to find the
-- records. An officer corrects the wrong UPN on one of them (Change details, audited), or clears
-- it if the two records are the same child and one is to be retired, and the migration runs again.
DO $$
DECLARE
  shared integer;
BEGIN
  SELECT count(*) INTO shared FROM (SELECT 1 FROM "child" WHERE "upn" IS NOT NULL GROUP BY "authority_id", "upn" HAVING count(*) > 1) AS duplicates;
  IF shared > 0 THEN
    RAISE EXCEPTION 'Migration 0014 stopped, nothing changed: % UPNs are each held by more than one child of the same authority. Find them with SELECT authority_id, upn, array_agg(id) FROM child WHERE upn IS NOT NULL GROUP BY authority_id, upn HAVING count(*) > 1; correct the UPN on the record that is wrong, then start the service again.', shared;
  END IF;
END $$;--> statement-breakpoint
DROP INDEX "child_upn_idx";--> statement-breakpoint
ALTER TABLE "child_person" ADD COLUMN "unlinked_at" timestamp with time zone;--> statement-breakpoint
-- Postcodes in their standard form ('DC1 2AB'), as the service now stores them: the outward code,
-- one space, the inward code, in capitals. What cannot be read as a postcode is left as it is.
UPDATE "child" SET "postcode" = regexp_replace(upper(regexp_replace("postcode", '\s', '', 'g')), '^(.+)(.{3})$', '\1 \2')
 WHERE upper(regexp_replace("postcode", '\s', '', 'g')) ~ '^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$'
   AND "postcode" <> regexp_replace(upper(regexp_replace("postcode", '\s', '', 'g')), '^(.+)(.{3})$', '\1 \2');--> statement-breakpoint
UPDATE "person" SET "postcode" = regexp_replace(upper(regexp_replace("postcode", '\s', '', 'g')), '^(.+)(.{3})$', '\1 \2')
 WHERE upper(regexp_replace("postcode", '\s', '', 'g')) ~ '^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$'
   AND "postcode" <> regexp_replace(upper(regexp_replace("postcode", '\s', '', 'g')), '^(.+)(.{3})$', '\1 \2');--> statement-breakpoint
CREATE UNIQUE INDEX "child_authority_upn_idx" ON "child" USING btree ("authority_id","upn") WHERE upn IS NOT NULL;
