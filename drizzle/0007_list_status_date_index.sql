DROP INDEX "work_orders_status_idx";--> statement-breakpoint
CREATE INDEX "work_orders_status_date_in_idx" ON "work_orders" USING btree ("status","date_in" DESC NULLS LAST,"id");