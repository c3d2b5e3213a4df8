-- Added by hand: drizzle-kit writes no CREATE EXTENSION. Search (trigram indexes) needs pg_trgm;
-- PGlite must be created with the same extension loaded.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE TABLE "authority" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"region" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "authority_code" (
	"authority_id" uuid NOT NULL,
	"la_code" text NOT NULL,
	"gss_code" text,
	"valid_from" date NOT NULL,
	"valid_to" date
);
--> statement-breakpoint
CREATE TABLE "bank_holiday" (
	"division" text DEFAULT 'england-and-wales' NOT NULL,
	"date" date NOT NULL,
	"title" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "school" (
	"id" uuid PRIMARY KEY NOT NULL,
	"urn" integer NOT NULL,
	"ukprn" integer,
	"name" text NOT NULL,
	"phase" text NOT NULL,
	"type" text NOT NULL,
	"status" text NOT NULL,
	"la_code" text,
	"postcode" text
);
--> statement-breakpoint
ALTER TABLE "authority_code" ADD CONSTRAINT "authority_code_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "authority_code_pk" ON "authority_code" USING btree ("authority_id","la_code","valid_from");--> statement-breakpoint
CREATE INDEX "authority_code_la_code_idx" ON "authority_code" USING btree ("la_code");--> statement-breakpoint
CREATE UNIQUE INDEX "bank_holiday_pk" ON "bank_holiday" USING btree ("division","date");--> statement-breakpoint
CREATE UNIQUE INDEX "school_urn_idx" ON "school" USING btree ("urn");--> statement-breakpoint
CREATE INDEX "school_la_code_idx" ON "school" USING btree ("la_code");