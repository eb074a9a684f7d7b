// Real socket.io-client customers and agents for integration tests.
import { io, type Socket } from "socket.io-client";
import { hashPassword } from "../../server/auth/password.js";
import type { AgentClientEvents, AgentServerEvents, VisitorClientEvents, VisitorServerEvents } from "../../server/protocol/events.js";
import type { VisitorCredentials } from "../../server/protocol/views.js";
import type { AgentRecord, Store } from "../../server/store/port.js";

export type VisitorSocket = Socket<VisitorServerEvents, VisitorClientEvents>;
export type AgentSocket = Socket<AgentServerEvents, AgentClientEvents>;

const open = new Set<Socket>();

/** Disconnects every socket a test opened (call in afterEach). */
export function closeAllSockets(): void {
  for (const socket of open) socket.disconnect();
  open.clear();
}

function track<T extends Socket>(socket: T): T {
  open.add(socket);
  return socket;
}

/** Resolves when the socket is connected, rejects with the server's reason when refused. */
export function connected(socket: Socket): Promise<void> {
  if (socket.connected) return Promise.resolve();
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", (err) => reject(err));
  });
}

export async function registerVisitor(url: string): Promise<VisitorCredentials> {
  const res = await fetch(`${url}/api/visitors`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  if (res.status !== 201) throw new Error(`register failed: ${res.status}`);
  return (await res.json()) as VisitorCredentials;
}

/** A customer socket (registers a new visitor unless credentials are given). */
export async function connectVisitor(url: string, credentials?: VisitorCredentials): Promise<{ socket: VisitorSocket; credentials: VisitorCredentials }> {
  const creds = credentials ?? (await registerVisitor(url));
  const socket: VisitorSocket = track(io(`${url}/visitor`, { auth: { ...creds }, transports: ["websocket"], forceNew: true, reconnection: false }));
  await connected(socket);
  return { socket, credentials: creds };
}

/** A customer's first message: language "en", name "Mia" and the text "Hello" unless given; no email unless given. */
export interface ConversationStart {
  language?: string;
  name?: string;
  email?: string;
  text?: string;
}

/** The customer on `socket` starts a chat; resolves with the server's answer (the conversation and the message), throws its error. */
export async function startConversation(socket: VisitorSocket, first: ConversationStart = {}) {
  const { language = "en", name = "Mia", email, text = "Hello" } = first;
  const reply = await socket.timeout(5000).emitWithAck("conversation:start", { language, name, ...(email === undefined ? {} : { email }), message: { id: msgId(), text } });
  if (!reply.ok) throw new Error(`start failed: ${reply.error}`);
  return reply.data;
}

let agentCount = 0;

/** Creates an agent account directly in the store. */
export async function addAgent(store: Store, fields: Partial<AgentRecord> & { password?: string } = {}): Promise<AgentRecord & { password: string }> {
  agentCount++;
  const password = fields.password ?? "correct horse battery";
  const record: AgentRecord = {
    id: fields.id ?? `a_test${agentCount}`,
    email: fields.email ?? `agent${agentCount}@example.com`,
    name: fields.name ?? `Agent ${agentCount}`,
    languages: fields.languages ?? ["en"],
    maxChats: fields.maxChats ?? 3,
    role: fields.role ?? "agent",
    passwordHash: await hashPassword(password),
    createdAt: 0,
    updatedAt: 0,
    ...(fields.shifts ? { shifts: fields.shifts, timeZone: fields.timeZone ?? "UTC" } : {}),
  };
  await store.agents.put(record);
  return { ...record, password };
}

/** Signs in over HTTP and returns the session cookie ("parley_session=…"). */
export async function signIn(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get("set-cookie") ?? "";
  return cookie.split(";")[0]!;
}

/** An agent socket authenticated by a session cookie. */
export async function connectAgent(url: string, cookie: string): Promise<AgentSocket> {
  const socket: AgentSocket = track(io(`${url}/agent`, { extraHeaders: { cookie }, transports: ["websocket"], forceNew: true, reconnection: false }));
  await connected(socket);
  return socket;
}

/** Signs an agent in and connects one socket. */
export async function agentOnline(url: string, agent: { email: string; password: string }): Promise<AgentSocket> {
  return connectAgent(url, await signIn(url, agent.email, agent.password));
}

/** Resolves with the next `event` whose payload matches `accept` (rejects after `ms`). */
export function next<T>(socket: Socket, event: string, accept: (payload: T) => boolean = () => true, ms = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler);
      reject(new Error(`timed out waiting for ${event}`));
    }, ms);
    const handler = (payload: T) => {
      if (!accept(payload)) return;
      clearTimeout(timer);
      socket.off(event, handler);
      resolve(payload);
    };
    socket.on(event, handler);
  });
}

let messageCount = 0;
/** A fresh client message id. */
export const msgId = () => `m_${Date.now().toString(36)}_${(messageCount++).toString(36)}`;
