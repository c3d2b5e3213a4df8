-- Idempotency keys belong to the user behind the token, not the whole authority: another user's key
-- never replays this user's answer. Keys kept from before belong to no one (owner '').
DROP INDEX "idempotency_key_pk";--> statement-breakpoint
ALTER TABLE "idempotency_key" ADD COLUMN "owner_id" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "idempotency_key_owner_key" ON "idempotency_key" USING btree ("authority_id","owner_id","key");