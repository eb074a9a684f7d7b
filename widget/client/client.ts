// createChatClient: the headless visitor chat client. Wires transport, outbox, flusher and store, and
// turns server events and acks into ChatState. No DOM: runs in a browser iframe, an app or a Node test.
import type { AttachmentView, MessageView } from "../../server/protocol/index.js";
import { DEFAULT_BACKOFF } from "./backoff.js";
import { createChatStore } from "./chat-store.js";
import { loadCredentials } from "./credentials.js";
import { readJson, STORAGE_KEYS, writeJson } from "./storage.js";
import { createEmitter } from "./emitter.js";
import { createFlusher } from "./flusher.js";
import { newMessageId } from "./ids.js";
import { createOutbox } from "./outbox.js";
import { createResumer } from "./resumer.js";
import type { StoragePort } from "./storage.js";
import { createTransport, defaultIo, type Reply } from "./transport.js";
import { createTypingSender } from "./typing.js";
import type { ChatClient, ChatClientEvents, ChatClientOptions, ClientError, PendingMessage, Result } from "./types.js";
import { wireServerEvents } from "./server-events.js";

const hasCredentials = (storage: StoragePort) => loadCredentials(storage) !== null;
const fail = (code: ClientError["code"], message: string): { ok: false; error: ClientError } => ({ ok: false, error: { code, message } });

/** Creates a client; nothing touches the network until `start()`. */
export function createChatClient(options: ChatClientOptions): ChatClient {
  if (!/^https?:\/\//.test(options.baseUrl)) throw new Error("createChatClient: baseUrl must be an http(s) URL");
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const events = createEmitter<ChatClientEvents>();
  const outbox = createOutbox(options.storage, options.newId ?? newMessageId);
  const store = createChatStore(options.storage, outbox);

  const publish = (added: readonly MessageView[] = []) => {
    events.emit("state", store.commit());
    for (const m of added) events.emit("message", m);
  };
  const transport = createTransport({
    baseUrl,
    storage: options.storage,
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    io: options.io ?? defaultIo,
    ackTimeoutMs: options.ackTimeoutMs ?? 10_000,
    backoff,
    onStatus(status) {
      store.setConnection(status);
      if (status !== "connected") {
        flusher.pause();
        resumer.cancel();
      }
      publish();
    },
    onConnect: () => {
      // A claimed identity is checked before anything is resumed or sent, so a first message typed meanwhile goes out
      // as the verified customer (after the switch, this runs again on the new connection).
      if (pendingIdentity) void verifyPending().then((switched) => switched || resumer.run(true));
      else resumer.run(true);
    },
  });

  /** A `Parley.identify` claim waiting to be checked by the server, and who waits for the answer. */
  let pendingIdentity: { claim: { id: string; hash: string; name?: string; email?: string }; resolve(verified: boolean): void } | null = null;
  /** Asks the server; true when it switched this device to the verified customer's credentials (a reconnect follows). */
  async function verifyPending(): Promise<boolean> {
    const pending = pendingIdentity;
    const device = loadCredentials(options.storage);
    if (!pending || !device) return false;
    pendingIdentity = null;
    const { claim } = pending;
    try {
      const res = await (options.fetch ?? globalThis.fetch.bind(globalThis))(`${baseUrl}/api/visitors/identify`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ ...device, id: claim.id, hash: claim.hash, ...(claim.name ? { name: claim.name } : {}), ...(claim.email ? { email: claim.email } : {}) }),
      });
      const body = res.ok ? ((await res.json()) as { verified?: unknown; visitorId?: unknown; token?: unknown }) : {};
      if (body.verified !== true || typeof body.visitorId !== "string" || typeof body.token !== "string") {
        pending.resolve(false);
        return false;
      }
      writeJson(options.storage, STORAGE_KEYS.identity, claim.id);
      if (body.visitorId !== device.visitorId) {
        writeJson(options.storage, STORAGE_KEYS.visitor, { visitorId: body.visitorId, token: body.token });
        // The anonymous chat on this device stays the anonymous visitor's; the customer's own comes back on resume.
        if (store.current()) store.dismiss();
        publish();
        transport.reconnect();
        pending.resolve(true);
        return true;
      }
      pending.resolve(true);
      return false;
    } catch {
      pending.resolve(false);
      return false;
    }
  }

  const accept = (reply: Reply<unknown>, added: MessageView[], id: string) => {
    if (reply.ok) outbox.remove(id);
    publish(added);
    return reply;
  };
  const flusher = createFlusher({
    outbox,
    backoff,
    changed: () => publish(),
    async deliver(m: PendingMessage) {
      const open = store.open();
      if (m.start && !open) {
        const { language, name, email, pageUrl } = m.start;
        const details = { language, ...(name ? { name } : {}), ...(email ? { email } : {}), ...(pageUrl ? { pageUrl } : {}) };
        const r = await transport.request("conversation:start", { ...details, message: { id: m.id, text: m.text } });
        if (!r.ok) return r;
        if (store.adopt(r.data.conversation)) resumer.run(false);
        return accept(r, store.apply([r.data.message]).added, m.id);
      }
      if (!open) return fail(store.current() ? "conversation_closed" : "not_found", "no open conversation");
      const files = m.attachments?.length ? { attachments: m.attachments.map((a) => a.id) } : {};
      const r = await transport.request("message:send", { conversationId: open.id, id: m.id, text: m.text, ...files });
      return accept(r, r.ok ? store.apply([r.data]).added : [], m.id);
    },
  });
  const resumer = createResumer({ store, transport, backoff, publish, ready: () => flusher.resume() });
  const typing = createTypingSender((value) => {
    const open = store.open();
    if (open && store.snapshot().connection === "connected") {
      void transport.request("typing:set", { conversationId: open.id, typing: value });
    }
  });
  const stopEvents = wireServerEvents({ transport, store, resumer, publish });
  let started: "no" | "lazy" | "yes" = "no";
  /** The read marker last sent, per conversation (the server's own arrives in the conversation's view). */
  let readSent = { conversationId: "", seq: 0 };
  const connect = () => {
    started = "yes";
    transport.start();
  };
  const queue = (text: string, start: PendingMessage["start"], attachments?: AttachmentView[]): Result => {
    if (!text.trim() && !attachments?.length) return fail("empty_message", "the message is empty");
    typing.stop();
    outbox.add(text, start, attachments);
    if (started === "lazy") connect();
    publish();
    flusher.kick();
    return { ok: true };
  };

  return {
    getState: () => store.snapshot(),
    subscribe: (listener) => events.on("state", listener),
    on: (type, handler) => events.on(type, handler),
    start(startOptions) {
      const known = hasCredentials(options.storage) || !!store.current() || outbox.list().length > 0;
      if (startOptions?.lazy && !known) started = "lazy";
      else connect();
    },
    stop() {
      started = "no";
      typing.stop();
      stopEvents();
      transport.stop();
    },
    startChat({ text, ...start }) {
      return store.open() ? queue(text, null) : queue(text, start);
    },
    send(text, attachments) {
      if (attachments?.length) return store.open() ? queue(text, null, attachments) : fail("not_found", "files go into an open chat");
      if (store.open()) return queue(text, null);
      const starting = [...outbox.list()].reverse().find((m) => m.start)?.start;
      return starting ? queue(text, starting) : fail("not_found", "no chat: call startChat first");
    },
    retry(id) {
      if (outbox.retry(id)) publish();
      flusher.kick();
    },
    discard(id) {
      if (outbox.remove(id)) publish();
    },
    setTyping: (value) => (value ? typing.input() : typing.stop()),
    identify(claim) {
      if (readJson(options.storage, STORAGE_KEYS.identity) === claim.id) return Promise.resolve(true);
      // Checked once connected: the device's own credentials exist by then, and a reconnect can switch them.
      return new Promise<boolean>((resolve) => {
        pendingIdentity = { claim, resolve };
        if (store.snapshot().connection === "connected") void verifyPending().then((switched) => switched || resumer.run(false));
        // A customer the site vouches for may have a conversation going on another device: the open panel connects.
        else if (started === "lazy") connect();
      });
    },
    async end() {
      const open = store.open();
      if (!open) return fail("conversation_closed", "no open conversation");
      typing.stop();
      const r = await transport.request("conversation:end", { conversationId: open.id });
      if (r.ok) store.adopt(r.data);
      else if (r.error.code === "conversation_closed") store.markClosed();
      else return r;
      publish();
      return { ok: true };
    },
    async move(language) {
      const open = store.open();
      if (!open) return fail("conversation_closed", "no open conversation");
      const r = await transport.request("conversation:move", { conversationId: open.id, language });
      if (!r.ok) return r;
      store.adopt(r.data);
      publish();
      return { ok: true };
    },
    credentials: () => loadCredentials(options.storage),
    fileAccess() {
      const open = store.open();
      const creds = loadCredentials(options.storage);
      if (!creds) return null;
      return {
        uploadUrl: open ? `${baseUrl}/api/conversations/${open.id}/files` : null,
        baseUrl,
        headers: { "X-Parley-Request": "1", "X-Parley-Visitor": creds.visitorId, Authorization: `Bearer ${creds.token}` },
      };
    },
    markRead(seq) {
      const c = store.current();
      if (!c || store.snapshot().connection !== "connected") return;
      const sent = readSent.conversationId === c.id ? readSent.seq : 0;
      if (seq <= Math.max(sent, c.visitorReadSeq ?? 0)) return;
      readSent = { conversationId: c.id, seq };
      void transport.request("conversation:read", { conversationId: c.id, seq }).then((r) => {
        // Refused or lost: the next change tries again.
        if (!r.ok && readSent.conversationId === c.id && readSent.seq === seq) readSent = { conversationId: c.id, seq: 0 };
      });
    },
    async rate(score, comment) {
      const c = store.current();
      if (!c || c.status !== "closed") return fail("not_found", "no closed conversation to rate");
      const text = comment?.trim();
      const r = await transport.request("conversation:rate", { conversationId: c.id, score, ...(text ? { comment: text } : {}) });
      if (!r.ok) return r;
      store.adopt(r.data);
      publish();
      return { ok: true };
    },
    newChat() {
      if (store.open()) return;
      store.dismiss();
      publish();
    },
  };
}
