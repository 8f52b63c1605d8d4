CREATE TABLE `attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`dossier_id` text NOT NULL,
	`sha256` text NOT NULL,
	`size` integer NOT NULL,
	`mime_type` text NOT NULL,
	`file_name` text NOT NULL,
	`added_by` text NOT NULL,
	`added_at` integer NOT NULL,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`added_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attachments_dossier_idx` ON `attachments` (`dossier_id`,`added_at`);--> statement-breakpoint
CREATE INDEX `attachments_sha256_idx` ON `attachments` (`sha256`);