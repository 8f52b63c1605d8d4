// One stored quality-system record, whatever its kind: the columns every kind shares (indexed,
// for lists, search and the inbox) and the kind's own fields in `data`.

export interface QmsRecord<D = Record<string, unknown>> {
  readonly id: string;
  readonly kind: string;
  readonly state: string;
  /** Register code (QT-TP-01), '' when the kind has none. */
  readonly code: string;
  readonly title: string;
  /** The record this one belongs to (a revision's document), or null. */
  readonly parentId: string | null;
  /** Who the record waits on when it waits on one person (an action's owner, a drafter). */
  readonly ownerId: string | null;
  /** When something is next due on it ('YYYY-MM-DD'): review, effective date, deadline. */
  readonly dueDate: string | null;
  /** What an action (or any follow-up) was opened from: kind and id of that record. */
  readonly sourceKind: string | null;
  readonly sourceId: string | null;
  /** An attached file (by sha256, in the office's file store), or null. */
  readonly fileSha256: string | null;
  readonly data: D;
  /** Bumped by every change: a transition names the rev it saw (stale screens get CONFLICT). */
  readonly rev: number;
  readonly createdBy: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** The sign-off of one stage (Soạn thảo / Xem xét / Phê duyệt): who and on which day. */
export interface Signature {
  readonly userId: string;
  readonly name: string;
  /** 'YYYY-MM-DD' */
  readonly on: string;
}
