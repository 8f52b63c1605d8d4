DROP INDEX `dossiers_received_proc_idx`;--> statement-breakpoint
DROP INDEX `dossiers_resolved_proc_idx`;--> statement-breakpoint
CREATE INDEX `dossiers_received_proc_idx` ON `dossiers` (`received_at`,`procedure_id`,`channel`,`outcome`,`resolved_at`,`id`);--> statement-breakpoint
CREATE INDEX `dossiers_resolved_proc_idx` ON `dossiers` (`resolved_at`,`outcome`,`procedure_id`,`channel`,`received_at`,`id`);--> statement-breakpoint
CREATE INDEX `qms_records_returned_idx` ON `qms_records` (`kind`,`state`,"data" ->> '$.returnedOn',"data" ->> '$.satisfied',`source_id`);--> statement-breakpoint
CREATE INDEX `qms_records_deadline_idx` ON `qms_records` (`kind`,"data" ->> '$.deadline');