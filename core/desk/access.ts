// Access to a citizen's personal data (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15): each way an
// official can see a dossier's personal data leaves an audit row with its own operation, and
// the chairman reads them back per dossier ("Ai đã xem hồ sơ này").

export const ACCESS_KINDS = ['view', 'print', 'file'] as const;
export type AccessKind = (typeof ACCESS_KINDS)[number];

/** The audit-log operation each kind of access is written under. */
export const ACCESS_OPERATIONS: Readonly<Record<AccessKind, string>> = {
  view: 'dossiers.view',
  print: 'dossiers.print',
  file: 'dossiers.viewFile',
};

export const ACCESS_KIND_LABELS: Readonly<Record<AccessKind, string>> = {
  view: 'Xem hồ sơ',
  print: 'In biểu mẫu',
  file: 'Xem tệp đính kèm',
};

export function accessKindOf(operation: string): AccessKind | null {
  return ACCESS_KINDS.find((k) => ACCESS_OPERATIONS[k] === operation) ?? null;
}
