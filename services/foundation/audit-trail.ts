// "Kiểm tra toàn vẹn nhật ký": the audit trail's hash chain checked at start-up (in the
// background, so the login screen is not held up) and again whenever an official asks.
// The whole chain is read at every start: ten years of an office are a million rows and
// seconds of work, so the start-up check only runs while nobody is using the app (it pauses
// between pages when calls arrive) unless an official is waiting for its result.
import { verifyAuditChain, type ChainCheck } from '../security/audit-chain';
import type { Ctx } from '../context';
import type { PartialHandlers } from '../handlers';

const STARTUP_CHECK = 'audit.startupCheck';

interface TimedCheck extends ChainCheck {
  readonly checkedAt: number;
}

interface StartupCheck {
  readonly result: Promise<TimedCheck>;
  /** Someone waits for the result: stop pausing for idle time. */
  readonly hurry: () => void;
}

async function check(
  ctx: Pick<Ctx, 'db' | 'now'>,
  pause?: () => Promise<void>,
): Promise<TimedCheck> {
  const result = await verifyAuditChain(ctx.db, pause);
  if (!result.ok)
    console.error('[isoxa] audit trail broken:', result.broken?.kind, result.broken?.seq);
  return { ...result, checkedAt: ctx.now() };
}

const IDLE_POLL_MS = 250;

/** Starts the start-up check; its result is kept for the audit screen. `idle` tells whether
 * the app is idle now (default: always), checked before each page. */
export function startAuditCheck(
  ctx: Pick<Ctx, 'db' | 'now' | 'cache'>,
  idle: () => boolean = () => true,
): Promise<TimedCheck> {
  let urgent = false;
  const pause = async () => {
    while (!urgent && !idle()) await new Promise((resolve) => setTimeout(resolve, IDLE_POLL_MS));
    await new Promise((resolve) => setImmediate(resolve));
  };
  const result = check(ctx, pause);
  const kept: StartupCheck = { result, hurry: () => (urgent = true) };
  ctx.cache.set(STARTUP_CHECK, kept);
  return result;
}

export function checkMessage(c: Readonly<ChainCheck>): string {
  const rows = c.checked.toLocaleString('vi-VN');
  return c.ok
    ? `Nhật ký toàn vẹn: ${rows} dòng, không dòng nào bị sửa, xóa, chèn hay đảo thứ tự.`
    : `Nhật ký KHÔNG toàn vẹn. ${c.broken?.message ?? ''} (${rows} dòng đầu còn nguyên vẹn.)`;
}

export const auditTrailHandlers: PartialHandlers = {
  'audit.verify': async (ctx, input) => {
    const kept = ctx.cache.get(STARTUP_CHECK) as StartupCheck | undefined;
    kept?.hurry();
    const c = !input.fresh && kept ? await kept.result : await check(ctx);
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
