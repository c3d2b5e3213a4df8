ALTER TABLE "child" ADD COLUMN "upn_unknown" text;--> statement-breakpoint
ALTER TABLE "child" ADD CONSTRAINT "child_upn_unknown_check" CHECK ("child"."upn_unknown" IN ('UN1', 'UN2', 'UN3', 'UN4', 'UN5', 'UN6', 'UN7', 'UN8', 'UN9', 'UN10'));--> statement-breakpoint
ALTER TABLE "child" ADD CONSTRAINT "child_upn_or_unknown_check" CHECK ("child"."upn" IS NULL OR "child"."upn_unknown" IS NULL);