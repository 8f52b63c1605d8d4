DROP INDEX `dossiers_received_idx`;--> statement-breakpoint
DROP INDEX `dossiers_resolved_idx`;