// Browser mode's files: an operation that saves files (a backup copy, a USB sync file) hands
// them to the browser as downloads, and a backup to restore is picked with the browser's own
// file picker and uploaded. The desktop app keeps its native dialogs (api.* directly).
import { ApiError } from '../../../core/contract/client';
import type { OpInput, OpOutput } from '../../../core/contract';
import type { Result } from '../../../core/errors';
import { downloadBlob } from '../components/files';
import { browserFetch, browserResult, watchSession } from './client';

type SavingOp = 'backup.saveAs' | 'sync.exportFile';

interface Saved<N extends SavingOp> {
  readonly result: OpOutput<N>;
  readonly downloads: readonly { id: string; name: string; bytes: number }[];
}

function unwrap<T>(result: Result<unknown>): T {
  const checked = watchSession(result);
  if (!checked.ok) throw new ApiError(checked.error);
  return checked.value as T;
}

/** Runs a saving operation and downloads what it saved; returns the operation's answer. */
export async function saveAsDownloads<N extends SavingOp>(
  op: N,
  input: OpInput<N>,
): Promise<{ result: OpOutput<N>; fileNames: string[] }> {
  const saved = unwrap<Saved<N>>(
    await browserResult(
      await browserFetch(`/files/save/${op}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input),
      }),
    ),
  );
  for (const d of saved.downloads) {
    const response = await browserFetch(`/files/out/${encodeURIComponent(d.id)}`);
    if (!response.ok)
      throw new ApiError({
        code: 'NOT_FOUND',
        message: 'Không tải được tệp về máy. Hãy thử lại.',
      });
    downloadBlob(d.name, await response.blob());
  }
  return { result: saved.result, fileNames: saved.downloads.map((d) => d.name) };
}

/** Uploads a backup (.zip downloaded from this screen, or a .sqlite) and restores from it. */
export async function restoreFromUpload(
  file: File,
  input: Omit<OpInput<'backup.restore'>, 'name' | 'path'> = {},
): Promise<OpOutput<'backup.restore'>> {
  const query = new URLSearchParams({ name: file.name, input: JSON.stringify(input) });
  return unwrap<OpOutput<'backup.restore'>>(
    await browserResult(
      await browserFetch(`/files/restore?${query.toString()}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: file,
      }),
    ),
  );
}
