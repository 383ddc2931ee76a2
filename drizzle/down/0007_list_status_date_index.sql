-- Reverts 0007_list_status_date_index: back to the plain status index.
DROP INDEX IF EXISTS "work_orders_status_date_in_idx";--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "work_orders_status_idx" ON "work_orders" USING btree ("status");
