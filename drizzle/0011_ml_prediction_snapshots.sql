CREATE TYPE "public"."ml_snapshot_kind" AS ENUM('daily', 'created');--> statement-breakpoint
CREATE TABLE "ml_prediction_snapshots" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ml_prediction_snapshots_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"work_order_id" integer NOT NULL,
	"snapshot_date" date NOT NULL,
	"kind" "ml_snapshot_kind" NOT NULL,
	"model_id" integer NOT NULL,
	"predicted_days" double precision NOT NULL,
	"days_low" double precision NOT NULL,
	"days_high" double precision NOT NULL,
	"predicted_price" double precision NOT NULL,
	"price_low" double precision NOT NULL,
	"price_high" double precision NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ml_snapshot_runs" (
	"slot" text PRIMARY KEY NOT NULL,
	"snapshot_date" date NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"orders" integer
);
--> statement-breakpoint
ALTER TABLE "ml_prediction_snapshots" ADD CONSTRAINT "ml_prediction_snapshots_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ml_prediction_snapshots_order_day_kind_key" ON "ml_prediction_snapshots" USING btree ("work_order_id","snapshot_date","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "ml_prediction_snapshots_created_key" ON "ml_prediction_snapshots" USING btree ("work_order_id") WHERE "ml_prediction_snapshots"."kind" = 'created';--> statement-breakpoint
CREATE INDEX "ml_prediction_snapshots_date_idx" ON "ml_prediction_snapshots" USING btree ("snapshot_date");