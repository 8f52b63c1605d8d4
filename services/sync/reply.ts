// The province's reply to a USB sync file (core/sync/reply-file.ts), imported on a PC without
// network: the server's signature, the office and the device are checked before anything is
// written; then the acknowledgements are settled as push results are and the feed entries
// applied as pull pages are, in one transaction with its audit row. Importing the same file
// again finds nothing left to settle and no entry past the cursor, so it changes nothing.
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { AppError } from '../../core/errors';
import type { ReplyEnvelope } from '../../core/sync/reply-file';
import { decodeReplyFile, replyEnvelope, replyHeaderMatches } from '../../core/sync/reply-file';
import { sealContext } from '../../core/sync/sealing';
import { write, type Ctx } from '../context';
import { openSealed } from '../security/sealed-box';
import { syncEngineFor } from './engine';
import { applyEntries } from './pull';
import { settleResults } from './push';
import {
  identityOf,
  readServerKey,
  readState,
  saveServerSealKey,
  updateState,
  verifyServerSignature,
} from './state';

const gunzipAsync = promisify(gunzip);
const MAX_INFLATED = 256 * 1024 * 1024;

export interface ReplyImport {
  readonly acknowledged: number;
  readonly rejected: number;
  readonly resent: number;
  readonly feedEntries: number;
  readonly feedGap: boolean;
}

const NOT_SEALED_HERE =
  'Tệp phản hồi này không mở được bằng khóa của máy này (tệp được mã hóa cho một máy khác hoặc đã bị thay đổi). Dữ liệu trên máy được giữ nguyên.';

const NO_KEY =
  'Máy này chưa có khóa xác thực của máy chủ tỉnh (máy được đăng ký từ phiên bản cũ), nên chưa kiểm tra được tệp phản hồi. Hãy đồng bộ qua mạng một lần hoặc đăng ký lại máy; dữ liệu trên máy được giữ nguyên.';

async function readEnvelope(payload: Uint8Array): Promise<ReplyEnvelope> {
  try {
    const json = await gunzipAsync(payload, { maxOutputLength: MAX_INFLATED });
    return replyEnvelope.parse(JSON.parse(json.toString('utf8')));
  } catch {
    throw new AppError('REPLY_FILE_INVALID');
  }
}

/** Everything that must hold before the file may change anything. */
async function verify(ctx: Ctx, bytes: Uint8Array): Promise<ReplyEnvelope> {
  const id = identityOf(readState(ctx.db), ctx.dataDir);
  if (!id) throw new AppError('NOT_FOUND', 'Máy này chưa đăng ký đồng bộ với máy chủ tỉnh.');
  const parts = decodeReplyFile(bytes);
  if (!parts) throw new AppError('REPLY_FILE_INVALID');
  const h = parts.header;
  if (h.officeId !== id.officeId) {
    throw new AppError(
      'REPLY_FILE_OTHER_OFFICE',
      `Tệp phản hồi này dành cho cơ quan có mã ${h.officeAgencyCode}, không phải cơ quan của máy này (${id.agencyCode || 'chưa rõ mã'}). Dữ liệu trên máy được giữ nguyên.`,
    );
  }
  if (h.deviceId !== id.deviceId) {
    throw new AppError(
      'REPLY_FILE_OTHER_OFFICE',
      'Tệp phản hồi này dành cho một máy khác của cơ quan. Hãy nhập tệp trên đúng máy đã xuất tệp đồng bộ; dữ liệu trên máy này được giữ nguyên.',
    );
  }
  const key = readServerKey(ctx.db);
  if (!key) throw new AppError('REPLY_FILE_SIGNATURE', NO_KEY);
  if (!verifyServerSignature(key, parts.payload, parts.signature)) {
    throw new AppError('REPLY_FILE_SIGNATURE');
  }
  // Version 2: sealed to this PC's X25519 key; the signature above was over the sealed bytes.
  const gz =
    h.version === 1
      ? parts.payload
      : openSealed(id.boxKey, parts.payload, sealContext.replyFile(id.deviceId, id.officeId));
  if (!gz) throw new AppError('REPLY_FILE_SIGNATURE', NOT_SEALED_HERE);
  const envelope = await readEnvelope(gz);
  if (!replyHeaderMatches(h, envelope)) throw new AppError('REPLY_FILE_INVALID');
  return envelope;
}

export async function importReply(
  ctx: Ctx,
  bytes: Uint8Array,
  fileName?: string,
): Promise<ReplyImport> {
  const envelope = await verify(ctx, bytes);
  // From here on nothing awaits, so no sync can start between this check and the write; one
  // already under way would be moving the same cursor.
  if (syncEngineFor(ctx.dataDir).running) {
    throw new AppError('CONFLICT', 'Đang đồng bộ; hãy nhập tệp phản hồi sau khi đồng bộ xong.');
  }
  let calendarChanged = false;
  const result = write(ctx, (tx) => {
    const settled = settleResults(tx, envelope.acks);
    // Signed by the province: how a PC that syncs by USB only learns its sealing key.
    if (envelope.serverSealKey) saveServerSealKey(tx, envelope.serverSealKey);
    const cursor = readState(tx)?.pullCursor ?? 0;
    const feedGap = envelope.feed.after > cursor;
    let feedEntries = 0;
    if (!feedGap) {
      const fresh = envelope.feed.entries.filter((e) => e.serverSeq > cursor);
      calendarChanged = applyEntries(tx, fresh, ctx.now()).calendar;
      feedEntries = fresh.length;
      if (envelope.feed.to > cursor) updateState(tx, { pullCursor: envelope.feed.to });
    }
    const value: ReplyImport = { ...settled, feedEntries, feedGap };
    return {
      result: value,
      audit: {
        operation: 'sync.importReply',
        entity: 'sync',
        entityId: envelope.deviceId,
        summary:
          `Nhập tệp phản hồi của tỉnh${fileName ? ` ${fileName}` : ''}: ` +
          `${value.acknowledged} thay đổi được xác nhận, ${value.rejected} bị từ chối, ` +
          `${value.feedEntries} mục do tỉnh công bố` +
          (feedGap ? ' (thiếu một phần danh mục: cần tệp phản hồi mới)' : ''),
      },
    };
  });
  if (calendarChanged) ctx.cache.delete('calendar');
  return result;
}
