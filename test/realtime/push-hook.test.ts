// The push hook (issue 10): an app registers its push token; while the customer has no socket open, agent messages are
// POSTed to PUSH_WEBHOOK_URL with the devices and a short preview, signed; a connected customer is not pushed.
import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAgent, agentOnline, connectVisitor, msgId, next } from "../helpers/clients.js";
import { useTestServer } from "../helpers/server.js";

const received: Array<{ body: string; signature: string | undefined }> = [];
let hook: Server;
let hookUrl = "";
beforeAll(async () => {
  hook = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      received.push({ body, signature: req.headers["x-parley-signature"] as string | undefined });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", resolve));
  hookUrl = `http://127.0.0.1:${(hook.address() as { port: number }).port}/push`;
});
afterAll(() => new Promise<void>((resolve) => hook.close(() => resolve())));

describe("push hook", () => {
  const server = useTestServer({ env: { get PUSH_WEBHOOK_URL() { return hookUrl; }, PUSH_WEBHOOK_SECRET: "push-secret" } as Record<string, string> });

  it("pushes an agent's answer to the app's devices while the customer is away, signed, and not while connected", async () => {
    const agent = await addAgent(server().store, { languages: ["en"], name: "Jonas" });
    const agentSocket = await agentOnline(server().url, agent);
    const { socket, credentials } = await connectVisitor(server().url);
    expect(await socket.timeout(5000).emitWithAck("device:register", { platform: "apns", token: "device-token-1" })).toEqual({ ok: true, data: null });
    expect(await socket.timeout(5000).emitWithAck("device:register", { platform: "weird" as "apns", token: "x" })).toMatchObject({ ok: false, error: "invalid_payload" });
    const assigned = next(agentSocket, "conversation:assigned");
    const started = await socket.timeout(5000).emitWithAck("conversation:start", { language: "en", message: { id: msgId(), text: "Help" } });
    if (!started.ok) throw new Error(started.error);
    await assigned;
    const conversationId = started.data.conversation.id;
    // Connected: the socket gets it, no push.
    const seen = next(socket, "message:created", (m: { text: string }) => m.text === "While you are here");
    await agentSocket.timeout(5000).emitWithAck("message:send", { conversationId, id: msgId(), text: "While you are here" });
    await seen;
    socket.disconnect();
    await expect.poll(() => server().app.desk.visitors.count(credentials.visitorId)).toBe(0);
    await agentSocket.timeout(5000).emitWithAck("message:send", { conversationId, id: msgId(), text: "Your refund is on its way." });
    await expect.poll(() => received.length).toBe(1);
    const [push] = received;
    expect(JSON.parse(push!.body)).toMatchObject({
      visitorId: credentials.visitorId,
      conversationId,
      author: "agent",
      authorName: "Jonas",
      preview: "Your refund is on its way.",
      devices: [{ platform: "apns", token: "device-token-1" }],
    });
    expect(push!.signature).toBe(`sha256=${createHmac("sha256", "push-secret").update(push!.body).digest("hex")}`);
    expect(received.some((r) => r.body.includes("While you are here"))).toBe(false);
  });
});
