-- Advice givers on the portal: a request for advice e-mailed to the address of a professional
-- portal account for its kind of advice is addressed to that account (portal_account_id), which
-- sees the child only while the request is awaited; advice written into the portal's form is kept
-- on the request (advice_text) beside or instead of a document.
-- Portal messages: each case event people act on (a draft plan, a final plan, a request for advice,
-- a review meeting) and each school consultation becomes a message in the person's portal inbox,
-- e-mailed through the outbox unless they keep messages only in the portal
-- (portal_message_preference); a legal notice is always e-mailed.
CREATE TABLE "portal_message" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"child_id" uuid,
	"source_id" uuid NOT NULL,
	"event_type" text NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"link" text NOT NULL,
	"act_by" date,
	"legal_notice" boolean NOT NULL,
	"outbox_message_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "portal_message_preference" (
	"authority_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"email_each" boolean NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "portal_message_preference_authority_id_account_id_pk" PRIMARY KEY("authority_id","account_id")
);
--> statement-breakpoint
ALTER TABLE "advice_request" ADD COLUMN "portal_account_id" uuid;--> statement-breakpoint
ALTER TABLE "advice_request" ADD COLUMN "advice_text" text;--> statement-breakpoint
ALTER TABLE "portal_message" ADD CONSTRAINT "portal_message_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_message" ADD CONSTRAINT "portal_message_child_id_child_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."child"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_message" ADD CONSTRAINT "portal_message_account_same_authority_fk" FOREIGN KEY ("authority_id","account_id") REFERENCES "public"."portal_account"("authority_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_message_preference" ADD CONSTRAINT "portal_message_preference_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_message_preference" ADD CONSTRAINT "portal_message_preference_account_same_authority_fk" FOREIGN KEY ("authority_id","account_id") REFERENCES "public"."portal_account"("authority_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "portal_message_once_idx" ON "portal_message" USING btree ("authority_id","source_id","account_id");--> statement-breakpoint
CREATE INDEX "portal_message_account_idx" ON "portal_message" USING btree ("authority_id","account_id","created_at");--> statement-breakpoint
CREATE INDEX "portal_message_child_idx" ON "portal_message" USING btree ("authority_id","child_id","created_at");--> statement-breakpoint
ALTER TABLE "advice_request" ADD CONSTRAINT "advice_request_portal_account_same_authority_fk" FOREIGN KEY ("authority_id","portal_account_id") REFERENCES "public"."portal_account"("authority_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "advice_request_portal_account_idx" ON "advice_request" USING btree ("authority_id","portal_account_id") WHERE portal_account_id IS NOT NULL;