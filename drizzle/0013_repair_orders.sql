CREATE TYPE "public"."repair_order_status" AS ENUM('received', 'quoted', 'approved', 'at_subcontractor', 'back_from_sub', 'repaired', 'completed', 'cancelled');--> statement-breakpoint
CREATE SEQUENCE "public"."repair_order_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "repair_order_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "repair_order_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"repair_order_id" integer NOT NULL,
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
	CONSTRAINT "repair_order_items_quantity_positive" CHECK ("repair_order_items"."quantity" > 0),
	CONSTRAINT "repair_order_items_unit_price_nonnegative" CHECK ("repair_order_items"."unit_price" >= 0)
);
--> statement-breakpoint
CREATE TABLE "repair_order_status_history" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "repair_order_status_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"repair_order_id" integer NOT NULL,
	"from_status" "repair_order_status",
	"to_status" "repair_order_status" NOT NULL,
	"changed_by" integer,
	"note" text,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "repair_orders" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "repair_orders_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"repair_order_no" integer DEFAULT nextval('repair_order_number_seq') NOT NULL,
	"customer_id" integer NOT NULL,
	"work_order_id" integer,
	"name" text,
	"status" "repair_order_status" DEFAULT 'received' NOT NULL,
	"quote_status" "quote_status",
	"date_in" date DEFAULT now() NOT NULL,
	"date_required" date,
	"date_to_sub" date,
	"date_back_from_sub" date,
	"return_date" date,
	"date_completed" date,
	"rush" boolean DEFAULT false NOT NULL,
	"firm_rush" boolean DEFAULT false NOT NULL,
	"repair_price" numeric(10, 2),
	"price_note" text,
	"repairs_done_by" text,
	"material_list" text,
	"item_type" text,
	"repair_type" text,
	"location" text,
	"rack_location" text,
	"storage_time" "storage_time",
	"special_instructions" text,
	"return_status" "return_status",
	"return_to" text,
	"work_order_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "repair_orders_repair_price_nonnegative" CHECK ("repair_orders"."repair_price" >= 0)
);
--> statement-breakpoint
ALTER TABLE "work_order_files" DROP CONSTRAINT "work_order_files_has_owner";--> statement-breakpoint
ALTER TABLE "work_order_files" ADD COLUMN "repair_order_id" integer;--> statement-breakpoint
ALTER TABLE "repair_order_items" ADD CONSTRAINT "repair_order_items_repair_order_id_repair_orders_id_fk" FOREIGN KEY ("repair_order_id") REFERENCES "public"."repair_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_order_items" ADD CONSTRAINT "repair_order_items_catalog_item_id_customer_items_id_fk" FOREIGN KEY ("catalog_item_id") REFERENCES "public"."customer_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_order_status_history" ADD CONSTRAINT "repair_order_status_history_repair_order_id_repair_orders_id_fk" FOREIGN KEY ("repair_order_id") REFERENCES "public"."repair_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_order_status_history" ADD CONSTRAINT "repair_order_status_history_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_orders" ADD CONSTRAINT "repair_orders_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_orders" ADD CONSTRAINT "repair_orders_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "repair_order_items_repair_order_id_idx" ON "repair_order_items" USING btree ("repair_order_id");--> statement-breakpoint
CREATE INDEX "repair_order_items_catalog_item_id_idx" ON "repair_order_items" USING btree ("catalog_item_id");--> statement-breakpoint
CREATE INDEX "repair_order_status_history_repair_order_idx" ON "repair_order_status_history" USING btree ("repair_order_id","changed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "repair_orders_repair_order_no_key" ON "repair_orders" USING btree ("repair_order_no");--> statement-breakpoint
CREATE UNIQUE INDEX "repair_orders_work_order_id_key" ON "repair_orders" USING btree ("work_order_id");--> statement-breakpoint
CREATE INDEX "repair_orders_customer_id_idx" ON "repair_orders" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "repair_orders_status_date_in_idx" ON "repair_orders" USING btree ("status","date_in","id");--> statement-breakpoint
CREATE INDEX "repair_orders_date_in_idx" ON "repair_orders" USING btree ("date_in","id");--> statement-breakpoint
CREATE INDEX "repair_orders_date_required_idx" ON "repair_orders" USING btree ("date_required","id");--> statement-breakpoint
CREATE INDEX "repair_orders_date_completed_idx" ON "repair_orders" USING btree ("date_completed","id");--> statement-breakpoint
CREATE INDEX "repair_orders_name_trgm_idx" ON "repair_orders" USING gin (lower("name") gin_trgm_ops);--> statement-breakpoint
ALTER TABLE "work_order_files" ADD CONSTRAINT "work_order_files_repair_order_id_repair_orders_id_fk" FOREIGN KEY ("repair_order_id") REFERENCES "public"."repair_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "work_order_files_repair_order_idx" ON "work_order_files" USING btree ("repair_order_id","created_at");--> statement-breakpoint
ALTER TABLE "work_order_files" ADD CONSTRAINT "work_order_files_one_owner" CHECK (num_nonnulls("work_order_files"."work_order_id", "work_order_files"."repair_order_id") <= 1 AND num_nonnulls("work_order_files"."work_order_id", "work_order_files"."repair_order_id", "work_order_files"."check_in_id") >= 1);