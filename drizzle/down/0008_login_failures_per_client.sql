-- Reverts 0008_login_failures_per_client: one row per username again. The per-address rows are dropped (they
-- are short-lived counts); the per-username "*" rows stay as the usernames' counts.
DELETE FROM "login_failures" WHERE "client" <> '*';--> statement-breakpoint
ALTER TABLE "login_failures" DROP CONSTRAINT IF EXISTS "login_failures_username_client_pk";--> statement-breakpoint
ALTER TABLE "login_failures" DROP COLUMN IF EXISTS "client";--> statement-breakpoint
ALTER TABLE "login_failures" ADD CONSTRAINT "login_failures_pkey" PRIMARY KEY("username");
