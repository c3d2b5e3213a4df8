-- Written by hand. On PostgreSQL, one GIN index holds the authority beside the names' trigrams
-- (btree_gin), so a search reads only its own council's entries: at national scale the
-- trigram-only index read every council's matches first (5-13 ms a search, against 1.3-3.5 ms).
-- PGlite 0.5 (a 32-bit build) answers wrongly with such an index: a similarity (%) search found
-- nothing it should have found, and the next search never returned. The embedded database holds
-- one council, where the trigram-only index is fast, so there it is kept.
DO $$
BEGIN
  IF version() NOT LIKE '%PGlite%' THEN
    CREATE EXTENSION IF NOT EXISTS btree_gin;
    CREATE INDEX "child_authority_search_names_idx" ON "child" USING gin ("authority_id", "search_names" gin_trgm_ops);
    DROP INDEX "child_search_names_trgm_idx";
  END IF;
END $$;
