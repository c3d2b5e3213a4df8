DROP INDEX "case_deadline_open_duty_idx";--> statement-breakpoint
DROP INDEX "ehc_case_worklist_idx";--> statement-breakpoint
CREATE INDEX "case_deadline_open_duty_idx" ON "case_deadline" USING btree ("authority_id","due_on","case_id","deadline_id") WHERE met_on IS NULL AND duty = 'authority';--> statement-breakpoint
CREATE INDEX "ehc_case_worklist_idx" ON "ehc_case" USING btree ("authority_id","officer_id","next_deadline_on","reference") WHERE closed_on IS NULL;