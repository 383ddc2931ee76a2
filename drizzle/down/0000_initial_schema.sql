-- Reverts 0000_initial_schema: drops the v1 schema (data included).
DROP TABLE IF EXISTS "work_order_status_history";--> statement-breakpoint
DROP TABLE IF EXISTS "work_order_items";--> statement-breakpoint
DROP TABLE IF EXISTS "work_orders";--> statement-breakpoint
DROP TABLE IF EXISTS "customer_items";--> statement-breakpoint
DROP TABLE IF EXISTS "customers";--> statement-breakpoint
DROP TABLE IF EXISTS "sources";--> statement-breakpoint
DROP SEQUENCE IF EXISTS "public"."work_order_number_seq";--> statement-breakpoint
DROP SEQUENCE IF EXISTS "public"."customer_number_seq";--> statement-breakpoint
DROP TYPE IF EXISTS "public"."work_order_status";--> statement-breakpoint
DROP TYPE IF EXISTS "public"."storage_time";--> statement-breakpoint
DROP TYPE IF EXISTS "public"."return_status";--> statement-breakpoint
DROP TYPE IF EXISTS "public"."quote_status";
