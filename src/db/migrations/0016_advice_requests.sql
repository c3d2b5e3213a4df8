-- Advice for an EHC needs assessment (SEND Regs 2014 regs 6 to 8): each request for advice, to one
-- organisation, with its own due date (6 weeks from the body's receipt; the law for a request under
-- CFA 2014 s.31, guidance otherwise), its status and the advice's document; and each reminder or
-- chaser sent about it, at most one of each kind per request.
CREATE TABLE "advice_chase" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"advice_request_id" uuid NOT NULL,
	"chaser" text NOT NULL,
	"scheduled_on" date NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"message_id" uuid,
	"job_id" uuid,
	CONSTRAINT "advice_chase_chaser_check" CHECK ("advice_chase"."chaser" IN ('reminder', 'first-chaser', 'second-chaser'))
);
--> statement-breakpoint
CREATE TABLE "advice_request" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"organisation" text NOT NULL,
	"organisation_type" text NOT NULL,
	"professional_name" text,
	"channel" text NOT NULL,
	"address" text NOT NULL,
	"sent_on" date NOT NULL,
	"received_by_body_on" date,
	"due_on" date NOT NULL,
	"due_basis" text NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"received_on" date,
	"document_id" uuid,
	"exception_ground" text,
	"exception_reason" text,
	"closed_reason" text,
	"qualified_teacher_note" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "advice_request_kind_check" CHECK ("advice_request"."kind" IN ('parent-or-young-person', 'educational', 'medical', 'psychological', 'social-care', 'other', 'preparing-for-adulthood', 'family-request')),
	CONSTRAINT "advice_request_organisation_type_check" CHECK ("advice_request"."organisation_type" IN ('health-body', 'other-council', 'this-council', 'school', 'family', 'other')),
	CONSTRAINT "advice_request_channel_check" CHECK ("advice_request"."channel" IN ('email', 'post')),
	CONSTRAINT "advice_request_due_basis_check" CHECK ("advice_request"."due_basis" IN ('statutory', 'guidance')),
	CONSTRAINT "advice_request_status_check" CHECK ("advice_request"."status" IN ('requested', 'received', 'declined', 'withdrawn')),
	CONSTRAINT "advice_request_exception_ground_check" CHECK ("advice_request"."exception_ground" IS NULL OR "advice_request"."exception_ground" IN ('exceptional-circumstances', 'absent-from-area', 'missed-appointment')),
	CONSTRAINT "advice_request_received_check" CHECK ("advice_request"."received_on" IS NULL OR "advice_request"."received_on" >= "advice_request"."sent_on"),
	CONSTRAINT "advice_request_receipt_check" CHECK ("advice_request"."received_by_body_on" IS NULL OR "advice_request"."received_by_body_on" >= "advice_request"."sent_on"),
	CONSTRAINT "advice_request_received_status_check" CHECK (("advice_request"."status" = 'received') = ("advice_request"."received_on" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "advice_chase" ADD CONSTRAINT "advice_chase_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_chase" ADD CONSTRAINT "advice_chase_advice_request_id_advice_request_id_fk" FOREIGN KEY ("advice_request_id") REFERENCES "public"."advice_request"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_chase" ADD CONSTRAINT "advice_chase_job_id_job_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."job"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_request" ADD CONSTRAINT "advice_request_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_request" ADD CONSTRAINT "advice_request_case_id_ehc_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."ehc_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_request" ADD CONSTRAINT "advice_request_document_id_document_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."document"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "advice_chase_once" ON "advice_chase" USING btree ("authority_id","advice_request_id","chaser");--> statement-breakpoint
CREATE INDEX "advice_request_case_idx" ON "advice_request" USING btree ("authority_id","case_id","sent_on");--> statement-breakpoint
CREATE INDEX "advice_request_awaited_idx" ON "advice_request" USING btree ("authority_id","due_on") WHERE status = 'requested';