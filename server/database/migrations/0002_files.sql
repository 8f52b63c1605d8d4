CREATE TABLE "file_chunks" (
	"office_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"offset" bigint NOT NULL,
	"bytes" "bytea" NOT NULL,
	CONSTRAINT "file_chunks_office_id_sha256_offset_pk" PRIMARY KEY("office_id","sha256","offset")
);
--> statement-breakpoint
CREATE TABLE "files" (
	"office_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"size" bigint NOT NULL,
	"received" bigint NOT NULL,
	"verified_at" timestamp with time zone,
	"device_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "files_office_id_sha256_pk" PRIMARY KEY("office_id","sha256")
);
--> statement-breakpoint
ALTER TABLE "file_chunks" ADD CONSTRAINT "file_chunks_office_id_sha256_files_office_id_sha256_fk" FOREIGN KEY ("office_id","sha256") REFERENCES "public"."files"("office_id","sha256") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;