CREATE TABLE "import_record" (
	"authority_id" uuid NOT NULL,
	"source_system" text NOT NULL,
	"kind" text NOT NULL,
	"source_id" text NOT NULL,
	"target_id" uuid NOT NULL,
	"digest" text NOT NULL,
	"first_run_id" uuid NOT NULL,
	"last_run_id" uuid NOT NULL,
	CONSTRAINT "import_record_kind_check" CHECK ("import_record"."kind" in ('child', 'person', 'case', 'event', 'plan', 'review'))
);
--> statement-breakpoint
CREATE TABLE "import_run" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"source_system" text NOT NULL,
	"mode" text NOT NULL,
	"source" text NOT NULL,
	"mapping_name" text NOT NULL,
	"ran_by" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"status" text NOT NULL,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"refusals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"failure" text,
	CONSTRAINT "import_run_mode_check" CHECK ("import_run"."mode" in ('dry-run', 'apply')),
	CONSTRAINT "import_run_status_check" CHECK ("import_run"."status" in ('running', 'finished', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "import_record" ADD CONSTRAINT "import_record_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_record" ADD CONSTRAINT "import_record_first_run_id_import_run_id_fk" FOREIGN KEY ("first_run_id") REFERENCES "public"."import_run"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_record" ADD CONSTRAINT "import_record_last_run_id_import_run_id_fk" FOREIGN KEY ("last_run_id") REFERENCES "public"."import_run"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_run" ADD CONSTRAINT "import_run_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "import_record_source_idx" ON "import_record" USING btree ("authority_id","source_system","kind","source_id");--> statement-breakpoint
CREATE INDEX "import_record_last_run_idx" ON "import_record" USING btree ("authority_id","last_run_id","kind");--> statement-breakpoint
CREATE INDEX "import_record_first_run_idx" ON "import_record" USING btree ("authority_id","first_run_id","kind");--> statement-breakpoint
CREATE INDEX "import_record_target_idx" ON "import_record" USING btree ("authority_id","target_id");--> statement-breakpoint
CREATE INDEX "import_run_started_idx" ON "import_run" USING btree ("authority_id","started_at");