-- Contacts, complaints and information requests (issue 19, part A): the front door. contact holds
-- every enquiry, complaint, freedom of information and subject access request and MP or councillor
-- enquiry, against a child or on its own, with a reference per council (contact_reference_counter),
-- an owner and the response awaited (due_on, indexed for the register with the status);
-- complaint_stage holds a complaint's stage 1, stage 2 and Ombudsman referral, each with its dates,
-- response and outcome; complaint_remedy the apologies, payments and actions tracked to done;
-- contact_policy the council's own response times (council policy, not statute).
CREATE TABLE "complaint_remedy" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"amount_pence" integer,
	"owner_id" uuid,
	"due_on" date,
	"done_on" date,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "complaint_remedy_kind_check" CHECK ("complaint_remedy"."kind" IN ('apology', 'payment', 'action')),
	CONSTRAINT "complaint_remedy_payment_check" CHECK (("complaint_remedy"."kind" = 'payment') = ("complaint_remedy"."amount_pence" IS NOT NULL) AND ("complaint_remedy"."amount_pence" IS NULL OR "complaint_remedy"."amount_pence" > 0)),
	CONSTRAINT "complaint_remedy_action_check" CHECK (("complaint_remedy"."kind" = 'action') = ("complaint_remedy"."owner_id" IS NOT NULL AND "complaint_remedy"."due_on" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "complaint_stage" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"received_on" date NOT NULL,
	"due_on" date,
	"responded_on" date,
	"response_summary" text,
	"outcome" text,
	"ombudsman_reference" text,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "complaint_stage_stage_check" CHECK ("complaint_stage"."stage" IN ('stage-1', 'stage-2', 'ombudsman')),
	CONSTRAINT "complaint_stage_outcome_check" CHECK ("complaint_stage"."outcome" IS NULL OR "complaint_stage"."outcome" IN ('upheld', 'partly-upheld', 'not-upheld'))
);
--> statement-breakpoint
CREATE TABLE "contact" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"source" text NOT NULL,
	"child_id" uuid,
	"owner_id" uuid NOT NULL,
	"from_name" text NOT NULL,
	"summary" text NOT NULL,
	"theme" text,
	"received_on" date NOT NULL,
	"status" text NOT NULL,
	"stage" text,
	"outcome" text,
	"due_on" date,
	"first_due_on" date NOT NULL,
	"first_responded_on" date,
	"responded_on" date,
	"response_summary" text,
	"closed_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "contact_kind_check" CHECK ("contact"."kind" IN ('enquiry', 'complaint', 'foi', 'sar', 'member-enquiry')),
	CONSTRAINT "contact_channel_check" CHECK ("contact"."channel" IN ('phone', 'email', 'letter', 'portal')),
	CONSTRAINT "contact_source_check" CHECK ("contact"."source" IN ('family', 'mp', 'councillor', 'ombudsman', 'other')),
	CONSTRAINT "contact_status_check" CHECK ("contact"."status" IN ('open', 'closed')),
	CONSTRAINT "contact_theme_check" CHECK ("contact"."theme" IS NULL OR "contact"."theme" IN ('communication', 'delay', 'plan-content', 'placement', 'transport', 'assessment', 'staff-conduct', 'other')),
	CONSTRAINT "contact_stage_check" CHECK (("contact"."kind" = 'complaint') = ("contact"."stage" IS NOT NULL) AND ("contact"."stage" IS NULL OR "contact"."stage" IN ('stage-1', 'stage-2', 'ombudsman'))),
	CONSTRAINT "contact_outcome_check" CHECK ("contact"."outcome" IS NULL OR "contact"."outcome" IN ('upheld', 'partly-upheld', 'not-upheld')),
	CONSTRAINT "contact_responded_check" CHECK ("contact"."responded_on" IS NULL OR "contact"."responded_on" >= "contact"."received_on")
);
--> statement-breakpoint
CREATE TABLE "contact_policy" (
	"authority_id" uuid NOT NULL,
	"enquiry_working_days" integer NOT NULL,
	"member_enquiry_working_days" integer NOT NULL,
	"stage1_working_days" integer NOT NULL,
	"stage2_working_days" integer NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "contact_policy_days_check" CHECK ("contact_policy"."enquiry_working_days" BETWEEN 1 AND 60 AND "contact_policy"."member_enquiry_working_days" BETWEEN 1 AND 60 AND "contact_policy"."stage1_working_days" BETWEEN 1 AND 60 AND "contact_policy"."stage2_working_days" BETWEEN 1 AND 60)
);
--> statement-breakpoint
CREATE TABLE "contact_reference_counter" (
	"authority_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last_number" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "complaint_remedy" ADD CONSTRAINT "complaint_remedy_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_remedy" ADD CONSTRAINT "complaint_remedy_contact_id_contact_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contact"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_remedy" ADD CONSTRAINT "complaint_remedy_owner_id_staff_user_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."staff_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_stage" ADD CONSTRAINT "complaint_stage_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_stage" ADD CONSTRAINT "complaint_stage_contact_id_contact_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contact"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact" ADD CONSTRAINT "contact_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact" ADD CONSTRAINT "contact_child_id_child_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."child"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact" ADD CONSTRAINT "contact_owner_id_staff_user_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."staff_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_policy" ADD CONSTRAINT "contact_policy_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_reference_counter" ADD CONSTRAINT "contact_reference_counter_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complaint_remedy_contact_idx" ON "complaint_remedy" USING btree ("authority_id","contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "complaint_stage_contact_idx" ON "complaint_stage" USING btree ("authority_id","contact_id","stage");--> statement-breakpoint
CREATE UNIQUE INDEX "contact_reference_idx" ON "contact" USING btree ("authority_id","reference");--> statement-breakpoint
CREATE INDEX "contact_register_idx" ON "contact" USING btree ("authority_id","status","due_on");--> statement-breakpoint
CREATE INDEX "contact_owner_idx" ON "contact" USING btree ("authority_id","owner_id","status","due_on");--> statement-breakpoint
CREATE INDEX "contact_child_idx" ON "contact" USING btree ("authority_id","child_id");--> statement-breakpoint
CREATE INDEX "contact_received_idx" ON "contact" USING btree ("authority_id","received_on");--> statement-breakpoint
CREATE UNIQUE INDEX "contact_policy_pk" ON "contact_policy" USING btree ("authority_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contact_reference_counter_pk" ON "contact_reference_counter" USING btree ("authority_id","year");