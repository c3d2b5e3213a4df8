CREATE TABLE "portal_family_views" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"sender_name" text NOT NULL,
	"sender_relationship" text NOT NULL,
	"what_matters" text,
	"good_at" text,
	"hopes" text,
	"support" text,
	"family_views" text,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "portal_family_views_something_check" CHECK (coalesce("portal_family_views"."what_matters", "portal_family_views"."good_at", "portal_family_views"."hopes", "portal_family_views"."support", "portal_family_views"."family_views") is not null),
	CONSTRAINT "portal_family_views_length_check" CHECK (coalesce(length("portal_family_views"."what_matters"), 0) <= 2000 and coalesce(length("portal_family_views"."good_at"), 0) <= 2000 and coalesce(length("portal_family_views"."hopes"), 0) <= 2000 and coalesce(length("portal_family_views"."support"), 0) <= 2000 and coalesce(length("portal_family_views"."family_views"), 0) <= 2000),
	CONSTRAINT "portal_family_views_sender_check" CHECK (length("portal_family_views"."sender_name") between 1 and 200 and length("portal_family_views"."sender_relationship") between 1 and 50)
);
--> statement-breakpoint
ALTER TABLE "portal_family_views" ADD CONSTRAINT "portal_family_views_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_family_views" ADD CONSTRAINT "portal_family_views_child_id_child_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."child"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_family_views" ADD CONSTRAINT "portal_family_views_case_id_ehc_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."ehc_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_family_views" ADD CONSTRAINT "portal_family_views_account_id_portal_account_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."portal_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "portal_family_views_child_idx" ON "portal_family_views" USING btree ("authority_id","child_id","sent_at");