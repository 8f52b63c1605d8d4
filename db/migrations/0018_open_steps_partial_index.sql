DROP INDEX `dossier_steps_open_idx`;--> statement-breakpoint
CREATE INDEX `dossier_steps_open_idx` ON `dossier_steps` (`assignee_id`) WHERE finished_at IS NULL;