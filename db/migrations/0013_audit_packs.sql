CREATE TABLE `audit_packs` (
	`id` text PRIMARY KEY NOT NULL,
	`side` text NOT NULL,
	`audit_id` text NOT NULL,
	`audit_code` text NOT NULL,
	`home_agency_code` text NOT NULL,
	`home_office_name` text NOT NULL,
	`pack_key` text NOT NULL,
	`sign_private` text NOT NULL,
	`sign_public` text NOT NULL,
	`peer_public` text,
	`seq` integer DEFAULT 0 NOT NULL,
	`content` text,
	`work` text,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_packs_audit_idx` ON `audit_packs` (`audit_id`,`side`,`created_at`);