-- Annual reviews (issue 18, part A): one review per maintained plan per cycle (annual_review: the
-- meeting, invitations, views, report and decision, SEND Regs 2014 regs 18 to 22), the council's
-- review interval for under-5s (review_setting, Code of Practice 9.178), and a partial index so the
-- reviews pages read only the plans' next review-due rows, by due day, at national scale.
CREATE TABLE "annual_review" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"due_on" date,
	"status" text NOT NULL,
	"meeting_on" date NOT NULL,
	"meeting_place" text NOT NULL,
	"school_id" uuid,
	"head_teacher_holds" boolean NOT NULL,
	"invitees" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"invited_on" date NOT NULL,
	"short_notice_reason" text,
	"batch_id" uuid,
	"child_views" text,
	"family_views" text,
	"views_recorded_on" date,
	"held_on" date,
	"report_received_on" date,
	"report_summary" text,
	"decision" text,
	"decided_on" date,
	"decision_reasons" text,
	"late_reason" text,
	"decision_letter_id" uuid,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "annual_review_status_check" CHECK ("annual_review"."status" IN ('arranged', 'held', 'reported', 'decided')),
	CONSTRAINT "annual_review_decision_check" CHECK ("annual_review"."decision" IS NULL OR "annual_review"."decision" IN ('maintain', 'amend', 'cease')),
	CONSTRAINT "annual_review_decided_check" CHECK (("annual_review"."status" = 'decided') = ("annual_review"."decision" IS NOT NULL AND "annual_review"."decided_on" IS NOT NULL)),
	CONSTRAINT "annual_review_held_check" CHECK ("annual_review"."status" = 'arranged' OR "annual_review"."held_on" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "review_setting" (
	"authority_id" uuid NOT NULL,
	"under_five_months" smallint NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "review_setting_under_five_check" CHECK ("review_setting"."under_five_months" BETWEEN 3 AND 6)
);
--> statement-breakpoint
ALTER TABLE "annual_review" ADD CONSTRAINT "annual_review_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_review" ADD CONSTRAINT "annual_review_case_id_ehc_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."ehc_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_review" ADD CONSTRAINT "annual_review_child_id_child_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."child"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_review" ADD CONSTRAINT "annual_review_school_id_school_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."school"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_setting" ADD CONSTRAINT "review_setting_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_setting" ADD CONSTRAINT "review_setting_updated_by_staff_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."staff_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "annual_review_case_idx" ON "annual_review" USING btree ("authority_id","case_id","meeting_on");--> statement-breakpoint
CREATE UNIQUE INDEX "annual_review_running_once" ON "annual_review" USING btree ("authority_id","case_id") WHERE status <> 'decided';--> statement-breakpoint
CREATE INDEX "annual_review_school_idx" ON "annual_review" USING btree ("authority_id","school_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "review_setting_pk" ON "review_setting" USING btree ("authority_id");--> statement-breakpoint
CREATE INDEX "case_deadline_review_due_idx" ON "case_deadline" USING btree ("authority_id","due_on","case_id") WHERE deadline_id = 'review-due' AND met_on IS NULL;