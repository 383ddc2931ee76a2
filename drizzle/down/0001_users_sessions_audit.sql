-- Reverts 0001_users_sessions_audit: drops users, sessions, invites, login failures, rate limits and the audit log.
ALTER TABLE "work_order_status_history" DROP CONSTRAINT IF EXISTS "work_order_status_history_changed_by_users_id_fk";--> statement-breakpoint
DROP TABLE IF EXISTS "audit_log";--> statement-breakpoint
DROP TABLE IF EXISTS "rate_limits";--> statement-breakpoint
DROP TABLE IF EXISTS "invites";--> statement-breakpoint
DROP TABLE IF EXISTS "login_failures";--> statement-breakpoint
DROP TABLE IF EXISTS "sessions";--> statement-breakpoint
DROP TABLE IF EXISTS "users";--> statement-breakpoint
DROP TYPE IF EXISTS "public"."user_role";
