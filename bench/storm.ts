// Reconnect storms (RELIABILITY.md §7 F8 and L10): N widgets, each with a queued conversation, are connected to the
// real built server; the server is restarted (SIGTERM, then a new process on the same DATA_DIR and port) R times.
// Every widget reconnects with socket.io-client's randomized backoff, as the widget does. Per round it reports how
// the reconnections spread after the new server listens, the server's event-loop delay and memory, and checks that
// no conversation was duplicated and every widget still holds its place in the queue (no agent is online, so the
// positions must not move). Clients come from one machine: TRUST_PROXY=127.0.0.1 and an X-Forwarded-For per widget
// make each its own client address, as behind a load balancer.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { io, type Socket } from "socket.io-client";
import type { VisitorClientEvents, VisitorServerEvents } from "../server/protocol/events.js";
import type { VisitorCredentials } from "../server/protocol/views.js";
import { percentile, table, type Benchmark } from "./benchmark.js";
import { freePort, rssOf, serverFigures, startServer, stopServer } from "./server-process.js";

type VisitorSocket = Socket<VisitorServerEvents, VisitorClientEvents>;

interface Widget {
  socket: VisitorSocket;
  conversationId: string;
  position: number;
  reconnectedAt: number | null;
}

const ENV = { LANGUAGES: "en", TRUST_PROXY: "127.0.0.1", SHUTDOWN_GRACE_SECONDS: "2", QUEUE_MAX_PER_LANGUAGE: "100000" };

const address = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

async function openWidget(url: string, i: number): Promise<Widget> {
  const headers = { "x-forwarded-for": address(i) };
  const res = await fetch(`${url}/api/visitors`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: "{}" });
  if (res.status !== 201) throw new Error(`register: ${res.status}`);
  const credentials = (await res.json()) as VisitorCredentials;
  // The widget's reconnection settings are socket.io-client's defaults: 1 s doubling to 5 s, ±50 % jitter.
  const socket: VisitorSocket = io(`${url}/visitor`, { auth: { ...credentials }, transports: ["websocket"], forceNew: true, extraHeaders: headers });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  const started = await socket.timeout(20_000).emitWithAck("conversation:start", { language: "en", message: { id: `storm-msg-${i}`, text: `widget ${i}` } });
  if (!started.ok) throw new Error(started.error);
  return { socket, conversationId: started.data.conversation.id, position: started.data.conversation.queue?.position ?? 0, reconnectedAt: null };
}

export const stormBenchmark: Benchmark = {
  about: "reconnect storms: N widgets through R server restarts (spread, event-loop delay, memory, duplicates)",
  async run(args) {
    const { values } = parseArgs({ args, options: { clients: { type: "string", default: "500" }, rounds: { type: "string", default: "3" }, json: { type: "boolean", default: false } } });
    const clients = Number(values.clients);
    const rounds = Number(values.rounds);
    const dataDir = await mkdtemp(join(tmpdir(), "parley-storm-"));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    let server = await startServer(port, dataDir, { env: ENV });
    const widgets: Widget[] = [];
    try {
      for (let i = 0; i < clients; i += 50) widgets.push(...(await Promise.all(Array.from({ length: Math.min(50, clients - i) }, (_, k) => openWidget(url, i + k)))));
      // Positions as the server sees them once everyone is in.
      await Promise.all(widgets.map(async (w) => {
        const r = await w.socket.timeout(20_000).emitWithAck("conversation:resume", { afterSeq: 0, limit: 1 });
        if (r.ok) w.position = r.data.conversation?.queue?.position ?? 0;
      }));
      const rows: string[][] = [["round", "all back", "p50 ms", "p99 ms", "max ms", "in 1st s", "loop p99 ms", "rss MB", "duplicates", "moved"]];
      const results = [];
      for (let round = 1; round <= rounds; round++) {
        for (const w of widgets) w.reconnectedAt = null;
        const down = widgets.map((w) => new Promise<void>((resolve) => w.socket.once("disconnect", () => resolve())));
        await stopServer(server);
        await Promise.all(down);
        for (const w of widgets) w.socket.once("connect", () => (w.reconnectedAt = performance.now()));
        server = await startServer(port, dataDir, { env: ENV });
        const listening = performance.now();
        const deadline = listening + 60_000;
        while (widgets.some((w) => w.reconnectedAt === null) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        const delays = widgets.filter((w) => w.reconnectedAt !== null).map((w) => Math.max(0, w.reconnectedAt! - listening));
        const loop = (await serverFigures(url)).loopP99Ms;
        // Each widget resumes: one open conversation, the same one, at the same place.
        let duplicates = 0;
        let moved = 0;
        await Promise.all(widgets.map(async (w) => {
          const list = await w.socket.timeout(20_000).emitWithAck("conversation:list", {});
          if (list.ok && list.data.conversations.filter((c: { status: string }) => c.status !== "closed").length !== 1) duplicates++;
          const r = await w.socket.timeout(20_000).emitWithAck("conversation:resume", { afterSeq: 0, limit: 1 });
          if (!r.ok || r.data.conversation?.id !== w.conversationId || r.data.conversation?.queue?.position !== w.position) moved++;
        }));
        const rss = await rssOf(server.pid!);
        const result = { round, reconnected: delays.length, p50: percentile(delays, 50), p99: percentile(delays, 99), max: Math.max(...delays), firstSecond: delays.filter((d) => d < 1000).length, loopP99: loop, rss, duplicates, moved };
        results.push(result);
        rows.push([String(round), `${delays.length}/${clients}`, result.p50.toFixed(0), result.p99.toFixed(0), result.max.toFixed(0), String(result.firstSecond), loop.toFixed(1), (rss / 1e6).toFixed(0), String(duplicates), String(moved)]);
      }
      if (values.json) process.stdout.write(`${JSON.stringify({ clients, rounds, results })}\n`);
      else {
        process.stdout.write(`${clients} widgets, ${rounds} restarts (SIGTERM, new process on the same DATA_DIR); times from the new server answering /healthz\n`);
        process.stdout.write(`${table(rows)}\n`);
        process.stdout.write("duplicates: widgets with other than one open conversation; moved: a widget's conversation or queue position changed\n");
      }
      if (results.some((r) => r.duplicates > 0 || r.moved > 0 || r.reconnected < clients)) process.exitCode = 1;
    } finally {
      for (const w of widgets) w.socket.disconnect();
      await stopServer(server).catch(() => {});
      await rm(dataDir, { recursive: true, force: true });
    }
  },
};
