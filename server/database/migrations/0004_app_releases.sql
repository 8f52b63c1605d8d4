CREATE TABLE "app_releases" (
	"version" text PRIMARY KEY NOT NULL,
	"file" text NOT NULL,
	"size" bigint NOT NULL,
	"sha512" text NOT NULL,
	"block_map" boolean NOT NULL,
	"notes" text NOT NULL,
	"staging_percentage" integer NOT NULL,
	"paused" boolean DEFAULT false NOT NULL,
	"released_at" timestamp with time zone NOT NULL,
	"released_by" uuid,
	"changed_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "update_phase" text;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "update_version" text;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "update_error" text;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "update_reported_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "app_releases" ADD CONSTRAINT "app_releases_released_by_province_users_id_fk" FOREIGN KEY ("released_by") REFERENCES "public"."province_users"("id") ON DELETE no action ON UPDATE no action;