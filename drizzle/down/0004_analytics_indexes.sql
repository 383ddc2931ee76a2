-- Reverts 0004_analytics_indexes.
DROP INDEX IF EXISTS "work_orders_customer_date_in_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "work_orders_rush_due_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "work_orders_open_date_in_idx";
