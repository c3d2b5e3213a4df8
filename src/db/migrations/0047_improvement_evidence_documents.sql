ALTER TABLE "improvement_evidence" ALTER COLUMN "url" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "improvement_evidence" ADD COLUMN "filename" text;--> statement-breakpoint
ALTER TABLE "improvement_evidence" ADD COLUMN "media_type" text;--> statement-breakpoint
ALTER TABLE "improvement_evidence" ADD COLUMN "size_bytes" integer;--> statement-breakpoint
ALTER TABLE "improvement_evidence" ADD COLUMN "sha256" text;--> statement-breakpoint
ALTER TABLE "improvement_evidence" ADD COLUMN "storage_key" text;--> statement-breakpoint
ALTER TABLE "improvement_evidence" ADD COLUMN "scan_verdict" text;--> statement-breakpoint
ALTER TABLE "improvement_evidence" ADD COLUMN "scan_engine" text;--> statement-breakpoint
ALTER TABLE "improvement_evidence" ADD COLUMN "by_id" text;--> statement-breakpoint
ALTER TABLE "improvement_evidence" ADD CONSTRAINT "improvement_evidence_link_or_document_check" CHECK (("improvement_evidence"."url" IS NULL) <> ("improvement_evidence"."storage_key" IS NULL));--> statement-breakpoint
ALTER TABLE "improvement_evidence" ADD CONSTRAINT "improvement_evidence_document_check" CHECK ("improvement_evidence"."storage_key" IS NULL OR ("improvement_evidence"."filename" IS NOT NULL AND "improvement_evidence"."media_type" IS NOT NULL AND "improvement_evidence"."size_bytes" > 0 AND "improvement_evidence"."sha256" IS NOT NULL AND "improvement_evidence"."scan_verdict" IN ('clean', 'not-scanned') AND "improvement_evidence"."scan_engine" IS NOT NULL));