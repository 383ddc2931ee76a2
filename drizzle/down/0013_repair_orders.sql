-- Reverts 0013_repair_orders: drops repair orders (their items, history and attachment rows go with them;
-- the objects in storage are left where they are) and puts the files' owner rule back to 0012's.
DELETE FROM "work_order_files" WHERE "work_order_id" IS NULL AND "check_in_id" IS NULL;--> statement-breakpoint
ALTER TABLE "work_order_files" DROP CONSTRAINT IF EXISTS "work_order_files_one_owner";--> statement-breakpoint
DROP INDEX IF EXISTS "work_order_files_repair_order_idx";--> statement-breakpoint
ALTER TABLE "work_order_files" DROP COLUMN IF EXISTS "repair_order_id";--> statement-breakpoint
ALTER TABLE "work_order_files" ADD CONSTRAINT "work_order_files_has_owner" CHECK ("work_order_files"."work_order_id" IS NOT NULL OR "work_order_files"."check_in_id" IS NOT NULL);--> statement-breakpoint
DROP TABLE IF EXISTS "repair_order_status_history";--> statement-breakpoint
DROP TABLE IF EXISTS "repair_order_items";--> statement-breakpoint
DROP TABLE IF EXISTS "repair_orders";--> statement-breakpoint
DROP SEQUENCE IF EXISTS "repair_order_number_seq";--> statement-breakpoint
DROP TYPE IF EXISTS "repair_order_status";
