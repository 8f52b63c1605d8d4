ALTER TABLE "province_users" ADD COLUMN "failed_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "province_users" ADD COLUMN "locked_until" timestamp with time zone;