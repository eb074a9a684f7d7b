// A soak (RELIABILITY.md §7 L6): customers chat with agents for a while on the real built server, and every tick
// some of them drop their connection and come back (a new socket, resuming by afterSeq), as phones and flaky
// networks do. It samples the server's memory, open connections and event-loop delay over time, and at the end
// checks every acknowledged message is stored exactly once. `--minutes 60` is the catalogue's hour; the default is
// short enough to run by hand. Clients come from one machine: TRUST_PROXY=127.0.0.1 and an X-Forwarded-For per
// customer give each its own client address.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { io, type Socket } from "socket.io-client";
import type { AgentClientEvents, AgentServerEvents, VisitorClientEvents, VisitorServerEvents } from "../server/protocol/events.js";
import type { MessageView, VisitorCredentials } from "../server/protocol/views.js";
import { seededRandom, table, type Benchmark } from "./benchmark.js";
import { AGENT_PASSWORD, agentEmail } from "./load/accounts.js";
import { seedAgents } from "./load/seed.js";
import { freePort, rssOf, serverFigures, startServer, stopServer } from "./server-process.js";

type VisitorSocket = Socket<VisitorServerEvents, VisitorClientEvents>;
type AgentSocket = Socket<AgentServerEvents, AgentClientEvents>;

interface Customer {
  index: number;
  credentials: VisitorCredentials;
  socket: VisitorSocket;
  conversationId: string;
  lastSeq: number;
  acked: Map<string, number>;
  sent: number;
}

const address = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

function connectCustomer(url: string, index: number, credentials: VisitorCredentials): Promise<VisitorSocket> {
  const socket: VisitorSocket = io(`${url}/visitor`, { auth: { ...credentials }, transports: ["websocket"], forceNew: true, reconnection: false, extraHeaders: { "x-forwarded-for": address(index) } });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

export const soakBenchmark: Benchmark = {
  about: "soak: customers chat for --minutes with random reconnects; memory, connections, event-loop delay over time",
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        minutes: { type: "string", default: "1" },
        customers: { type: "string", default: "150" },
        agents: { type: "string", default: "5" },
        "send-every": { type: "string", default: "5" },
        "drop-share": { type: "string", default: "0.05" },
        json: { type: "boolean", default: false },
      },
    });
    const minutes = Number(values.minutes);
    const customersCount = Number(values.customers);
    const agentsCount = Number(values.agents);
    const sendEveryS = Number(values["send-every"]);
    const dropShare = Number(values["drop-share"]);
    const random = seededRandom(7);
    const dataDir = await mkdtemp(join(tmpdir(), "parley-soak-"));
    await seedAgents(dataDir, { en: agentsCount });
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const server = await startServer(port, dataDir, { env: { LANGUAGES: "en", TRUST_PROXY: "127.0.0.1", LOG_LEVEL: "info", QUEUE_MAX_PER_LANGUAGE: "100000" } });
    const agents: AgentSocket[] = [];
    const customers: Customer[] = [];
    let delivered = 0;
    let reconnects = 0;
    let failedSends = 0;
    try {
      for (let i = 0; i < agentsCount; i++) {
        const res = await fetch(`${url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": `10.200.0.${i + 1}` }, body: JSON.stringify({ email: agentEmail("en", i), password: AGENT_PASSWORD }) });
        const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
        const socket: AgentSocket = io(`${url}/agent`, { extraHeaders: { cookie, "x-forwarded-for": `10.200.0.${i + 1}` }, transports: ["websocket"], forceNew: true });
        socket.on("message:created", () => delivered++);
        await new Promise<void>((resolve, reject) => {
          socket.once("connect", () => resolve());
          socket.once("connect_error", reject);
        });
        agents.push(socket);
      }
      for (let i = 0; i < customersCount; i++) {
        const res = await fetch(`${url}/api/visitors`, { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": address(i) }, body: "{}" });
        const credentials = (await res.json()) as VisitorCredentials;
        const socket = await connectCustomer(url, i, credentials);
        const started = await socket.timeout(20_000).emitWithAck("conversation:start", { language: "en", message: { id: `soak-${i}-start`, text: "hello" } });
        if (!started.ok) throw new Error(started.error);
        customers.push({ index: i, credentials, socket, conversationId: started.data.conversation.id, lastSeq: started.data.message.seq, acked: new Map(), sent: 0 });
      }

      const samples: { at: number; rss: number; connections: number; loopP99: number; acked: number }[] = [];
      const sample = async (at: number) => {
        const figures = await serverFigures(url);
        samples.push({ at, rss: await rssOf(server.pid!), connections: Object.values(figures.connections).reduce((a, b) => a + b, 0), loopP99: figures.loopP99Ms, acked: customers.reduce((n, c) => n + c.acked.size, 0) });
      };
      await sample(0);
      const began = performance.now();
      const end = began + minutes * 60_000;
      let nextSample = began + 10_000;
      // Each tick (1 s): the customers due send one message; a share of all customers drops and comes back.
      for (let tick = 0; performance.now() < end; tick++) {
        const tickStart = performance.now();
        const due = customers.filter((c) => (c.index + tick) % sendEveryS === 0);
        await Promise.all(due.map(async (c) => {
          const id = `soak-${c.index}-${c.sent++}`;
          for (let attempt = 0; attempt < 3; attempt++) {
            const reply = await c.socket.timeout(10_000).emitWithAck("message:send", { conversationId: c.conversationId, id, text: `message ${c.sent}` }).catch(() => null);
            if (reply?.ok) return void c.acked.set(id, reply.data.seq);
          }
          failedSends++;
        }));
        const dropping = customers.filter(() => random() < dropShare);
        await Promise.all(dropping.map(async (c) => {
          c.socket.disconnect();
          c.socket = await connectCustomer(url, c.index, c.credentials);
          const resumed = await c.socket.timeout(10_000).emitWithAck("conversation:resume", { afterSeq: c.lastSeq });
          if (resumed.ok) c.lastSeq = Math.max(c.lastSeq, ...resumed.data.messages.map((m: MessageView) => m.seq));
          reconnects++;
        }));
        if (performance.now() >= nextSample) {
          await sample((performance.now() - began) / 1000);
          nextSample += 10_000;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1000 - (performance.now() - tickStart))));
      }
      await sample((performance.now() - began) / 1000);

      // Every acknowledged message is stored once with the seq it was acked with.
      let lost = 0;
      let duplicated = 0;
      for (const c of customers) {
        const stored: MessageView[] = [];
        for (let after = 0; ; ) {
          const page = await c.socket.timeout(20_000).emitWithAck("conversation:resume", { afterSeq: after });
          if (!page.ok) throw new Error(page.error);
          stored.push(...page.data.messages);
          if (!page.data.more || page.data.messages.length === 0) break;
          after = page.data.messages.at(-1)!.seq;
        }
        for (const [id, seq] of c.acked) {
          const copies = stored.filter((m) => m.id === id);
          if (copies.length === 0 || copies[0]!.seq !== seq) lost++;
          if (copies.length > 1) duplicated++;
        }
      }
      const warm = samples[Math.min(1, samples.length - 1)]!;
      const last = samples.at(-1)!;
      const summary = {
        minutes,
        customers: customersCount,
        agents: agentsCount,
        acked: last.acked,
        delivered,
        failedSends,
        reconnects,
        lost,
        duplicated,
        rssFirstMB: warm.rss / 1e6,
        rssLastMB: last.rss / 1e6,
        rssMaxMB: Math.max(...samples.map((s) => s.rss)) / 1e6,
        connectionsLast: last.connections,
        connectionsExpected: customersCount + agentsCount,
        samples,
      };
      if (values.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
      else {
        process.stdout.write(`${customersCount} customers (one message every ${sendEveryS} s each), ${agentsCount} agents, ${minutes} min, ${(dropShare * 100).toFixed(0)} % of customers reconnect each second\n`);
        process.stdout.write(`${table([["t s", "rss MB", "connections", "loop p99 ms", "acked"], ...samples.map((s) => [s.at.toFixed(0), (s.rss / 1e6).toFixed(1), String(s.connections), s.loopP99.toFixed(1), String(s.acked)])])}\n`);
        process.stdout.write(`acked ${summary.acked}, delivered to agents ${delivered}, sends that failed 3 times ${failedSends}, reconnects ${reconnects}, lost ${lost}, duplicated ${duplicated}\n`);
        process.stdout.write(`rss after 10 s ${summary.rssFirstMB.toFixed(1)} MB, at the end ${summary.rssLastMB.toFixed(1)} MB (max ${summary.rssMaxMB.toFixed(1)} MB); connections at the end ${last.connections} (expected ${summary.connectionsExpected})\n`);
      }
      if (lost > 0 || duplicated > 0 || last.connections !== summary.connectionsExpected) process.exitCode = 1;
    } finally {
      for (const c of customers) c.socket.disconnect();
      for (const a of agents) a.disconnect();
      await stopServer(server).catch(() => {});
      await rm(dataDir, { recursive: true, force: true });
    }
  },
};
