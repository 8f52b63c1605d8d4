CREATE TABLE `qms_history` (
	`id` text PRIMARY KEY NOT NULL,
	`record_id` text NOT NULL,
	`kind` text NOT NULL,
	`at` integer NOT NULL,
	`user_id` text,
	`user_name` text NOT NULL,
	`transition` text NOT NULL,
	`from_state` text,
	`to_state` text NOT NULL,
	`comment` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `qms_history_record_idx` ON `qms_history` (`record_id`,`at`);--> statement-breakpoint
CREATE TABLE `qms_records` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`state` text NOT NULL,
	`code` text DEFAULT '' NOT NULL,
	`title` text DEFAULT '' NOT NULL,
	`search_text` text DEFAULT '' NOT NULL,
	`parent_id` text,
	`owner_id` text,
	`due_date` text,
	`source_kind` text,
	`source_id` text,
	`file_sha256` text,
	`data` text NOT NULL,
	`rev` integer DEFAULT 1 NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `qms_records_kind_state_due_idx` ON `qms_records` (`kind`,`state`,`due_date`);--> statement-breakpoint
CREATE INDEX `qms_records_kind_code_idx` ON `qms_records` (`kind`,`code`);--> statement-breakpoint
CREATE INDEX `qms_records_parent_idx` ON `qms_records` (`parent_id`,`kind`);--> statement-breakpoint
CREATE INDEX `qms_records_owner_idx` ON `qms_records` (`owner_id`,`kind`,`state`);--> statement-breakpoint
CREATE INDEX `qms_records_source_idx` ON `qms_records` (`source_kind`,`source_id`);--> statement-breakpoint
CREATE TABLE `qms_acknowledgements` (
	`id` text PRIMARY KEY NOT NULL,
	`revision_id` text NOT NULL,
	`document_id` text NOT NULL,
	`user_id` text NOT NULL,
	`user_name` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `qms_ack_revision_user_uq` ON `qms_acknowledgements` (`revision_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `qms_ack_user_idx` ON `qms_acknowledgements` (`user_id`,`revision_id`);