CREATE TABLE "board_meeting" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"attendees" text NOT NULL,
	"decisions" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	"snapshot_taken_at" timestamp with time zone NOT NULL,
	"recorded_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "improvement_action" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"area_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"owner_id" uuid NOT NULL,
	"status" text NOT NULL,
	"status_note" text NOT NULL,
	"status_at" timestamp with time zone NOT NULL,
	"meeting_id" uuid,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "improvement_action_status_check" CHECK ("improvement_action"."status" IN ('not-started', 'on-track', 'at-risk', 'off-track', 'complete'))
);
--> statement-breakpoint
CREATE TABLE "improvement_area" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"title" text NOT NULL,
	"finding" text NOT NULL,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "improvement_change" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"by_id" text NOT NULL,
	"by_name" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"what" text NOT NULL,
	"before" text,
	"after" text,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "improvement_evidence" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"action_id" uuid NOT NULL,
	"title" text NOT NULL,
	"url" text NOT NULL,
	"by_name" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "improvement_measure" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"area_id" uuid,
	"action_id" uuid,
	"measure_id" text NOT NULL,
	"baseline_value" numeric(10, 1) NOT NULL,
	"baseline_on" date NOT NULL,
	"target_value" numeric(10, 1) NOT NULL,
	"target_on" date NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "improvement_measure_one_owner_check" CHECK (("improvement_measure"."area_id" IS NULL) <> ("improvement_measure"."action_id" IS NULL)),
	CONSTRAINT "improvement_measure_dates_check" CHECK ("improvement_measure"."target_on" > "improvement_measure"."baseline_on")
);
--> statement-breakpoint
CREATE TABLE "improvement_milestone" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"action_id" uuid NOT NULL,
	"title" text NOT NULL,
	"due_on" date NOT NULL,
	"done_on" date,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "improvement_status_update" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"action_id" uuid NOT NULL,
	"status" text NOT NULL,
	"note" text NOT NULL,
	"by_id" text NOT NULL,
	"by_name" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "board_meeting" ADD CONSTRAINT "board_meeting_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_action" ADD CONSTRAINT "improvement_action_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_action" ADD CONSTRAINT "improvement_action_area_id_improvement_area_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."improvement_area"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_action" ADD CONSTRAINT "improvement_action_owner_id_staff_user_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."staff_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_action" ADD CONSTRAINT "improvement_action_meeting_id_board_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."board_meeting"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_area" ADD CONSTRAINT "improvement_area_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_change" ADD CONSTRAINT "improvement_change_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_evidence" ADD CONSTRAINT "improvement_evidence_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_evidence" ADD CONSTRAINT "improvement_evidence_action_id_improvement_action_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."improvement_action"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_measure" ADD CONSTRAINT "improvement_measure_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_measure" ADD CONSTRAINT "improvement_measure_area_id_improvement_area_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."improvement_area"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_measure" ADD CONSTRAINT "improvement_measure_action_id_improvement_action_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."improvement_action"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_milestone" ADD CONSTRAINT "improvement_milestone_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_milestone" ADD CONSTRAINT "improvement_milestone_action_id_improvement_action_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."improvement_action"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_status_update" ADD CONSTRAINT "improvement_status_update_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_status_update" ADD CONSTRAINT "improvement_status_update_action_id_improvement_action_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."improvement_action"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "board_meeting_held_idx" ON "board_meeting" USING btree ("authority_id","held_on");--> statement-breakpoint
CREATE INDEX "improvement_action_area_idx" ON "improvement_action" USING btree ("authority_id","area_id","position");--> statement-breakpoint
CREATE INDEX "improvement_action_owner_idx" ON "improvement_action" USING btree ("authority_id","owner_id");--> statement-breakpoint
CREATE INDEX "improvement_area_position_idx" ON "improvement_area" USING btree ("authority_id","position");--> statement-breakpoint
CREATE INDEX "improvement_change_at_idx" ON "improvement_change" USING btree ("authority_id","at");--> statement-breakpoint
CREATE INDEX "improvement_change_entity_idx" ON "improvement_change" USING btree ("authority_id","entity_id","at");--> statement-breakpoint
CREATE INDEX "improvement_evidence_action_idx" ON "improvement_evidence" USING btree ("authority_id","action_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "improvement_measure_area_idx" ON "improvement_measure" USING btree ("authority_id","area_id","measure_id") WHERE area_id IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "improvement_measure_action_idx" ON "improvement_measure" USING btree ("authority_id","action_id","measure_id") WHERE action_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "improvement_milestone_action_idx" ON "improvement_milestone" USING btree ("authority_id","action_id","due_on");--> statement-breakpoint
CREATE INDEX "improvement_status_update_action_idx" ON "improvement_status_update" USING btree ("authority_id","action_id","at");--> statement-breakpoint
CREATE FUNCTION refuse_change_to_board_meeting_snapshot() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'board_meeting % cannot be deleted: the plan as it stood at every meeting is kept', OLD.id USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF NEW.snapshot IS DISTINCT FROM OLD.snapshot OR NEW.snapshot_taken_at IS DISTINCT FROM OLD.snapshot_taken_at OR NEW.held_on IS DISTINCT FROM OLD.held_on OR NEW.authority_id IS DISTINCT FROM OLD.authority_id THEN
    RAISE EXCEPTION 'board_meeting %: the plan as it stood at the meeting, and the meeting''s date, cannot be changed', OLD.id USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER board_meeting_snapshot_is_frozen BEFORE UPDATE OR DELETE ON "board_meeting" FOR EACH ROW EXECUTE FUNCTION refuse_change_to_board_meeting_snapshot();--> statement-breakpoint
CREATE TRIGGER board_meeting_no_truncate BEFORE TRUNCATE ON "board_meeting" FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only_log();--> statement-breakpoint
CREATE TRIGGER improvement_change_append_only BEFORE UPDATE OR DELETE ON "improvement_change" FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only_log();--> statement-breakpoint
CREATE TRIGGER improvement_change_no_truncate BEFORE TRUNCATE ON "improvement_change" FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only_log();--> statement-breakpoint
CREATE TRIGGER improvement_status_update_append_only BEFORE UPDATE OR DELETE ON "improvement_status_update" FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only_log();
--> statement-breakpoint
CREATE TRIGGER improvement_status_update_no_truncate BEFORE TRUNCATE ON "improvement_status_update" FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only_log();
