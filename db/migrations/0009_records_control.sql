ALTER TABLE `dossiers` ADD `disposed_at` integer;--> statement-breakpoint
ALTER TABLE `dossiers` ADD `disposal_id` text;--> statement-breakpoint
ALTER TABLE `attachments` ADD `erased_at` integer;