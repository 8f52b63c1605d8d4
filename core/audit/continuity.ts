// How the province checks the audit rows an office sends against the chain it already holds
// (core/audit/chain.ts): the first row sent must follow the last row held, and a row the
// province holds may come again only unchanged. Pure: the server looks rows up and hashes.
import { GENESIS_HASH } from './chain';

export type ProvinceBreakKind = 'rewritten' | 'missing' | 'unlinked' | 'edited';

export interface HeldRow {
  readonly seq: number;
  readonly rowId: string;
  readonly hash: string;
}

export interface SentRow {
  readonly seq: number;
  readonly id: string;
  readonly prevHash: string;
  readonly hash: string;
  /** sha256 of the row's chain input, as the province computes it. */
  readonly recomputed: string;
}

export type Verdict =
  /** Continues the chain: the province keeps it (with a break to record, if any). */
  | { readonly keep: true; readonly broken: ProvinceBreakKind | null }
  /** A row the province already holds: the same (sent again) or a different one (a break). */
  | { readonly keep: false; readonly broken: ProvinceBreakKind | null };

/**
 * Judges one sent row. `head` is the last row the province holds for the office (null when
 * none), `held` the row it holds at the sent row's position when that is not past the head.
 * A break is recorded and the chain goes on from the row sent, so a rewritten log is reported
 * once, not at every later sync.
 */
export function judgeRow(
  head: Readonly<HeldRow> | null,
  held: Readonly<HeldRow> | null,
  row: Readonly<SentRow>,
): Verdict {
  const headSeq = head?.seq ?? 0;
  if (row.seq <= headSeq) {
    const same = held !== null && held.hash === row.hash && held.rowId === row.id;
    return { keep: false, broken: same ? null : 'rewritten' };
  }
  if (row.seq > headSeq + 1) return { keep: true, broken: 'missing' };
  if (row.prevHash !== (head?.hash ?? GENESIS_HASH)) return { keep: true, broken: 'unlinked' };
  if (row.recomputed !== row.hash) return { keep: true, broken: 'edited' };
  return { keep: true, broken: null };
}

/** The break in words a province officer understands. `headSeq` is the last row held before. */
export function describeProvinceBreak(
  kind: ProvinceBreakKind,
  seq: number,
  headSeq: number,
): string {
  const n = (v: number) => v.toLocaleString('vi-VN');
  switch (kind) {
    case 'rewritten':
      return `Dòng số ${n(seq)} gửi lên khác với dòng số ${n(seq)} tỉnh đã nhận trước đó: nhật ký trên máy của đơn vị đã bị viết lại (hoặc máy bắt đầu một nhật ký mới).`;
    case 'missing':
      return `Thiếu dòng số ${n(headSeq + 1)}${seq - 1 > headSeq + 1 ? ` đến ${n(seq - 1)}` : ''}: tỉnh nhận dòng số ${n(seq)} khi mới giữ đến dòng số ${n(headSeq)}.`;
    case 'unlinked':
      return `Dòng số ${n(seq)} không nối tiếp dòng số ${n(seq - 1)} tỉnh đang giữ: nhật ký trên máy của đơn vị đã bị sửa hoặc dựng lại sau lần đồng bộ trước.`;
    case 'edited':
      return `Nội dung dòng số ${n(seq)} không khớp với mã băm của chính nó: dòng đã bị sửa trước khi gửi.`;
    default: {
      const never: never = kind;
      return never;
    }
  }
}
