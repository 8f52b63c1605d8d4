// Shared field schemas with Vietnamese validation messages.
import { z } from 'zod';
import { ROLES } from '../auth/roles';

export const trimmed = (label: string, max = 200) =>
  z
    .string()
    .trim()
    .min(1, `${label} không được để trống`)
    .max(max, `${label} quá dài (tối đa ${max} ký tự)`);

export const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,32}$/, 'Tên đăng nhập gồm 3–32 ký tự: chữ không dấu, số, dấu chấm, gạch');

export const password = z
  .string()
  .min(8, 'Mật khẩu phải có ít nhất 8 ký tự')
  .max(128, 'Mật khẩu quá dài');

export const role = z.enum(ROLES);
export const roles = z.array(role).min(1, 'Phải chọn ít nhất một vai trò').max(ROLES.length);
export const id = z.uuid({ message: 'Mã định danh không hợp lệ' });
export const isoInstant = z.iso.datetime({ offset: true });
/** Agency code per QCVN 102:2016/BTTTT, e.g. 000.00.00.H56 or 000.00.12.H56. */
/**
 * Where to save a file: a path typed by the caller (absolute, or relative to the user's
 * documents folder) with `replace` to overwrite an existing file of the same kind; without a
 * path the desktop app asks with the OS save dialog (services/chosen-file.ts has the rules).
 */
export const chosenPath = z
  .object({
    path: z.string().trim().min(1).max(1000).optional(),
    replace: z.boolean().optional(),
  })
  .strict();
export const agencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/, 'Mã định danh cơ quan không đúng dạng 000.00.00.H56');

export const userView = z.object({
  id,
  username: z.string(),
  fullName: z.string(),
  title: z.string(),
  roles: z.array(role),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
});
export type UserView = z.infer<typeof userView>;

export const officeView = z.object({
  id,
  name: z.string(),
  agencyCode: z.string(),
  province: z.string(),
  commune: z.string(),
  address: z.string(),
  sessionTimeoutMinutes: z.number().int(),
  backupKeep: z.number().int(),
  demo: z.boolean(),
});
export type OfficeView = z.infer<typeof officeView>;
