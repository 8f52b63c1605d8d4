// The sync benchmark's line between office and province: a TCP proxy on loopback that counts
// the bytes crossing it in each direction and can act as a slow line: a token bucket per
// direction (shared by every connection, as one office line is) and a fixed one-way delay.
// It can also cut every connection once, mid-transfer, and says what was in flight.
import net from 'node:net';

export interface LineOptions {
  /** Bytes per second in each direction; null = loopback speed. */
  readonly bytesPerSecond: number | null;
  readonly oneWayDelayMs: number;
}

export interface CutReport {
  /** 'request' when the client was still sending, 'response' when it was receiving. */
  readonly during: 'request' | 'response' | 'idle';
  /** Bytes of the exchange in flight that had crossed, client to server. */
  readonly requestBytes: number;
  readonly responseBytes: number;
}

export interface LineProxy {
  readonly url: string;
  /** Bytes that crossed (left the line) client → server and server → client. */
  readonly bytes: { up: number; down: number };
  connections: number;
  /** Cuts every open connection once, after the upstream total reaches `upBytes`: at once
   * (mid-request) or when the next answer has started to arrive (mid-response). */
  cutOnce(upBytes: number, during: 'request' | 'response'): Promise<CutReport>;
  reset(): void;
  close(): Promise<void>;
}

/** The bucket holds this much (a few packets): a line does not save up bandwidth. */
const BURST_BYTES = 4096;
/** Stop reading a sender while this much waits for the line (TCP would push back too). */
const HIGH_WATER = 64 * 1024;

interface Pending {
  readonly chunk: Buffer;
  readonly to: net.Socket;
  /** The sender ended: end `to` once everything before has arrived. */
  readonly end?: boolean;
  /** Called as bytes leave the line. */
  readonly sent: (n: number) => void;
  /** Called when the whole chunk has left (the sender may be read again). */
  readonly done: () => void;
}

/** One direction of the line: chunks leave in order at the bucket's rate, then arrive
 * `oneWayDelayMs` later. */
class Direction {
  private queue: Pending[] = [];
  private tokens = BURST_BYTES;
  private last = performance.now();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: LineOptions) {}

  push(p: Pending): void {
    this.queue.push(p);
    this.pump();
  }

  drop(socket: net.Socket): void {
    this.queue = this.queue.filter((p) => p.to !== socket);
  }

  private deliver(p: Pending, chunk: Buffer): void {
    p.sent(chunk.length);
    const arrive = () => {
      if (p.to.destroyed) return;
      if (p.end) p.to.end();
      else p.to.write(chunk);
    };
    if (this.options.oneWayDelayMs > 0) setTimeout(arrive, this.options.oneWayDelayMs);
    else arrive();
  }

  private pump(): void {
    const rate = this.options.bytesPerSecond;
    if (rate === null) {
      for (const p of this.queue.splice(0)) {
        this.deliver(p, p.chunk);
        p.done();
      }
      return;
    }
    if (this.timer) return;
    const now = performance.now();
    this.tokens = Math.min(BURST_BYTES, this.tokens + ((now - this.last) / 1000) * rate);
    this.last = now;
    while (this.queue.length > 0 && (this.tokens >= 1 || this.queue[0]?.chunk.length === 0)) {
      const head = this.queue[0];
      const n = Math.min(head.chunk.length, Math.floor(this.tokens));
      this.tokens -= n;
      this.deliver(head, head.chunk.subarray(0, n));
      if (n === head.chunk.length) {
        this.queue.shift();
        head.done();
      } else this.queue[0] = { ...head, chunk: head.chunk.subarray(n) };
    }
    if (this.queue.length === 0) return;
    // Wait for a packet's worth of tokens rather than waking up for every byte.
    const wait = Math.max(1, ((1024 - this.tokens) / rate) * 1000);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.pump();
    }, wait);
  }
}

export async function startLineProxy(
  target: number,
  options: LineOptions = { bytesPerSecond: null, oneWayDelayMs: 0 },
): Promise<LineProxy> {
  const bytes = { up: 0, down: 0 };
  const sockets = new Set<net.Socket>();
  const up = new Direction(options);
  const down = new Direction(options);
  // The exchange in flight on each connection (HTTP/1.1: a request, then its response), as
  // the bytes leave the line.
  const exchanges = new Set<{ dir: 'up' | 'down'; up: number; down: number }>();
  let cut: {
    upBytes: number;
    during: 'request' | 'response';
    resolve: (r: CutReport) => void;
  } | null = null;

  const cutNow = (e: { dir: 'up' | 'down'; up: number; down: number } | null) => {
    if (!cut) return;
    const report: CutReport = e
      ? {
          during: e.dir === 'up' ? 'request' : 'response',
          requestBytes: e.up,
          responseBytes: e.down,
        }
      : { during: 'idle', requestBytes: 0, responseBytes: 0 };
    const { resolve } = cut;
    cut = null;
    for (const s of sockets) s.destroy();
    resolve(report);
  };

  const server = net.createServer((client) => {
    proxy.connections++;
    const upstream = net.connect(target, '127.0.0.1');
    sockets.add(client).add(upstream);
    const exchange = { dir: 'down' as 'up' | 'down', up: 0, down: 0 };
    exchanges.add(exchange);
    const close = () => {
      sockets.delete(client);
      sockets.delete(upstream);
      exchanges.delete(exchange);
      up.drop(upstream);
      down.drop(client);
      client.destroy();
      upstream.destroy();
    };
    for (const s of [client, upstream]) {
      s.on('error', close);
      s.on('close', close);
    }
    const sent = (dir: 'up' | 'down', n: number) => {
      if (dir === 'up') {
        if (exchange.dir === 'down') Object.assign(exchange, { dir: 'up', up: 0, down: 0 });
        bytes.up += n;
      } else {
        exchange.dir = 'down';
        bytes.down += n;
      }
      exchange[dir] += n;
      if (!cut || bytes.up < cut.upBytes) return;
      // Mid-request: now. Mid-response: once some of the answer has crossed.
      if (cut.during === 'request' || (dir === 'down' && exchange.down > 0))
        setImmediate(() => cutNow(exchange));
    };
    const wire = (from: net.Socket, to: net.Socket, line: Direction, dir: 'up' | 'down') => {
      let queued = 0;
      from.on('data', (chunk: Buffer) => {
        queued += chunk.length;
        if (queued > HIGH_WATER) from.pause();
        line.push({
          chunk,
          to,
          sent: (n) => sent(dir, n),
          done: () => {
            queued -= chunk.length;
            if (queued <= HIGH_WATER / 2) from.resume();
          },
        });
      });
      from.on('end', () =>
        line.push({
          chunk: Buffer.alloc(0),
          to,
          end: true,
          sent: () => undefined,
          done: () => undefined,
        }),
      );
    };
    wire(client, upstream, up, 'up');
    wire(upstream, client, down, 'down');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const proxy: LineProxy = {
    url: `http://127.0.0.1:${port}`,
    bytes,
    connections: 0,
    cutOnce: (upBytes, during) =>
      new Promise<CutReport>((resolve) => {
        cut = { upBytes, during, resolve };
      }),
    reset: () => {
      bytes.up = 0;
      bytes.down = 0;
      proxy.connections = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  return proxy;
}
