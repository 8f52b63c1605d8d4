// Roles of a commune office (DOMAIN.md) and the permissions each holds.
// Permissions are checked in services; the UI only hides what a role cannot do.

export const ROLES = [
  'leader',
  'iso_coordinator',
  'desk_officer',
  'specialist',
  'records_clerk',
  'internal_auditor',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  leader: 'Lãnh đạo (Chủ tịch / Phó Chủ tịch)',
  iso_coordinator: 'Thư ký ISO',
  desk_officer: 'Công chức Một cửa',
  specialist: 'Công chức chuyên môn',
  records_clerk: 'Văn thư',
  internal_auditor: 'Đánh giá viên nội bộ',
  admin: 'Quản trị hệ thống',
};

export const PERMISSIONS = [
  'users.manage',
  'office.manage',
  'backup.manage',
  'audit.read',
  'calendar.manage',
  'catalog.read',
  'catalog.manage',
  'dossiers.read',
  'dossiers.receive',
  'dossiers.process',
  'dossiers.approve',
  'dossiers.return',
  'reports.read',
  /** Enrol this PC with the province, restore, USB sync files. */
  'sync.manage',
  /** Start a sync now (the background sync runs anyway). */
  'sync.run',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** What each permission lets a person do, in the words shown on screen. */
export const PERMISSION_LABELS: Readonly<Record<Permission, string>> = {
  'users.manage': 'Quản lý người dùng và phân quyền',
  'office.manage': 'Cập nhật thông tin cơ quan',
  'backup.manage': 'Sao lưu và khôi phục dữ liệu',
  'audit.read': 'Xem nhật ký hệ thống',
  'calendar.manage': 'Quản lý lịch làm việc, ngày nghỉ',
  'catalog.read': 'Xem danh mục thủ tục hành chính',
  'catalog.manage': 'Quản lý danh mục thủ tục, quy trình ISO',
  'dossiers.read': 'Tra cứu hồ sơ',
  'dossiers.receive': 'Tiếp nhận hồ sơ, in giấy hẹn',
  'dossiers.process': 'Xử lý các bước của hồ sơ',
  'dossiers.approve': 'Phê duyệt, ký kết quả',
  'dossiers.return': 'Trả kết quả cho công dân',
  'reports.read': 'Xem báo cáo, thống kê',
  'sync.manage': 'Đăng ký máy, khôi phục và đồng bộ bằng USB với máy chủ tỉnh',
  'sync.run': 'Đồng bộ dữ liệu với máy chủ tỉnh',
};

const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: [
    'users.manage',
    'office.manage',
    'backup.manage',
    'audit.read',
    'calendar.manage',
    'catalog.read',
    'sync.manage',
    'sync.run',
  ],
  leader: [
    'catalog.read',
    'dossiers.read',
    'dossiers.process',
    'dossiers.approve',
    'reports.read',
    'audit.read',
  ],
  iso_coordinator: [
    'catalog.read',
    'catalog.manage',
    'calendar.manage',
    'dossiers.read',
    'reports.read',
    'audit.read',
  ],
  desk_officer: [
    'catalog.read',
    'dossiers.read',
    'dossiers.receive',
    // Holds the reception and hand-back steps; requests supplements and refuses at the counter.
    'dossiers.process',
    'dossiers.return',
    'reports.read',
    'sync.run',
  ],
  specialist: ['catalog.read', 'dossiers.read', 'dossiers.process'],
  records_clerk: ['catalog.read', 'dossiers.read', 'dossiers.process'],
  internal_auditor: ['catalog.read', 'dossiers.read', 'reports.read'],
};

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  const out = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role]) out.add(p);
  return out;
}

export function hasPermission(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((role) => ROLE_PERMISSIONS[role].includes(permission));
}
