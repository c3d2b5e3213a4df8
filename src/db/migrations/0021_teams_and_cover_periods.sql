-- Teams and cover (issue 16, parts 6 and 5). Officers work in teams (by area or by age phase), each
-- with a manager of the same council: team, and staff_user.team_id (one team a person), both held
-- to the council by composite foreign keys. An officer away has a colleague covering their cases
-- for a range of dates: cover_period, whose cases stay the officer's; the worklist finds "whom am I
-- covering today" through cover_period_cover_idx. Overlapping periods of one officer are refused by
-- the service under a lock on the officer's row (an exclusion constraint would need btree_gist,
-- which the embedded database does not ship).
CREATE TABLE "cover_period" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"officer_id" uuid NOT NULL,
	"cover_officer_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"reason" text NOT NULL,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cover_period_dates_check" CHECK ("cover_period"."ends_on" >= "cover_period"."starts_on"),
	CONSTRAINT "cover_period_not_self_check" CHECK ("cover_period"."cover_officer_id" <> "cover_period"."officer_id"),
	CONSTRAINT "cover_period_reason_check" CHECK (length(btrim("cover_period"."reason")) between 1 and 500)
);
--> statement-breakpoint
CREATE TABLE "team" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"name" text NOT NULL,
	"manager_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "team_name_check" CHECK (length(btrim("team"."name")) between 1 and 100)
);
--> statement-breakpoint
ALTER TABLE "staff_user" ADD COLUMN "team_id" uuid;--> statement-breakpoint
ALTER TABLE "cover_period" ADD CONSTRAINT "cover_period_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cover_period" ADD CONSTRAINT "cover_period_officer_same_authority_fk" FOREIGN KEY ("authority_id","officer_id") REFERENCES "public"."staff_user"("authority_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cover_period" ADD CONSTRAINT "cover_period_cover_same_authority_fk" FOREIGN KEY ("authority_id","cover_officer_id") REFERENCES "public"."staff_user"("authority_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team" ADD CONSTRAINT "team_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team" ADD CONSTRAINT "team_manager_same_authority_fk" FOREIGN KEY ("authority_id","manager_id") REFERENCES "public"."staff_user"("authority_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cover_period_cover_idx" ON "cover_period" USING btree ("authority_id","cover_officer_id","ends_on");--> statement-breakpoint
CREATE INDEX "cover_period_officer_idx" ON "cover_period" USING btree ("authority_id","officer_id","starts_on");--> statement-breakpoint
CREATE UNIQUE INDEX "team_authority_id_idx" ON "team" USING btree ("authority_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "team_name_idx" ON "team" USING btree ("authority_id",lower("name"));--> statement-breakpoint
CREATE INDEX "team_manager_idx" ON "team" USING btree ("authority_id","manager_id");--> statement-breakpoint
ALTER TABLE "staff_user" ADD CONSTRAINT "staff_user_team_same_authority_fk" FOREIGN KEY ("authority_id","team_id") REFERENCES "public"."team"("authority_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "staff_user_team_idx" ON "staff_user" USING btree ("authority_id","team_id");