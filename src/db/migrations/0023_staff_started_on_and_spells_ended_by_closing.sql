-- Issue 16, the caseload's loose ends.
-- staff_user.started_on: the day a person joined the service, their experience for the hand-over's
-- suggestion (live appeals go to officers of 12 months or more). Until now that was read from the
-- day the account was made; existing accounts take that day, an administrator may record an
-- earlier one.
-- case_holder: a case that closes ends its open spell (its officer's, or its wait in the
-- unallocated queue), so the holders and the waits never show a closed case as still held or
-- waiting. A spell left open by a closing before now is ended the day the case closed (or when the
-- spell began, if the closing was dated earlier). A closing withdrawn by a correction opens a new
-- spell, 'reopened'.
ALTER TABLE "case_holder" DROP CONSTRAINT "case_holder_change_check";--> statement-breakpoint
ALTER TABLE "staff_user" ADD COLUMN "started_on" date DEFAULT ((now() AT TIME ZONE 'Europe/London')::date) NOT NULL;--> statement-breakpoint
UPDATE "staff_user" SET "started_on" = ("created_at" AT TIME ZONE 'Europe/London')::date;--> statement-breakpoint
UPDATE "case_holder" h SET "held_to" = greatest(h."held_from", c."closed_on"::timestamp AT TIME ZONE 'Europe/London')
  FROM "ehc_case" c
 WHERE c."authority_id" = h."authority_id" AND c."id" = h."case_id" AND c."closed_on" IS NOT NULL AND h."held_to" IS NULL;--> statement-breakpoint
ALTER TABLE "case_holder" ADD CONSTRAINT "case_holder_change_check" CHECK (change in ('request-recorded', 'allocated', 'reallocated', 'unallocated', 'reopened', 'carried-over'));
