-- Portal accounts for people outside the council (issue 20, the foundation): families, schools and
-- advice givers, each invited by an officer (portal_account and its links to a child, a school's
-- URN or an organisation), signing in by an e-mailed one-time link kept only as a hash
-- (portal_sign_in_link), with their own sessions apart from staff ones (portal_session) and, for
-- schools and professionals, a TOTP second factor with hashed single-use recovery codes
-- (portal_recovery_code). oidc_subject is kept ready for GOV.UK One Login (ADR 0019).
CREATE TABLE "portal_account" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"oidc_subject" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"activated_at" timestamp with time zone,
	"last_signed_in_at" timestamp with time zone,
	"disabled_at" timestamp with time zone,
	"disabled_by" uuid,
	"totp_secret" text,
	"totp_confirmed_at" timestamp with time zone,
	"totp_last_step" integer,
	"second_factor_failures" integer DEFAULT 0 NOT NULL,
	"second_factor_locked_until" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "portal_account_kind_check" CHECK ("portal_account"."kind" IN ('family', 'school', 'professional')),
	CONSTRAINT "portal_account_status_check" CHECK ("portal_account"."status" IN ('invited', 'active', 'disabled')),
	CONSTRAINT "portal_account_disabled_check" CHECK (("portal_account"."status" = 'disabled') = ("portal_account"."disabled_at" IS NOT NULL)),
	CONSTRAINT "portal_account_name_check" CHECK (length(btrim("portal_account"."name")) between 1 and 200),
	CONSTRAINT "portal_account_email_check" CHECK ("portal_account"."email" = lower("portal_account"."email") AND length("portal_account"."email") between 3 and 320)
);
--> statement-breakpoint
CREATE TABLE "portal_family_link" (
	"authority_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"person_id" uuid,
	"relationship" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "portal_family_link_pk" PRIMARY KEY("authority_id","account_id","child_id"),
	CONSTRAINT "portal_family_link_young_person_check" CHECK (("portal_family_link"."person_id" IS NULL) = ("portal_family_link"."relationship" = 'young-person'))
);
--> statement-breakpoint
CREATE TABLE "portal_professional_link" (
	"authority_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"organisation" text NOT NULL,
	"advice_kind" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "portal_professional_link_pk" PRIMARY KEY("authority_id","account_id","advice_kind"),
	CONSTRAINT "portal_professional_link_kind_check" CHECK ("portal_professional_link"."advice_kind" IN ('educational', 'medical', 'psychological', 'social-care', 'other')),
	CONSTRAINT "portal_professional_link_organisation_check" CHECK (length(btrim("portal_professional_link"."organisation")) between 1 and 200)
);
--> statement-breakpoint
CREATE TABLE "portal_recovery_code" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "portal_school_link" (
	"authority_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"school_id" uuid NOT NULL,
	"role" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "portal_school_link_pk" PRIMARY KEY("authority_id","account_id","school_id"),
	CONSTRAINT "portal_school_link_role_check" CHECK ("portal_school_link"."role" IN ('school-admin', 'school-staff'))
);
--> statement-breakpoint
CREATE TABLE "portal_session" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"second_factor_at" timestamp with time zone,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "portal_sign_in_link" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"purpose" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "portal_sign_in_link_purpose_check" CHECK ("portal_sign_in_link"."purpose" IN ('invitation', 'sign-in'))
);
--> statement-breakpoint
-- Before the foreign keys that name (authority_id, id): PostgreSQL needs the unique index first.
CREATE UNIQUE INDEX "portal_account_authority_id_idx" ON "portal_account" USING btree ("authority_id","id");--> statement-breakpoint
ALTER TABLE "portal_account" ADD CONSTRAINT "portal_account_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_account" ADD CONSTRAINT "portal_account_created_by_same_authority_fk" FOREIGN KEY ("authority_id","created_by") REFERENCES "public"."staff_user"("authority_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_account" ADD CONSTRAINT "portal_account_disabled_by_same_authority_fk" FOREIGN KEY ("authority_id","disabled_by") REFERENCES "public"."staff_user"("authority_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_family_link" ADD CONSTRAINT "portal_family_link_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_family_link" ADD CONSTRAINT "portal_family_link_child_id_child_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."child"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_family_link" ADD CONSTRAINT "portal_family_link_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_family_link" ADD CONSTRAINT "portal_family_link_account_fk" FOREIGN KEY ("authority_id","account_id") REFERENCES "public"."portal_account"("authority_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_professional_link" ADD CONSTRAINT "portal_professional_link_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_professional_link" ADD CONSTRAINT "portal_professional_link_account_fk" FOREIGN KEY ("authority_id","account_id") REFERENCES "public"."portal_account"("authority_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_recovery_code" ADD CONSTRAINT "portal_recovery_code_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_recovery_code" ADD CONSTRAINT "portal_recovery_code_account_fk" FOREIGN KEY ("authority_id","account_id") REFERENCES "public"."portal_account"("authority_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_school_link" ADD CONSTRAINT "portal_school_link_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_school_link" ADD CONSTRAINT "portal_school_link_school_id_school_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."school"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_school_link" ADD CONSTRAINT "portal_school_link_account_fk" FOREIGN KEY ("authority_id","account_id") REFERENCES "public"."portal_account"("authority_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_session" ADD CONSTRAINT "portal_session_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_session" ADD CONSTRAINT "portal_session_account_fk" FOREIGN KEY ("authority_id","account_id") REFERENCES "public"."portal_account"("authority_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_sign_in_link" ADD CONSTRAINT "portal_sign_in_link_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_sign_in_link" ADD CONSTRAINT "portal_sign_in_link_account_fk" FOREIGN KEY ("authority_id","account_id") REFERENCES "public"."portal_account"("authority_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "portal_account_email_idx" ON "portal_account" USING btree ("authority_id","email");--> statement-breakpoint
CREATE UNIQUE INDEX "portal_account_oidc_idx" ON "portal_account" USING btree ("authority_id","oidc_subject") WHERE oidc_subject IS NOT NULL;--> statement-breakpoint
CREATE INDEX "portal_account_sign_in_idx" ON "portal_account" USING btree ("email");--> statement-breakpoint
CREATE INDEX "portal_family_link_child_idx" ON "portal_family_link" USING btree ("authority_id","child_id");--> statement-breakpoint
CREATE INDEX "portal_recovery_code_account_idx" ON "portal_recovery_code" USING btree ("authority_id","account_id");--> statement-breakpoint
CREATE INDEX "portal_school_link_school_idx" ON "portal_school_link" USING btree ("school_id","authority_id");--> statement-breakpoint
CREATE INDEX "portal_session_account_idx" ON "portal_session" USING btree ("authority_id","account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "portal_sign_in_link_token_idx" ON "portal_sign_in_link" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "portal_sign_in_link_account_idx" ON "portal_sign_in_link" USING btree ("authority_id","account_id","created_at");