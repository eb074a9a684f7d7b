// Finding 8: an agent socket ends with its session. After SESSION_TTL_HOURS the open /agent socket is
// disconnected (as sign-out does), an event it still sends is refused, and it cannot reconnect.
import { io } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { addAgent, connected, connectAgent, signIn, type AgentSocket } from "../helpers/clients.js";
import { useTestServer } from "../helpers/server.js";

let offset = 0;
const clock = () => Date.now() + offset;
const server = useTestServer({ env: { SESSION_TTL_HOURS: "1" }, deps: { now: clock } });

describe("agent session expiry", () => {
  it("disconnects an open agent socket when its session expires", async () => {
    offset = 0;
    const agent = await addAgent(server().store);
    const cookie = await signIn(server().url, agent.email, agent.password);
    const socket = await connectAgent(server().url, cookie);
    const before = await socket.timeout(3000).emitWithAck("conversation:list", {});
    expect(before.ok).toBe(true);
    const dropped = new Promise((resolve) => socket.once("disconnect", resolve));
    offset = 3_600_000 + 1000;
    await dropped;
    // And the same cookie cannot open a new one.
    const again: AgentSocket = io(`${server().url}/agent`, { extraHeaders: { cookie }, transports: ["websocket"], forceNew: true, reconnection: false });
    await expect(connected(again)).rejects.toThrow("unauthorized");
    again.disconnect();
  });

  it("refuses an event sent after expiry, before the socket is dropped", async () => {
    offset = 0;
    const agent = await addAgent(server().store);
    const socket = await connectAgent(server().url, await signIn(server().url, agent.email, agent.password));
    offset = 3_600_000 + 1000;
    const reply = await socket.timeout(3000).emitWithAck("conversation:list", {}).catch(() => null);
    // Either the event was refused with a typed error, or the socket was already dropped (no answer).
    if (reply) expect(reply).toMatchObject({ ok: false, error: "unauthorized" });
    await expect.poll(() => socket.connected).toBe(false);
  });
});
