// RELIABILITY.md §7 F2 and F3: the built server is SIGKILLed at an exact point of storing one message — right after
// the fsync that makes it durable but before its ack leaves (F2), or as it is about to be written (F3) — by a
// preload module (test/helpers/fault-preload.mjs) that watches the bytes written, with no hook in Parley. Restarted
// on the same DATA_DIR, the customer's retry with the same id is acked once: with the original seq when it had been
// stored (F2), stored exactly once when it had not (F3).
import type { ChildProcess } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { io } from "socket.io-client";
import { describe, expect, it } from "vitest";
import type { MessageView } from "../../server/protocol/views.js";
import { exitOf, freePort, startChild, useChildServers } from "../helpers/child-server.js";
import { registerVisitor, type VisitorSocket } from "../helpers/clients.js";

const preload = pathToFileURL(join(process.cwd(), "test/helpers/fault-preload.mjs")).href;
const run = useChildServers();
let dataDir = "";

const start = (port: number, fault: Record<string, string> = {}) => startChild(port, dataDir, { LANGUAGES: "en", ...fault }, ["--import", preload], run.children);
const exited = async (child: ChildProcess) => (await exitOf(child)).signal;

async function visitor(url: string, credentials: Awaited<ReturnType<typeof registerVisitor>>): Promise<VisitorSocket> {
  const socket: VisitorSocket = io(`${url}/visitor`, { auth: { ...credentials }, transports: ["websocket"], forceNew: true, reconnection: false });
  run.track(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}

async function crashWhileSending(fault: "after-persist" | "before-persist") {
  dataDir = await run.newDataDir(`parley-${fault}-`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const marker = `CRASH-${fault}-${Date.now()}`;
  const server = await start(port, { PARLEY_TEST_FAULT: fault, PARLEY_TEST_FAULT_MARKER: marker });
  const credentials = await registerVisitor(url);
  const socket = await visitor(url, credentials);
  const started = await socket.timeout(5000).emitWithAck("conversation:start", { language: "en", message: { id: "m-start-000001", text: "hello" } });
  if (!started.ok) throw new Error(started.error);
  const conversationId = started.data.conversation.id;
  const payload = { conversationId, id: "m-fault-000001", text: marker };

  // No ack comes back: the process dies at the chosen point.
  const answer = socket.timeout(5000).emitWithAck("message:send", payload).then((reply) => ({ reply }), (error: Error) => ({ error: error.message }));
  expect(await exited(server)).toBe("SIGKILL");
  expect(await answer).not.toHaveProperty("reply");

  await start(port);
  const again = await visitor(url, credentials);
  const before = await again.timeout(5000).emitWithAck("conversation:resume", { afterSeq: 0 });
  if (!before.ok) throw new Error(before.error);
  const retry = await again.timeout(5000).emitWithAck("message:send", payload);
  if (!retry.ok) throw new Error(retry.error);
  const after = await again.timeout(5000).emitWithAck("conversation:resume", { afterSeq: 0 });
  if (!after.ok) throw new Error(after.error);
  return {
    storedBeforeRetry: before.data.messages.filter((m: MessageView) => m.id === payload.id),
    retrySeq: retry.data.seq,
    copies: after.data.messages.filter((m: MessageView) => m.id === payload.id),
    seqs: after.data.messages.map((m: MessageView) => m.seq),
  };
}

describe("a crash at an exact point of storing a message", () => {
  it("F2: killed after the message is durable, before its ack — the retry is acked with the original seq, one copy", { timeout: 60_000 }, async () => {
    const r = await crashWhileSending("after-persist");
    expect(r.storedBeforeRetry).toHaveLength(1);
    expect(r.retrySeq).toBe(r.storedBeforeRetry[0]!.seq);
    expect(r.copies).toHaveLength(1);
    expect(r.seqs).toEqual(r.seqs.map((_: number, i: number) => i + 1));
  });

  it("F3: killed before the message is written — nothing half-stored, the retry stores it once", { timeout: 60_000 }, async () => {
    const r = await crashWhileSending("before-persist");
    expect(r.storedBeforeRetry).toEqual([]);
    expect(r.copies).toHaveLength(1);
    expect(r.copies[0]!.seq).toBe(r.retrySeq);
    expect(r.seqs).toEqual(r.seqs.map((_: number, i: number) => i + 1));
  });
});
