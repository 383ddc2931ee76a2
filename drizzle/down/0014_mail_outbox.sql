-- Reverts 0014_mail_outbox: drops the outbox (the log of sent e-mails is lost) and customers' opt-out flag.
DROP TABLE IF EXISTS "mail_outbox";--> statement-breakpoint
DROP TABLE IF EXISTS "mail_reminder_batches";--> statement-breakpoint
ALTER TABLE "customers" DROP COLUMN IF EXISTS "email_opt_out_at";--> statement-breakpoint
DROP TYPE IF EXISTS "public"."mail_status";--> statement-breakpoint
DROP TYPE IF EXISTS "public"."mail_kind";
