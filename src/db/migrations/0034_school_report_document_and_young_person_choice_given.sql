ALTER TABLE "document" ADD COLUMN "sent_by" text;--> statement-breakpoint
ALTER TABLE "annual_review" ADD COLUMN "report_document_id" uuid;--> statement-breakpoint
ALTER TABLE "portal_young_person_choice" ADD COLUMN "given_by" text;--> statement-breakpoint
ALTER TABLE "portal_young_person_choice" ADD COLUMN "given_on" date;--> statement-breakpoint
ALTER TABLE "annual_review" ADD CONSTRAINT "annual_review_report_document_id_document_id_fk" FOREIGN KEY ("report_document_id") REFERENCES "public"."document"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document" ADD CONSTRAINT "document_sent_by_check" CHECK ("document"."sent_by" IS NULL OR length("document"."sent_by") between 1 and 300);--> statement-breakpoint
ALTER TABLE "portal_young_person_choice" ADD CONSTRAINT "portal_young_person_choice_given_by_check" CHECK ("portal_young_person_choice"."given_by" IS NULL OR "portal_young_person_choice"."given_by" IN ('phone', 'meeting', 'email', 'letter'));--> statement-breakpoint
ALTER TABLE "portal_young_person_choice" ADD CONSTRAINT "portal_young_person_choice_given_check" CHECK (("portal_young_person_choice"."given_by" IS NULL) = ("portal_young_person_choice"."given_on" IS NULL));