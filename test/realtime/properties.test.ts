// Property-based: hostile payloads at every socket event of both namespaces (wrong types, huge strings, deep
// objects, __proto__/constructor keys, operator objects, binary, extra arguments, missing acks). The server stays
// up, every acknowledged event gets a well-formed ack (a typed error unless the payload passed its schema),
// nothing that failed validation is stored, and Object.prototype stays clean.
import fc from "fast-check";
import type { ZodType } from "zod";
import { afterAll, describe, expect, it } from "vitest";
import type { AgentClientEvents, VisitorClientEvents } from "../../server/protocol/events.js";
import { ERROR_CODES } from "../../server/protocol/ack.js";
import * as schemas from "../../server/protocol/schemas.js";
import { addAgent, connectAgent, connectVisitor, msgId, signIn, type AgentSocket, type VisitorSocket } from "../helpers/clients.js";
import { around, hostile, prototypesClean } from "../helpers/hostile.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

/** Runs per event and emission mode: small, so the whole file stays within a few seconds. */
const RUNS = 12;

// Every client→server event of each namespace with the schema its handler validates against. The type checks below
// fail to compile when an event is added to the protocol and not here.
const VISITOR = {
  "conversation:start": schemas.conversationStartSchema,
  "message:send": schemas.messageSendSchema,
  "conversation:resume": schemas.conversationResumeSchema,
  "typing:set": schemas.typingSetSchema,
  "conversation:end": schemas.conversationRefSchema,
  "conversation:move": schemas.conversationMoveSchema,
  "conversation:rate": schemas.conversationRateSchema,
  "conversation:read": schemas.conversationReadSchema,
  "conversation:list": schemas.emptySchema,
  "conversation:transcript": schemas.conversationTranscriptSchema,
  "device:register": schemas.deviceRegisterSchema,
  "device:unregister": schemas.deviceUnregisterSchema,
} satisfies Record<keyof VisitorClientEvents, ZodType>;
const AGENT = {
  "status:set": schemas.statusSetSchema,
  "conversation:list": schemas.emptySchema,
  "conversation:history": schemas.conversationHistorySchema,
  "message:send": schemas.messageSendSchema,
  "typing:set": schemas.typingSetSchema,
  "conversation:close": schemas.conversationRefSchema,
  "conversation:read": schemas.conversationReadSchema,
  "note:add": schemas.noteAddSchema,
  "transfer:options": schemas.conversationRefSchema,
  "conversation:transfer": schemas.conversationTransferSchema,
  "conversation:decline": schemas.conversationRefSchema,
  "conversation:watch": schemas.conversationWatchSchema,
  "conversation:takeover": schemas.conversationRefSchema,
  "conversation:assign": schemas.conversationAssignSchema,
  "board:watch": schemas.boardWatchSchema,
} satisfies Record<keyof AgentClientEvents, ZodType>;

const codes = new Set<string>(ERROR_CODES);
/** A well-formed ack: success with data, or a known error code with a message. */
function wellFormed(reply: unknown): boolean {
  if (typeof reply !== "object" || reply === null) return false;
  const r = reply as { ok?: unknown; error?: unknown; message?: unknown; data?: unknown };
  return r.ok === true ? "data" in r : r.ok === false && typeof r.error === "string" && codes.has(r.error) && typeof r.message === "string";
}

type AnySocket = { timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<unknown> }; emit(event: string, ...args: unknown[]): unknown; connected: boolean };

let server: TestServer;
afterAll(async () => {
  await server?.close();
});

/** A 1×1 PNG uploaded to the conversation (as `message:send` names it in `attachments`); its id. */
async function uploadPng(conversationId: string, headers: Record<string, string>): Promise<string> {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64"))]), "a.png");
  const res = await fetch(`${server.url}/api/conversations/${conversationId}/files`, { method: "POST", body: form, headers: { ...headers, "x-parley-request": "1" } });
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** Stored attachments name only files uploaded to that conversation. */
async function attachmentsValid(attachments: { id: string }[] | undefined, conversationId: string) {
  for (const a of attachments ?? []) expect((await server.store.chatFiles.get(a.id))?.conversationId).toBe(conversationId);
}

/** Throws hostile payloads at one event on a fresh socket (rate limits are per socket). */
async function attack(socket: AnySocket, event: string, schema: ZodType, base: Record<string, unknown>) {
  await fc.assert(
    fc.asyncProperty(around(base), fc.constantFrom("payload", "extra-args", "no-ack", "no-payload"), hostile, async (payload, mode, extra) => {
      if (mode === "no-ack") {
        socket.emit(event, payload);
        return;
      }
      const reply =
        mode === "no-payload"
          ? await socket.timeout(3000).emitWithAck(event)
          : mode === "extra-args"
            ? await socket.timeout(3000).emitWithAck(event, payload, extra)
            : await socket.timeout(3000).emitWithAck(event, payload);
      expect(wellFormed(reply), JSON.stringify(reply)).toBe(true);
      const ok = (reply as { ok: boolean }).ok;
      // Extra arguments are refused (rate limits are checked first, and are a typed refusal too).
      if (mode === "extra-args") expect(["invalid_payload", "rate_limited"]).toContain((reply as { error?: string }).error);
      if (ok) expect(schema.safeParse(mode === "no-payload" ? undefined : payload).success).toBe(true);
      expect(prototypesClean()).toBe(true);
    }),
    { numRuns: RUNS, endOnFailure: true },
  );
  expect(socket.connected).toBe(true);
}

describe("hostile socket payloads", () => {
  it("every visitor event answers with a typed ack, stores nothing invalid and keeps the prototype clean", { timeout: 60_000 }, async () => {
    server = await startTestServer({ env: { LANGUAGES: "en,de" } });
    const owner = await connectVisitor(server.url);
    const started = await owner.socket.timeout(5000).emitWithAck("conversation:start", { language: "en", message: { id: msgId(), text: "hello" } });
    if (!started.ok) throw new Error(started.error);
    const conversationId = started.data.conversation.id;
    const fileId = await uploadPng(conversationId, { "x-parley-visitor": owner.credentials.visitorId, authorization: `Bearer ${owner.credentials.token}` });
    const bases: Record<keyof VisitorClientEvents, Record<string, unknown>> = {
      "conversation:start": { language: "en", name: "Mia", message: { id: msgId(), text: "hi" } },
      "message:send": { conversationId, id: msgId(), text: "hi", attachments: [fileId] },
      "conversation:resume": { afterSeq: 0 },
      "typing:set": { conversationId, typing: true },
      "conversation:end": { conversationId: "c_unknown" },
      "conversation:move": { conversationId, language: "de" },
      "conversation:rate": { conversationId, score: 5 },
      "conversation:read": { conversationId, seq: 1 },
      "conversation:list": {},
      "conversation:transcript": { conversationId, beforeSeq: 10, limit: 5 },
      "device:register": { token: "push-token-0123", platform: "apns" },
      "device:unregister": { token: "push-token-0123" },
    };
    for (const [event, schema] of Object.entries(VISITOR)) {
      // Each event on its own socket of the same visitor, so one event's rate limit does not mask another's checks.
      const { socket } = await connectVisitor(server.url, owner.credentials);
      await attack(socket as unknown as AnySocket, event, schema, bases[event as keyof VisitorClientEvents]);
      // A visitor may hold VISITOR_MAX_SOCKETS sockets: close this one before the next event's.
      socket.disconnect();
    }
    // Only messages that passed validation were stored, as text within the limit, by the visitor or the system.
    const stored = await server.store.messages.list(conversationId, 0);
    for (const m of stored) {
      expect(typeof m.text).toBe("string");
      expect([...m.text].length).toBeLessThanOrEqual(server.config.maxMessageLength);
      expect(["visitor", "system"]).toContain(m.author);
      expect(m.id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
      await attachmentsValid(m.attachments, conversationId);
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("every agent event answers with a typed ack, stores nothing invalid and keeps the prototype clean", { timeout: 60_000 }, async () => {
    server ??= await startTestServer({ env: { LANGUAGES: "en,de" } });
    const agent = await addAgent(server.store, { languages: ["en"] });
    const cookie = await signIn(server.url, agent.email, agent.password);
    const visitor = await connectVisitor(server.url);
    const first: AgentSocket = await connectAgent(server.url, cookie);
    const started = await visitor.socket.timeout(5000).emitWithAck("conversation:start", { language: "en", message: { id: msgId(), text: "hello" } });
    if (!started.ok) throw new Error(started.error);
    const conversationId = started.data.conversation.id;
    await server.app.desk.idle();
    const fileId = await uploadPng(conversationId, { cookie });
    const bases: Record<keyof AgentClientEvents, Record<string, unknown>> = {
      "status:set": { status: "online" },
      "conversation:list": {},
      "conversation:history": { conversationId, afterSeq: 0 },
      "message:send": { conversationId, id: msgId(), text: "hello from the agent", attachments: [fileId] },
      "typing:set": { conversationId, typing: true },
      "conversation:close": { conversationId: "c_unknown" },
      "conversation:read": { conversationId, seq: 1 },
      "note:add": { conversationId, id: msgId(), text: "internal note" },
      "transfer:options": { conversationId },
      "conversation:transfer": { conversationId, to: { language: "de" }, note: "please take this" },
      "conversation:decline": { conversationId: "c_unknown" },
      "conversation:watch": { conversationId, watch: true },
      "conversation:takeover": { conversationId: "c_unknown" },
      "conversation:assign": { conversationId: "c_unknown", agentId: "a_unknown", epoch: 0 },
      "board:watch": { watch: true },
    };
    for (const [event, schema] of Object.entries(AGENT)) {
      const socket: AgentSocket = await connectAgent(server.url, cookie);
      await attack(socket as unknown as AnySocket, event, schema, bases[event as keyof AgentClientEvents]);
    }
    for (const m of await server.store.messages.list(conversationId, 0)) {
      expect(typeof m.text).toBe("string");
      expect([...m.text].length).toBeLessThanOrEqual(server.config.maxMessageLength);
      await attachmentsValid(m.attachments, conversationId);
    }
    const record = await server.store.agents.get(agent.id);
    expect(record?.role).toBe("agent");
    expect(first.connected).toBe(true);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("keeps the prototype clean and the visitor namespace free of agent events", async () => {
    const { socket } = await connectVisitor(server.url);
    const reply = await (socket as unknown as AnySocket).timeout(3000).emitWithAck("status:set", { status: "online" });
    // No handler for agent events on the visitor namespace: answered as unknown, nothing done.
    expect(reply).toMatchObject({ ok: false, error: "unknown_event" });
    expect(prototypesClean()).toBe(true);
    (socket as VisitorSocket).disconnect();
  });
});
