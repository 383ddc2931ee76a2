CREATE TYPE "public"."quote_status" AS ENUM('pending', 'approved', 'declined');--> statement-breakpoint
CREATE TYPE "public"."return_status" AS ENUM('ship', 'deliver', 'pickup', 'rehang', 'unknown');--> statement-breakpoint
CREATE TYPE "public"."storage_time" AS ENUM('seasonal', 'temporary');--> statement-breakpoint
CREATE TYPE "public"."work_order_status" AS ENUM('received', 'queued', 'in_progress', 'cleaned', 'treated', 'packaged', 'completed', 'cancelled');--> statement-breakpoint
CREATE SEQUENCE "public"."customer_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE SEQUENCE "public"."work_order_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "customer_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "customer_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"customer_id" integer NOT NULL,
	"description" text NOT NULL,
	"material" text,
	"condition" text,
	"color" text,
	"size_text" text,
	"square_feet" numeric(10, 2),
	"last_price" numeric(10, 2),
	"quantity" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_items_identity_key" UNIQUE NULLS NOT DISTINCT("customer_id","description","material","color","size_text")
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "customers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"customer_no" integer DEFAULT nextval('customer_number_seq') NOT NULL,
	"name" text NOT NULL,
	"contact" text,
	"address" text,
	"address2" text,
	"city" text,
	"state" text,
	"zip" text,
	"home_phone" text,
	"work_phone" text,
	"cell_phone" text,
	"email" text,
	"mail_address" text,
	"mail_city" text,
	"mail_state" text,
	"mail_zip" text,
	"source_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sources" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sources_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"address" text,
	"city" text,
	"state" text,
	"zip" text,
	"phone" text,
	"fax" text,
	"email" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_order_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "work_order_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"work_order_id" integer NOT NULL,
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
	CONSTRAINT "work_order_items_quantity_positive" CHECK ("work_order_items"."quantity" > 0),
	CONSTRAINT "work_order_items_unit_price_nonnegative" CHECK ("work_order_items"."unit_price" >= 0)
);
--> statement-breakpoint
CREATE TABLE "work_order_status_history" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "work_order_status_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"work_order_id" integer NOT NULL,
	"from_status" "work_order_status",
	"to_status" "work_order_status" NOT NULL,
	"changed_by" integer,
	"note" text,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_orders" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "work_orders_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"work_order_no" integer DEFAULT nextval('work_order_number_seq') NOT NULL,
	"customer_id" integer NOT NULL,
	"name" text,
	"status" "work_order_status" DEFAULT 'received' NOT NULL,
	"quote_status" "quote_status",
	"date_in" date DEFAULT now() NOT NULL,
	"date_required" date,
	"date_cleaned" date,
	"date_treated" date,
	"date_packaged" date,
	"date_completed" date,
	"rush" boolean DEFAULT false NOT NULL,
	"firm_rush" boolean DEFAULT false NOT NULL,
	"is_cushion" boolean DEFAULT false NOT NULL,
	"storage_time" "storage_time",
	"rack_location" text,
	"special_instructions" text,
	"repairs_needed" boolean DEFAULT false NOT NULL,
	"return_status" "return_status",
	"return_to" text,
	"ship_to_source_id" integer,
	"queue_position" integer,
	"final_location" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "customer_items" ADD CONSTRAINT "customer_items_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_items" ADD CONSTRAINT "work_order_items_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_items" ADD CONSTRAINT "work_order_items_catalog_item_id_customer_items_id_fk" FOREIGN KEY ("catalog_item_id") REFERENCES "public"."customer_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_status_history" ADD CONSTRAINT "work_order_status_history_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_ship_to_source_id_sources_id_fk" FOREIGN KEY ("ship_to_source_id") REFERENCES "public"."sources"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_items_customer_id_idx" ON "customer_items" USING btree ("customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "customers_customer_no_key" ON "customers" USING btree ("customer_no");--> statement-breakpoint
CREATE INDEX "customers_name_idx" ON "customers" USING btree ("name");--> statement-breakpoint
CREATE INDEX "customers_source_id_idx" ON "customers" USING btree ("source_id");--> statement-breakpoint
CREATE INDEX "customers_city_idx" ON "customers" USING btree ("city");--> statement-breakpoint
CREATE UNIQUE INDEX "sources_name_key" ON "sources" USING btree ("name");--> statement-breakpoint
CREATE INDEX "work_order_items_work_order_id_idx" ON "work_order_items" USING btree ("work_order_id");--> statement-breakpoint
CREATE INDEX "work_order_items_catalog_item_id_idx" ON "work_order_items" USING btree ("catalog_item_id");--> statement-breakpoint
CREATE INDEX "work_order_status_history_work_order_idx" ON "work_order_status_history" USING btree ("work_order_id","changed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "work_orders_work_order_no_key" ON "work_orders" USING btree ("work_order_no");--> statement-breakpoint
CREATE INDEX "work_orders_customer_id_idx" ON "work_orders" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "work_orders_status_idx" ON "work_orders" USING btree ("status");--> statement-breakpoint
CREATE INDEX "work_orders_date_in_idx" ON "work_orders" USING btree ("date_in");--> statement-breakpoint
CREATE INDEX "work_orders_date_completed_idx" ON "work_orders" USING btree ("date_completed");--> statement-breakpoint
CREATE INDEX "work_orders_ship_to_source_id_idx" ON "work_orders" USING btree ("ship_to_source_id");--> statement-breakpoint
CREATE INDEX "work_orders_queue_idx" ON "work_orders" USING btree ("status","queue_position");