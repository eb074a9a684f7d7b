// F1/F2/F3: kill -9 the server while a customer is sending, restart it on the same DATA_DIR and port, and
// check that every acknowledged message is stored exactly once, in order, and the retries of the rest landed once.
import { io } from "socket.io-client";
import { describe, expect, it } from "vitest";
import type { MessageView } from "../../server/protocol/views.js";
import type { VisitorSocket } from "../helpers/clients.js";
import { registerVisitor } from "../helpers/clients.js";
import { freePort, sendUntilAcked, startChild, useChildServers } from "../helpers/child-server.js";

const run = useChildServers();
let dataDir = "";

const start = (port: number) => startChild(port, dataDir, {}, [], run.children);

describe("a crash while a customer is sending", () => {
  it("loses no acknowledged message and stores each retried one once", { timeout: 60_000 }, async () => {
    dataDir = await run.newDataDir("parley-crash-");
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    let server = await start(port);
    const credentials = await registerVisitor(url);
    const socket: VisitorSocket = io(`${url}/visitor`, { auth: { ...credentials }, transports: ["websocket"], reconnectionDelay: 50, reconnectionDelayMax: 200 });
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    const started = await socket.timeout(5000).emitWithAck("conversation:start", { language: "en", message: { id: "crash-start-0000", text: "start" } });
    if (!started.ok) throw new Error(started.error);
    const conversationId = started.data.conversation.id;

    const acked = new Map<string, number>();
    // Under the per-socket burst of 20 messages, so no send is rate limited.
    const total = 18;
    for (let i = 0; i < total; i++) {
      const id = `crash-msg-${String(i).padStart(4, "0")}`;
      // Fire the next send, and kill the server while it is in flight halfway through.
      const sending = sendUntilAcked(socket, { conversationId, id, text: `message ${i}` });
      if (i === total / 2) {
        server.kill("SIGKILL");
        await new Promise((resolve) => server.once("exit", resolve));
        server = await start(port);
      }
      acked.set(id, await sending);
    }

    const resumed = await socket.timeout(5000).emitWithAck("conversation:resume", { afterSeq: 0 });
    if (!resumed.ok) throw new Error(resumed.error);
    socket.disconnect();
    const messages: MessageView[] = resumed.data.messages.filter((m: MessageView) => m.author === "visitor");
    const seqs = messages.map((m) => m.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(messages.map((m) => m.id)).size).toBe(messages.length);
    expect(messages).toHaveLength(total + 1);
    for (const [id, seq] of acked) expect(messages.find((m) => m.id === id)?.seq).toBe(seq);
  });
});
