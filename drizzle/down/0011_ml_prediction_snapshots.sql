-- Reverts 0010_ml_prediction_snapshots: drops the prediction snapshots and snapshot runs (the record of past predictions is lost).
DROP TABLE IF EXISTS "ml_snapshot_runs";--> statement-breakpoint
DROP TABLE IF EXISTS "ml_prediction_snapshots";--> statement-breakpoint
DROP TYPE IF EXISTS "public"."ml_snapshot_kind";
