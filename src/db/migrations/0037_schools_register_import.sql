CREATE TABLE "school_import_run" (
	"id" uuid PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"ran_by" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"status" text NOT NULL,
	"encoding" text,
	"created" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"renamed" integer DEFAULT 0 NOT NULL,
	"closed" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"refused" integer DEFAULT 0 NOT NULL,
	"refusals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"failure" text
);
--> statement-breakpoint
CREATE TABLE "school_name_change" (
	"id" uuid PRIMARY KEY NOT NULL,
	"school_id" uuid NOT NULL,
	"from_name" text NOT NULL,
	"to_name" text NOT NULL,
	"seen_on" date NOT NULL,
	"import_run_id" uuid NOT NULL
);
--> statement-breakpoint
ALTER TABLE "school" ADD COLUMN "street" text;--> statement-breakpoint
ALTER TABLE "school" ADD COLUMN "locality" text;--> statement-breakpoint
ALTER TABLE "school" ADD COLUMN "address3" text;--> statement-breakpoint
ALTER TABLE "school" ADD COLUMN "town" text;--> statement-breakpoint
ALTER TABLE "school" ADD COLUMN "county" text;--> statement-breakpoint
ALTER TABLE "school" ADD COLUMN "open_date" date;--> statement-breakpoint
ALTER TABLE "school" ADD COLUMN "close_date" date;--> statement-breakpoint
ALTER TABLE "school" ADD COLUMN "import_run_id" uuid;--> statement-breakpoint
ALTER TABLE "school_name_change" ADD CONSTRAINT "school_name_change_school_id_school_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."school"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_name_change" ADD CONSTRAINT "school_name_change_import_run_id_school_import_run_id_fk" FOREIGN KEY ("import_run_id") REFERENCES "public"."school_import_run"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "school_name_change_school_idx" ON "school_name_change" USING btree ("school_id","seen_on");--> statement-breakpoint
ALTER TABLE "school" ADD CONSTRAINT "school_import_run_id_school_import_run_id_fk" FOREIGN KEY ("import_run_id") REFERENCES "public"."school_import_run"("id") ON DELETE no action ON UPDATE no action;