-- Reverts 0005_ml_registry: drops the model registry and training runs (trained models are lost; retrain after upgrading again).
DROP TABLE IF EXISTS "ml_runs";--> statement-breakpoint
DROP TABLE IF EXISTS "ml_models";--> statement-breakpoint
DROP TYPE IF EXISTS "public"."ml_run_status";--> statement-breakpoint
DROP TYPE IF EXISTS "public"."ml_model_status";--> statement-breakpoint
DROP TYPE IF EXISTS "public"."ml_config";
