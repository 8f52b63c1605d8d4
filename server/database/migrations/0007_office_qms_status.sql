CREATE TABLE "office_qms_status" (
	"office_id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"year" integer NOT NULL,
	"valid_until" text NOT NULL,
	"status" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "office_qms_status" ADD CONSTRAINT "office_qms_status_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;