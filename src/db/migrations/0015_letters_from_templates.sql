-- Letters from templates: each council's saved wording of each type of letter (every version kept,
-- the latest current), the council's details its letters give (the name it signs with, its
-- information, advice and support service, mediation and disagreement resolution services), and
-- every letter as sent on a case, with the outbox message that carries it and, once made, its
-- tagged PDF. A document now says whether it was uploaded or is a letter's PDF, and whether it
-- shows an address that must not be disclosed, so such a file goes to the SEND team only.
CREATE TABLE "letter" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"letter_type" text NOT NULL,
	"template_version" integer,
	"recipient_name" text NOT NULL,
	"recipient_channel" text NOT NULL,
	"address_withheld" boolean DEFAULT false NOT NULL,
	"subject" text NOT NULL,
	"body_text" text NOT NULL,
	"body_html" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"message_id" uuid NOT NULL,
	"pdf_document_id" uuid,
	CONSTRAINT "letter_recipient_channel_check" CHECK ("letter"."recipient_channel" IN ('letter', 'email'))
);
--> statement-breakpoint
CREATE TABLE "letter_council_details" (
	"authority_id" uuid PRIMARY KEY NOT NULL,
	"council_name" text NOT NULL,
	"send_team_email" text NOT NULL,
	"iass_name" text NOT NULL,
	"iass_contact" text NOT NULL,
	"mediation_service" text NOT NULL,
	"disagreement_resolution_service" text NOT NULL,
	"version" integer NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "letter_template" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"letter_type" text NOT NULL,
	"version" integer NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"saved_by" uuid NOT NULL,
	"saved_at" timestamp with time zone NOT NULL,
	CONSTRAINT "letter_template_version_check" CHECK ("letter_template"."version" > 0)
);
--> statement-breakpoint
ALTER TABLE "document" ADD COLUMN "kind" text DEFAULT 'upload' NOT NULL;--> statement-breakpoint
ALTER TABLE "document" ADD COLUMN "address_withheld" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "letter" ADD CONSTRAINT "letter_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter" ADD CONSTRAINT "letter_case_id_ehc_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."ehc_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter" ADD CONSTRAINT "letter_child_id_child_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."child"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter" ADD CONSTRAINT "letter_created_by_staff_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter" ADD CONSTRAINT "letter_message_id_outbox_message_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."outbox_message"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter" ADD CONSTRAINT "letter_pdf_document_id_document_id_fk" FOREIGN KEY ("pdf_document_id") REFERENCES "public"."document"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_council_details" ADD CONSTRAINT "letter_council_details_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_council_details" ADD CONSTRAINT "letter_council_details_updated_by_staff_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."staff_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_template" ADD CONSTRAINT "letter_template_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_template" ADD CONSTRAINT "letter_template_saved_by_staff_user_id_fk" FOREIGN KEY ("saved_by") REFERENCES "public"."staff_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "letter_case_idx" ON "letter" USING btree ("authority_id","case_id","created_at");--> statement-breakpoint
CREATE INDEX "letter_child_idx" ON "letter" USING btree ("authority_id","child_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "letter_template_version_idx" ON "letter_template" USING btree ("authority_id","letter_type","version");--> statement-breakpoint
ALTER TABLE "document" ADD CONSTRAINT "document_kind_check" CHECK ("document"."kind" in ('upload', 'letter'));