-- Reverts 0008_list_sort_indexes: the sort indexes go; date in and the status tab get their 0007 indexes back.
DROP INDEX IF EXISTS "customers_city_desc_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "customers_contact_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "customers_contact_desc_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "customers_state_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "customers_state_desc_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "customers_email_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "customers_email_desc_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "customers_created_at_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "work_orders_date_completed_desc_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "work_orders_date_required_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "work_orders_date_required_desc_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "work_orders_name_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "work_orders_name_desc_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "work_orders_status_id_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "work_orders_quote_status_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "work_orders_quote_status_desc_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "work_orders_rush_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "work_orders_firm_rush_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "work_orders_rack_location_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "work_orders_rack_location_desc_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "work_orders_status_date_in_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "work_orders_date_in_idx";--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "work_orders_date_in_idx" ON "work_orders" USING btree ("date_in");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "work_orders_status_date_in_idx" ON "work_orders" USING btree ("status","date_in" DESC NULLS LAST,"id");
