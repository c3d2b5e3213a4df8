CREATE TABLE "assessment_request" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"received_on" date NOT NULL,
	"source" smallint NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_deadline" (
	"authority_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"deadline_id" text NOT NULL,
	"title" text NOT NULL,
	"due_on" date NOT NULL,
	"basis" text NOT NULL,
	"met_on" date
);
--> statement-breakpoint
CREATE TABLE "case_event" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"type" text NOT NULL,
	"occurred_on" date NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" text NOT NULL,
	"reason" text,
	"corrects_event_id" uuid,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_reference_counter" (
	"authority_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last_number" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "child" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"forename" text NOT NULL,
	"surname" text NOT NULL,
	"preferred_name" text,
	"former_names" text[] DEFAULT '{}'::text[] NOT NULL,
	"date_of_birth" date NOT NULL,
	"sex" text NOT NULL,
	"ethnicity" text,
	"postcode" text,
	"upn" text,
	"uln" text,
	"school_id" uuid,
	"sensitive" boolean DEFAULT false NOT NULL,
	"search_names" text NOT NULL,
	"surname_key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "child_person" (
	"authority_id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"relationship" text NOT NULL,
	"parental_responsibility" boolean NOT NULL,
	"main_contact" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ehc_case" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"stage" text NOT NULL,
	"officer_id" uuid,
	"unallocated_since" date,
	"opened_on" date NOT NULL,
	"closed_on" date,
	"next_deadline_on" date,
	"next_deadline_title" text,
	"created_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "ehc_case_accountable" CHECK (closed_on IS NOT NULL OR officer_id IS NOT NULL OR unallocated_since IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "idempotency_key" (
	"authority_id" uuid NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"response_status" integer NOT NULL,
	"response_body" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"forename" text NOT NULL,
	"surname" text NOT NULL,
	"email" text,
	"phone" text,
	"address" text,
	"postcode" text,
	"do_not_disclose_address" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assessment_request" ADD CONSTRAINT "assessment_request_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_request" ADD CONSTRAINT "assessment_request_case_id_ehc_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."ehc_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_request" ADD CONSTRAINT "assessment_request_child_id_child_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."child"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_deadline" ADD CONSTRAINT "case_deadline_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_deadline" ADD CONSTRAINT "case_deadline_case_id_ehc_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."ehc_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_event" ADD CONSTRAINT "case_event_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_event" ADD CONSTRAINT "case_event_case_id_ehc_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."ehc_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_reference_counter" ADD CONSTRAINT "case_reference_counter_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child" ADD CONSTRAINT "child_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child" ADD CONSTRAINT "child_school_id_school_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."school"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_person" ADD CONSTRAINT "child_person_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_person" ADD CONSTRAINT "child_person_child_id_child_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."child"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_person" ADD CONSTRAINT "child_person_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ehc_case" ADD CONSTRAINT "ehc_case_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ehc_case" ADD CONSTRAINT "ehc_case_child_id_child_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."child"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ehc_case" ADD CONSTRAINT "ehc_case_officer_id_staff_user_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."staff_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_key" ADD CONSTRAINT "idempotency_key_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person" ADD CONSTRAINT "person_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessment_request_case_idx" ON "assessment_request" USING btree ("authority_id","case_id");--> statement-breakpoint
CREATE INDEX "assessment_request_received_idx" ON "assessment_request" USING btree ("authority_id","received_on");--> statement-breakpoint
CREATE UNIQUE INDEX "case_deadline_pk" ON "case_deadline" USING btree ("authority_id","case_id","deadline_id");--> statement-breakpoint
CREATE INDEX "case_deadline_due_idx" ON "case_deadline" USING btree ("authority_id","due_on");--> statement-breakpoint
CREATE INDEX "case_event_case_idx" ON "case_event" USING btree ("authority_id","case_id","occurred_on");--> statement-breakpoint
CREATE UNIQUE INDEX "case_reference_counter_pk" ON "case_reference_counter" USING btree ("authority_id","year");--> statement-breakpoint
CREATE INDEX "child_search_names_trgm_idx" ON "child" USING gin ("search_names" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "child_surname_idx" ON "child" USING btree ("authority_id","surname_key");--> statement-breakpoint
CREATE INDEX "child_birth_date_idx" ON "child" USING btree ("authority_id","date_of_birth");--> statement-breakpoint
CREATE INDEX "child_upn_idx" ON "child" USING btree ("authority_id","upn");--> statement-breakpoint
CREATE UNIQUE INDEX "child_person_pk" ON "child_person" USING btree ("authority_id","child_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ehc_case_reference_idx" ON "ehc_case" USING btree ("authority_id","reference");--> statement-breakpoint
CREATE UNIQUE INDEX "ehc_case_one_open_per_child_idx" ON "ehc_case" USING btree ("authority_id","child_id") WHERE closed_on IS NULL;--> statement-breakpoint
CREATE INDEX "ehc_case_worklist_idx" ON "ehc_case" USING btree ("authority_id","officer_id","next_deadline_on") WHERE closed_on IS NULL;--> statement-breakpoint
CREATE INDEX "ehc_case_unallocated_idx" ON "ehc_case" USING btree ("authority_id","unallocated_since") WHERE closed_on IS NULL AND officer_id IS NULL;--> statement-breakpoint
CREATE INDEX "ehc_case_child_idx" ON "ehc_case" USING btree ("authority_id","child_id");--> statement-breakpoint
CREATE UNIQUE INDEX "idempotency_key_pk" ON "idempotency_key" USING btree ("authority_id","key");--> statement-breakpoint
CREATE INDEX "person_authority_idx" ON "person" USING btree ("authority_id","surname");--> statement-breakpoint
-- Added by hand: a case's history is append-only; corrections are new events.
CREATE TRIGGER case_event_append_only BEFORE UPDATE OR DELETE ON "case_event" FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only_log();
--> statement-breakpoint
CREATE TRIGGER case_event_no_truncate BEFORE TRUNCATE ON "case_event" FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only_log();
