ALTER TABLE "check_ins" DROP CONSTRAINT "check_ins_order_only_when_converted";--> statement-breakpoint
ALTER TABLE "check_ins" ADD COLUMN "repair_order_id" integer;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_repair_order_id_repair_orders_id_fk" FOREIGN KEY ("repair_order_id") REFERENCES "public"."repair_orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "check_ins_repair_order_id_key" ON "check_ins" USING btree ("repair_order_id");--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_one_order" CHECK (num_nonnulls("check_ins"."work_order_id", "check_ins"."repair_order_id") <= 1);--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_order_only_when_converted" CHECK (("check_ins"."work_order_id" IS NULL AND "check_ins"."repair_order_id" IS NULL) OR "check_ins"."state" = 'converted');