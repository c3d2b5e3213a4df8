-- Every child held by a named officer of their own council, and who has held each case over time
-- (issue 16, part 1). A case's officer must be one of the case's council's staff: a composite
-- foreign key (authority, officer) onto staff_user (authority, id), which needs the unique index
-- on staff_user made first. An officer holding open cases cannot be deactivated: the users
-- service refuses with the count, and a trigger here refuses whatever path tries, so no case is
-- left with an officer who can no longer sign in. case_holder keeps each spell of a case with
-- an officer (or waiting in the unallocated queue, officer null), the open spell the holder now;
-- the cases held before it existed get one open spell each, from the day they were opened (or
-- joined the queue), marked carried-over.
CREATE UNIQUE INDEX "staff_user_authority_id_idx" ON "staff_user" USING btree ("authority_id","id");--> statement-breakpoint
ALTER TABLE "ehc_case" ADD CONSTRAINT "ehc_case_officer_same_authority_fk" FOREIGN KEY ("authority_id","officer_id") REFERENCES "public"."staff_user"("authority_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE TABLE "case_holder" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"officer_id" uuid,
	"held_from" timestamp with time zone NOT NULL,
	"held_to" timestamp with time zone,
	"change" text NOT NULL,
	"reason" text,
	"event_id" uuid,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "case_holder_change_check" CHECK (change in ('request-recorded', 'allocated', 'reallocated', 'unallocated', 'carried-over')),
	CONSTRAINT "case_holder_spell_check" CHECK (held_to IS NULL OR held_to >= held_from)
);
--> statement-breakpoint
ALTER TABLE "case_holder" ADD CONSTRAINT "case_holder_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_holder" ADD CONSTRAINT "case_holder_case_id_ehc_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."ehc_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_holder" ADD CONSTRAINT "case_holder_officer_same_authority_fk" FOREIGN KEY ("authority_id","officer_id") REFERENCES "public"."staff_user"("authority_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_holder_open_idx" ON "case_holder" USING btree ("authority_id","case_id") WHERE held_to IS NULL;--> statement-breakpoint
CREATE INDEX "case_holder_case_idx" ON "case_holder" USING btree ("authority_id","case_id","held_from");--> statement-breakpoint
-- Added by hand: the refusal to deactivate an officer who holds open cases. It counts the cases
-- themselves (the worklist index: authority, officer, open only), so it agrees with them even
-- inside the transaction that moves them away.
CREATE FUNCTION staff_user_holds_no_open_cases() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  held integer;
BEGIN
  SELECT count(*) INTO held FROM ehc_case c WHERE c.authority_id = NEW.authority_id AND c.officer_id = NEW.id AND c.closed_on IS NULL;
  IF held > 0 THEN
    RAISE EXCEPTION USING
      ERRCODE = 'check_violation',
      CONSTRAINT = 'staff_user_deactivated_holds_no_cases',
      TABLE = 'staff_user',
      MESSAGE = format('%s holds %s open case%s: hand them over before deactivating the account', NEW.name, held, CASE WHEN held = 1 THEN '' ELSE 's' END);
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER staff_user_deactivated_holds_no_cases BEFORE UPDATE OF deactivated_at ON "staff_user"
  FOR EACH ROW WHEN (OLD.deactivated_at IS NULL AND NEW.deactivated_at IS NOT NULL) EXECUTE FUNCTION staff_user_holds_no_open_cases();
--> statement-breakpoint
-- Added by hand: the spells carried over, one open spell a case, from the day it was opened (its
-- officer) or joined the queue, at the start of that day in England.
INSERT INTO case_holder (id, authority_id, case_id, officer_id, held_from, held_to, change, reason, event_id, recorded_by, recorded_at)
SELECT gen_random_uuid(), c.authority_id, c.id, c.officer_id,
       (coalesce(CASE WHEN c.officer_id IS NULL THEN c.unallocated_since END, c.opened_on)::timestamp AT TIME ZONE 'Europe/London'),
       NULL, 'carried-over', NULL, NULL, 'migration', now()
  FROM ehc_case c
 WHERE (c.officer_id IS NOT NULL OR (c.closed_on IS NULL AND c.unallocated_since IS NOT NULL));
