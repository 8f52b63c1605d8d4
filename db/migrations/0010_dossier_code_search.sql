-- Search by any part of a dossier code ("0002", "H56-261204"): a trigram index of the codes,
-- kept in step with the dossiers table by triggers (codes never change, but restores insert).
CREATE VIRTUAL TABLE `dossiers_code_fts` USING fts5(`code`, content='dossiers', content_rowid='rowid', tokenize='trigram');
--> statement-breakpoint
INSERT INTO `dossiers_code_fts`(`dossiers_code_fts`) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER `dossiers_code_fts_ai` AFTER INSERT ON `dossiers` BEGIN
  INSERT INTO `dossiers_code_fts`(rowid, `code`) VALUES (new.rowid, new.`code`);
END;
--> statement-breakpoint
CREATE TRIGGER `dossiers_code_fts_ad` AFTER DELETE ON `dossiers` BEGIN
  INSERT INTO `dossiers_code_fts`(`dossiers_code_fts`, rowid, `code`) VALUES ('delete', old.rowid, old.`code`);
END;
--> statement-breakpoint
CREATE TRIGGER `dossiers_code_fts_au` AFTER UPDATE OF `code` ON `dossiers` BEGIN
  INSERT INTO `dossiers_code_fts`(`dossiers_code_fts`, rowid, `code`) VALUES ('delete', old.rowid, old.`code`);
  INSERT INTO `dossiers_code_fts`(rowid, `code`) VALUES (new.rowid, new.`code`);
END;
