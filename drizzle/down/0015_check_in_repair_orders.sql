-- Reverts 0015_check_in_repair_orders: check-ins convert into work orders only again. A check-in that became a
-- repair order stays converted without its link (the repair order itself is untouched).
ALTER TABLE "check_ins" DROP CONSTRAINT IF EXISTS "check_ins_one_order";--> statement-breakpoint
ALTER TABLE "check_ins" DROP CONSTRAINT IF EXISTS "check_ins_order_only_when_converted";--> statement-breakpoint
DROP INDEX IF EXISTS "check_ins_repair_order_id_key";--> statement-breakpoint
ALTER TABLE "check_ins" DROP COLUMN IF EXISTS "repair_order_id";--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_order_only_when_converted" CHECK ("check_ins"."work_order_id" IS NULL OR "check_ins"."state" = 'converted');
