-- Reverts 0012_check_ins: drops check-ins and their items, and gives attachments back their single owner.
-- Files only a check-in held (never converted) lose their rows; their objects are left in storage.
ALTER TABLE "work_order_files" DROP CONSTRAINT IF EXISTS "work_order_files_has_owner";--> statement-breakpoint
DELETE FROM "work_order_files" WHERE "work_order_id" IS NULL;--> statement-breakpoint
DROP INDEX IF EXISTS "work_order_files_check_in_idx";--> statement-breakpoint
ALTER TABLE "work_order_files" DROP COLUMN IF EXISTS "check_in_id";--> statement-breakpoint
ALTER TABLE "work_order_files" ALTER COLUMN "work_order_id" SET NOT NULL;--> statement-breakpoint
DROP TABLE IF EXISTS "check_in_items";--> statement-breakpoint
DROP TABLE IF EXISTS "check_ins";--> statement-breakpoint
DROP TYPE IF EXISTS "check_in_state";
