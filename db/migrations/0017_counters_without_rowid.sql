-- counters as a WITHOUT ROWID table: one b-tree ordered by scope instead of a rowid table plus
-- its primary-key index. A receive bumps four counters (audit_log, book:YYYY, code:…, outbox);
-- in insertion (rowid) order they sat on three leaf pages, by scope on two (audit_log beside
-- book:YYYY, today's code: scope beside outbox), and each lookup walks one b-tree, not two.
CREATE TABLE `__new_counters` (
	`scope` text PRIMARY KEY NOT NULL,
	`last` integer NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_counters`(`scope`, `last`) SELECT `scope`, `last` FROM `counters`;
--> statement-breakpoint
DROP TABLE `counters`;
--> statement-breakpoint
ALTER TABLE `__new_counters` RENAME TO `counters`;
