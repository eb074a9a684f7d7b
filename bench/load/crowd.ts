// The people one load process plays: agents signed in over /agent and customers on /visitor, each from its own
// loopback address, and which chat each customer holds. Messages that reach an agent go to the current ledger.
import { customerAddress } from "./addresses.js";
import type { Ledger } from "./ledger.js";
import { postJson } from "./post.js";
import { openAgent, openCustomer, pool, type AgentSocket, type CustomerSocket } from "./sockets.js";

const SETUP_CONCURRENCY = 64;
const ASSIGN_TIMEOUT_MS = 600_000;
const FIRST_MESSAGE = "Hello, I ordered a blue jacket last week and it has not arrived yet. Can you check?";

export interface Customer {
  socket: CustomerSocket;
  conversationId: string | null;
}

export interface Crowd {
  agents: AgentSocket[];
  customers: Customer[];
  /** Conversations some agent of this process was given. */
  assigned: Set<string>;
  ledger: Ledger | null;
  disconnects: number;
  closing: boolean;
}

export const createCrowd = (): Crowd => ({ agents: [], customers: [], assigned: new Set(), ledger: null, disconnects: 0, closing: false });

const now = () => performance.timeOrigin + performance.now();

function watch(crowd: Crowd, socket: AgentSocket | CustomerSocket): void {
  // Both kinds share the reserved "disconnect" event; the union of their typed `on`s is not callable as one.
  (socket as CustomerSocket).on("disconnect", () => {
    if (!crowd.closing) crowd.disconnects++;
  });
}

export async function connectAgents(crowd: Crowd, url: string, agents: { email: string; password: string; address: string }[]): Promise<void> {
  await pool(agents, 8, async ({ email, password, address }) => {
    const answer = await postJson(`${url}/api/auth/login`, { email, password }, address);
    // The session cookie among those set (Parley also sets a device cookie for later sign-ins).
    const cookie = [answer.headers["set-cookie"] ?? []].flat().map((c) => c.split(";")[0]!).find((c) => c.startsWith("parley_session="));
    if (answer.status !== 200 || !cookie) throw new Error(`sign-in of ${email} from ${address} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    let ready: Promise<void> = Promise.resolve();
    const socket = await openAgent(url, cookie, address, (s) => {
      ready = new Promise<void>((resolve) => s.once("agent:updated", () => resolve()));
      s.on("conversation:assigned", (c) => crowd.assigned.add(c.id));
      s.on("message:created", (m) => {
        if (m.author === "visitor") crowd.ledger?.delivered(m.id, now());
      });
      watch(crowd, s);
    });
    crowd.agents.push(socket);
    await ready;
  });
}

/**
 * Registers (POST /api/visitors) and connects customers, to the given nodes in turn; counts registrations refused by
 * the per-address limit.
 */
export async function connectCustomers(crowd: Crowd, urls: string[], first: number, count: number): Promise<number> {
  let rateLimited = 0;
  const indexes = Array.from({ length: count }, (_, i) => first + i);
  await pool(indexes, SETUP_CONCURRENCY, async (index) => {
    const url = urls[index % urls.length]!;
    const address = customerAddress(index);
    const answer = await postJson(`${url}/api/visitors`, {}, address);
    if (answer.status === 429) rateLimited++;
    if (answer.status !== 201) throw new Error(`registering customer ${index} from ${address} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    const socket = await openCustomer(url, answer.body as { visitorId: string; token: string }, address, (s) => watch(crowd, s));
    crowd.customers.push({ socket, conversationId: null });
  });
  return rateLimited;
}

/** The first `count` customers start a chat with a first message; resolves when agents of this process hold them all. */
export async function startChats(crowd: Crowd, language: string, count: number): Promise<void> {
  const starting = crowd.customers.slice(0, count);
  if (starting.length < count) throw new Error(`only ${starting.length} customers for ${count} chats`);
  const deadline = Date.now() + ASSIGN_TIMEOUT_MS;
  await pool(starting, SETUP_CONCURRENCY, async (customer, index) => {
    const start = { language, message: { id: `start-${language}-${index}`, text: FIRST_MESSAGE } };
    let ack = await customer.socket.timeout(ASSIGN_TIMEOUT_MS).emitWithAck("conversation:start", start);
    // A full line (Parley caps each language's waiting conversations) empties as agents take chats, and a desk busy or
    // moving between nodes answers storage_unavailable: try again (with the same message id), as the widget does.
    while (!ack.ok && (ack.error === "queue_full" || ack.error === "storage_unavailable") && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      ack = await customer.socket.timeout(ASSIGN_TIMEOUT_MS).emitWithAck("conversation:start", start);
    }
    if (!ack.ok) throw new Error(`conversation:start was refused: ${ack.error} ${ack.message}`);
    customer.conversationId = ack.data.conversation.id;
  });
  const waiting = () => starting.filter((c) => !crowd.assigned.has(c.conversationId!)).length;
  while (waiting() > 0) {
    if (Date.now() > deadline) throw new Error(`${waiting()} of ${count} chats were not assigned within ${ASSIGN_TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function closeCrowd(crowd: Crowd): void {
  crowd.closing = true;
  for (const socket of crowd.agents) socket.close();
  for (const customer of crowd.customers) customer.socket.close();
}
