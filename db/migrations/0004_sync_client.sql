CREATE TABLE `sync_feed` (
	`server_seq` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`key` text NOT NULL,
	`version` integer NOT NULL,
	`body` text NOT NULL,
	`published_at` integer NOT NULL,
	`error` text
);
--> statement-breakpoint
CREATE INDEX `sync_feed_kind_idx` ON `sync_feed` (`kind`,`key`);--> statement-breakpoint
ALTER TABLE `sync_state` ADD `office_agency_code` text;--> statement-breakpoint
ALTER TABLE `sync_state` ADD `office_name` text;