// Operations of the foundation: first run, login, users, office settings, backups, audit log.
import { z } from 'zod';
import { op } from './define';
import {
  agencyCode,
  chosenPath,
  id,
  officeView,
  password,
  roles,
  trimmed,
  userView,
  username,
} from './schemas';

const empty = z.object({}).strict();
const done = z.object({ done: z.literal(true) });

const officeFields = {
  name: trimmed('Tên cơ quan'),
  agencyCode,
  province: trimmed('Tỉnh/thành phố', 100),
  commune: trimmed('Xã/phường', 100),
  address: z.string().trim().max(300).default(''),
};

export const sessionView = z.object({
  user: userView,
  permissions: z.array(z.string()),
  office: officeView,
});

export const setupOps = {
  'app.status': op({
    input: empty,
    output: z.object({
      setUp: z.boolean(),
      officeName: z.string().nullable(),
      session: sessionView.nullable(),
      appVersion: z.string(),
      platform: z.enum(['electron', 'browser', 'test']),
      /** The PC's office is there but this Windows account has no key to it yet: it unlocks
       * once with the recovery code (app.unlock). The accounts that can open it. */
      locked: z.object({ accounts: z.array(z.string()) }).nullable(),
    }),
    access: 'public',
  }),
  'app.unlock': op({
    input: z.object({ recoveryCode: z.string().trim().min(1).max(64) }).strict(),
    output: done,
    access: 'public',
  }),
  'setup.create': op({
    input: z
      .object({
        office: z.object(officeFields).strict(),
        admin: z.object({ username, fullName: trimmed('Họ và tên', 100), password }).strict(),
      })
      .strict(),
    /** The recovery code, shown once to be printed and kept in the office safe. */
    output: z.object({ done: z.literal(true), recoveryCode: z.string() }),
    access: 'public',
  }),
  'setup.demo': op({
    input: z
      .object({
        /** A few months of dossiers and quality-system records, made through the operations. */
        history: z.boolean().default(false),
        /** Another commune than Tân Lập (the province demo's several offices). */
        commune: z
          .object({
            name: z.string().trim().min(1).max(60),
            agencyCode: z.string().regex(/^[0-9A-Z.]{5,30}$/, 'Mã định danh không hợp lệ'),
          })
          .strict()
          .optional(),
      })
      .strict(),
    output: done,
    access: 'public',
  }),
};

export const authOps = {
  'auth.login': op({
    input: z.object({ username, password: z.string().min(1).max(128) }).strict(),
    output: sessionView,
    access: 'public',
  }),
  'auth.logout': op({ input: empty, output: done, access: 'public' }),
  'auth.changePassword': op({
    input: z.object({ current: z.string().min(1).max(128), next: password }).strict(),
    output: done,
    access: 'user',
  }),
};

export const userOps = {
  'users.list': op({ input: empty, output: z.array(userView), access: 'users.manage' }),
  'users.create': op({
    input: z
      .object({
        username,
        fullName: trimmed('Họ và tên', 100),
        title: z.string().trim().max(100).default(''),
        roles,
        password,
      })
      .strict(),
    output: userView,
    access: 'users.manage',
  }),
  'users.update': op({
    input: z
      .object({
        id,
        fullName: trimmed('Họ và tên', 100),
        title: z.string().trim().max(100),
        roles,
      })
      .strict(),
    output: userView,
    access: 'users.manage',
  }),
  'users.setDisabled': op({
    input: z.object({ id, disabled: z.boolean() }).strict(),
    output: userView,
    access: 'users.manage',
  }),
  'users.resetPassword': op({
    input: z.object({ id, password }).strict(),
    output: userView,
    access: 'users.manage',
  }),
};

export const officeOps = {
  'office.get': op({ input: empty, output: officeView, access: 'user' }),
  'office.update': op({
    input: z
      .object({
        ...officeFields,
        sessionTimeoutMinutes: z.number().int().min(1).max(240),
        backupKeep: z.number().int().min(1).max(365),
      })
      .strict(),
    output: officeView,
    access: 'office.manage',
  }),
};

const backupView = z.object({ name: z.string(), sizeBytes: z.number(), createdAt: z.string() });
const fileCount = z.number().int().min(0);
/** What a restore did with the attachment files the restored data refers to. */
const restoredFilesView = z.object({
  total: fileCount,
  restored: fileCount,
  damaged: fileCount,
  missingCount: fileCount,
  missing: z.array(z.object({ dossierCode: z.string(), fileName: z.string() })),
});

export const backupOps = {
  'backup.list': op({ input: empty, output: z.array(backupView), access: 'backup.manage' }),
  'backup.create': op({ input: empty, output: backupView, access: 'backup.manage' }),
  /** Whether a recovery code exists; a new one replaces it (shown once, for backups from now on). */
  'backup.recoveryStatus': op({
    input: empty,
    output: z.object({ hasRecoveryCode: z.boolean(), keystore: z.enum(['os', 'file']) }),
    access: 'backup.manage',
  }),
  'backup.newRecoveryCode': op({
    input: empty,
    output: z.object({ recoveryCode: z.string() }),
    access: 'backup.manage',
  }),
  /** The attachment files a backup saved to a chosen place carries: how many, how large. */
  'backup.attachments': op({
    input: empty,
    output: z.object({ count: fileCount, bytes: fileCount }),
    access: 'backup.manage',
  }),
  /**
   * Saves a copy to a path the user chose (a dialog in the desktop app, a typed path
   * otherwise), with the attachment files in a folder beside it (X.sqlite → X.files).
   */
  'backup.saveAs': op({
    input: chosenPath,
    output: z.object({
      path: z.string().nullable(),
      attachments: z
        .object({
          folder: z.string().nullable(),
          count: fileCount,
          bytes: fileCount,
          unavailable: fileCount,
        })
        .nullable(),
    }),
    access: 'backup.manage',
  }),
  /**
   * Restores from an automatic backup (by name) or a chosen file (by path, with the
   * attachment files from the folder beside it); `message` says in Vietnamese what came back.
   */
  'backup.restore': op({
    input: z
      .object({
        name: z.string().trim().min(1).max(200).optional(),
        path: z.string().trim().min(1).max(1000).optional(),
        /** The office's recovery code: opens a backup made on another PC. */
        recoveryCode: z.string().trim().min(1).max(100).optional(),
        /** Open it with the key the province released to this PC (the recovery code is lost). */
        provinceKey: z.boolean().optional(),
      })
      .strict()
      .refine((v) => (v.name === undefined) !== (v.path === undefined), {
        message: 'Chọn một bản sao lưu hoặc một tệp',
      })
      .refine((v) => !(v.provinceKey === true && v.recoveryCode !== undefined), {
        message: 'Dùng mã khôi phục hoặc khóa do tỉnh cấp, không dùng cả hai',
      }),
    output: z.object({
      restored: z.boolean(),
      attachments: restoredFilesView,
      message: z.string(),
    }),
    access: 'backup.manage',
  }),
};

export const auditOps = {
  'audit.list': op({
    input: z
      .object({
        page: z.number().int().min(1).max(100000).default(1),
        pageSize: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    output: z.object({
      total: z.number().int(),
      rows: z.array(
        z.object({
          id: z.string(),
          at: z.string(),
          actorName: z.string().nullable(),
          operation: z.string(),
          entity: z.string(),
          entityId: z.string().nullable(),
          summary: z.string(),
        }),
      ),
    }),
    access: 'audit.read',
  }),
  /** "Kiểm tra toàn vẹn nhật ký": the hash chain walked; `fresh: false` gives the start-up check. */
  'audit.verify': op({
    input: z.object({ fresh: z.boolean().default(true) }).strict(),
    output: z.object({
      ok: z.boolean(),
      checked: z.number().int(),
      checkedAt: z.string(),
      broken: z
        .object({
          seq: z.number().int(),
          at: z.string().nullable(),
          summary: z.string().nullable(),
          message: z.string(),
        })
        .nullable(),
      message: z.string(),
    }),
    access: 'audit.read',
  }),
};
