// A node killed with SIGKILL as a separate OS process, mid-conversation: three `node dist/server/index.js` processes on
// one Redis (own DATA_DIR each, one shared UPLOAD_DIR), customers sending all the while. Its customers reconnect to a
// surviving node and resume; no acked message is lost or stored twice; its agent's chats go back to the head of the
// queue after the grace period and are assigned again, each to one agent. Once for a node that does not run the desk,
// once for the node that runs it.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { io } from "socket.io-client";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import type { MessageView, VisitorCredentials } from "../../server/protocol/views.js";
import { createRedisStore } from "../../server/store/redis.js";
import { closeAllSockets, connected, registerVisitor, type AgentSocket, type VisitorSocket } from "../helpers/clients.js";
import { agentOnNode } from "../helpers/node-agent.js";
import { startNodeProcess, type NodeProcess } from "../helpers/node-process.js";
import { describeWithRedis, startRedis, type RedisServer } from "../helpers/redis.js";
import { retried } from "./history.js";

const RETRYABLE = new Set(["storage_unavailable", "rate_limited", "internal"]);
const customers = new Set<{ close(): void }>();

/** A customer as the widget behaves: one socket at a time, moved to another node when its node goes away. */
class Customer {
  socket!: VisitorSocket;
  conversationId = "";
  /** Everything received (live or by resume), by seq: the widget keeps one copy per seq. */
  readonly bySeq = new Map<number, MessageView>();
  /** What each socket received live, in arrival order (checked for duplicates and order). */
  readonly live: MessageView[][] = [];
  readonly acked: MessageView[] = [];
  moves = 0;
  closed = false;

  constructor(readonly name: string, readonly credentials: VisitorCredentials, public node: NodeProcess, private readonly fallback: () => NodeProcess) {}

  async connect(): Promise<void> {
    const socket: VisitorSocket = io(`${this.node.url}/visitor`, { auth: { ...this.credentials }, transports: ["websocket"], forceNew: true, reconnection: false });
    const live: MessageView[] = [];
    this.live.push(live);
    socket.on("message:created", (m: MessageView) => {
      if (m.conversationId !== this.conversationId) return;
      live.push(m);
      this.keep(m);
    });
    // Its node died: the load balancer sends the next connection to another node, and the widget resumes by seq.
    socket.on("disconnect", (reason) => {
      if (reason === "io client disconnect" || this.closed) return;
      this.moves++;
      void this.move();
    });
    try {
      await connected(socket);
    } catch (err) {
      socket.disconnect();
      throw err;
    }
    this.socket = socket;
    customers.add(this);
  }

  private async move(): Promise<void> {
    // A surviving node, as the load balancer would pick; tried again every 200 ms until one takes it.
    await retried(
      async () => {
        this.node = this.fallback();
        await this.connect();
        await this.resume();
        return { ok: true };
      },
      undefined,
      () => this.closed,
    ).catch(() => {});
  }

  close() {
    this.closed = true;
    this.socket?.disconnect();
  }

  private keep(m: MessageView) {
    const had = this.bySeq.get(m.seq);
    if (had) expect(had, `${this.name}: one message per seq`).toEqual(m);
    this.bySeq.set(m.seq, m);
  }

  /**
   * Everything after the last seq it has without a gap, page by page (a line stored while it was between nodes may be
   * older than one its new socket received live, so "after the highest" could skip it for good).
   */
  async resume(): Promise<void> {
    let after = 0;
    while (this.bySeq.has(after + 1)) after++;
    for (;;) {
      const reply = await retried(() => this.socket.timeout(10_000).emitWithAck("conversation:resume", { afterSeq: after }), RETRYABLE, () => this.closed).catch((err) => {
        if (this.closed) return null;
        throw err;
      });
      if (this.closed || !reply) return;
      if (!reply.ok) throw new Error(reply.error);
      for (const m of reply.data.messages) this.keep(m);
      if (!reply.data.more || reply.data.messages.length === 0) return;
      after = reply.data.messages.at(-1)!.seq;
    }
  }

  /** The queue place the server shows it (null: not waiting). */
  async place(): Promise<number | null> {
    const reply = await retried(() => this.socket.timeout(10_000).emitWithAck("conversation:resume", { afterSeq: Number.MAX_SAFE_INTEGER }), RETRYABLE);
    if (!reply.ok) throw new Error(reply.error);
    return reply.data.conversation?.queue?.position ?? null;
  }

  async start(): Promise<void> {
    const message = { id: `${this.name}-start-msg`, text: `hello from ${this.name}` };
    const reply = await retried(() => this.socket.timeout(10_000).emitWithAck("conversation:start", { language: "en", name: this.name, message }), RETRYABLE);
    if (!reply.ok) throw new Error(reply.error);
    this.conversationId = reply.data.conversation.id;
    this.acked.push(reply.data.message);
  }

  /**
   * Sends `count` messages one after another, each until acked (same id on every try: the outbox rule); after the
   * first `before`, waits for `meanwhile` (the node's death), so the rest are sent while and after it goes.
   */
  async sendMany(count: number, before: number, meanwhile: Promise<void>): Promise<void> {
    for (let i = 0; i < count; i++) {
      if (i === before) await meanwhile;
      const payload = { conversationId: this.conversationId, id: `${this.name}-message-${i}`, text: `${this.name} says ${i}` };
      const reply = await retried(() => (this.socket.connected ? this.socket.timeout(5000).emitWithAck("message:send", payload) : Promise.resolve(null)), RETRYABLE);
      if (!reply.ok) throw new Error(`${this.name}: ${reply.error}`);
      this.acked.push(reply.data);
    }
  }
}

async function agentSend(socket: AgentSocket, conversationId: string, id: string, text: string): Promise<MessageView> {
  const reply = await retried(() => socket.timeout(10_000).emitWithAck("message:send", { conversationId, id, text }), RETRYABLE);
  if (!reply.ok) throw new Error(reply.error);
  return reply.data;
}

describeWithRedis("a node killed with SIGKILL (separate processes)", () => {
  let redis: RedisServer;
  let uploadDir: string;
  let nodes: NodeProcess[] = [];
  let clients: Redis[] = [];
  let db = 0;
  beforeAll(async () => {
    redis = await startRedis();
    uploadDir = await mkdtemp(join(tmpdir(), "parley-shared-uploads-"));
  });
  afterAll(async () => {
    await redis?.stop();
    await rm(uploadDir, { recursive: true, force: true });
  });
  afterEach(async () => {
    for (const c of customers) c.close();
    customers.clear();
    closeAllSockets();
    await Promise.all(nodes.map((n) => n.stop()));
    nodes = [];
    for (const c of clients) c.disconnect();
    clients = [];
  });

  async function run(killDesk: boolean) {
    const url = `${redis.url}/${++db}`;
    for (let i = 0; i < 3; i++) nodes.push(await startNodeProcess({ REDIS_URL: url, UPLOAD_DIR: uploadDir, AGENT_GRACE_SECONDS: "0.5" }));
    const client = new Redis(url);
    clients.push(client);
    const store = createRedisStore(client, { prefix: "parley:", ownsClient: false });
    // Wait until one node runs the desk.
    let healths: Awaited<ReturnType<NodeProcess["health"]>>[] = [];
    await expect.poll(async () => (healths = await Promise.all(nodes.map((n) => n.health()))).filter((h) => h.desk).length, { timeout: 60_000 }).toBe(1);
    const deskIndex = healths.findIndex((h) => h.desk);
    const doomed = nodes[killDesk ? deskIndex : (deskIndex + 1) % 3]!;
    const survivors = nodes.filter((n) => n !== doomed) as [NodeProcess, NodeProcess];

    // Ann works on the node that dies, with room for two chats: one customer on her node, one on another node.
    const ann = await agentOnNode(store, doomed, "ann", 2);
    const customers: Customer[] = [];
    let turn = 0;
    const fallback = () => survivors[turn++ % 2]!;
    for (const [i, node] of [doomed, survivors[0], survivors[1]].entries()) {
      const c = new Customer(`c${i}`, await registerVisitor(node.url), node, fallback);
      await c.connect();
      customers.push(c);
    }
    const [c0, c1, c2] = customers as [Customer, Customer, Customer];
    await c0.start();
    await c1.start();
    await expect.poll(() => ann.assigned.length, { timeout: 60_000 }).toBe(2);
    // A third customer waits: Ann is full.
    await c2.start();
    expect(await c2.place()).toBe(1);
    const agentAcks = [await agentSend(ann.socket, c0.conversationId, "ann-message-0", "Ann to c0"), await agentSend(ann.socket, c1.conversationId, "ann-message-1", "Ann to c1")];

    // Customers keep sending; the node dies while they do: four messages each before, eight while and after.
    let killed!: () => void;
    const death = new Promise<void>((resolve) => (killed = resolve));
    const sending = Promise.all([c0.sendMany(12, 4, death), c1.sendMany(12, 4, death)]);
    await expect.poll(() => Math.min(c0.acked.length, c1.acked.length), { timeout: 60_000 }).toBeGreaterThanOrEqual(5);
    await doomed.kill();
    killed();
    nodes = nodes.filter((n) => n !== doomed);
    await expect.poll(() => c0.moves, { timeout: 30_000 }).toBe(1);

    // After the node's heartbeat lapses (or the desk moves) and the grace period, Ann's chats are back in the queue,
    // at its head: ahead of the customer who was already waiting.
    await expect.poll(async () => (await Promise.all([c0, c1].map(async (c) => (await store.conversations.get(c.conversationId))?.status))).join(), { timeout: 90_000 }).toBe("queued,queued");
    expect(new Set([await c0.place(), await c1.place()])).toEqual(new Set([1, 2]));
    expect(await c2.place()).toBe(3);

    // Two agents with one slot each come online on the surviving nodes: each gets one of Ann's chats, nobody gets one twice.
    const bea = await agentOnNode(store, survivors[0], "bea", 1);
    const cy = await agentOnNode(store, survivors[1], "cy", 1);
    // In the store first (one each), then as each agent was told.
    await expect.poll(async () => (await Promise.all([c0, c1].map(async (c) => (await store.conversations.get(c.conversationId))?.assigneeId ?? null))).sort(), { timeout: 90_000 }).toEqual(["bea", "cy"]);
    await expect.poll(() => [...bea.assigned, ...cy.assigned].sort(), { timeout: 60_000 }).toEqual([c0.conversationId, c1.conversationId].sort());
    expect([bea.assigned.length, cy.assigned.length]).toEqual([1, 1]);
    expect(await c2.place()).toBe(1);
    for (const agent of [bea, cy]) {
      const conversationId = agent.assigned[0]!;
      expect((await store.conversations.get(conversationId))?.assigneeId).toBe(agent.record.id);
      agentAcks.push(await agentSend(agent.socket, conversationId, `${agent.record.id}-message-0`, `${agent.record.id} here`));
    }
    await sending;

    for (const c of [c0, c1]) {
      const stored = await store.messages.list(c.conversationId, 0);
      // Stored once each, numbered without gaps; every acked message is there as acked.
      expect(stored.map((m) => m.seq)).toEqual(stored.map((_, i) => i + 1));
      expect(new Set(stored.map((m) => m.id)).size).toBe(stored.length);
      for (const m of [...c.acked, ...agentAcks.filter((a) => a.conversationId === c.conversationId)]) expect(stored).toContainEqual(m);
      expect(stored.filter((m) => m.author === "visitor").map((m) => m.id)).toEqual([`${c.name}-start-msg`, ...Array.from({ length: 12 }, (_, i) => `${c.name}-message-${i}`)]);
      // The customer has everything the others wrote, once (live on each socket: no duplicate, in seq order).
      const expected = stored.filter((m) => m.author !== "visitor");
      await expect.poll(async () => {
        await c.resume();
        return [...c.bySeq.values()].filter((m) => m.author !== "visitor").length;
      }, { timeout: 30_000 }).toBe(expected.length);
      expect([...c.bySeq.values()].filter((m) => m.author !== "visitor").sort((a, b) => a.seq - b.seq)).toEqual(expected);
      for (const live of c.live) {
        const seqs = live.map((m) => m.seq);
        expect(seqs, `${c.name}: live messages once each, in order`).toEqual([...new Set(seqs)].sort((a, b) => a - b));
      }
    }
    expect(c0.moves).toBe(1);
  }

  it("loses nothing when a node that does not run the desk is killed mid-conversation", async () => {
    await run(false);
  }, 240_000);

  it("loses nothing when the node running the desk is killed mid-conversation", async () => {
    await run(true);
  }, 240_000);
});
