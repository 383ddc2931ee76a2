-- Reverts 0002_search_indexes. The pg_trgm extension stays: other databases objects may use it.
DROP INDEX IF EXISTS "work_orders_name_trgm_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "sources_name_trgm_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "customers_search_trgm_idx";
