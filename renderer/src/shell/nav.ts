// The navigation entries and the permission each needs (the services check it again).
export interface NavItem {
  readonly path: string;
  readonly label: string;
  readonly permission: string | null;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/inbox', label: 'Việc cần làm', permission: null },
  { path: '/', label: 'Tổng quan', permission: null },
  { path: '/receive', label: 'Tiếp nhận hồ sơ', permission: 'dossiers.receive' },
  { path: '/dossiers', label: 'Danh sách hồ sơ', permission: 'dossiers.read' },
  { path: '/book', label: 'Sổ theo dõi hồ sơ', permission: 'reports.read' },
  { path: '/qms/documents', label: 'Tài liệu ISO', permission: null },
  { path: '/qms/nonconformities', label: 'Sự không phù hợp', permission: null },
  { path: '/qms/feedback', label: 'Phản ánh, kiến nghị', permission: null },
  { path: '/qms/surveys', label: 'Khảo sát sự hài lòng', permission: null },
  { path: '/qms/audits', label: 'Đánh giá nội bộ', permission: null },
  { path: '/qms/objectives', label: 'Mục tiêu chất lượng', permission: null },
  { path: '/qms/risks', label: 'Rủi ro và cơ hội', permission: null },
  { path: '/qms/records', label: 'Kiểm soát hồ sơ', permission: null },
  { path: '/qms/reviews', label: 'Xem xét của lãnh đạo', permission: null },
  { path: '/qms/announcement', label: 'Công bố HTQLCL', permission: null },
  { path: '/qms/yearly-report', label: 'Báo cáo năm', permission: null },
  { path: '/catalog', label: 'Danh mục thủ tục', permission: 'catalog.read' },
  { path: '/calendar', label: 'Lịch làm việc', permission: 'calendar.manage' },
  { path: '/desk-settings', label: 'Cấu hình một cửa', permission: 'office.manage' },
  { path: '/users', label: 'Người dùng', permission: 'users.manage' },
  { path: '/settings', label: 'Thông tin cơ quan', permission: 'office.manage' },
  { path: '/backups', label: 'Sao lưu dữ liệu', permission: 'backup.manage' },
  { path: '/sync', label: 'Đồng bộ', permission: null },
  { path: '/audit', label: 'Nhật ký hệ thống', permission: 'audit.read' },
  { path: '/account', label: 'Tài khoản của tôi', permission: null },
];

/** Screens reached from another entry's screen: a disposal decision belongs to records control. */
const UNDER: Readonly<Record<string, string>> = {
  '/qms/disposals': '/qms/records',
  '/qms/visits': '/qms/audits',
};

/** The entry to highlight: the longest path that prefixes the location ('/dossiers/…'). */
export function activeNavPath(location: string): string {
  for (const [prefix, entry] of Object.entries(UNDER))
    if (location === prefix || location.startsWith(`${prefix}/`)) return entry;
  let best = '/';
  for (const item of NAV_ITEMS) {
    if (item.path === '/') continue;
    const hit = location === item.path || location.startsWith(`${item.path}/`);
    if (hit && item.path.length > best.length) best = item.path;
  }
  return best;
}

/** Navigating with a trailing '?' clears the list filters kept in the URL query. */
export function navTarget(path: string): string {
  return `${path}?`;
}

export interface NavCount {
  readonly total: number;
  readonly overdue: number;
}

/** How many inbox lines each navigation entry leads to (by the line's link), and the inbox's
 * own total: the badges of the navigation. Lines whose screen has no entry count only there. */
export function navCounts(
  items: readonly { readonly link: string; readonly overdue: boolean }[],
): ReadonlyMap<string, NavCount> {
  const counts = new Map<string, NavCount>();
  const add = (path: string, overdue: boolean) => {
    const c = counts.get(path) ?? { total: 0, overdue: 0 };
    counts.set(path, { total: c.total + 1, overdue: c.overdue + (overdue ? 1 : 0) });
  };
  for (const item of items) {
    add('/inbox', item.overdue);
    const entry = activeNavPath(item.link.split('?')[0] ?? '');
    if (entry !== '/') add(entry, item.overdue);
  }
  return counts;
}
