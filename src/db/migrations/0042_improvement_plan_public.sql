CREATE TABLE "improvement_public_measure" (
	"authority_id" uuid NOT NULL,
	"binding_id" uuid NOT NULL,
	"explanation" text DEFAULT '' NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "improvement_public_page" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "improvement_public_page_authority_idx" UNIQUE("authority_id")
);
--> statement-breakpoint
ALTER TABLE "improvement_public_measure" ADD CONSTRAINT "improvement_public_measure_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_public_measure" ADD CONSTRAINT "improvement_public_measure_binding_id_improvement_measure_id_fk" FOREIGN KEY ("binding_id") REFERENCES "public"."improvement_measure"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_public_page" ADD CONSTRAINT "improvement_public_page_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "improvement_public_measure_pk" ON "improvement_public_measure" USING btree ("authority_id","binding_id");