ALTER TABLE "devices" ADD COLUMN "pending_ops" integer;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "rejected_ops" integer;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "pending_reported_at" timestamp with time zone;