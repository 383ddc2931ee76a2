CREATE TYPE "public"."check_in_state" AS ENUM('pending', 'converted', 'cancelled');--> statement-breakpoint
CREATE TABLE "check_in_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "check_in_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"check_in_id" integer NOT NULL,
	"catalog_item_id" integer,
	"description" text NOT NULL,
	"material" text,
	"quantity" integer DEFAULT 1 NOT NULL,
	"condition" text,
	"color" text,
	"size_text" text,
	"square_feet" numeric(10, 2),
	"unit_price" numeric(10, 2),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "check_in_items_quantity_positive" CHECK ("check_in_items"."quantity" > 0),
	CONSTRAINT "check_in_items_unit_price_nonnegative" CHECK ("check_in_items"."unit_price" >= 0)
);
--> statement-breakpoint
CREATE TABLE "check_ins" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "check_ins_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"customer_id" integer NOT NULL,
	"state" "check_in_state" DEFAULT 'pending' NOT NULL,
	"date_in" date DEFAULT now() NOT NULL,
	"date_required" date,
	"rush" boolean DEFAULT false NOT NULL,
	"firm_rush" boolean DEFAULT false NOT NULL,
	"storage_time" "storage_time",
	"rack_location" text,
	"repairs_needed" boolean DEFAULT false NOT NULL,
	"special_instructions" text,
	"work_order_id" integer,
	"created_by" integer,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "check_ins_order_only_when_converted" CHECK ("check_ins"."work_order_id" IS NULL OR "check_ins"."state" = 'converted')
);
--> statement-breakpoint
ALTER TABLE "work_order_files" ALTER COLUMN "work_order_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "work_order_files" ADD COLUMN "check_in_id" integer;--> statement-breakpoint
ALTER TABLE "check_in_items" ADD CONSTRAINT "check_in_items_check_in_id_check_ins_id_fk" FOREIGN KEY ("check_in_id") REFERENCES "public"."check_ins"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_in_items" ADD CONSTRAINT "check_in_items_catalog_item_id_customer_items_id_fk" FOREIGN KEY ("catalog_item_id") REFERENCES "public"."customer_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "check_in_items_check_in_id_idx" ON "check_in_items" USING btree ("check_in_id");--> statement-breakpoint
CREATE INDEX "check_in_items_catalog_item_id_idx" ON "check_in_items" USING btree ("catalog_item_id");--> statement-breakpoint
CREATE INDEX "check_ins_state_date_in_idx" ON "check_ins" USING btree ("state","date_in","id");--> statement-breakpoint
CREATE INDEX "check_ins_pending_idx" ON "check_ins" USING btree ("id") WHERE "check_ins"."state" = 'pending';--> statement-breakpoint
CREATE INDEX "check_ins_customer_id_idx" ON "check_ins" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "check_ins_date_in_idx" ON "check_ins" USING btree ("date_in","id");--> statement-breakpoint
CREATE UNIQUE INDEX "check_ins_work_order_id_key" ON "check_ins" USING btree ("work_order_id");--> statement-breakpoint
ALTER TABLE "work_order_files" ADD CONSTRAINT "work_order_files_check_in_id_check_ins_id_fk" FOREIGN KEY ("check_in_id") REFERENCES "public"."check_ins"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "work_order_files_check_in_idx" ON "work_order_files" USING btree ("check_in_id","created_at");--> statement-breakpoint
ALTER TABLE "work_order_files" ADD CONSTRAINT "work_order_files_has_owner" CHECK ("work_order_files"."work_order_id" IS NOT NULL OR "work_order_files"."check_in_id" IS NOT NULL);