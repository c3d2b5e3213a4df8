-- Lists of children a person was shown (search results, My cases): one row a list, append-only.
CREATE TABLE "list_access_log" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"accessed_at" timestamp with time zone NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" text NOT NULL,
	"view" text NOT NULL,
	"query" text,
	"child_ids" uuid[] NOT NULL
);
--> statement-breakpoint
ALTER TABLE "list_access_log" ADD CONSTRAINT "list_access_log_authority_id_authority_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authority"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "list_access_log_actor_idx" ON "list_access_log" USING btree ("authority_id","actor_id","accessed_at");--> statement-breakpoint
CREATE TRIGGER list_access_log_append_only BEFORE UPDATE OR DELETE ON "list_access_log" FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only_log();--> statement-breakpoint
CREATE TRIGGER list_access_log_no_truncate BEFORE TRUNCATE ON "list_access_log" FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only_log();
