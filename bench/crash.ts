// The kill -9 loop: customers send a steady burst of acknowledged messages while the real built server
// (dist/server/index.js) is SIGKILLed at random moments and restarted on the same DATA_DIR and port, N times.
// Afterwards every acknowledged message must be stored exactly once with the sequence number it was acked with,
// and no start-up may have failed on a file it could not parse. Prints a table (or one JSON object with --json).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { io, type Socket } from "socket.io-client";
import type { VisitorClientEvents, VisitorServerEvents } from "../server/protocol/events.js";
import type { MessageView, VisitorCredentials } from "../server/protocol/views.js";
import { percentile, seededRandom, table, type Benchmark } from "./benchmark.js";
import { distDir, freePort } from "./server-process.js";

type VisitorSocket = Socket<VisitorServerEvents, VisitorClientEvents>;
const entry = join(distDir(), "server/index.js");

interface Server {
  child: ChildProcess;
  exited: Promise<number | null>;
}

interface Tally {
  starts: number;
  startFailures: number;
  parseFailures: number;
  startMs: number[];
  failures: string[];
}

/** Starts the server; resolves when it listens, or null when it exited first (the reason is tallied). */
function start(port: number, dataDir: string, tally: Tally): Promise<Server | null> {
  const began = performance.now();
  const child = spawn(process.execPath, [entry], {
    env: { PATH: process.env.PATH ?? "", PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "info", SHUTDOWN_GRACE_SECONDS: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  tally.starts++;
  return new Promise((resolve) => {
    let out = "";
    let err = "";
    let listening = false;
    child.stdout!.on("data", (d: Buffer) => {
      if (listening) return;
      out += d;
      if (out.includes("Parley is listening")) {
        listening = true;
        out = "";
        tally.startMs.push(performance.now() - began);
        resolve({ child, exited });
      }
    });
    child.stderr!.on("data", (d: Buffer) => (err += d));
    void exited.then((code) => {
      if (listening) return;
      tally.startFailures++;
      if (/pars|JSON|corrupt|Unexpected/i.test(err)) tally.parseFailures++;
      tally.failures.push(`exit ${code}: ${err.trim().split("\n")[0] ?? ""}`);
      resolve(null);
    });
  });
}

async function register(url: string): Promise<VisitorCredentials> {
  for (;;) {
    const res = await fetch(`${url}/api/visitors`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }).catch(() => null);
    if (res?.status === 201) return (await res.json()) as VisitorCredentials;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Sends until acknowledged (the outbox rule): timeouts, disconnects and retryable errors are retried with the same id. */
async function sendUntilAcked(socket: VisitorSocket, send: () => Promise<{ ok: boolean; error?: string; seq?: number }>, counts: { retries: number }): Promise<number> {
  for (;;) {
    try {
      if (!socket.connected) await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
      const reply = await send();
      if (reply.ok) return reply.seq!;
      if (!["storage_unavailable", "rate_limited", "internal", "unauthorized"].includes(reply.error ?? "")) throw new Error(`refused: ${reply.error}`);
      await new Promise((resolve) => setTimeout(resolve, reply.error === "rate_limited" ? 250 : 50));
    } catch (err) {
      if (!/timed out|disconnected|operation has timed out/i.test((err as Error).message)) throw err;
    }
    counts.retries++;
  }
}

/** Every *.json file under DATA_DIR that does not parse (after the run, with the server stopped). */
async function unparsable(dir: string): Promise<string[]> {
  const bad: string[] = [];
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || !e.name.endsWith(".json")) continue;
    const path = join(e.parentPath, e.name);
    try {
      JSON.parse(await readFile(path, "utf8"));
    } catch {
      bad.push(path.slice(dir.length + 1));
    }
  }
  return bad;
}

interface Customer {
  socket: VisitorSocket;
  conversationId: string;
  acked: Map<string, number>;
}

export const crashBenchmark: Benchmark = {
  about: "kill -9 the built server N times during a burst of acked sends; lost/duplicated acked messages and unparsable files (all must be 0)",
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        kills: { type: "string", default: "100" },
        customers: { type: "string", default: "4" },
        "max-delay-ms": { type: "string", default: "400" },
        "max-seconds": { type: "string", default: "600" },
        seed: { type: "string", default: "1" },
        json: { type: "boolean" },
      },
      strict: true,
    });
    const kills = Number(values.kills);
    const customersN = Number(values.customers);
    const maxDelay = Number(values["max-delay-ms"]);
    const deadline = performance.now() + Number(values["max-seconds"]) * 1000;
    const random = seededRandom(Number(values.seed));
    const dataDir = await mkdtemp(join(tmpdir(), "parley-crash-bench-"));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const tally: Tally = { starts: 0, startFailures: 0, parseFailures: 0, startMs: [], failures: [] };
    const counts = { retries: 0, sent: 0 };
    const began = performance.now();
    let server = await start(port, dataDir, tally);
    if (!server) throw new Error(`the server did not start: ${tally.failures.join("; ")}`);

    const customers: Customer[] = [];
    for (let c = 0; c < customersN; c++) {
      const credentials = await register(url);
      const socket: VisitorSocket = io(`${url}/visitor`, { auth: { ...credentials }, transports: ["websocket"], reconnectionDelay: 50, reconnectionDelayMax: 200 });
      const id = `crash-c${c}-start`;
      const customer: Customer = { socket, conversationId: "", acked: new Map() };
      await sendUntilAcked(socket, async () => {
        const r = await socket.timeout(3000).emitWithAck("conversation:start", { language: "en", message: { id, text: "start" } });
        if (r.ok) customer.conversationId = r.data.conversation.id;
        return r.ok ? { ok: true, seq: r.data.message.seq } : r;
      }, counts);
      customers.push(customer);
    }

    // The burst: every customer sends one message after another, each until acked, until told to stop.
    let stopping = false;
    let ackCount = 0;
    /** Resolves once the burst is flowing again (an ack after `since`), or after 10 s. */
    const flowing = async (since: number) => {
      const until = performance.now() + 10_000;
      while (ackCount <= since && performance.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
    };
    const bursts = customers.map(async (customer, c) => {
      for (let i = 0; !stopping; i++) {
        const id = `crash-c${c}-m${String(i).padStart(6, "0")}`;
        counts.sent++;
        const seq = await sendUntilAcked(customer.socket, async () => {
          const r = await customer.socket.timeout(2000).emitWithAck("message:send", { conversationId: customer.conversationId, id, text: `message ${i}` });
          return r.ok ? { ok: true, seq: r.data.seq } : r;
        }, counts);
        customer.acked.set(id, seq);
        ackCount++;
      }
    });

    let done = 0;
    let aborted = "";
    while (done < kills && performance.now() < deadline) {
      // Kill at a random point of the burst: once sends are being acked again, after 0–max-delay ms.
      await flowing(ackCount);
      await new Promise((resolve) => setTimeout(resolve, random() * maxDelay));
      server.child.kill("SIGKILL");
      await server.exited;
      done++;
      const next = await start(port, dataDir, tally);
      if (!next) {
        aborted = `start ${tally.starts} failed: ${tally.failures.at(-1)}`;
        break;
      }
      server = next;
    }
    // Let every send in flight be acknowledged by the last server, then read the transcripts back.
    stopping = true;
    if (!aborted) await Promise.all(bursts);
    let lost = 0;
    let duplicated = 0;
    let misnumbered = 0;
    let acked = 0;
    if (!aborted) {
      for (const customer of customers) {
        // The transcript comes a page at a time (`more`), as any client reads it.
        const stored: MessageView[] = [];
        for (let more = true; more; ) {
          const resumed = await customer.socket.timeout(10_000).emitWithAck("conversation:resume", { afterSeq: stored.at(-1)?.seq ?? 0, limit: 500 });
          if (!resumed.ok) throw new Error(`resume failed: ${resumed.error}`);
          stored.push(...resumed.data.messages);
          more = resumed.data.more && resumed.data.messages.length > 0;
        }
        const byId = new Map<string, MessageView[]>();
        for (const m of stored) byId.set(m.id, [...(byId.get(m.id) ?? []), m]);
        for (const [id, seq] of customer.acked) {
          acked++;
          const copies = byId.get(id) ?? [];
          if (copies.length === 0) lost++;
          else if (copies[0]!.seq !== seq) misnumbered++;
        }
        for (const copies of byId.values()) if (copies.length > 1) duplicated += copies.length - 1;
      }
    }
    for (const customer of customers) customer.socket.disconnect();
    server.child.kill("SIGTERM");
    await server.exited;
    const badFiles = await unparsable(dataDir);
    await rm(dataDir, { recursive: true, force: true });
    const seconds = (performance.now() - began) / 1000;

    const result = {
      benchmark: "crash",
      kills: done,
      customers: customersN,
      ackedMessages: acked,
      sends: counts.sent,
      retries: counts.retries,
      lost,
      duplicated,
      misnumbered,
      startFailures: tally.startFailures,
      startParseFailures: tally.parseFailures,
      unparsableFilesAfter: badFiles.length,
      restartMedianMs: Math.round(percentile(tally.startMs.slice(1), 50)),
      restartP99Ms: Math.round(percentile(tally.startMs.slice(1), 99)),
      seconds: Math.round(seconds),
      aborted: aborted || null,
      pass: !aborted && lost === 0 && duplicated === 0 && misnumbered === 0 && tally.parseFailures === 0 && badFiles.length === 0,
    };
    process.exitCode = result.pass ? 0 : 1;
    if (values.json) {
      console.log(JSON.stringify(result));
      return;
    }
    console.log(`crash: ${done} SIGKILLs of dist/server/index.js at random points (0–${maxDelay} ms after the burst resumed) while ${customersN} customers send acked messages, restarting each time\n`);
    console.log(table([
      ["figure", "value", "must be"],
      ["SIGKILLs / restarts", String(done), String(kills)],
      ["acked messages checked", String(acked), ""],
      ["sends retried (timeouts, drops, rate limits)", String(counts.retries), ""],
      ["acked messages lost", String(lost), "0"],
      ["acked messages stored twice", String(duplicated), "0"],
      ["acked with a different seq than stored", String(misnumbered), "0"],
      ["start-ups failed on an unparsable file", String(tally.parseFailures), "0"],
      ["start-ups failed (any reason)", String(tally.startFailures), "0"],
      ["*.json files unparsable after the run", String(badFiles.length), "0"],
      ["restart to listening, median / p99 ms", `${result.restartMedianMs} / ${result.restartP99Ms}`, ""],
      ["wall time, s", String(result.seconds), ""],
    ]));
    if (aborted) console.log(`\naborted: ${aborted}`);
    if (badFiles.length) console.log(`\nunparsable: ${badFiles.slice(0, 10).join(", ")}`);
    console.log(`\n${result.pass ? "PASS" : "FAIL"}`);
  },
};
