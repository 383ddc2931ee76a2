DROP INDEX "work_orders_status_date_in_idx";--> statement-breakpoint
DROP INDEX "work_orders_date_in_idx";--> statement-breakpoint
CREATE INDEX "customers_city_desc_idx" ON "customers" USING btree ("city" DESC NULLS LAST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "customers_contact_idx" ON "customers" USING btree ("contact","id");--> statement-breakpoint
CREATE INDEX "customers_contact_desc_idx" ON "customers" USING btree ("contact" DESC NULLS LAST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "customers_state_idx" ON "customers" USING btree ("state","id");--> statement-breakpoint
CREATE INDEX "customers_state_desc_idx" ON "customers" USING btree ("state" DESC NULLS LAST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "customers_email_idx" ON "customers" USING btree ("email","id");--> statement-breakpoint
CREATE INDEX "customers_email_desc_idx" ON "customers" USING btree ("email" DESC NULLS LAST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "customers_created_at_idx" ON "customers" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "work_orders_date_completed_desc_idx" ON "work_orders" USING btree ("date_completed" DESC NULLS LAST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "work_orders_date_required_idx" ON "work_orders" USING btree ("date_required","id");--> statement-breakpoint
CREATE INDEX "work_orders_date_required_desc_idx" ON "work_orders" USING btree ("date_required" DESC NULLS LAST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "work_orders_name_idx" ON "work_orders" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "work_orders_name_desc_idx" ON "work_orders" USING btree ("name" DESC NULLS LAST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "work_orders_status_id_idx" ON "work_orders" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "work_orders_quote_status_idx" ON "work_orders" USING btree ("quote_status","id");--> statement-breakpoint
CREATE INDEX "work_orders_quote_status_desc_idx" ON "work_orders" USING btree ("quote_status" DESC NULLS LAST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "work_orders_rush_idx" ON "work_orders" USING btree ("rush","id");--> statement-breakpoint
CREATE INDEX "work_orders_firm_rush_idx" ON "work_orders" USING btree ("firm_rush","id");--> statement-breakpoint
CREATE INDEX "work_orders_rack_location_idx" ON "work_orders" USING btree ("rack_location","id");--> statement-breakpoint
CREATE INDEX "work_orders_rack_location_desc_idx" ON "work_orders" USING btree ("rack_location" DESC NULLS LAST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "work_orders_status_date_in_idx" ON "work_orders" USING btree ("status","date_in","id");--> statement-breakpoint
CREATE INDEX "work_orders_date_in_idx" ON "work_orders" USING btree ("date_in","id");