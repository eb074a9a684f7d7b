// RELIABILITY.md §7 F4: SIGTERM while customers are sending. The server stops accepting, finishes what it had
// accepted, closes the sockets and exits 0 within its grace; the customers' clients reconnect to the server started
// next on the same DATA_DIR and port and retry what was never acked. Afterwards every acked message is stored once,
// with the seq it was acked with, and every message sent is there exactly once.
import type { ChildProcess } from "node:child_process";
import { io } from "socket.io-client";
import { describe, expect, it } from "vitest";
import type { MessageView } from "../../server/protocol/views.js";
import { exitOf, freePort, sendUntilAcked, startChild, useChildServers } from "../helpers/child-server.js";
import { registerVisitor, type VisitorSocket } from "../helpers/clients.js";

const run = useChildServers();

describe("SIGTERM during traffic", () => {
  it("stops cleanly mid-burst; reconnecting customers lose nothing acked and store nothing twice", { timeout: 90_000 }, async () => {
    const dataDir = await run.newDataDir("parley-sigterm-");
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env = { LANGUAGES: "en", SHUTDOWN_GRACE_SECONDS: "2" };
    const server = await startChild(port, dataDir, env, [], run.children);

    const customers = await Promise.all(Array.from({ length: 3 }, async (_, c) => {
      const socket: VisitorSocket = io(`${url}/visitor`, { auth: { ...(await registerVisitor(url)) }, transports: ["websocket"], forceNew: true, reconnectionDelay: 50, reconnectionDelayMax: 200 });
      run.track(socket);
      await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
      const started = await socket.timeout(5000).emitWithAck("conversation:start", { language: "en", message: { id: `sig-${c}-start`, text: "start" } });
      if (!started.ok) throw new Error(started.error);
      return { socket, conversationId: started.data.conversation.id, acked: new Map<string, number>() };
    }));

    // Each customer sends 15 messages one after the other (under the burst of 20); SIGTERM lands after the 5th ack.
    let acks = 0;
    let restarted: Promise<ChildProcess> | null = null;
    const stopped = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      const check = setInterval(() => {
        if (acks < 5) return;
        clearInterval(check);
        server.kill("SIGTERM");
        void exitOf(server).then((exit) => {
          restarted = startChild(port, dataDir, env, [], run.children);
          resolve(exit);
        });
      }, 5);
    });
    await Promise.all(customers.map(async (c, n) => {
      for (let i = 0; i < 15; i++) {
        const id = `sig-${n}-${String(i).padStart(3, "0")}`;
        c.acked.set(id, await sendUntilAcked(c.socket, { conversationId: c.conversationId, id, text: `message ${i}` }));
        acks++;
      }
    }));
    expect(await stopped).toEqual({ code: 0, signal: null });
    await restarted;

    for (const c of customers) {
      const resumed = await c.socket.timeout(5000).emitWithAck("conversation:resume", { afterSeq: 0 });
      if (!resumed.ok) throw new Error(resumed.error);
      const mine: MessageView[] = resumed.data.messages.filter((m: MessageView) => m.author === "visitor");
      expect(mine.map((m) => m.id)).toEqual([...new Set(mine.map((m) => m.id))]);
      expect(mine).toHaveLength(16);
      for (const [id, seq] of c.acked) expect(mine.find((m) => m.id === id)?.seq).toBe(seq);
      const seqs = resumed.data.messages.map((m: MessageView) => m.seq);
      expect(seqs).toEqual(seqs.map((_: number, i: number) => i + 1));
    }
  });
});
