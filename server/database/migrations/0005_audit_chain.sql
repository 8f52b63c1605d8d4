CREATE TABLE "audit_breaks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"office_id" uuid NOT NULL,
	"device_id" uuid NOT NULL,
	"found_at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"seq" bigint NOT NULL,
	"row_id" text NOT NULL,
	"row_at" bigint,
	"summary" text,
	"message" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_chain" (
	"office_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"row_id" text NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	"row_at" bigint NOT NULL,
	"device_id" uuid NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "audit_chain_office_id_seq_pk" PRIMARY KEY("office_id","seq")
);
--> statement-breakpoint
ALTER TABLE "audit_breaks" ADD CONSTRAINT "audit_breaks_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_chain" ADD CONSTRAINT "audit_chain_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_breaks_office_idx" ON "audit_breaks" USING btree ("office_id","id");