CREATE TABLE `outbox` (
	`client_seq` integer PRIMARY KEY NOT NULL,
	`op_id` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`operation` text NOT NULL,
	`row` text NOT NULL,
	`schema_version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`rejected_reason` text,
	`attempts` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_op_id_unique` ON `outbox` (`op_id`);--> statement-breakpoint
CREATE INDEX `outbox_status_idx` ON `outbox` (`status`,`client_seq`);--> statement-breakpoint
CREATE TABLE `sync_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`server_url` text,
	`device_id` text,
	`office_id` text,
	`private_key` text,
	`public_key` text,
	`pull_cursor` integer DEFAULT 0 NOT NULL,
	`last_sync_at` integer,
	`last_error` text,
	`enrolled_at` integer
);
