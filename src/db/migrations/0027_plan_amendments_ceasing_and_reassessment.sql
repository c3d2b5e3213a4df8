-- Changing a maintained EHC plan (issue 18, part B): plan_change holds an amendment (SEND Regs 2014
-- reg. 22: the notice, the family's 15 days, the amended plan or the decision not to amend within 8
-- weeks), ceasing (CFA 2014 s.45 and regs 29-31: the consultation, the decision with its CeaseReason,
-- the plan kept until the time to appeal has passed or any appeal concludes, then ceased) and a
-- re-assessment (regs 24-27: the decision within 15 days of the request). plan_change_response holds
-- what the family said about proposed amendments and the answers to the consultation on ceasing.
-- One open change of each kind per plan: the partial unique index on the open statuses.
CREATE TABLE "plan_change" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"started_on" date NOT NULL,
	"review_meeting_on" date,
	"late_reason" text,
	"requested_by" text,
	"base_version_number" integer,
	"version_number" integer,
	"notice_on" date,
	"notice_event_id" uuid,
	"notice_letter_id" uuid,
	"decided_on" date,
	"decided_by" text,
	"reason_code" text,
	"reasons" text,
	"ended_on" date,
	"end_event_id" uuid,
	"end_letter_id" uuid,
	"certificate_on" date,
	"appeal_lodged_on" date,
	"appeal_concluded_on" date,
	"appeal_outcome" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "plan_change_kind_check" CHECK ("plan_change"."kind" IN ('amendment', 'cease', 'reassessment')),
	CONSTRAINT "plan_change_status_check" CHECK (("plan_change"."kind" = 'amendment' AND "plan_change"."status" IN ('proposing', 'proposed', 'amended', 'not-amended'))
       OR ("plan_change"."kind" = 'cease' AND "plan_change"."status" IN ('consulting', 'decided', 'appealed', 'ceased', 'withdrawn'))
       OR ("plan_change"."kind" = 'reassessment' AND "plan_change"."status" IN ('requested', 'agreed', 'refused', 'completed'))),
	CONSTRAINT "plan_change_reason_code_check" CHECK ("plan_change"."reason_code" IS NULL OR "plan_change"."reason_code" IN ('1', '2', '3', '4', '5', '6', '7', '8', '9')),
	CONSTRAINT "plan_change_requested_by_check" CHECK ("plan_change"."requested_by" IS NULL OR "plan_change"."requested_by" IN ('family', 'school', 'council')),
	CONSTRAINT "plan_change_appeal_outcome_check" CHECK ("plan_change"."appeal_outcome" IS NULL OR "plan_change"."appeal_outcome" IN ('upheld', 'plan-kept', 'withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "plan_change_response" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"change_id" uuid NOT NULL,
	"party" text NOT NULL,
	"asked_on" date,
	"answered_on" date NOT NULL,
	"answer" text NOT NULL,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "plan_change_response_party_check" CHECK ("plan_change_response"."party" IN ('parent', 'young-person', 'head-teacher', 'other'))
);
--> statement-breakpoint
ALTER TABLE "plan_change" ADD CONSTRAINT "plan_change_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_change" ADD CONSTRAINT "plan_change_plan_id_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plan"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_change" ADD CONSTRAINT "plan_change_case_id_ehc_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."ehc_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_change_response" ADD CONSTRAINT "plan_change_response_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_change_response" ADD CONSTRAINT "plan_change_response_change_id_plan_change_id_fk" FOREIGN KEY ("change_id") REFERENCES "public"."plan_change"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_change_plan_idx" ON "plan_change" USING btree ("authority_id","plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_change_open_idx" ON "plan_change" USING btree ("authority_id","plan_id","kind") WHERE status IN ('proposing', 'proposed', 'consulting', 'decided', 'appealed', 'requested', 'agreed');--> statement-breakpoint
CREATE INDEX "plan_change_response_change_idx" ON "plan_change_response" USING btree ("authority_id","change_id");