// createChatClient: the headless visitor chat client. Wires transport, outbox, flusher and store, and
// turns server events and acks into ChatState. No DOM: runs in a browser iframe, an app or a Node test.
import type { MessageView } from "../../server/protocol/index.js";
import { DEFAULT_BACKOFF, type BackoffOptions } from "./backoff.js";
import { createChatStore } from "./chat-store.js";
import { createEmitter } from "./emitter.js";
import { createFlusher } from "./flusher.js";
import { newMessageId } from "./ids.js";
import { createOutbox } from "./outbox.js";
import { createResumer } from "./resumer.js";
import type { StoragePort } from "./storage.js";
import { createTransport, defaultIo, type IoFactory, type Reply } from "./transport.js";
import { createTypingSender } from "./typing.js";
import type { ChatClientEvents, ChatState, ClientError, PendingMessage, Result, StartChatInput } from "./types.js";
import type { Handler } from "./emitter.js";

/** What a chat client needs. Only `baseUrl` and `storage` are required. */
export interface ChatClientOptions {
  /** The chat server's origin, e.g. `https://chat.example.com`. */
  baseUrl: string;
  storage: StoragePort;
  fetch?: typeof fetch;
  io?: IoFactory;
  /** How long to wait for an ack (default 10 s). */
  ackTimeoutMs?: number;
  backoff?: BackoffOptions;
  newId?: () => string;
}

/** A visitor's chat: state to draw, actions to call. */
export interface ChatClient {
  getState(): ChatState;
  /** Calls `listener` on every state change; returns the unsubscribe function. */
  subscribe(listener: Handler<ChatState>): () => void;
  /** `state` on every change, `message` once per new transcript message. */
  on<K extends keyof ChatClientEvents>(type: K, handler: Handler<ChatClientEvents[K]>): () => void;
  /** Connects (registering a visitor if needed), resumes the open conversation, flushes the outbox. */
  start(): void;
  stop(): void;
  /** Queues the first message of a chat; it is sent as soon as the connection allows. */
  startChat(input: StartChatInput): Result;
  /** Queues a message in the open (or starting) chat. */
  send(text: string): Result;
  /** Queues a failed message again (same id). */
  retry(id: string): void;
  /** Drops a pending or failed message. */
  discard(id: string): void;
  setTyping(typing: boolean): void;
  end(): Promise<Result>;
  /** Rates the closed conversation, 1 (Terrible) to 5 (Fantastic). */
  rate(score: number, comment?: string): Promise<Result>;
  /** Forgets the closed conversation so that the next message starts a new one. */
  newChat(): void;
}

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
    onConnect: () => resumer.run(true),
  });

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
      const r = await transport.request("message:send", { conversationId: open.id, id: m.id, text: m.text });
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
  let typingExpiry: ReturnType<typeof setTimeout> | undefined;

  transport.on("message:created", (m) => {
    const current = store.current();
    if (!current || current.status === "closed" || m.conversationId !== current.id) return resumer.run(false);
    const { added, gap } = store.apply([m]);
    if (gap) resumer.run(false);
    publish(added);
  });
  transport.on("conversation:updated", (c) => {
    if (store.adopt(c)) resumer.run(false);
    publish();
  });
  transport.on("typing:changed", (t) => {
    if (t.conversationId !== store.current()?.id) return;
    clearTimeout(typingExpiry);
    store.setAgentTyping(t.typing);
    // A lost "stopped typing" (agent went away) must not leave the indicator on forever.
    if (t.typing) typingExpiry = setTimeout(() => (store.setAgentTyping(false), publish()), 8_000);
    publish();
  });

  const queue = (text: string, start: PendingMessage["start"]): Result => {
    if (!text.trim()) return fail("empty_message", "the message is empty");
    typing.stop();
    outbox.add(text, start);
    publish();
    flusher.kick();
    return { ok: true };
  };

  return {
    getState: () => store.snapshot(),
    subscribe: (listener) => events.on("state", listener),
    on: (type, handler) => events.on(type, handler),
    start: () => transport.start(),
    stop() {
      typing.stop();
      clearTimeout(typingExpiry);
      transport.stop();
    },
    startChat({ text, ...start }) {
      return store.open() ? queue(text, null) : queue(text, start);
    },
    send(text) {
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
