// A TCP proxy a test controls, between clients and a real server: it can blackhole the network (nothing moves
// either way, nothing is closed: as when packets are dropped; bytes wait in the kernel buffers, as TCP retransmits
// them) and stop reading what the server sends (a slow consumer: backpressure reaches the server).
import { connect, createServer, type AddressInfo, type Socket } from "node:net";

export interface TcpProxy {
  /** `http://127.0.0.1:<port>` of the proxy. */
  url: string;
  /** Nothing moves in either direction, on open and new connections, until `restore`. */
  blackhole(): void;
  /** The proxy stops reading from the server (data for the clients backs up into the server). */
  stopReading(): void;
  /** Everything flows again. */
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: string): Promise<TcpProxy> {
  const to = new URL(target);
  const pairs = new Set<{ client: Socket; upstream: Socket }>();
  let mode: "pass" | "blackhole" | "stall" = "pass";

  const apply = (pair: { client: Socket; upstream: Socket }) => {
    if (mode === "blackhole") {
      pair.client.pause();
      pair.upstream.pause();
    } else if (mode === "stall") {
      pair.client.resume();
      pair.upstream.pause();
    } else {
      pair.client.resume();
      pair.upstream.resume();
    }
  };

  const server = createServer((client) => {
    const upstream = connect(Number(to.port), to.hostname);
    const pair = { client, upstream };
    pairs.add(pair);
    client.pipe(upstream);
    upstream.pipe(client);
    const drop = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on("error", drop).on("close", drop);
    upstream.on("error", drop).on("close", drop);
    apply(pair);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const set = (next: typeof mode) => {
    mode = next;
    for (const pair of pairs) apply(pair);
  };
  return {
    url: `http://127.0.0.1:${port}`,
    blackhole: () => set("blackhole"),
    stopReading: () => set("stall"),
    restore: () => set("pass"),
    close: async () => {
      for (const pair of pairs) {
        pair.client.destroy();
        pair.upstream.destroy();
      }
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
