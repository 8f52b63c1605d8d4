-- Full-text search over applicants' folded names (core/text/fold: no diacritics, đ → d),
-- kept in step with the dossiers table by triggers.
CREATE VIRTUAL TABLE `dossiers_fts` USING fts5(`applicant_name_folded`, content='dossiers', content_rowid='rowid', tokenize='unicode61', prefix='2 3');
--> statement-breakpoint
CREATE TRIGGER `dossiers_fts_ai` AFTER INSERT ON `dossiers` BEGIN
  INSERT INTO `dossiers_fts`(rowid, `applicant_name_folded`) VALUES (new.rowid, new.`applicant_name_folded`);
END;
--> statement-breakpoint
CREATE TRIGGER `dossiers_fts_ad` AFTER DELETE ON `dossiers` BEGIN
  INSERT INTO `dossiers_fts`(`dossiers_fts`, rowid, `applicant_name_folded`) VALUES ('delete', old.rowid, old.`applicant_name_folded`);
END;
--> statement-breakpoint
CREATE TRIGGER `dossiers_fts_au` AFTER UPDATE OF `applicant_name_folded` ON `dossiers` BEGIN
  INSERT INTO `dossiers_fts`(`dossiers_fts`, rowid, `applicant_name_folded`) VALUES ('delete', old.rowid, old.`applicant_name_folded`);
  INSERT INTO `dossiers_fts`(rowid, `applicant_name_folded`) VALUES (new.rowid, new.`applicant_name_folded`);
END;
