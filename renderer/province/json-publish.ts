// A province panel that publishes a JSON file (the procedure catalog, rating scales, survey
// question sets): the file chosen, read and checked with the schema the server and the offices
// use, shown before sending, then published with a Vietnamese notice; nothing is sent while
// the file does not check.
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { errorText } from './api';

/** The first few schema issues, each with where it is in the file. */
export const issueList = (issues: readonly { path: PropertyKey[]; message: string }[]) =>
  issues
    .slice(0, 5)
    .map((i) => (i.path.length > 0 ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');

export interface JsonPublish<T> {
  readonly file: File | null;
  readonly chosen: T | null;
  readonly error: string | null;
  readonly busy: boolean;
  readonly choose: (f: File | null) => Promise<void>;
  readonly publish: () => Promise<void>;
}

/**
 * `parse` checks the file's JSON (the checked value, or why not in Vietnamese); `send`
 * publishes it and says what was published ("Đã công bố 3 thủ tục.").
 */
export function useJsonPublish<T>(
  parse: (json: unknown) => T | string,
  send: (chosen: T) => Promise<string>,
  onPublished: () => void,
): JsonPublish<T> {
  const [file, setFile] = useState<File | null>(null);
  const [chosen, setChosen] = useState<{ readonly value: T } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const choose = async (f: File | null) => {
    setFile(f);
    setChosen(null);
    setError(null);
    if (!f) return;
    let json: unknown;
    try {
      json = JSON.parse(await f.text());
    } catch {
      setError('Tệp không phải JSON hợp lệ.');
      return;
    }
    const parsed = parse(json);
    if (typeof parsed === 'string') setError(parsed);
    else setChosen({ value: parsed });
  };
  const publish = async () => {
    if (!chosen) return;
    setBusy(true);
    setError(null);
    try {
      notifications.show({ color: 'green', message: await send(chosen.value) });
      setFile(null);
      setChosen(null);
      onPublished();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return { file, chosen: chosen?.value ?? null, error, busy, choose, publish };
}
