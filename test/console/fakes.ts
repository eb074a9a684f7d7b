// Test doubles for the console model's ports: a scriptable agent transport, an auth API, manual timers.
import type { AgentServerEvents, AgentSelfView, AgentConversationView, MessageView } from "../../server/protocol/index.js";
import type { AgentRequestName, RequestPayload, RequestResult, ResponseData } from "../../console/model/ports.js";
import type { AgentTransport, AuthApi, AuthResult, Timers, TransportListener } from "../../console/model/index.js";

/** A request the model made. */
export interface SentRequest {
  event: AgentRequestName;
  payload: unknown;
}

type Responder<E extends AgentRequestName> = (payload: RequestPayload<E>) => RequestResult<ResponseData<E>> | Promise<RequestResult<ResponseData<E>>>;

/** A held request, answered by the test. */
export interface HeldRequest extends SentRequest {
  reply(result: RequestResult<unknown>): void;
}

/** A transport the test drives: connects, emits server events, answers requests. */
export function createFakeTransport() {
  let listener: TransportListener | null = null;
  let connected = false;
  const sent: SentRequest[] = [];
  const held: HeldRequest[] = [];
  const responders = new Map<AgentRequestName, Responder<AgentRequestName>>();
  let opens = 0;

  const transport: AgentTransport = {
    open(next) {
      listener = next;
      opens += 1;
    },
    close() {
      listener = null;
      connected = false;
    },
    isConnected: () => connected,
    request(event, payload) {
      sent.push({ event, payload });
      if (!connected) return Promise.resolve({ ok: false, error: "disconnected", message: "Not connected" });
      const responder = responders.get(event) as Responder<typeof event> | undefined;
      if (responder) return Promise.resolve(responder(payload));
      return new Promise((resolve) => held.push({ event, payload, reply: (r) => resolve(r as never) }));
    },
  };

  function need(): TransportListener {
    if (!listener) throw new Error("the transport is not open");
    return listener;
  }

  return {
    transport,
    get opens() {
      return opens;
    },
    get isOpen() {
      return listener !== null;
    },
    /** Answers every `event` request with `responder` from now on. */
    respond<E extends AgentRequestName>(event: E, responder: Responder<E>): void {
      responders.set(event, responder as unknown as Responder<AgentRequestName>);
    },
    /** Stops answering `event` automatically (requests are held again). */
    hold(event: AgentRequestName): void {
      responders.delete(event);
    },
    connect(): void {
      connected = true;
      need().connection("connected");
    },
    drop(): void {
      connected = false;
      need().connection("reconnecting");
    },
    refuse(): void {
      connected = false;
      need().connection("unauthorized");
    },
    emit<E extends keyof AgentServerEvents>(event: E, ...args: Parameters<AgentServerEvents[E]>): void {
      (need().events[event] as (...a: Parameters<AgentServerEvents[E]>) => void)(...args);
    },
    /** Payloads of every `event` request so far. */
    sent<E extends AgentRequestName>(event: E): RequestPayload<E>[] {
      return sent.filter((r) => r.event === event).map((r) => r.payload as RequestPayload<E>);
    },
    /** Held requests of `event`, oldest first (answered ones are removed). */
    held(event: AgentRequestName): HeldRequest[] {
      return held.filter((r) => r.event === event);
    },
    /** Answers the oldest held `event` request. */
    answer(event: AgentRequestName, result: RequestResult<unknown>): void {
      const index = held.findIndex((r) => r.event === event);
      const request = held[index];
      if (!request) throw new Error(`no held ${event} request`);
      held.splice(index, 1);
      request.reply(result);
    },
  };
}

/** The fake transport's controller. */
export type FakeTransport = ReturnType<typeof createFakeTransport>;

/** An auth API whose answers the test sets. */
export function createFakeAuth(initial: AuthResult) {
  const calls: string[] = [];
  const api = {
    me: initial,
    login: initial,
  };
  const auth: AuthApi = {
    async me() {
      calls.push("me");
      return api.me;
    },
    async login(email) {
      calls.push(`login ${email}`);
      return api.login;
    },
    async logout() {
      calls.push("logout");
    },
  };
  return { auth, answers: api, calls };
}

/** Timers that fire only when the test advances time. */
export function createManualTimers() {
  let now = 0;
  let nextId = 0;
  const pending = new Map<number, { at: number; run: () => void }>();
  const timers: Timers = {
    setTimeout(run, ms) {
      nextId += 1;
      pending.set(nextId, { at: now + ms, run });
      return nextId;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
  };
  return {
    timers,
    now: () => now,
    /** Moves the clock on, firing due timers in order. */
    advance(ms: number): void {
      const until = now + ms;
      for (;;) {
        const due = [...pending.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        pending.delete(due[0]);
        now = due[1].at;
        due[1].run();
      }
      now = until;
    },
  };
}

/** An agent as the server describes it. */
export function agentView(overrides: Partial<AgentSelfView> = {}): AgentSelfView {
  return {
    id: "agent-1",
    email: "alex@example.com",
    name: "Alex",
    languages: ["en", "de"],
    maxChats: 3,
    role: "agent",
    status: "online",
    ...overrides,
  };
}

/** A conversation as the agent sees it. */
export function conversationView(overrides: Partial<AgentConversationView> = {}): AgentConversationView {
  return {
    id: "c1",
    visitorId: "v1",
    visitorName: "Anna",
    visitorEmail: null,
    language: "de",
    status: "assigned",
    assigneeId: "agent-1",
    pageUrl: "https://shop.example/cart",
    lastMessage: null,
    unread: 0,
    visitorReadSeq: 0,
    lastSeq: 0,
    createdAt: 1_000,
    closedAt: null,
    closedBy: null,
    rating: null,
    epoch: 1,
    verified: false,
    waitingSince: null,
    ...overrides,
  };
}

/** A stored message. */
export function messageView(seq: number, overrides: Partial<MessageView> = {}): MessageView {
  return {
    id: `m-${overrides.conversationId ?? "c1"}-${seq}`,
    conversationId: "c1",
    seq,
    author: "visitor",
    text: `message ${seq}`,
    at: 1_000 + seq,
    ...overrides,
  };
}
