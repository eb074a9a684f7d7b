import { describe, expect, it } from "vitest";
import type { ConversationView, QueuesView } from "../../server/protocol/views.js";
import { addAgent, agentOnline, connectVisitor, msgId, next, signIn } from "../helpers/clients.js";
import { useTestServer } from "../helpers/server.js";

const server = useTestServer({ env: { LANGUAGES: "en,de" } });

describe("queues over the wire", () => {
  it("serves GET /api/queues with a short cache and the expected wait per language", async () => {
    const agent = await addAgent(server().store, { languages: ["de"], maxChats: 1 });
    await agentOnline(server().url, agent);
    const res = await fetch(`${server().url}/api/queues`);
    expect(res.headers.get("cache-control")).toBe("public, max-age=5");
    const body = (await res.json()) as QueuesView;
    expect(body.languages.map((l) => l.language)).toEqual(["en", "de"]);
    expect(body.languages[1]).toMatchObject({ language: "de", waiting: 0, agentsAvailable: 1, etaSeconds: 0, open: true, fallback: "en", helpLinks: [] });
    expect(body.languages[0]).toMatchObject({ language: "en", open: false, etaSeconds: null });
  });

  it("lets a customer waiting in a closed queue move to the fallback, where they are served", async () => {
    const english = await addAgent(server().store, { languages: ["en"] });
    const agentSocket = await agentOnline(server().url, english);
    const { socket } = await connectVisitor(server().url);
    const started = await socket.timeout(5000).emitWithAck("conversation:start", { language: "de", message: { id: msgId(), text: "Hallo?" } });
    if (!started.ok) throw new Error(started.error);
    expect(started.data.conversation.queue).toMatchObject({ open: false, fallback: "en" });
    const assigned = next(agentSocket, "conversation:assigned");
    const joined = next<ConversationView>(socket, "conversation:updated", (c) => c.status === "assigned");
    const moved = await socket.timeout(5000).emitWithAck("conversation:move", { conversationId: started.data.conversation.id, language: "en" });
    expect(moved.ok).toBe(true);
    await assigned;
    expect((await joined).language).toBe("en");
  });

  it("shows coverage to supervisors and admins only", async () => {
    const agent = await addAgent(server().store, { role: "agent" });
    const supervisor = await addAgent(server().store, { role: "supervisor", languages: ["de"] });
    const get = (cookie: string, query = "") => fetch(`${server().url}/api/admin/coverage${query}`, { headers: { cookie } });
    expect((await fetch(`${server().url}/api/admin/coverage`)).status).toBe(401);
    expect((await get(await signIn(server().url, agent.email, agent.password))).status).toBe(403);
    const cookie = await signIn(server().url, supervisor.email, supervisor.password);
    const res = await get(cookie, "?timeZone=Europe/Berlin");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.timeZone).toBe("Europe/Berlin");
    expect(body.languages.map((l: { language: string }) => l.language)).toEqual(["en", "de"]);
    expect(body.languages[0].hours).toHaveLength(168);
    expect((await get(cookie, "?timeZone=Mars/Olympus")).status).toBe(400);
  });
});
