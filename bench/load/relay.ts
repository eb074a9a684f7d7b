// The bare Socket.IO relay: the floor of this stack for the load benchmark, run as its own process
// (`node dist/bench/load/relay.js`, PORT and HOST from the environment like Parley). It speaks just enough of
// docs/protocol.md for the same load process to drive it — POST /api/visitors, POST /api/auth/login, the /visitor
// and /agent namespaces, conversation:start and message:send — with no persistence, no queues, no validation and no
// limits: a customer emits, the relay acks and forwards the message to the paired agent's socket.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { Server, type Namespace, type Socket } from "socket.io";
import type { AgentClientEvents, AgentServerEvents, VisitorClientEvents, VisitorServerEvents } from "../../server/protocol/events.js";
import type { AgentConversationView, MessageView } from "../../server/protocol/views.js";
import { relayAgentLanguage } from "./accounts.js";

type AgentSocket = Socket<AgentClientEvents, AgentServerEvents>;
interface Chat {
  visitorId: string;
  agent: AgentSocket;
  seq: number;
}

const tokens = new Map<string, string>();
const chats = new Map<string, Chat>();
/** Connected agents per language with how many chats each holds (least loaded gets the next). */
const agents = new Map<string, Map<AgentSocket, number>>();

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}

async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let body = "";
  for await (const chunk of req) body += chunk;
  if (req.method === "POST" && req.url === "/api/visitors") {
    const visitorId = `v_${randomBytes(9).toString("base64url")}`;
    const token = randomBytes(32).toString("base64url");
    tokens.set(visitorId, token);
    return json(res, 201, { visitorId, token });
  }
  if (req.method === "POST" && req.url === "/api/auth/login") {
    const email = String((JSON.parse(body || "{}") as { email?: unknown }).email ?? "");
    return json(res, 200, { agent: { email } }, { "set-cookie": `parley_session=${encodeURIComponent(email)}; Path=/; HttpOnly` });
  }
  json(res, 404, { ok: false, error: "not_found", message: "Not found" });
}

const http = createServer((req, res) => void onRequest(req, res).catch(() => json(res, 400, { ok: false, error: "invalid_payload", message: "Bad request" })));
const io = new Server(http, { serveClient: false, maxHttpBufferSize: 64 * 1024 });
const visitors = io.of("/visitor") as unknown as Namespace<VisitorClientEvents, VisitorServerEvents>;
const agentNsp = io.of("/agent") as unknown as Namespace<AgentClientEvents, AgentServerEvents>;

visitors.use((socket, next) => {
  const auth = socket.handshake.auth as { visitorId?: string; token?: string };
  next(auth.visitorId && tokens.get(auth.visitorId) === auth.token ? undefined : new Error("unauthorized"));
});
visitors.on("connection", (socket) => {
  const visitorId = (socket.handshake.auth as { visitorId: string }).visitorId;
  socket.on("conversation:start", (p, ack) => {
    const pool = [...(agents.get(p.language) ?? new Map<AgentSocket, number>())].sort((a, b) => a[1] - b[1]);
    const agent = pool[0]?.[0];
    if (!agent) return ack({ ok: false, error: "not_found", message: "No agent" });
    agents.get(p.language)!.set(agent, pool[0]![1] + 1);
    const id = `c_${randomBytes(9).toString("base64url")}`;
    const at = Date.now();
    const message: MessageView = { id: p.message.id, conversationId: id, seq: 1, author: "visitor", text: p.message.text, at };
    chats.set(id, { visitorId, agent, seq: 1 });
    const view: AgentConversationView = {
      id, visitorId, visitorName: "Visitor", visitorEmail: null, language: p.language, status: "assigned", assigneeId: agent.id,
      pageUrl: null, lastMessage: message, unread: 1, visitorReadSeq: 0, lastSeq: 1, createdAt: at, closedAt: null, closedBy: null, rating: null, epoch: 1, verified: false, waitingSince: at,
    };
    const conversation = { id, language: p.language, status: "assigned" as const, agentName: "Agent", queue: null, lastSeq: 1, createdAt: at, closedAt: null, closedBy: null, rated: false, visitorReadSeq: 0 };
    ack({ ok: true, data: { conversation, message } });
    agent.emit("conversation:assigned", view);
  });
  socket.on("message:send", (p, ack) => {
    const chat = chats.get(p.conversationId);
    if (!chat || chat.visitorId !== visitorId) return ack({ ok: false, error: "not_found", message: "No such conversation" });
    const message: MessageView = { id: p.id, conversationId: p.conversationId, seq: ++chat.seq, author: "visitor", text: p.text, at: Date.now() };
    ack({ ok: true, data: message });
    chat.agent.emit("message:created", message);
  });
});

agentNsp.on("connection", (socket) => {
  const email = decodeURIComponent(/parley_session=([^;]*)/.exec(socket.handshake.headers.cookie ?? "")?.[1] ?? "");
  const language = relayAgentLanguage(email);
  if (!agents.has(language)) agents.set(language, new Map());
  agents.get(language)!.set(socket, 0);
  socket.on("disconnect", () => agents.get(language)!.delete(socket));
  socket.emit("agent:updated", { id: socket.id, email, name: "Agent", languages: [language], maxChats: 50, role: "agent", status: "online" });
});

http.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? "127.0.0.1", () => {
  const address = http.address();
  const port = typeof address === "object" && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ port, msg: `relay is listening on ${port}` })}\n`);
});
process.on("SIGTERM", () => io.close(() => process.exit(0)));
