ALTER TABLE "staff_user" RENAME COLUMN "external_subject" TO "oidc_subject";--> statement-breakpoint
DROP INDEX "staff_user_external_idx";--> statement-breakpoint
ALTER TABLE "sign_in_failure" ADD COLUMN "reason" text;--> statement-breakpoint
CREATE UNIQUE INDEX "staff_user_oidc_subject_idx" ON "staff_user" USING btree ("oidc_subject") WHERE oidc_subject IS NOT NULL;