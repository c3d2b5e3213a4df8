-- Moves between councils with an EHC plan (SEND Regs 2014 reg. 15): a move out (the new council,
-- the day of the move, the day this council learnt of it, the day the plan is due and the day it
-- was sent) and a move in (the old council, the day of the move, the plan received and its last
-- review, the day the family was told). Kept beside the case's events, which carry the deadlines.
CREATE TABLE "council_transfer" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"direction" text NOT NULL,
	"other_council" text NOT NULL,
	"move_date" date NOT NULL,
	"learnt_on" date,
	"plan_due_on" date,
	"plan_sent_on" date,
	"letter_id" uuid,
	"plan_received_on" date,
	"last_review_on" date,
	"family_told_on" date,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "council_transfer_direction_check" CHECK ("council_transfer"."direction" IN ('out', 'in')),
	CONSTRAINT "council_transfer_out_check" CHECK ("council_transfer"."direction" <> 'out' OR ("council_transfer"."learnt_on" IS NOT NULL AND "council_transfer"."plan_due_on" IS NOT NULL)),
	CONSTRAINT "council_transfer_in_check" CHECK ("council_transfer"."direction" <> 'in' OR ("council_transfer"."plan_received_on" IS NOT NULL AND "council_transfer"."last_review_on" IS NOT NULL)),
	CONSTRAINT "council_transfer_sent_check" CHECK ("council_transfer"."plan_sent_on" IS NULL OR "council_transfer"."plan_sent_on" >= "council_transfer"."learnt_on")
);
--> statement-breakpoint
ALTER TABLE "council_transfer" ADD CONSTRAINT "council_transfer_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_transfer" ADD CONSTRAINT "council_transfer_case_id_ehc_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."ehc_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_transfer" ADD CONSTRAINT "council_transfer_child_id_child_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."child"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "council_transfer_case_idx" ON "council_transfer" USING btree ("authority_id","case_id");--> statement-breakpoint
CREATE INDEX "council_transfer_move_idx" ON "council_transfer" USING btree ("authority_id","direction","move_date");--> statement-breakpoint
CREATE UNIQUE INDEX "council_transfer_one_out_per_case" ON "council_transfer" USING btree ("authority_id","case_id") WHERE direction = 'out';