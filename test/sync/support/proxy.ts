// A fault-injecting TCP proxy on loopback: per connection it passes, drops, delays, or cuts
// the request or the response after a random number of bytes. Seeded, so a failing run can
// be replayed. The target port can change (a restarted server).
import net from 'node:net';

/** Small, fast, seedable PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Fault = 'pass' | 'drop' | 'delay' | 'cutRequest' | 'cutResponse';

export interface FaultProxy {
  readonly port: number;
  readonly url: string;
  target: number;
  /** Probability that a new connection gets a fault; 0 = healthy network. */
  faultRate: number;
  random: () => number;
  readonly stats: Record<Fault, number>;
  /** Cuts every open connection at once (a server crash as the client sees it). */
  cutAll(): void;
  close(): Promise<void>;
}

export async function startProxy(target: number, seed = 1): Promise<FaultProxy> {
  const sockets = new Set<net.Socket>();
  const stats: Record<Fault, number> = {
    pass: 0,
    drop: 0,
    delay: 0,
    cutRequest: 0,
    cutResponse: 0,
  };
  const proxy = {
    target,
    faultRate: 0,
    random: rng(seed),
    stats,
  };

  const pick = (): Fault => {
    if (proxy.random() >= proxy.faultRate) return 'pass';
    const faults: Fault[] = ['drop', 'delay', 'cutRequest', 'cutResponse', 'cutResponse'];
    return faults[Math.floor(proxy.random() * faults.length)] ?? 'pass';
  };

  const server = net.createServer((client) => {
    const fault = pick();
    stats[fault]++;
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    if (fault === 'drop') {
      client.destroy();
      return;
    }
    const upstream = net.connect(proxy.target, '127.0.0.1');
    sockets.add(upstream);
    upstream.on('close', () => {
      sockets.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    const delay = fault === 'delay' ? 20 + Math.floor(proxy.random() * 150) : 0;
    let budgetUp = fault === 'cutRequest' ? 1 + Math.floor(proxy.random() * 600) : Infinity;
    let budgetDown = fault === 'cutResponse' ? 1 + Math.floor(proxy.random() * 400) : Infinity;
    const forward = (
      from: net.Socket,
      to: net.Socket,
      take: (n: number) => number,
      budget: () => number,
    ) => {
      from.on('data', (chunk: Buffer) => {
        const send = () => {
          const allowed = budget();
          if (chunk.length < allowed) {
            take(chunk.length);
            if (!to.destroyed) to.write(chunk);
            return;
          }
          if (allowed > 0 && !to.destroyed) to.write(chunk.subarray(0, allowed));
          take(allowed);
          // Let the partial bytes leave, then cut both sides.
          setImmediate(() => {
            client.destroy();
            upstream.destroy();
          });
        };
        if (delay > 0) setTimeout(send, delay);
        else send();
      });
    };
    forward(
      client,
      upstream,
      (n) => (budgetUp -= n),
      () => budgetUp,
    );
    forward(
      upstream,
      client,
      (n) => (budgetDown -= n),
      () => budgetDown,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return Object.assign(proxy, {
    port,
    url: `http://127.0.0.1:${port}`,
    cutAll: () => {
      for (const s of sockets) s.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  });
}
