-- Reverts 0012_repair_orders: drops repair orders (their items, history and attachment rows go with them;
-- the objects in storage are left where they are) and puts work order files back to one owner.
DELETE FROM "work_order_files" WHERE "work_order_id" IS NULL;--> statement-breakpoint
ALTER TABLE "work_order_files" DROP CONSTRAINT IF EXISTS "work_order_files_one_owner";--> statement-breakpoint
DROP INDEX IF EXISTS "work_order_files_repair_order_idx";--> statement-breakpoint
ALTER TABLE "work_order_files" DROP COLUMN IF EXISTS "repair_order_id";--> statement-breakpoint
ALTER TABLE "work_order_files" ALTER COLUMN "work_order_id" SET NOT NULL;--> statement-breakpoint
DROP TABLE IF EXISTS "repair_order_status_history";--> statement-breakpoint
DROP TABLE IF EXISTS "repair_order_items";--> statement-breakpoint
DROP TABLE IF EXISTS "repair_orders";--> statement-breakpoint
DROP SEQUENCE IF EXISTS "repair_order_number_seq";--> statement-breakpoint
DROP TYPE IF EXISTS "repair_order_status";
