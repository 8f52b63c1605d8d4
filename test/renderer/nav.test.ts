// The navigation's counts: each inbox line counts on the entry of the screen it opens and on
// "Việc cần làm" itself; overdue lines are counted apart (the badge turns red). Which calls
// refresh them: every operation that writes, none that only reads.
import { describe, expect, it } from 'vitest';
import { isWriteOp } from '../../renderer/src/api/changes';
import { activeNavPath, navCounts } from '../../renderer/src/shell/nav';

describe('navCounts', () => {
  it('counts each line on its screen’s entry and on the inbox', () => {
    const counts = navCounts([
      { link: '/dossiers/a', overdue: true },
      { link: '/dossiers/b', overdue: false },
      { link: '/qms/documents/d?revision=r', overdue: false },
      { link: '/qms/documents/e', overdue: true },
      { link: '/qms/nonconformities/n', overdue: false },
      { link: '/qms/actions/x', overdue: false },
    ]);
    expect(counts.get('/inbox')).toEqual({ total: 6, overdue: 2 });
    expect(counts.get('/dossiers')).toEqual({ total: 2, overdue: 1 });
    expect(counts.get('/qms/documents')).toEqual({ total: 2, overdue: 1 });
    expect(counts.get('/qms/nonconformities')).toEqual({ total: 1, overdue: 0 });
    // A screen without an entry of its own counts on the inbox only, never on "Tổng quan".
    expect(counts.has('/')).toBe(false);
    expect(navCounts([]).size).toBe(0);
  });

  it('counts a disposal decision and a record list on records control, and highlights it', () => {
    const counts = navCounts([
      { link: '/qms/disposals/p', overdue: false },
      { link: '/qms/records/l', overdue: true },
    ]);
    expect(counts.get('/qms/records')).toEqual({ total: 2, overdue: 1 });
    expect(activeNavPath('/qms/disposals/p')).toBe('/qms/records');
    expect(activeNavPath('/qms/records')).toBe('/qms/records');
  });
});

describe('isWriteOp', () => {
  it('refreshes after writes only', () => {
    for (const name of [
      'dossiers.receive',
      'dossiers.forward',
      'qms.transition',
      'documents.acknowledge',
      'documents.saveDraft',
      'actions.create',
      'sync.now',
    ])
      expect(isWriteOp(name), name).toBe(true);
    for (const name of [
      'qms.inbox',
      'documents.list',
      'documents.get',
      'documents.render',
      'documents.exportDocx',
      'documents.preview',
      'qms.history',
      'app.status',
    ])
      expect(isWriteOp(name), name).toBe(false);
  });
});
