CREATE TABLE "log_retention" (
	"authority_id" uuid NOT NULL,
	"log" text NOT NULL,
	"years" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid NOT NULL,
	CONSTRAINT "log_retention_authority_id_log_pk" PRIMARY KEY("authority_id","log"),
	CONSTRAINT "log_retention_log_known" CHECK ("log_retention"."log" IN ('audit_event', 'access_log', 'list_access_log')),
	CONSTRAINT "log_retention_years_sane" CHECK ("log_retention"."years" BETWEEN 1 AND 100)
);
--> statement-breakpoint
ALTER TABLE "log_retention" ADD CONSTRAINT "log_retention_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
-- Written by hand from here (ADR 0025): each log becomes a table partitioned by month on its
-- timestamp, so a month past every council's retention is dropped whole, never row by row. drizzle
-- cannot declare partitioning; its snapshot holds the same columns, keys and indexes.
--
-- The month partition of a log: <log>_YYYY_MM, from midnight UTC on the 1st to the next 1st. Rows
-- of a month with no partition wait in <log>_default; making the month moves them into it (the
-- default is detached, its rows added again through the parent, and the old one dropped), so no row
-- is ever updated or deleted. Every partition gets the log's refusal of TRUNCATE, which PostgreSQL
-- does not pass down from the parent; the row triggers (UPDATE, DELETE) it does. Run by the owner
-- only: the service's role can create no table, and EXECUTE is taken from PUBLIC.
CREATE FUNCTION create_log_month(log text, month date) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  first_day date := date_trunc('month', month)::date;
  partition_name text := log || '_' || to_char(date_trunc('month', month), 'YYYY_MM');
  default_name text := log || '_default';
  stamp text;
  starts timestamptz;
  ends timestamptz;
  waiting boolean;
BEGIN
  IF log NOT IN ('audit_event', 'access_log', 'list_access_log') THEN
    RAISE EXCEPTION '% is not a log partitioned by month', log;
  END IF;
  -- Two instances running the job at once make each month once: the second waits, then finds it.
  PERFORM pg_advisory_xact_lock(7361002043);
  IF to_regclass(format('public.%I', partition_name)) IS NOT NULL THEN
    RETURN false;
  END IF;
  stamp := CASE log WHEN 'audit_event' THEN 'occurred_at' ELSE 'accessed_at' END;
  starts := first_day::timestamp AT TIME ZONE 'UTC';
  ends := (first_day + interval '1 month')::timestamp AT TIME ZONE 'UTC';
  EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE %I >= $1 AND %I < $2)', default_name, stamp, stamp) INTO waiting USING starts, ends;
  IF waiting THEN
    EXECUTE format('ALTER TABLE %I DETACH PARTITION %I', log, default_name);
    EXECUTE format('ALTER TABLE %I RENAME TO %I', default_name, log || '_default_moving');
    EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', partition_name, log, starts, ends);
    EXECUTE format('CREATE TABLE %I PARTITION OF %I DEFAULT', default_name, log);
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only_log()', default_name || '_no_truncate', default_name);
    EXECUTE format('INSERT INTO %I SELECT * FROM %I', log, log || '_default_moving');
    EXECUTE format('DROP TABLE %I', log || '_default_moving');
  ELSE
    EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', partition_name, log, starts, ends);
  END IF;
  EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only_log()', partition_name || '_no_truncate', partition_name);
  RETURN true;
END;
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION create_log_month(text, date) FROM PUBLIC;
--> statement-breakpoint
-- audit_event: moved whole into a table partitioned by month.
ALTER TABLE "audit_event" RENAME TO "audit_event_unpartitioned";
--> statement-breakpoint
ALTER TABLE "audit_event_unpartitioned" DROP CONSTRAINT "audit_event_pkey";
--> statement-breakpoint
ALTER TABLE "audit_event_unpartitioned" DROP CONSTRAINT "audit_event_authority_id_authority_id_fk";
--> statement-breakpoint
DROP INDEX "audit_event_entity_idx";
--> statement-breakpoint
DROP INDEX "audit_event_actor_idx";
--> statement-breakpoint
CREATE TABLE "audit_event" (
	"id" uuid NOT NULL,
	"authority_id" uuid NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" text NOT NULL,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "audit_event_pkey" PRIMARY KEY("id","occurred_at")
) PARTITION BY RANGE ("occurred_at");
--> statement-breakpoint
ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "audit_event_entity_idx" ON "audit_event" USING btree ("authority_id","entity_type","entity_id","occurred_at");
--> statement-breakpoint
CREATE INDEX "audit_event_actor_idx" ON "audit_event" USING btree ("authority_id","actor_id","occurred_at");
--> statement-breakpoint
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON "audit_event" FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only_log();
--> statement-breakpoint
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "audit_event" FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only_log();
--> statement-breakpoint
CREATE TABLE "audit_event_default" PARTITION OF "audit_event" DEFAULT;
--> statement-breakpoint
CREATE TRIGGER audit_event_default_no_truncate BEFORE TRUNCATE ON "audit_event_default" FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only_log();
--> statement-breakpoint
-- A partition for every month that has rows, and for this month and the next three.
SELECT create_log_month('audit_event', month::date)
  FROM generate_series(
         date_trunc('month', LEAST((SELECT min("occurred_at") FROM "audit_event_unpartitioned"), now()) AT TIME ZONE 'UTC'),
         date_trunc('month', now() AT TIME ZONE 'UTC') + interval '3 months',
         interval '1 month') AS month;
--> statement-breakpoint
INSERT INTO "audit_event" ("id", "authority_id", "occurred_at", "actor_kind", "actor_id", "action", "entity_type", "entity_id", "details") SELECT "id", "authority_id", "occurred_at", "actor_kind", "actor_id", "action", "entity_type", "entity_id", "details" FROM "audit_event_unpartitioned";
--> statement-breakpoint
DROP TABLE "audit_event_unpartitioned";
--> statement-breakpoint
-- access_log: moved whole into a table partitioned by month.
ALTER TABLE "access_log" RENAME TO "access_log_unpartitioned";
--> statement-breakpoint
ALTER TABLE "access_log_unpartitioned" DROP CONSTRAINT "access_log_pkey";
--> statement-breakpoint
ALTER TABLE "access_log_unpartitioned" DROP CONSTRAINT "access_log_authority_id_authority_id_fk";
--> statement-breakpoint
DROP INDEX "access_log_child_idx";
--> statement-breakpoint
DROP INDEX "access_log_actor_idx";
--> statement-breakpoint
CREATE TABLE "access_log" (
	"id" uuid NOT NULL,
	"authority_id" uuid NOT NULL,
	"accessed_at" timestamp with time zone NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" text NOT NULL,
	"child_id" uuid NOT NULL,
	"view" text NOT NULL,
	CONSTRAINT "access_log_pkey" PRIMARY KEY("id","accessed_at")
) PARTITION BY RANGE ("accessed_at");
--> statement-breakpoint
ALTER TABLE "access_log" ADD CONSTRAINT "access_log_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "access_log_child_idx" ON "access_log" USING btree ("authority_id","child_id","accessed_at");
--> statement-breakpoint
CREATE INDEX "access_log_actor_idx" ON "access_log" USING btree ("authority_id","actor_id","accessed_at");
--> statement-breakpoint
CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON "access_log" FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only_log();
--> statement-breakpoint
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON "access_log" FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only_log();
--> statement-breakpoint
CREATE TABLE "access_log_default" PARTITION OF "access_log" DEFAULT;
--> statement-breakpoint
CREATE TRIGGER access_log_default_no_truncate BEFORE TRUNCATE ON "access_log_default" FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only_log();
--> statement-breakpoint
-- A partition for every month that has rows, and for this month and the next three.
SELECT create_log_month('access_log', month::date)
  FROM generate_series(
         date_trunc('month', LEAST((SELECT min("accessed_at") FROM "access_log_unpartitioned"), now()) AT TIME ZONE 'UTC'),
         date_trunc('month', now() AT TIME ZONE 'UTC') + interval '3 months',
         interval '1 month') AS month;
--> statement-breakpoint
INSERT INTO "access_log" ("id", "authority_id", "accessed_at", "actor_kind", "actor_id", "child_id", "view") SELECT "id", "authority_id", "accessed_at", "actor_kind", "actor_id", "child_id", "view" FROM "access_log_unpartitioned";
--> statement-breakpoint
DROP TABLE "access_log_unpartitioned";
--> statement-breakpoint
-- list_access_log: moved whole into a table partitioned by month.
ALTER TABLE "list_access_log" RENAME TO "list_access_log_unpartitioned";
--> statement-breakpoint
ALTER TABLE "list_access_log_unpartitioned" DROP CONSTRAINT "list_access_log_pkey";
--> statement-breakpoint
ALTER TABLE "list_access_log_unpartitioned" DROP CONSTRAINT "list_access_log_authority_id_authority_id_fk";
--> statement-breakpoint
DROP INDEX "list_access_log_actor_idx";
--> statement-breakpoint
CREATE TABLE "list_access_log" (
	"id" uuid NOT NULL,
	"authority_id" uuid NOT NULL,
	"accessed_at" timestamp with time zone NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" text NOT NULL,
	"view" text NOT NULL,
	"query" text,
	"child_ids" uuid[] NOT NULL,
	CONSTRAINT "list_access_log_pkey" PRIMARY KEY("id","accessed_at")
) PARTITION BY RANGE ("accessed_at");
--> statement-breakpoint
ALTER TABLE "list_access_log" ADD CONSTRAINT "list_access_log_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "list_access_log_actor_idx" ON "list_access_log" USING btree ("authority_id","actor_id","accessed_at");
--> statement-breakpoint
CREATE TRIGGER list_access_log_append_only BEFORE UPDATE OR DELETE ON "list_access_log" FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only_log();
--> statement-breakpoint
CREATE TRIGGER list_access_log_no_truncate BEFORE TRUNCATE ON "list_access_log" FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only_log();
--> statement-breakpoint
CREATE TABLE "list_access_log_default" PARTITION OF "list_access_log" DEFAULT;
--> statement-breakpoint
CREATE TRIGGER list_access_log_default_no_truncate BEFORE TRUNCATE ON "list_access_log_default" FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only_log();
--> statement-breakpoint
-- A partition for every month that has rows, and for this month and the next three.
SELECT create_log_month('list_access_log', month::date)
  FROM generate_series(
         date_trunc('month', LEAST((SELECT min("accessed_at") FROM "list_access_log_unpartitioned"), now()) AT TIME ZONE 'UTC'),
         date_trunc('month', now() AT TIME ZONE 'UTC') + interval '3 months',
         interval '1 month') AS month;
--> statement-breakpoint
INSERT INTO "list_access_log" ("id", "authority_id", "accessed_at", "actor_kind", "actor_id", "view", "query", "child_ids") SELECT "id", "authority_id", "accessed_at", "actor_kind", "actor_id", "view", "query", "child_ids" FROM "list_access_log_unpartitioned";
--> statement-breakpoint
DROP TABLE "list_access_log_unpartitioned";
