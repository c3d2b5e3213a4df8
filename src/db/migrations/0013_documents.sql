-- Documents attached to a case: what the bytes are (media type sniffed from the content, size, SHA-256,
-- scan verdict) and who added them; the bytes themselves live in the file store, never here.
CREATE TABLE "document" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"title" text NOT NULL,
	"filename" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"scan_verdict" text NOT NULL,
	"scan_engine" text NOT NULL,
	"uploaded_by" text NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "document_scan_verdict_check" CHECK ("document"."scan_verdict" in ('clean', 'not-scanned')),
	CONSTRAINT "document_sha256_check" CHECK ("document"."sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "document_size_check" CHECK ("document"."size_bytes" > 0)
);
--> statement-breakpoint
ALTER TABLE "document" ADD CONSTRAINT "document_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document" ADD CONSTRAINT "document_case_id_ehc_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."ehc_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "document_case_idx" ON "document" USING btree ("authority_id","case_id","uploaded_at");