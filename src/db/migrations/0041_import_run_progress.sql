ALTER TABLE "import_run" DROP CONSTRAINT "import_run_status_check";--> statement-breakpoint
ALTER TABLE "import_run" ADD COLUMN "folder" text;--> statement-breakpoint
ALTER TABLE "import_run" ADD COLUMN "children_total" integer;--> statement-breakpoint
ALTER TABLE "import_run" ADD COLUMN "children_done" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "import_run" ADD COLUMN "checkpoint" jsonb;--> statement-breakpoint
ALTER TABLE "import_run" ADD CONSTRAINT "import_run_status_check" CHECK ("import_run"."status" in ('queued', 'running', 'finished', 'failed'));