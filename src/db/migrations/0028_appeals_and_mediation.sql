-- Mediation and tribunal appeals (issue 19, part B): appeal holds an appeal to the First-tier Tribunal
-- (SEND) against a decision on the case (CFA 2014 s.51), linked to the case event it appeals, with the
-- dates from the tribunal's registration letter and the council's decision to defend or concede;
-- appeal_section its outcome for each section appealed; appeal_order each order and the SEND Regs 2014
-- reg. 44 day to carry it out. mediation and mediation_action hold the mediation on a decision (regs
-- 32-42) and what an agreement binds the council to (reg. 42). The clocks themselves are case events.
CREATE TABLE "appeal" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"appeal_type" text NOT NULL,
	"decision_event_id" uuid NOT NULL,
	"decision_type" text NOT NULL,
	"decision_on" date NOT NULL,
	"decision_by" text NOT NULL,
	"tribunal_reference" text NOT NULL,
	"registered_on" date NOT NULL,
	"response_due_on" date NOT NULL,
	"evidence_due_on" date,
	"hearing_on" date,
	"status" text NOT NULL,
	"position" text,
	"position_on" date,
	"position_by" text,
	"position_reasons" text,
	"settled_early" boolean DEFAULT false NOT NULL,
	"concluded_on" date,
	"registered_event_id" uuid NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "appeal_type_check" CHECK ("appeal"."appeal_type" IN ('refusal-to-assess', 'refusal-to-reassess', 'refusal-to-issue', 'plan-content', 'refusal-to-amend', 'cease')),
	CONSTRAINT "appeal_status_check" CHECK ("appeal"."status" IN ('registered', 'defending', 'conceded', 'concluded')),
	CONSTRAINT "appeal_position_check" CHECK ("appeal"."position" IS NULL OR "appeal"."position" IN ('defend', 'concede')),
	CONSTRAINT "appeal_dates_check" CHECK ("appeal"."registered_on" >= "appeal"."decision_on")
);
--> statement-breakpoint
CREATE TABLE "appeal_order" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"appeal_id" uuid NOT NULL,
	"order_kind" text NOT NULL,
	"made_on" date NOT NULL,
	"due_on" date NOT NULL,
	"basis" text NOT NULL,
	"complied_on" date,
	"made_event_id" uuid NOT NULL,
	"complied_event_id" uuid,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "appeal_order_kind_check" CHECK ("appeal_order"."order_kind" IN ('assess', 'make-plan', 'amend-plan', 'name-placement', 'cease', 'continue'))
);
--> statement-breakpoint
CREATE TABLE "appeal_section" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"appeal_id" uuid NOT NULL,
	"section" text NOT NULL,
	"outcome" text,
	"outcome_on" date,
	CONSTRAINT "appeal_section_check" CHECK ("appeal_section"."section" IN ('decision', 'B', 'F', 'I', 'no-school')),
	CONSTRAINT "appeal_section_outcome_check" CHECK ("appeal_section"."outcome" IS NULL OR "appeal_section"."outcome" IN ('upheld', 'partly', 'dismissed', 'withdrawn', 'conceded'))
);
--> statement-breakpoint
CREATE TABLE "mediation" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"decision_event_id" uuid,
	"about" text NOT NULL,
	"adviser_contacted_on" date NOT NULL,
	"requested_on" date,
	"certificate_duty_on" date,
	"certificate_on" date,
	"held_on" date,
	"outcome" text,
	"status" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "mediation_status_check" CHECK ("mediation"."status" IN ('advice', 'arranging', 'held', 'certificate')),
	CONSTRAINT "mediation_outcome_check" CHECK ("mediation"."outcome" IS NULL OR "mediation"."outcome" IN ('agreement', 'no-agreement'))
);
--> statement-breakpoint
CREATE TABLE "mediation_action" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"mediation_id" uuid NOT NULL,
	"description" text NOT NULL,
	"kind" text NOT NULL,
	"order_kind" text,
	"due_on" date NOT NULL,
	"basis" text NOT NULL,
	"done_on" date,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "mediation_action_kind_check" CHECK ("mediation_action"."kind" IN ('appealable', 'other', 'agreed'))
);
--> statement-breakpoint
ALTER TABLE "appeal" ADD CONSTRAINT "appeal_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal" ADD CONSTRAINT "appeal_case_id_ehc_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."ehc_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal" ADD CONSTRAINT "appeal_child_id_child_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."child"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal" ADD CONSTRAINT "appeal_decision_event_id_case_event_id_fk" FOREIGN KEY ("decision_event_id") REFERENCES "public"."case_event"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_order" ADD CONSTRAINT "appeal_order_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_order" ADD CONSTRAINT "appeal_order_appeal_id_appeal_id_fk" FOREIGN KEY ("appeal_id") REFERENCES "public"."appeal"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_section" ADD CONSTRAINT "appeal_section_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_section" ADD CONSTRAINT "appeal_section_appeal_id_appeal_id_fk" FOREIGN KEY ("appeal_id") REFERENCES "public"."appeal"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediation" ADD CONSTRAINT "mediation_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediation" ADD CONSTRAINT "mediation_case_id_ehc_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."ehc_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediation" ADD CONSTRAINT "mediation_child_id_child_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."child"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediation" ADD CONSTRAINT "mediation_decision_event_id_case_event_id_fk" FOREIGN KEY ("decision_event_id") REFERENCES "public"."case_event"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediation_action" ADD CONSTRAINT "mediation_action_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediation_action" ADD CONSTRAINT "mediation_action_mediation_id_mediation_id_fk" FOREIGN KEY ("mediation_id") REFERENCES "public"."mediation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appeal_case_idx" ON "appeal" USING btree ("authority_id","case_id");--> statement-breakpoint
CREATE INDEX "appeal_status_idx" ON "appeal" USING btree ("authority_id","status","registered_on");--> statement-breakpoint
CREATE INDEX "appeal_order_appeal_idx" ON "appeal_order" USING btree ("authority_id","appeal_id");--> statement-breakpoint
CREATE INDEX "appeal_section_appeal_idx" ON "appeal_section" USING btree ("authority_id","appeal_id");--> statement-breakpoint
CREATE INDEX "mediation_case_idx" ON "mediation" USING btree ("authority_id","case_id");--> statement-breakpoint
CREATE INDEX "mediation_action_idx" ON "mediation_action" USING btree ("authority_id","mediation_id");