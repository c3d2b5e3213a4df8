-- The decisions of an EHC needs assessment with their reasons, who made them and the panel case they
-- followed (SEND Regs 2014 regs 4-5 and 10); the decision-making panels and the cases brought to
-- them; the family's and the school's views asked for and received; and a request's withdrawal.
-- Reasons and views are free text, so they are kept in these tables, never in case_event.payload.
CREATE TABLE "assessment_decision" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"question" text NOT NULL,
	"outcome" text NOT NULL,
	"decided_on" date NOT NULL,
	"reasons" text NOT NULL,
	"decided_by" uuid NOT NULL,
	"panel_case_id" uuid,
	"event_id" uuid NOT NULL,
	"notice_on" date NOT NULL,
	"notice_letter_id" uuid,
	"appeal_by" date,
	"mediation_by" date,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "assessment_decision_question_check" CHECK ("assessment_decision"."question" in ('assess', 'issue-plan')),
	CONSTRAINT "assessment_decision_outcome_check" CHECK ("assessment_decision"."outcome" in ('agree', 'refuse'))
);
--> statement-breakpoint
CREATE TABLE "decision_panel" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"title" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "panel_case" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"panel_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"question" text NOT NULL,
	"brought_by" text NOT NULL,
	"brought_at" timestamp with time zone NOT NULL,
	"recommendation" text,
	"recommendation_note" text,
	"recommended_by" text,
	"recommended_at" timestamp with time zone,
	CONSTRAINT "panel_case_question_check" CHECK ("panel_case"."question" in ('assess', 'issue-plan')),
	CONSTRAINT "panel_case_recommendation_check" CHECK ("panel_case"."recommendation" is null or "panel_case"."recommendation" in ('assess', 'do-not-assess', 'issue-plan', 'do-not-issue-plan', 'defer'))
);
--> statement-breakpoint
CREATE TABLE "request_withdrawal" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"withdrawn_on" date NOT NULL,
	"withdrawn_by" text NOT NULL,
	"reason" text NOT NULL,
	"event_id" uuid NOT NULL,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"letter_id" uuid,
	CONSTRAINT "request_withdrawal_by_check" CHECK ("request_withdrawal"."withdrawn_by" in ('parent', 'young-person', 'school', 'other'))
);
--> statement-breakpoint
CREATE TABLE "views_received" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"party" text NOT NULL,
	"received_on" date NOT NULL,
	"summary" text NOT NULL,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "views_received_party_check" CHECK ("views_received"."party" in ('parent', 'young-person', 'school'))
);
--> statement-breakpoint
CREATE TABLE "views_request" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"party" text NOT NULL,
	"asked_on" date NOT NULL,
	"respond_by" date NOT NULL,
	"asked_by" text NOT NULL,
	"asked_at" timestamp with time zone NOT NULL,
	"letter_id" uuid,
	CONSTRAINT "views_request_party_check" CHECK ("views_request"."party" in ('parent', 'young-person', 'school'))
);
--> statement-breakpoint
ALTER TABLE "assessment_decision" ADD CONSTRAINT "assessment_decision_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_decision" ADD CONSTRAINT "assessment_decision_case_id_ehc_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."ehc_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_decision" ADD CONSTRAINT "assessment_decision_decided_by_staff_user_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."staff_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_decision" ADD CONSTRAINT "assessment_decision_panel_case_id_panel_case_id_fk" FOREIGN KEY ("panel_case_id") REFERENCES "public"."panel_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_decision" ADD CONSTRAINT "assessment_decision_event_id_case_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."case_event"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_decision" ADD CONSTRAINT "assessment_decision_notice_letter_id_letter_id_fk" FOREIGN KEY ("notice_letter_id") REFERENCES "public"."letter"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_panel" ADD CONSTRAINT "decision_panel_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_case" ADD CONSTRAINT "panel_case_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_case" ADD CONSTRAINT "panel_case_panel_id_decision_panel_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."decision_panel"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_case" ADD CONSTRAINT "panel_case_case_id_ehc_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."ehc_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_withdrawal" ADD CONSTRAINT "request_withdrawal_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_withdrawal" ADD CONSTRAINT "request_withdrawal_case_id_ehc_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."ehc_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_withdrawal" ADD CONSTRAINT "request_withdrawal_event_id_case_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."case_event"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_withdrawal" ADD CONSTRAINT "request_withdrawal_letter_id_letter_id_fk" FOREIGN KEY ("letter_id") REFERENCES "public"."letter"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "views_received" ADD CONSTRAINT "views_received_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "views_received" ADD CONSTRAINT "views_received_case_id_ehc_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."ehc_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "views_request" ADD CONSTRAINT "views_request_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "views_request" ADD CONSTRAINT "views_request_case_id_ehc_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."ehc_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "views_request" ADD CONSTRAINT "views_request_letter_id_letter_id_fk" FOREIGN KEY ("letter_id") REFERENCES "public"."letter"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessment_decision_case_idx" ON "assessment_decision" USING btree ("authority_id","case_id");--> statement-breakpoint
CREATE INDEX "decision_panel_held_idx" ON "decision_panel" USING btree ("authority_id","held_on");--> statement-breakpoint
CREATE UNIQUE INDEX "panel_case_once_idx" ON "panel_case" USING btree ("authority_id","panel_id","case_id");--> statement-breakpoint
CREATE INDEX "panel_case_case_idx" ON "panel_case" USING btree ("authority_id","case_id");--> statement-breakpoint
CREATE INDEX "request_withdrawal_case_idx" ON "request_withdrawal" USING btree ("authority_id","case_id");--> statement-breakpoint
CREATE INDEX "views_received_case_idx" ON "views_received" USING btree ("authority_id","case_id");--> statement-breakpoint
CREATE INDEX "views_request_case_idx" ON "views_request" USING btree ("authority_id","case_id");