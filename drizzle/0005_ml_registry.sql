CREATE TYPE "public"."ml_config" AS ENUM('baseline', 'boosted', 'auto');--> statement-breakpoint
CREATE TYPE "public"."ml_model_status" AS ENUM('active', 'inactive');--> statement-breakpoint
CREATE TYPE "public"."ml_run_status" AS ENUM('running', 'completed', 'failed');--> statement-breakpoint
CREATE TABLE "ml_models" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ml_models_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"config" "ml_config" NOT NULL,
	"status" "ml_model_status" DEFAULT 'inactive' NOT NULL,
	"status_reason" text,
	"trained_at" timestamp with time zone DEFAULT now() NOT NULL,
	"activated_at" timestamp with time zone,
	"samples" integer NOT NULL,
	"feature_names" jsonb NOT NULL,
	"metrics" jsonb NOT NULL,
	"model" jsonb NOT NULL,
	"duration_ms" integer NOT NULL,
	"triggered_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ml_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"status" "ml_run_status" DEFAULT 'running' NOT NULL,
	"config" "ml_config" NOT NULL,
	"triggered_by" text NOT NULL,
	"schedule_slot" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"model_id" integer,
	"result" jsonb
);
--> statement-breakpoint
ALTER TABLE "ml_runs" ADD CONSTRAINT "ml_runs_model_id_ml_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."ml_models"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ml_models_one_active" ON "ml_models" USING btree ("status") WHERE "ml_models"."status" = 'active';--> statement-breakpoint
CREATE INDEX "ml_models_trained_at_idx" ON "ml_models" USING btree ("trained_at");--> statement-breakpoint
CREATE UNIQUE INDEX "ml_runs_schedule_slot_key" ON "ml_runs" USING btree ("schedule_slot");--> statement-breakpoint
CREATE INDEX "ml_runs_started_at_idx" ON "ml_runs" USING btree ("started_at");