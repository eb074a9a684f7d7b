// Issue 10: files in chat, both ways. Uploaded over HTTP to a conversation (the customer by visitor credentials, the
// agent by session cookie), sent by id in `message:send`, served only to those who may read the conversation, with the
// tickets' byte-level checks, limits and quotas.
import { afterEach, describe, expect, it } from "vitest";
import type { MessageView } from "../../server/protocol/views.js";
import { addAgent, closeAllSockets, connectAgent, connectVisitor, msgId, next, signIn } from "../helpers/clients.js";
import type { TestServer } from "../helpers/server.js";
import { HTML, PDF, PNG, SVG } from "./files.js";
import { postForm, type UploadFile } from "./helpers.js";
import { startServer, uploadsOf } from "./setup.js";

let server: TestServer | null = null;
afterEach(async () => {
  closeAllSockets();
  await server?.close();
  server = null;
});

type Credentials = { visitorId: string; token: string };
const asVisitor = (c: Credentials) => ({ "x-parley-visitor": c.visitorId, authorization: `Bearer ${c.token}` });
const upload = (conversationId: string, file: UploadFile, headers: Record<string, string>) =>
  postForm(`${server!.url}/api/conversations/${conversationId}/files`, {}, [file], headers, "file");
const download = (url: string, headers: Record<string, string> = {}) => fetch(`${server!.url}${url}`, { headers });

/** A customer chatting with an agent: the conversation is assigned. */
async function chatting(env: Record<string, string> = {}) {
  server = await startServer({ env });
  const agentRecord = await addAgent(server.store, { languages: ["en"] });
  const agentCookie = await signIn(server.url, agentRecord.email, agentRecord.password);
  const agent = await connectAgent(server.url, agentCookie);
  const customer = await connectVisitor(server.url);
  const assigned = next<{ id: string }>(agent, "conversation:assigned");
  const started = await customer.socket.timeout(5000).emitWithAck("conversation:start", { language: "en", message: { id: msgId(), text: "Hello" } });
  if (!started.ok) throw new Error(started.message);
  const conversationId = started.data.conversation.id;
  await assigned;
  return { customer, agent, agentCookie, agentRecord, conversationId };
}

async function uploaded(res: Response) {
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; name: string; type: string; size: number; url: string };
}

describe("files in chat", () => {
  it("carries a customer's image to the agent, who downloads it; the customer downloads it too, inline and sandboxed", async () => {
    const { customer, agent, agentCookie, conversationId } = await chatting();
    const file = await uploaded(await upload(conversationId, { name: "screen shot.png", data: PNG, type: "text/html" }, asVisitor(customer.credentials)));
    expect(file).toEqual({ id: expect.stringMatching(/^f_/), name: "screen shot.png", type: "image/png", size: PNG.length, url: `/api/conversations/${conversationId}/files/${file.id}` });

    const received = next<MessageView>(agent, "message:created", (m) => m.author === "visitor" && m.attachments !== undefined);
    const sent = await customer.socket.timeout(5000).emitWithAck("message:send", { conversationId, id: msgId(), text: "", attachments: [file.id] });
    expect(sent).toMatchObject({ ok: true, data: { text: "", attachments: [file] } });
    expect((await received).attachments).toEqual([file]);

    for (const headers of [{ cookie: agentCookie }, asVisitor(customer.credentials)]) {
      const res = await download(file.url, headers);
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer())).toEqual(PNG);
      expect(res.headers.get("content-type")).toBe("image/png");
      expect(res.headers.get("content-disposition")).toBe(`inline; filename="screen shot.png"; filename*=UTF-8''screen%20shot.png`);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("content-security-policy")).toBe("sandbox");
      expect(res.headers.get("cache-control")).toBe("private, no-store");
    }
  });

  it("carries an agent's PDF to the customer as a download, and refuses it to everyone else", async () => {
    const { customer, agent, agentCookie, conversationId } = await chatting();
    const file = await uploaded(await upload(conversationId, { name: "terms.pdf", data: PDF }, { cookie: agentCookie }));
    const received = next<MessageView>(customer.socket, "message:created", (m) => m.author === "agent");
    const sent = await agent.timeout(5000).emitWithAck("message:send", { conversationId, id: msgId(), text: "Our terms", attachments: [file.id] });
    expect(sent).toMatchObject({ ok: true, data: { text: "Our terms", attachments: [file] } });
    expect((await received).attachments).toEqual([file]);

    const mine = await download(file.url, asVisitor(customer.credentials));
    expect(mine.status).toBe(200);
    expect(mine.headers.get("content-disposition")).toBe(`attachment; filename="terms.pdf"; filename*=UTF-8''terms.pdf`);
    expect(Buffer.from(await mine.arrayBuffer())).toEqual(PDF);

    const stranger = await connectVisitor(server!.url);
    const colleague = await addAgent(server!.store, { languages: ["en"] });
    const supervisor = await addAgent(server!.store, { role: "supervisor" });
    const refusals: [Record<string, string>, number][] = [
      [{}, 401],
      [asVisitor({ visitorId: customer.credentials.visitorId, token: stranger.credentials.token }), 401],
      [asVisitor(stranger.credentials), 404],
      [{ cookie: await signIn(server!.url, colleague.email, colleague.password) }, 404],
    ];
    for (const [headers, status] of refusals) {
      const res = await download(file.url, headers);
      expect(res.status).toBe(status);
      expect(await res.json()).toMatchObject({ ok: false, error: status === 401 ? "unauthorized" : "not_found" });
    }
    // A file id under another conversation's path is not found either.
    const otherChat = await stranger.socket.timeout(5000).emitWithAck("conversation:start", { language: "en", message: { id: msgId(), text: "Hi" } });
    if (!otherChat.ok) throw new Error(otherChat.message);
    expect((await download(`/api/conversations/${otherChat.data.conversation.id}/files/${file.id}`, asVisitor(stranger.credentials))).status).toBe(404);
    // Supervisors read every conversation.
    expect((await download(file.url, { cookie: await signIn(server!.url, supervisor.email, supervisor.password) })).status).toBe(200);
  });

  it.each([
    ["an HTML page named .png", { name: "x.png", data: HTML }, 415, "unsupported_type"],
    ["an SVG", { name: "x.svg", data: SVG }, 415, "unsupported_type"],
    ["a file above ATTACHMENT_MAX_MB", { name: "big.pdf", data: Buffer.concat([PDF, Buffer.alloc(20_000, 0x20)]) }, 413, "file_too_large"],
  ] as const)("refuses %s with a typed error and keeps nothing", async (_what, file, status, error) => {
    const { customer, conversationId } = await chatting({ ATTACHMENT_MAX_MB: "0.01" });
    const res = await upload(conversationId, file, asVisitor(customer.credentials));
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ ok: false, error });
    expect(await uploadsOf(server!)).toEqual([]);
    expect(await server!.store.chatFiles.listByConversation(conversationId)).toEqual([]);
  });

  it("refuses uploads to a conversation the caller does not hold, a closed one, or without one file", async () => {
    const { customer, agent, agentCookie, conversationId } = await chatting();
    const stranger = await connectVisitor(server!.url);
    const supervisor = await addAgent(server!.store, { role: "supervisor" });
    const png = { name: "a.png", data: PNG };
    expect((await upload(conversationId, png, asVisitor(stranger.credentials))).status).toBe(404);
    expect((await upload(conversationId, png, { cookie: await signIn(server!.url, supervisor.email, supervisor.password) })).status).toBe(404);
    expect((await upload("c_nothere", png, asVisitor(customer.credentials))).status).toBe(404);
    expect((await upload(conversationId, png, {})).status).toBe(401);
    const empty = await postForm(`${server!.url}/api/conversations/${conversationId}/files`, { note: "x" }, [], asVisitor(customer.credentials), "file");
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ error: "invalid_payload", issues: [{ path: "file" }] });
    const closed = await agent.timeout(5000).emitWithAck("conversation:close", { conversationId });
    expect(closed.ok).toBe(true);
    const late = await upload(conversationId, png, { cookie: agentCookie });
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({ error: "conversation_closed" });
    expect(await uploadsOf(server!)).toEqual([]);
  });

  it("holds each conversation to TICKET_MAX_FILES and each address to UPLOAD_MB_PER_ADDRESS_PER_HOUR", async () => {
    const { customer, agentCookie, conversationId } = await chatting({ TICKET_MAX_FILES: "2", UPLOAD_MB_PER_ADDRESS_PER_HOUR: "0.05", ATTACHMENT_MAX_MB: "0.05" });
    await uploaded(await upload(conversationId, { name: "a.png", data: PNG }, asVisitor(customer.credentials)));
    await uploaded(await upload(conversationId, { name: "b.png", data: PNG }, { cookie: agentCookie }));
    const third = await upload(conversationId, { name: "c.png", data: PNG }, asVisitor(customer.credentials));
    expect(third.status).toBe(413);
    expect(await third.json()).toMatchObject({ error: "quota_exceeded", message: expect.stringMatching(/this conversation.*2 files/i) });

    const other = await connectVisitor(server!.url);
    const started = await other.socket.timeout(5000).emitWithAck("conversation:start", { language: "en", message: { id: msgId(), text: "Hi" } });
    if (!started.ok) throw new Error(started.message);
    const big = { name: "big.pdf", data: Buffer.concat([PDF, Buffer.alloc(45_000, 0x20)]) };
    await uploaded(await upload(started.data.conversation.id, big, asVisitor(other.credentials)));
    const over = await upload(started.data.conversation.id, big, asVisitor(other.credentials));
    expect(over.status).toBe(429);
    expect(over.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await over.json()).toMatchObject({ error: "rate_limited" });
    expect(await uploadsOf(server!)).toHaveLength(3);
  });

  it("sends only files the sender uploaded to this conversation; text may be empty only with a file", async () => {
    const { customer, agent, agentCookie, conversationId } = await chatting();
    const agentsFile = await uploaded(await upload(conversationId, { name: "a.png", data: PNG }, { cookie: agentCookie }));
    const send = (attachments: string[] | undefined, text = "") =>
      customer.socket.timeout(5000).emitWithAck("message:send", { conversationId, id: msgId(), text, ...(attachments && { attachments }) });
    expect(await send([agentsFile.id])).toMatchObject({ ok: false, error: "invalid_payload", issues: [{ path: "attachments.0" }] });
    expect(await send(["f_nosuchfile"])).toMatchObject({ ok: false, error: "invalid_payload" });
    expect(await send(undefined)).toMatchObject({ ok: false, error: "empty_message" });
    expect(await send(["../../etc"])).toMatchObject({ ok: false, error: "invalid_payload" });
    const own = await uploaded(await upload(conversationId, { name: "b.png", data: PNG }, asVisitor(customer.credentials)));
    expect(await agent.timeout(5000).emitWithAck("message:send", { conversationId, id: msgId(), text: "x", attachments: [own.id] })).toMatchObject({ ok: false, error: "invalid_payload" });
    expect((await server!.store.messages.list(conversationId, 0)).filter((m) => m.author !== "system").map((m) => m.text)).toEqual(["Hello"]);
  });

  it("stores a retried send once, and resume and history carry the attachments", async () => {
    const { customer, agent, conversationId } = await chatting();
    const file = await uploaded(await upload(conversationId, { name: "a.png", data: PNG }, asVisitor(customer.credentials)));
    const payload = { conversationId, id: msgId(), text: "see", attachments: [file.id] };
    const first = await customer.socket.timeout(5000).emitWithAck("message:send", payload);
    const again = await customer.socket.timeout(5000).emitWithAck("message:send", payload);
    expect(first.ok && again.ok && again.data).toEqual(first.ok && first.data);
    expect((await server!.store.messages.list(conversationId, 0)).filter((m) => m.text === "see")).toHaveLength(1);

    customer.socket.disconnect();
    const back = await connectVisitor(server!.url, customer.credentials);
    const resumed = await back.socket.timeout(5000).emitWithAck("conversation:resume", { afterSeq: first.ok ? first.data.seq - 1 : 0 });
    expect(resumed).toMatchObject({ ok: true, data: { messages: [{ text: "see", attachments: [file] }] } });
    const history = await agent.timeout(5000).emitWithAck("conversation:history", { conversationId, afterSeq: 0 });
    expect(history.ok && history.data.messages.at(-1)?.attachments).toEqual([file]);
  });
});

