// RELIABILITY.md §7 B6: malformed raw packets, written byte by byte over a WebSocket as no real client would send
// them (invalid JSON, packet types that do not exist, a binary attachment count that does not match, an EVENT before
// CONNECT, a second CONNECT). Each closes only its own connection: the process stays up, a customer connected
// beside it keeps chatting, and Object.prototype stays clean.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { closeAllSockets, connectVisitor, msgId, registerVisitor } from "../helpers/clients.js";
import { openRawWebSocket, type RawWebSocket } from "../helpers/raw-websocket.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
const raws: RawWebSocket[] = [];
beforeEach(async () => {
  server = await startTestServer({ env: { LANGUAGES: "en" } });
});
afterEach(async () => {
  for (const raw of raws.splice(0)) raw.destroy();
  closeAllSockets();
  await server.close();
});

async function raw(): Promise<RawWebSocket> {
  const r = await openRawWebSocket(server.url);
  raws.push(r);
  return r;
}

/** A raw socket connected to /visitor as a registered visitor. */
async function connectedRaw(): Promise<RawWebSocket> {
  const r = await raw();
  const credentials = await registerVisitor(server.url);
  r.send(`40/visitor,${JSON.stringify(credentials)}`);
  await r.waitFor((f) => f.startsWith('40/visitor,{"sid"'));
  return r;
}

const closedSoon = (r: RawWebSocket) =>
  Promise.race([r.closed.then(() => "closed"), new Promise((resolve) => setTimeout(() => resolve("still open"), 5000))]);

const CASES: Array<[string, (r: RawWebSocket) => void, boolean]> = [
  ["invalid JSON in an EVENT", (r) => r.send('42/visitor,["message:send",{"text":'), true],
  ["a Socket.IO packet type that does not exist", (r) => r.send("49/visitor,[]"), true],
  ["an Engine.IO packet type that does not exist", (r) => r.send("9hello"), true],
  ["an event name that is not a string", (r) => r.send('42/visitor,[{"__proto__":{"polluted":1}},{}]'), true],
  ["a binary event whose attachment is text", (r) => {
    r.send('451-/visitor,["message:send",{"_placeholder":true,"num":0}]');
    r.send('42/visitor,["conversation:list",{}]');
  }, true],
  ["a binary event declaring absurdly many attachments", (r) => r.send('49999999999-/visitor,["x",{"_placeholder":true,"num":0}]'), true],
  ["an EVENT before CONNECT", (r) => r.send('42/visitor,["conversation:list",{}]'), false],
  ["a second CONNECT on the same namespace", (r) => r.send('40/visitor,{}'), true],
];

describe("malformed raw Engine.IO / Socket.IO packets", () => {
  it.each(CASES)("closes the connection on %s, and only that one", async (_name, send, afterConnect) => {
    const bystander = await connectVisitor(server.url);
    const started = await bystander.socket.timeout(5000).emitWithAck("conversation:start", { language: "en", message: { id: msgId(), text: "before" } });
    if (!started.ok) throw new Error(started.error);

    const r = afterConnect ? await connectedRaw() : await raw();
    send(r);
    expect(await closedSoon(r)).toBe("closed");

    // The process is up, the customer beside it still chats, nothing leaked into the prototype.
    const after = await bystander.socket.timeout(5000).emitWithAck("message:send", { conversationId: started.data.conversation.id, id: msgId(), text: "after" });
    expect(after).toMatchObject({ ok: true, data: { seq: 2 } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
