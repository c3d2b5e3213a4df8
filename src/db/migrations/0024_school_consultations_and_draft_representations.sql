-- Draft to final, the people asked (issue 17, part 3): the family's response to the draft EHC plan
-- (draft_representation: a comment on a section, a school they ask for, a request to meet, SEND
-- Regs 2014 reg. 13(1) and CFA 2014 s.38(2)(b); kept, never deleted, a late one marked late) and
-- the schools consulted about being named (school_consultation, CFA 2014 ss.39 and 40: each with
-- its due date, 15 days after sending as Code of Practice 9.83 guides, its chasers, its answer and
-- reasons, and a version so two people changing one are told). One school is consulted once at a
-- time on a case: the partial unique index on the awaiting ones.
CREATE TABLE "draft_representation" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"section" text,
	"words" text NOT NULL,
	"school_id" uuid,
	"received_on" date NOT NULL,
	"late" boolean NOT NULL,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "draft_representation_kind_check" CHECK ("draft_representation"."kind" IN ('comment', 'school-preference', 'meeting-request')),
	CONSTRAINT "draft_representation_section_check" CHECK (("draft_representation"."kind" = 'comment') = ("draft_representation"."section" IS NOT NULL) AND ("draft_representation"."section" IS NULL OR "draft_representation"."section" IN ('A', 'B', 'C', 'D', 'E', 'F', 'G', 'H1', 'H2', 'I', 'J', 'K', 'whole'))),
	CONSTRAINT "draft_representation_school_check" CHECK (("draft_representation"."kind" = 'school-preference') = ("draft_representation"."school_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "school_consultation" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"school_id" uuid NOT NULL,
	"basis" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_email" text NOT NULL,
	"sent_on" date NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'awaiting' NOT NULL,
	"response" text,
	"reasons" text,
	"responded_on" date,
	"withdrawn_reason" text,
	"chasers_sent" integer DEFAULT 0 NOT NULL,
	"last_chased_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "school_consultation_basis_check" CHECK ("school_consultation"."basis" IN ('family-request', 'council')),
	CONSTRAINT "school_consultation_status_check" CHECK ("school_consultation"."status" IN ('awaiting', 'answered', 'withdrawn')),
	CONSTRAINT "school_consultation_response_check" CHECK ("school_consultation"."response" IS NULL OR "school_consultation"."response" IN ('can-meet-needs', 'cannot-meet-needs')),
	CONSTRAINT "school_consultation_answered_check" CHECK (("school_consultation"."status" = 'answered') = ("school_consultation"."response" IS NOT NULL AND "school_consultation"."responded_on" IS NOT NULL)),
	CONSTRAINT "school_consultation_responded_check" CHECK ("school_consultation"."responded_on" IS NULL OR "school_consultation"."responded_on" >= "school_consultation"."sent_on"),
	CONSTRAINT "school_consultation_reasons_check" CHECK ("school_consultation"."response" IS DISTINCT FROM 'cannot-meet-needs' OR length(btrim("school_consultation"."reasons")) > 0),
	CONSTRAINT "school_consultation_chasers_check" CHECK ("school_consultation"."chasers_sent" >= 0)
);
--> statement-breakpoint
ALTER TABLE "draft_representation" ADD CONSTRAINT "draft_representation_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draft_representation" ADD CONSTRAINT "draft_representation_case_id_ehc_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."ehc_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draft_representation" ADD CONSTRAINT "draft_representation_school_id_school_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."school"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_consultation" ADD CONSTRAINT "school_consultation_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_consultation" ADD CONSTRAINT "school_consultation_case_id_ehc_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."ehc_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_consultation" ADD CONSTRAINT "school_consultation_school_id_school_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."school"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "draft_representation_case_idx" ON "draft_representation" USING btree ("authority_id","case_id","received_on");--> statement-breakpoint
CREATE INDEX "school_consultation_case_idx" ON "school_consultation" USING btree ("authority_id","case_id","sent_on");--> statement-breakpoint
CREATE INDEX "school_consultation_awaiting_idx" ON "school_consultation" USING btree ("authority_id","due_on") WHERE status = 'awaiting';--> statement-breakpoint
CREATE UNIQUE INDEX "school_consultation_awaiting_once" ON "school_consultation" USING btree ("authority_id","case_id","school_id") WHERE status = 'awaiting';