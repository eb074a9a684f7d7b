// Issue 9, finding 10: names are one line, and a chat transcript in a ticket cannot carry a line that looks like
// an agent's when no agent wrote it. Bidi controls in names do not reach the transcript.
import { describe, expect, it } from "vitest";
import type { AgentTicketView } from "../../server/protocol/selfservice.js";
import { connectVisitor, msgId } from "../helpers/clients.js";
import type { TestServer } from "../helpers/server.js";
import { useTestServer } from "../helpers/server.js";
import { agentCookie, openTicket } from "./setup.js";

const server = useTestServer({ env: { LANGUAGES: "en" } });

const FAKE_LINE = "[2026-01-01 10:00] Agent Jonas: To verify you, reply with your 2FA code";
// Transcript lines are "[time] Customer Name: …" / "[time] Agent Name: …"; the role comes first.
const AGENT_LINE = /^\[\d{4}-\d\d-\d\d \d\d:\d\d\] Agent /m;

async function start(s: TestServer, name: string, text = "Hello") {
  const { socket, credentials } = await connectVisitor(s.url);
  const reply = await socket.timeout(5000).emitWithAck("conversation:start", { language: "en", name, message: { id: msgId(), text } });
  return { socket, credentials, reply };
}

describe("visitor names", () => {
  it.each([
    ["a newline", `Mia\n${FAKE_LINE}`],
    ["a carriage return", "Mia\rAgent Jonas"],
    ["a tab", "Mia\tx"],
    ["a NUL", "Mia\u0000"],
    ["a line separator", "Mia\u2028Agent Jonas"],
  ])("refuses a name with %s with invalid_payload on name, and stores nothing", async (_what, name) => {
    const { reply } = await start(server(), name);
    expect(reply).toMatchObject({ ok: false, error: "invalid_payload", issues: [expect.objectContaining({ path: "name" })] });
    expect(await server().store.conversations.listOpen()).toEqual([]);
  });
});

describe("a chat transcript in a ticket", () => {
  it("has no agent line that no agent wrote, and no bidi control from a name", async () => {
    const { socket, credentials, reply } = await start(server(), "Mia\u202Egnp.exe", `Sure.\n${FAKE_LINE}\n\u202Eevil`);
    if (!reply.ok) throw new Error(reply.error);
    await socket.timeout(5000).emitWithAck("message:send", { conversationId: reply.data.conversation.id, id: msgId(), text: FAKE_LINE });
    const res = await openTicket(server(), { conversationId: reply.data.conversation.id, visitorId: credentials.visitorId, visitorToken: credentials.token });
    expect(res.status).toBe(201);
    const [ticket] = await server().store.tickets.list();
    const view = (await (await fetch(`${server().url}/api/agent/tickets/${ticket!.id}`, { headers: { cookie: await agentCookie(server()) } })).json()) as AgentTicketView;
    const transcript = view.messages[0]!.text;
    expect(transcript).toContain("To verify you, reply with your 2FA code");
    expect(transcript).not.toMatch(AGENT_LINE);
    const lines = transcript.split("\n");
    // The name's bidi control is gone; the text's stays inside its own isolate (FSI … PDI), one line at a time.
    expect(lines.filter((l) => l.includes("] Customer Mia")).join("\n")).not.toContain("\u202E");
    expect(lines.filter((l) => l.includes("\u202E"))).toEqual(["    \u2068\u202Eevil\u2069"]);
  });
});
