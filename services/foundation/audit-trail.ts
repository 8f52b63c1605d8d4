// "Kiểm tra toàn vẹn nhật ký": the audit trail's hash chain checked at start-up (in the
// background, so the login screen is not held up) and again whenever an official asks.
import { verifyAuditChain, type ChainCheck } from '../security/audit-chain';
import type { Ctx } from '../context';
import type { PartialHandlers } from '../handlers';

const STARTUP_CHECK = 'audit.startupCheck';

interface TimedCheck extends ChainCheck {
  readonly checkedAt: number;
}

async function check(ctx: Pick<Ctx, 'db' | 'now'>): Promise<TimedCheck> {
  const result = await verifyAuditChain(ctx.db);
  if (!result.ok)
    console.error('[isoxa] audit trail broken:', result.broken?.kind, result.broken?.seq);
  return { ...result, checkedAt: ctx.now() };
}

/** Starts the start-up check; its result is kept for the audit screen. */
export function startAuditCheck(ctx: Pick<Ctx, 'db' | 'now' | 'cache'>): Promise<TimedCheck> {
  const running = check(ctx);
  ctx.cache.set(STARTUP_CHECK, running);
  return running;
}

export function checkMessage(c: Readonly<ChainCheck>): string {
  const rows = c.checked.toLocaleString('vi-VN');
  return c.ok
    ? `Nhật ký toàn vẹn: ${rows} dòng, không dòng nào bị sửa, xóa, chèn hay đảo thứ tự.`
    : `Nhật ký KHÔNG toàn vẹn. ${c.broken?.message ?? ''} (${rows} dòng đầu còn nguyên vẹn.)`;
}

export const auditTrailHandlers: PartialHandlers = {
  'audit.verify': async (ctx, input) => {
    const kept = ctx.cache.get(STARTUP_CHECK) as Promise<TimedCheck> | undefined;
    const c = !input.fresh && kept ? await kept : await check(ctx);
    return {
      ok: c.ok,
      checked: c.checked,
      checkedAt: new Date(c.checkedAt).toISOString(),
      broken: c.broken && {
        seq: c.broken.seq,
        at: c.broken.at === null ? null : new Date(c.broken.at).toISOString(),
        summary: c.broken.summary,
        message: c.broken.message,
      },
      message: checkMessage(c),
    };
  },
};
