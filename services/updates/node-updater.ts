// electron-updater outside Electron: its NsisUpdater on a plain-Node app adapter and HTTP
// client, for browser mode and tests. The whole check → staging → download (differential when
// it can) → sha512 path is electron-updater's own; only installing is not possible here.
import fs from 'node:fs';
import type { ClientRequest, RequestOptions } from 'node:http';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import type { DownloadOptions } from 'builder-util-runtime';
import { configureRequestOptions, configureRequestUrl, HttpExecutor } from 'builder-util-runtime';
import type { AppAdapter } from 'electron-updater/out/AppAdapter';
import { NsisUpdater } from 'electron-updater';

/** Where electron-updater keeps its cache (pending download) inside a Node run. */
export const UPDATER_CACHE_DIR = 'iso-xa-updater';

export class NodeUpdateHttp extends HttpExecutor<ClientRequest> {
  /** Bytes of response bodies received, for the differential-download measurement. */
  received = 0;

  createRequest(options: RequestOptions, callback: (response: http.IncomingMessage) => void) {
    const request = (options.protocol === 'https:' ? https.request : http.request)(
      options,
      (response) => {
        response.on('data', (chunk: Buffer) => (this.received += chunk.length));
        callback(response);
      },
    );
    return request;
  }

  /** As electron-updater's own executor does it, on Node's http. */
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        {
          destination,
          options,
          onCancel,
          callback: (error) => (error == null ? resolve(destination) : reject(error)),
          responseHandler: null,
        },
        0,
      );
    });
  }
}

export interface NodeUpdaterOptions {
  readonly appVersion: string;
  /** Holds the updater's config and cache (inside the office's data folder). */
  readonly dir: string;
}

export function createNodeUpdater(o: NodeUpdaterOptions): {
  updater: NsisUpdater;
  http: NodeUpdateHttp;
} {
  fs.mkdirSync(o.dir, { recursive: true });
  // What electron-builder writes next to app.asar; the feed URL itself is set per check.
  const config = path.join(o.dir, 'app-update.yml');
  fs.writeFileSync(
    config,
    `provider: generic\nurl: http://127.0.0.1/\nupdaterCacheDirName: ${UPDATER_CACHE_DIR}\n`,
  );
  const adapter: AppAdapter = {
    version: o.appVersion,
    name: 'ISO Xã',
    isPackaged: true,
    appUpdateConfigPath: config,
    userDataPath: o.dir,
    baseCachePath: o.dir,
    whenReady: () => Promise.resolve(),
    relaunch: () => undefined,
    quit: () => undefined,
    onQuit: () => undefined,
  };
  const updater = new NsisUpdater(null, adapter);
  const client = new NodeUpdateHttp();
  // electron-updater's executor uses Electron's net module; this one is Node's http.
  Object.defineProperty(updater, 'httpExecutor', { value: client });
  updater.logger = process.env.ISOXA_UPDATER_LOG ? console : null;
  return { updater, http: client };
}
