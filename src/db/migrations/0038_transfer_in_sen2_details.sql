ALTER TABLE "council_transfer" ADD COLUMN "other_la_code" text;--> statement-breakpoint
ALTER TABLE "council_transfer" ADD COLUMN "request_received_on" date;--> statement-breakpoint
ALTER TABLE "council_transfer" ADD COLUMN "request_source" integer;--> statement-breakpoint
ALTER TABLE "council_transfer" ADD CONSTRAINT "council_transfer_la_code_check" CHECK ("council_transfer"."other_la_code" IS NULL OR "council_transfer"."other_la_code" ~ '^[0-9]{3}$');--> statement-breakpoint
ALTER TABLE "council_transfer" ADD CONSTRAINT "council_transfer_request_source_check" CHECK ("council_transfer"."request_source" IS NULL OR "council_transfer"."request_source" BETWEEN 1 AND 5);