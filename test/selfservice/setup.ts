// A real server for self-service tests, with agents signed in, tickets opened as a customer would, and the
// customer's private link read from the email Parley sent.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { AgentRole } from "../../server/protocol/views.js";
import { addAgent, signIn } from "../helpers/clients.js";
import { startTestServer, useTestServer, type TestServer, type TestServerOptions } from "../helpers/server.js";
import { filesUnder, parseMail, postForm, waitFor, type UploadFile } from "./helpers.js";

export const TICKET = { email: "kim@example.com", category: "Account", subject: "Cannot sign in", description: "I forgot my password." };

/** A fast email retry schedule for tests. */
export const FAST_RETRIES = { mailRetryDelaysMs: [30, 60, 120], smtpTimeoutMs: 2000 };

/** A self-service test server's options: English and German, fast email retries, and `options` on top. */
const selfServiceOptions = (options: TestServerOptions): TestServerOptions => ({ ...options, env: { LANGUAGES: "en,de", ...options.env }, deps: { selfService: FAST_RETRIES, ...options.deps } });

export async function startServer(options: TestServerOptions = {}): Promise<TestServer> {
  return startTestServer(selfServiceOptions(options));
}

/** A fresh self-service server per test (see useTestServer): `const server = useServer();`, then `server().url`. */
export function useServer(options: TestServerOptions = {}): () => TestServer {
  return useTestServer(selfServiceOptions(options));
}

/** A signed-in agent's cookie. */
export async function agentCookie(server: TestServer, role: AgentRole = "agent", name?: string): Promise<string> {
  const agent = await addAgent(server.store, { role, ...(name && { name }) });
  return signIn(server.url, agent.email, agent.password);
}

/** Opens a ticket through the public form. */
export const openTicket = (server: TestServer, fields: Record<string, string> = {}, files: UploadFile[] = []) =>
  postForm(`${server.url}/api/tickets`, { ...TICKET, ...fields }, files);

/** The emails written to DATA_DIR/outbox (no SMTP_URL), parsed, oldest first. */
export async function outbox(server: TestServer) {
  const dir = join(server.config.dataDir, "outbox");
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith(".eml"));
  const mails = await Promise.all(names.map(async (name) => ({ name, ...parseMail(await readFile(join(dir, name), "utf8")) })));
  return mails.sort((a, b) => (a.headers.get("date")?.[0] ?? "").localeCompare(b.headers.get("date")?.[0] ?? ""));
}

/** The private thread token from the ticket's confirmation email (waits for it to be written). */
export async function tokenFromOutbox(server: TestServer, number: number): Promise<string> {
  const mail = await waitFor(async () => (await outbox(server)).find((m) => m.text.includes(`opened ticket #${number} `)), 10_000, `the email of #${number}`);
  return /\/support\/t\/([A-Za-z0-9_-]{43})/.exec(mail.text)![1]!;
}

/** Opens a ticket and returns its number, its id and the customer's token. */
export async function ticketWithToken(server: TestServer, fields: Record<string, string> = {}, files: UploadFile[] = []) {
  const res = await openTicket(server, fields, files);
  if (res.status !== 201) throw new Error(`ticket not created: ${res.status} ${await res.text()}`);
  const { number } = (await res.json()) as { number: number };
  const ticket = (await server.store.tickets.list()).find((t) => t.number === number)!;
  return { number, id: ticket.id, token: await tokenFromOutbox(server, number) };
}

/** Files stored under DATA_DIR/uploads (accepted and temporary). */
export const uploadsOf = (server: TestServer) => filesUnder(join(server.config.dataDir, "uploads"));
