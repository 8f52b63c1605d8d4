// Dossiers received and returned in a past year, for records control tests: each goes
// through every step of its procedure as the role that owns it, then back to the citizen.
import type { OpOutput } from '../../../core/contract';
import type { DeskApp } from '../../support/desk';
import { procedureId, receiveInput } from '../../support/desk';

type Detail = OpOutput<'dossiers.get'>;

export const ROLE_USER: Record<string, string> = {
  desk_officer: 'motcua',
  specialist: 'tuphap',
  leader: 'chutich',
  records_clerk: 'vanthu',
};

/** A small but real PDF (a scan's stand-in). */
export const PDF = (n: number, name = '') =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /N ${n} /T (${name}) >> endobj\ntrailer\n%%EOF\n`,
  );

/** Receives `n` dossiers of `code` now, attaches a scan to each, and returns them. */
export async function closedDossiers(
  app: DeskApp,
  code: string,
  n: number,
  name = 'Nguyễn Văn Đức',
) {
  const pid = await procedureId(app, code);
  const out: Detail[] = [];
  for (let i = 0; i < n; i++) {
    let cur = await app.ok('motcua')(
      'dossiers.receive',
      receiveInput(pid, app.users['tuphap'], {
        applicant: {
          fullName: name,
          idKind: 'cccd',
          idNumber: `0010990${String(10000 + i)}`,
          address: 'Thôn Đông, xã Tân Lập',
          phone: '0912345678',
          email: 'duc@example.vn',
        },
        note: `Công dân ${name} hẹn lấy buổi chiều`,
      }),
    );
    await app.ok('motcua')('dossiers.attach', {
      dossierId: cur.dossier.id,
      fileName: `CCCD ${name} ${i}.pdf`,
      base64: PDF(i, name).toString('base64'),
    });
    while (cur.nextStep) {
      const holder = ROLE_USER[cur.steps.at(-1)!.role] ?? 'motcua';
      const next = ROLE_USER[cur.nextStep.role] ?? 'motcua';
      app.clock.now += 10 * 60_000;
      cur = await app.ok(holder)('dossiers.forward', {
        id: cur.dossier.id,
        expectedStep: cur.dossier.currentStep,
        toUserId: app.users[next] ?? '',
        note: `Đã kiểm tra giấy tờ của ông ${name}`,
      });
    }
    app.clock.now += 10 * 60_000;
    out.push(
      await app.ok('motcua')('dossiers.return', {
        id: cur.dossier.id,
        expectedStep: cur.dossier.currentStep,
        note: `Ông ${name} đã nhận kết quả`,
      }),
    );
  }
  return out;
}
