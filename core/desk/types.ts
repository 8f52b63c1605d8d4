// Dossier vocabulary shared by the contract, services and UI.

export const DOSSIER_STATUSES = [
  'processing',
  'supplement',
  'ready',
  'returned',
  'refused',
  'stopped',
] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

export const STATUS_LABELS: Readonly<Record<DossierStatus, string>> = {
  processing: 'Đang giải quyết',
  supplement: 'Chờ bổ sung',
  ready: 'Đã có kết quả, chờ trả',
  returned: 'Đã trả kết quả',
  refused: 'Từ chối tiếp nhận',
  stopped: 'Dừng giải quyết',
};

/** Statuses in which the dossier is still with the office and its clock matters. */
export const OPEN_STATUSES: readonly DossierStatus[] = ['processing', 'ready'];

export const OUTCOMES = ['early', 'on_time', 'late'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = {
  early: 'Trước hạn',
  on_time: 'Đúng hạn',
  late: 'Quá hạn',
};

export const DOC_KINDS = ['original', 'certified_copy', 'copy'] as const;
export type DocKind = (typeof DOC_KINDS)[number];

export interface DossierDocument {
  readonly name: string;
  readonly kind: DocKind;
  readonly count: number;
}

export const EVENT_KINDS = [
  'received',
  'forwarded',
  'supplement_requested',
  'supplement_received',
  'refused',
  'apology',
  'stopped',
  'result_signed',
  'returned',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const EVENT_LABELS: Readonly<Record<EventKind, string>> = {
  received: 'Tiếp nhận hồ sơ',
  forwarded: 'Chuyển bước xử lý',
  supplement_requested: 'Yêu cầu bổ sung hồ sơ',
  supplement_received: 'Nhận hồ sơ bổ sung',
  refused: 'Từ chối giải quyết',
  apology: 'Xin lỗi, gia hạn',
  stopped: 'Dừng giải quyết',
  result_signed: 'Ký kết quả',
  returned: 'Trả kết quả',
};
