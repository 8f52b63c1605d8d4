// The audit trail's hash chain, as data: what a row's hash covers, shared by the office (which
// writes and checks the chain) and the province (which checks the rows it receives). Hashing
// itself (sha256) is done by the caller, since core has no crypto.

/** The previous hash of the first row. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedAuditRow {
  readonly id: string;
  readonly seq: number;
  readonly at: number;
  readonly actorId: string | null;
  readonly actorName: string | null;
  readonly operation: string;
  readonly entity: string;
  readonly entityId: string | null;
  readonly summary: string;
  readonly prevHash: string;
}

/** The exact text hashed for a row: every field, in a fixed order, JSON-escaped. */
export function chainInput(row: Readonly<ChainedAuditRow>): string {
  return JSON.stringify([
    'isoxa-audit-1',
    row.seq,
    row.id,
    row.at,
    row.actorId,
    row.actorName,
    row.operation,
    row.entity,
    row.entityId,
    row.summary,
    row.prevHash,
  ]);
}

export type ChainBreakKind = 'edited' | 'unlinked' | 'missing' | 'unsealed' | 'truncated' | 'extra';

/** The first place the chain does not hold, in words an official understands. */
export interface ChainBreak {
  readonly kind: ChainBreakKind;
  /** The row's position in the chain (for a truncated tail: the first missing position). */
  readonly seq: number;
  readonly id: string | null;
  readonly at: number | null;
  readonly summary: string | null;
}

export function describeBreak(b: Readonly<ChainBreak>): string {
  const row = `dòng số ${b.seq.toLocaleString('vi-VN')}`;
  switch (b.kind) {
    case 'edited':
      return `Nội dung ${row} đã bị sửa sau khi ghi.`;
    case 'unlinked':
      return `${capital(row)} không nối tiếp dòng trước nó (nhật ký bị chèn, xóa hoặc đảo thứ tự).`;
    case 'missing':
      return `Thiếu dòng trước ${row}: có dòng đã bị xóa.`;
    case 'unsealed':
      return 'Có dòng không thuộc chuỗi nhật ký (được thêm vào ngoài ứng dụng).';
    case 'truncated':
      return `Các dòng cuối của nhật ký, từ ${row}, đã bị xóa.`;
    case 'extra':
      return `${capital(row)} được thêm vào ngoài ứng dụng.`;
    default: {
      const never: never = b.kind;
      return never;
    }
  }
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
