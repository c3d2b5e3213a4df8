-- Advice givers on the portal: a request for advice e-mailed to the address of a professional
-- portal account for its kind of advice is addressed to that account (portal_account_id), which
-- sees the child only while the request is awaited; advice written into the portal's form is kept
-- on the request (advice_text) beside or instead of a document.
ALTER TABLE "advice_request" ADD COLUMN "portal_account_id" uuid;--> statement-breakpoint
ALTER TABLE "advice_request" ADD COLUMN "advice_text" text;--> statement-breakpoint
ALTER TABLE "advice_request" ADD CONSTRAINT "advice_request_portal_account_same_authority_fk" FOREIGN KEY ("authority_id","portal_account_id") REFERENCES "public"."portal_account"("authority_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "advice_request_portal_account_idx" ON "advice_request" USING btree ("authority_id","portal_account_id") WHERE portal_account_id IS NOT NULL;