-- An exception recorded in error is withdrawn by a correction (a case event), never deleted.
ALTER TABLE "case_exception" ADD COLUMN "withdrawn_by_event_id" uuid;