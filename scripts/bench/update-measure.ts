// The differential-update measurement: electron-builder's own blockmap generator on both
// installers, electron-updater's own download plan (computeOperations) and its own
// GenericDifferentialDownloader fetching from a local HTTP server that answers byte ranges with
// the province route's code (server/http/ranges.ts) and counts every byte it sends.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { buildBlockMap } from 'app-builder-lib/out/targets/blockmap/blockmap.js';
import type { BlockMap } from 'builder-util-runtime/out/blockMapApi';
import { CancellationToken } from 'builder-util-runtime';
import { GenericDifferentialDownloader } from 'electron-updater/out/differentialDownloader/GenericDifferentialDownloader';
import {
  computeOperations,
  OperationKind,
} from 'electron-updater/out/differentialDownloader/downloadPlanBuilder';
import { parseRange, rangeBody } from '../../server/http/ranges';
import { NodeUpdateHttp } from '../../services/updates/node-updater';

export interface DifferentialFigure {
  readonly installerBytes: number;
  /** Bytes the plan downloads (changed blocks), and how many ranges. */
  readonly planBytes: number;
  readonly downloadRanges: number;
  /** Bytes the server sent for the blocks (multipart framing included). */
  readonly blockBytesServed: number;
  /** Bytes of the new (and old) blockmap the updater fetched first. */
  readonly blockMapBytes: number;
  /** Everything served: blocks + blockmaps, as a % of the installer. */
  readonly totalBytes: number;
  readonly percent: number;
  /** The file the downloader assembled is the new installer, byte for byte (its sha512). */
  readonly identical: boolean;
  /** The plan's download ranges, in new-file offsets [start, end). */
  readonly downloads: readonly { readonly start: number; readonly end: number }[];
}

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

export const sha512Of = (file: string): string =>
  createHash('sha512').update(fs.readFileSync(file)).digest('base64');

/** electron-builder's blockmap for a file (as `npm run dist` writes it next to the .exe). */
export async function writeBlockMap(file: string): Promise<string> {
  await buildBlockMap(file, 'gzip', `${file}.blockmap`);
  return `${file}.blockmap`;
}

export const readBlockMap = (file: string): BlockMap =>
  JSON.parse(gunzipSync(fs.readFileSync(file)).toString()) as BlockMap;

/** A server for the files of `dir` with byte ranges; counts the bytes of each response. */
async function rangeServer(dir: string) {
  const served = new Map<string, number>();
  const server = http.createServer((request, response) => {
    const name = path.basename(
      decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname),
    );
    const file = path.join(dir, name);
    const size = fs.statSync(file, { throwIfNoEntry: false })?.size;
    if (size === undefined) {
      response.writeHead(404).end();
      return;
    }
    const ranges = parseRange(request.headers.range, size);
    void rangeBody(file, size, ranges).then((answer) => {
      response.writeHead(answer.status, { ...answer.headers, 'accept-ranges': 'bytes' });
      answer.body.on('data', (chunk: Buffer) =>
        served.set(name, (served.get(name) ?? 0) + chunk.length),
      );
      answer.body.pipe(response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    served,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Updates `oldFile` to `newFile` the way an office PC does: both blockmaps from the server,
 * the plan, the changed blocks by range requests; `workDir` receives the assembled file.
 */
export async function measureDifferential(
  oldFile: string,
  newFile: string,
  workDir: string,
): Promise<DifferentialFigure> {
  const dir = path.dirname(newFile);
  if (path.dirname(oldFile) !== dir) throw new Error('both installers in one folder');
  for (const f of [oldFile, newFile]) {
    if (!fs.existsSync(`${f}.blockmap`)) await writeBlockMap(f);
  }
  const server = await rangeServer(dir);
  try {
    const client = new NodeUpdateHttp();
    const token = new CancellationToken();
    const fetchMap = async (name: string) =>
      JSON.parse(
        gunzipSync(
          (await client.downloadToBuffer(new URL(`${name}.blockmap`, server.url), {
            cancellationToken: token,
          })) ?? Buffer.alloc(0),
        ).toString(),
      ) as BlockMap;
    const newMap = await fetchMap(path.basename(newFile));
    const oldMap = await fetchMap(path.basename(oldFile));
    const operations = computeOperations(oldMap, newMap, quiet);
    const downloads = operations
      .filter((o) => o.kind === OperationKind.DOWNLOAD)
      .map((o) => ({ start: o.start, end: o.end }));
    const size = fs.statSync(newFile).size;
    const target = path.join(workDir, 'installer.exe');
    await new GenericDifferentialDownloader({ size, sha512: sha512Of(newFile) }, client, {
      newUrl: new URL(path.basename(newFile), server.url),
      oldFile,
      newFile: target,
      logger: quiet,
      isUseMultipleRangeRequest: true,
      requestHeaders: null,
      cancellationToken: token,
    }).download(oldMap, newMap);
    const blockMapBytes =
      (server.served.get(`${path.basename(newFile)}.blockmap`) ?? 0) +
      (server.served.get(`${path.basename(oldFile)}.blockmap`) ?? 0);
    const blockBytesServed = server.served.get(path.basename(newFile)) ?? 0;
    const totalBytes = blockBytesServed + blockMapBytes;
    return {
      installerBytes: size,
      planBytes: downloads.reduce((s, d) => s + d.end - d.start, 0),
      downloadRanges: downloads.length,
      blockBytesServed,
      blockMapBytes,
      totalBytes,
      percent: (totalBytes / size) * 100,
      identical: sha512Of(target) === sha512Of(newFile),
      downloads,
    };
  } finally {
    await server.close();
  }
}
