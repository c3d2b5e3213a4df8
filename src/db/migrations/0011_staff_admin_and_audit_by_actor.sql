-- When each member of staff last signed in (the users page), and the audit log by who acted (an administrator reads what one person did).
ALTER TABLE "staff_user" ADD COLUMN "last_signed_in_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "audit_event_actor_idx" ON "audit_event" USING btree ("authority_id","actor_id","occurred_at");