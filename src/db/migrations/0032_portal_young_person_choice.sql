-- A young person (over compulsory school age) decides whether their parents and carers see their case in the family
-- portal. Each choice is kept as a new row with who recorded it and when; the latest holds.
CREATE TABLE "portal_young_person_choice" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"share_with_family" boolean NOT NULL,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "portal_young_person_choice_recorded_by_check" CHECK (length("portal_young_person_choice"."recorded_by") between 1 and 200)
);
--> statement-breakpoint
ALTER TABLE "portal_young_person_choice" ADD CONSTRAINT "portal_young_person_choice_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_young_person_choice" ADD CONSTRAINT "portal_young_person_choice_child_id_child_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."child"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "portal_young_person_choice_child_idx" ON "portal_young_person_choice" USING btree ("authority_id","child_id","recorded_at");