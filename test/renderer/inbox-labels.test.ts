// Every line of "Việc cần làm" names its kind of work: each record kind that declares inbox
// lines, and each other inbox source, has a badge of its own (none falls back to "Việc khác").
import { describe, expect, it } from 'vitest';
import { QMS_KIND_NAMES, kindOf } from '../../core/qms';
import { SOURCE_LABELS, sourceLabel } from '../../renderer/src/screens/qms/inbox-labels';

/** The sources that are not a record kind (services/qms/inbox.ts INBOX_SOURCES). */
const OTHER_SOURCES = ['dossier_step', 'acknowledgement', 'needs_review', 'audit_checklist'];

describe('the inbox kind badges', () => {
  it('exist for every record kind with inbox lines and every other source', () => {
    const kinds = QMS_KIND_NAMES.filter((k) => (kindOf(k)?.inbox ?? []).length > 0);
    expect(kinds).toEqual(expect.arrayContaining(['risk', 'yearly_report', 'announcement']));
    const missing = [...kinds, ...OTHER_SOURCES].filter((s) => SOURCE_LABELS[s] === undefined);
    expect(missing).toEqual([]);
  });

  it('are short enough for the column', () => {
    for (const [label] of Object.values(SOURCE_LABELS))
      expect(label.length).toBeLessThanOrEqual(16);
    expect(sourceLabel('something_new')[0]).toBe('Việc khác');
  });
});
