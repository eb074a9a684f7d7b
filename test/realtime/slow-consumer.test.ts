// RELIABILITY.md §7 L8: a slow consumer. A customer keeps asking for its history (800 KB an answer) through a proxy
// that stops reading what the server sends, so the answers back up into the server. The server keeps at most
// SOCKET_MAX_BUFFER_MB waiting for one socket and then drops it (long before the heartbeat would), while another
// customer keeps chatting.
import { io, type Socket } from "socket.io-client";
import { describe, expect, it } from "vitest";
import type { VisitorClientEvents, VisitorServerEvents } from "../../server/protocol/events.js";
import { connected, connectVisitor, msgId, registerVisitor } from "../helpers/clients.js";
import { useServerBehindProxy } from "../helpers/server.js";

const behindProxy = useServerBehindProxy();

describe("a slow consumer", () => {
  it("is dropped once SOCKET_MAX_BUFFER_MB waits for it, and nobody else notices", { timeout: 60_000 }, async () => {
    // The default heartbeat (25 s + 20 s): only the buffer limit can drop the socket within this test.
    const { server, proxy } = await behindProxy.start({ env: { LANGUAGES: "en", SOCKET_MAX_BUFFER_MB: "1" } });
    const credentials = await registerVisitor(server.url);
    const slow: Socket<VisitorServerEvents, VisitorClientEvents> = io(`${proxy.url}/visitor`, { auth: { ...credentials }, transports: ["websocket"], forceNew: true, reconnection: false });
    behindProxy.track(slow);
    await connected(slow);
    const started = await slow.timeout(5000).emitWithAck("conversation:start", { language: "en", message: { id: msgId(), text: "hello" } });
    if (!started.ok) throw new Error(started.error);
    // A long history: 200 messages of 4,000 characters, one resume page.
    const conversationId = started.data.conversation.id;
    for (let i = 0; i < 200; i++) await server.store.messages.append(conversationId, { id: `seed-${i}`, author: "visitor", text: `${i} `.padEnd(4000, "x"), at: Date.now() });

    const onServer = () => [...server.app.io.of("/visitor").sockets.values()].filter((s) => s.data.visitorId === credentials.visitorId).length;
    expect(onServer()).toBe(1);
    proxy.stopReading();
    // Ask again and again without reading the answers (the acks never arrive; their timeouts are ignored).
    const asking = setInterval(() => {
      for (let i = 0; i < 3; i++) slow.timeout(60_000).emitWithAck("conversation:resume", { afterSeq: 0 }).catch(() => {});
    }, 100);
    try {
      await expect.poll(onServer, { timeout: 30_000, interval: 100 }).toBe(0);
    } finally {
      clearInterval(asking);
    }

    // Everyone else is fine.
    const other = await connectVisitor(server.url);
    const ok = await other.socket.timeout(5000).emitWithAck("conversation:start", { language: "en", message: { id: msgId(), text: "hi" } });
    expect(ok.ok).toBe(true);
  });
});
