// Grep-test helpers: every file under some folders, and the encodings a citizen's data could be
// found in by someone reading the raw bytes (a strings/grep over a stolen disk or backup).
import fs from 'node:fs';
import path from 'node:path';

/** Every regular file under the given roots (recursively). */
export function filesUnder(...roots: string[]): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    if (!fs.existsSync(p)) return;
    const st = fs.statSync(p);
    if (st.isDirectory()) for (const name of fs.readdirSync(p)) walk(path.join(p, name));
    else if (st.isFile()) out.push(p);
  };
  for (const r of roots) walk(r);
  return out;
}

/** A text as it could sit in a file: UTF-8 and UTF-16 (both orders), NFC and NFD. */
export function encodings(text: string): Buffer[] {
  const out: Buffer[] = [];
  for (const form of ['NFC', 'NFD'] as const) {
    const t = text.normalize(form);
    const le = Buffer.from(t, 'utf16le');
    const be = Buffer.from(le).swap16();
    out.push(Buffer.from(t, 'utf8'), le, be);
  }
  return out;
}

/** The files (relative to nothing: full paths) that contain any of the needles. */
export function filesContaining(files: readonly string[], needles: readonly Buffer[]): string[] {
  return files.filter((f) => {
    const bytes = fs.readFileSync(f);
    return needles.some((n) => bytes.includes(n));
  });
}
