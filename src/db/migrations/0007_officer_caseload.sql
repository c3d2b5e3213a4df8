CREATE TABLE "officer_caseload" (
	"authority_id" uuid NOT NULL,
	"officer_id" uuid NOT NULL,
	"open_cases" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "officer_caseload" ADD CONSTRAINT "officer_caseload_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "officer_caseload" ADD CONSTRAINT "officer_caseload_officer_id_staff_user_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."staff_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "officer_caseload_pk" ON "officer_caseload" USING btree ("authority_id","officer_id");--> statement-breakpoint
-- Added by hand: officer_caseload follows ehc_case in the same transaction. One statement-level
-- trigger per kind of change, each with its transition table, so a COPY of thousands of cases
-- updates each officer's count once. Each statement's changes are summed per officer and applied
-- in one upsert in a fixed order (authority, officer): two transactions moving cases between the
-- same officers take the counters' row locks in the same order and cannot deadlock.
CREATE FUNCTION officer_caseload_follow_cases() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO officer_caseload AS held (authority_id, officer_id, open_cases)
    SELECT authority_id, officer_id, count(*) FROM new_cases
     WHERE closed_on IS NULL AND officer_id IS NOT NULL
     GROUP BY authority_id, officer_id ORDER BY authority_id, officer_id
    ON CONFLICT (authority_id, officer_id) DO UPDATE SET open_cases = held.open_cases + excluded.open_cases;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO officer_caseload AS held (authority_id, officer_id, open_cases)
    SELECT authority_id, officer_id, sum(change) FROM (
             SELECT authority_id, officer_id, 1 AS change FROM new_cases WHERE closed_on IS NULL AND officer_id IS NOT NULL
             UNION ALL
             SELECT authority_id, officer_id, -1 FROM old_cases WHERE closed_on IS NULL AND officer_id IS NOT NULL) changes
     GROUP BY authority_id, officer_id HAVING sum(change) <> 0 ORDER BY authority_id, officer_id
    ON CONFLICT (authority_id, officer_id) DO UPDATE SET open_cases = held.open_cases + excluded.open_cases;
  ELSE
    INSERT INTO officer_caseload AS held (authority_id, officer_id, open_cases)
    SELECT authority_id, officer_id, -count(*) FROM old_cases
     WHERE closed_on IS NULL AND officer_id IS NOT NULL
     GROUP BY authority_id, officer_id ORDER BY authority_id, officer_id
    ON CONFLICT (authority_id, officer_id) DO UPDATE SET open_cases = held.open_cases + excluded.open_cases;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER officer_caseload_on_insert AFTER INSERT ON "ehc_case" REFERENCING NEW TABLE AS new_cases FOR EACH STATEMENT EXECUTE FUNCTION officer_caseload_follow_cases();
--> statement-breakpoint
CREATE TRIGGER officer_caseload_on_update AFTER UPDATE ON "ehc_case" REFERENCING OLD TABLE AS old_cases NEW TABLE AS new_cases FOR EACH STATEMENT EXECUTE FUNCTION officer_caseload_follow_cases();
--> statement-breakpoint
CREATE TRIGGER officer_caseload_on_delete AFTER DELETE ON "ehc_case" REFERENCING OLD TABLE AS old_cases FOR EACH STATEMENT EXECUTE FUNCTION officer_caseload_follow_cases();
--> statement-breakpoint
INSERT INTO officer_caseload (authority_id, officer_id, open_cases)
SELECT authority_id, officer_id, count(*) FROM ehc_case WHERE closed_on IS NULL AND officer_id IS NOT NULL GROUP BY authority_id, officer_id;
