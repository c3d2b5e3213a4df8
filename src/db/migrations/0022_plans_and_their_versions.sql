-- The EHC plan (issue 17): a plan per case and type, its versions (one working version that
-- changes, with a revision number; every issued version frozen) and each saved revision of the
-- working version. The trigger below makes an issued version immutable in the database itself:
-- only a working version may change (its issue included), and no version is ever deleted.
CREATE TABLE "plan" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"type" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "plan_type_check" CHECK ("plan"."type" IN ('ehc'))
);
--> statement-breakpoint
CREATE TABLE "plan_revision" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"content" jsonb NOT NULL,
	"saved_by" text NOT NULL,
	"saved_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_version" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"status" text NOT NULL,
	"schema_version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"issued_on" date,
	"issued_at" timestamp with time zone,
	"issued_by" text,
	"event_id" uuid,
	"overrides" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"letter_id" uuid,
	CONSTRAINT "plan_version_status_check" CHECK ("plan_version"."status" IN ('working', 'draft', 'final', 'amended', 'ceased')),
	CONSTRAINT "plan_version_issued_check" CHECK (("plan_version"."status" = 'working') = ("plan_version"."issued_on" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "plan" ADD CONSTRAINT "plan_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan" ADD CONSTRAINT "plan_case_id_ehc_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."ehc_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan" ADD CONSTRAINT "plan_child_id_child_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."child"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_revision" ADD CONSTRAINT "plan_revision_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_revision" ADD CONSTRAINT "plan_revision_version_id_plan_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."plan_version"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_version" ADD CONSTRAINT "plan_version_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_version" ADD CONSTRAINT "plan_version_plan_id_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plan"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "plan_case_type_idx" ON "plan" USING btree ("authority_id","case_id","type");--> statement-breakpoint
CREATE INDEX "plan_child_idx" ON "plan" USING btree ("authority_id","child_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_revision_idx" ON "plan_revision" USING btree ("authority_id","version_id","revision");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_version_number_idx" ON "plan_version" USING btree ("authority_id","plan_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_version_working_idx" ON "plan_version" USING btree ("authority_id","plan_id") WHERE status = 'working';--> statement-breakpoint
CREATE FUNCTION refuse_change_to_issued_plan_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'plan_version % cannot be deleted: every version of a plan is kept', OLD.id USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF OLD.status <> 'working' THEN
    RAISE EXCEPTION 'plan_version % was issued (%) and cannot be changed', OLD.id, OLD.status USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER plan_version_issued_is_frozen BEFORE UPDATE OR DELETE ON "plan_version" FOR EACH ROW EXECUTE FUNCTION refuse_change_to_issued_plan_version();--> statement-breakpoint
CREATE TRIGGER plan_revision_append_only BEFORE UPDATE OR DELETE ON "plan_revision" FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only_log();--> statement-breakpoint
CREATE TRIGGER plan_revision_no_truncate BEFORE TRUNCATE ON "plan_revision" FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only_log();
