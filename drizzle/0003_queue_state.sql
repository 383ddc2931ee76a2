CREATE TABLE "queue_state" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer,
	CONSTRAINT "queue_state_single_row" CHECK ("queue_state"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "queue_state" ADD CONSTRAINT "queue_state_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
INSERT INTO "queue_state" ("id", "version") VALUES (1, 0);