CREATE TABLE `procedure_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`procedure_id` text NOT NULL,
	`version` integer NOT NULL,
	`effective_from` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`procedure_id`) REFERENCES `procedures`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `procedure_versions_uq` ON `procedure_versions` (`procedure_id`,`version`);--> statement-breakpoint
CREATE INDEX `procedure_versions_effective_idx` ON `procedure_versions` (`procedure_id`,`effective_from`);--> statement-breakpoint
CREATE TABLE `procedures` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`iso_code` text NOT NULL,
	`name` text NOT NULL,
	`field` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`source` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `procedures_code_uq` ON `procedures` (`code`);--> statement-breakpoint
CREATE TABLE `calendar_years` (
	`year` integer PRIMARY KEY NOT NULL,
	`data` text NOT NULL,
	`source` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `counters` (
	`scope` text PRIMARY KEY NOT NULL,
	`last` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `desk_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`office_hours` text NOT NULL,
	`code_format` text NOT NULL,
	`supplement_rule` text NOT NULL,
	`collect_place` text DEFAULT '' NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `dossier_events` (
	`id` text PRIMARY KEY NOT NULL,
	`dossier_id` text NOT NULL,
	`at` integer NOT NULL,
	`user_id` text,
	`kind` text NOT NULL,
	`data` text NOT NULL,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `dossier_events_dossier_idx` ON `dossier_events` (`dossier_id`,`at`);--> statement-breakpoint
CREATE TABLE `dossier_steps` (
	`id` text PRIMARY KEY NOT NULL,
	`dossier_id` text NOT NULL,
	`step_no` integer NOT NULL,
	`step_name` text NOT NULL,
	`role` text NOT NULL,
	`assignee_id` text,
	`from_user_id` text,
	`started_at` integer NOT NULL,
	`due_at` integer NOT NULL,
	`finished_at` integer,
	`outcome` text,
	`note` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`from_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `dossier_steps_dossier_idx` ON `dossier_steps` (`dossier_id`,`step_no`);--> statement-breakpoint
CREATE INDEX `dossier_steps_open_idx` ON `dossier_steps` (`assignee_id`,`finished_at`);--> statement-breakpoint
CREATE TABLE `dossiers` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`request_key` text NOT NULL,
	`procedure_id` text NOT NULL,
	`procedure_version_id` text NOT NULL,
	`form_set` text NOT NULL,
	`applicant_name` text NOT NULL,
	`applicant_name_folded` text NOT NULL,
	`applicant_id_kind` text NOT NULL,
	`applicant_id_number` text NOT NULL,
	`applicant_address` text NOT NULL,
	`applicant_phone` text NOT NULL,
	`applicant_email` text NOT NULL,
	`documents` text NOT NULL,
	`sets` integer NOT NULL,
	`fee_vnd` integer,
	`channel` text NOT NULL,
	`status` text NOT NULL,
	`current_step` integer NOT NULL,
	`received_at` integer NOT NULL,
	`received_by` text NOT NULL,
	`due_at` integer NOT NULL,
	`original_due_at` integer NOT NULL,
	`extended` integer DEFAULT false NOT NULL,
	`paused_at` integer,
	`resolved_at` integer,
	`returned_at` integer,
	`outcome` text,
	`book_year` integer NOT NULL,
	`book_line` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`procedure_id`) REFERENCES `procedures`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`procedure_version_id`) REFERENCES `procedure_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`received_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dossiers_code_uq` ON `dossiers` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `dossiers_request_key_uq` ON `dossiers` (`request_key`);--> statement-breakpoint
CREATE INDEX `dossiers_received_idx` ON `dossiers` (`received_at`);--> statement-breakpoint
CREATE INDEX `dossiers_status_due_idx` ON `dossiers` (`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `dossiers_status_received_idx` ON `dossiers` (`status`,`received_at`);--> statement-breakpoint
CREATE INDEX `dossiers_procedure_received_idx` ON `dossiers` (`procedure_id`,`received_at`);--> statement-breakpoint
CREATE INDEX `dossiers_resolved_idx` ON `dossiers` (`resolved_at`,`outcome`);--> statement-breakpoint
CREATE INDEX `dossiers_id_number_idx` ON `dossiers` (`applicant_id_number`);