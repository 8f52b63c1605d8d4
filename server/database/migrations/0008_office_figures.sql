CREATE TABLE "office_figures" (
	"office_id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"valid_until" bigint NOT NULL,
	"figures" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "office_figures" ADD CONSTRAINT "office_figures_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;