CREATE TABLE "escrow_releases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"office_id" uuid NOT NULL,
	"key_id" text NOT NULL,
	"device_id" uuid NOT NULL,
	"sealed" text NOT NULL,
	"released_by" text NOT NULL,
	"reason" text NOT NULL,
	"released_at" timestamp with time zone NOT NULL,
	"fetched_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "key_escrows" (
	"office_id" uuid NOT NULL,
	"key_id" text NOT NULL,
	"sealed" text NOT NULL,
	"device_id" uuid NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "key_escrows_office_id_key_id_pk" PRIMARY KEY("office_id","key_id")
);
--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "seal_public_key" text;--> statement-breakpoint
ALTER TABLE "escrow_releases" ADD CONSTRAINT "escrow_releases_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escrow_releases" ADD CONSTRAINT "escrow_releases_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_escrows" ADD CONSTRAINT "key_escrows_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_escrows" ADD CONSTRAINT "key_escrows_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "escrow_releases_device_idx" ON "escrow_releases" USING btree ("device_id");