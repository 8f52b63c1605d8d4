CREATE INDEX `dossiers_received_proc_idx` ON `dossiers` (`received_at`,`procedure_id`);--> statement-breakpoint
CREATE INDEX `dossiers_resolved_proc_idx` ON `dossiers` (`resolved_at`,`outcome`,`procedure_id`);--> statement-breakpoint
CREATE INDEX `dossiers_proc_status_received_idx` ON `dossiers` (`procedure_id`,`status`,`received_at`);