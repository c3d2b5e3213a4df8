-- Weighted caseloads (issue 16, part 2): a council's own weights for the caseload weighting rules
-- (a rule without a row weighs its default, so nothing is seeded), the council's cap of weighted
-- load per full-time officer, and each member of staff's full-time equivalent, which scales that
-- cap. Checks keep a weight from 0 to 10 (never negative, so no rule hides load), a cap above 0,
-- and a full-time equivalent from 0.1 to 1.0; existing staff count as full-time.
CREATE TABLE "caseload_setting" (
	"authority_id" uuid NOT NULL,
	"cap_per_full_time_officer" numeric(5, 1) NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "caseload_setting_cap_check" CHECK ("caseload_setting"."cap_per_full_time_officer" > 0 AND "caseload_setting"."cap_per_full_time_officer" <= 500)
);
--> statement-breakpoint
CREATE TABLE "weight_rule" (
	"authority_id" uuid NOT NULL,
	"rule_key" text NOT NULL,
	"weight" numeric(3, 1) NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "weight_rule_weight_check" CHECK ("weight_rule"."weight" >= 0 AND "weight_rule"."weight" <= 10)
);
--> statement-breakpoint
ALTER TABLE "staff_user" ADD COLUMN "fte" numeric(2, 1) DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "caseload_setting" ADD CONSTRAINT "caseload_setting_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "caseload_setting" ADD CONSTRAINT "caseload_setting_updated_by_staff_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."staff_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "weight_rule" ADD CONSTRAINT "weight_rule_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "weight_rule" ADD CONSTRAINT "weight_rule_updated_by_staff_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."staff_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "caseload_setting_pk" ON "caseload_setting" USING btree ("authority_id");--> statement-breakpoint
CREATE UNIQUE INDEX "weight_rule_pk" ON "weight_rule" USING btree ("authority_id","rule_key");--> statement-breakpoint
ALTER TABLE "staff_user" ADD CONSTRAINT "staff_user_fte_check" CHECK ("staff_user"."fte" >= 0.1 AND "staff_user"."fte" <= 1);