// Verified identity (issue 10): IDENTITY_SECRET set, `hash` = hex HMAC-SHA256 of the site's customer id.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { AgentConversationView, VisitorCredentials } from "../../server/protocol/views.js";
import { addAgent, agentOnline, connectVisitor, next, registerVisitor, startConversation, type VisitorSocket } from "../helpers/clients.js";
import { useTestServer } from "../helpers/server.js";

const SECRET = "s3cret-s3cret-s3cret-s3cret-s3cret-42";
const sign = (id: string, secret = SECRET) => createHmac("sha256", secret).update(id).digest("hex");

async function identify(url: string, device: VisitorCredentials, claim: Record<string, unknown>) {
  const res = await fetch(`${url}/api/visitors/identify`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...device, ...claim }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const start = async (socket: VisitorSocket, name = "Typed Name") => (await startConversation(socket, { name })).conversation;

describe("verified identity", () => {
  const server = useTestServer({ env: { IDENTITY_SECRET: SECRET } });

  it("makes every device of a verified customer the same visitor: their conversation is on the second browser too, labelled Verified", async () => {
    const agent = await addAgent(server().store, { languages: ["en"] });
    const agentSocket = await agentOnline(server().url, agent);
    const laptop = await registerVisitor(server().url);
    const verified = await identify(server().url, laptop, { id: "cust-42", name: "Ada Lovelace", email: "ada@example.com", hash: sign("cust-42") });
    expect(verified).toMatchObject({ status: 200, body: { verified: true } });
    const creds = verified.body as unknown as VisitorCredentials;
    const { socket } = await connectVisitor(server().url, { visitorId: creds.visitorId, token: creds.token });
    const assigned = next<AgentConversationView>(agentSocket, "conversation:assigned");
    const conversation = await start(socket);
    expect(await assigned).toMatchObject({ verified: true, visitorName: "Ada Lovelace", visitorEmail: "ada@example.com" });

    // A phone: another anonymous visitor, the same signed id.
    const phone = await registerVisitor(server().url);
    const again = await identify(server().url, phone, { id: "cust-42", hash: sign("cust-42") });
    expect(again.body).toMatchObject({ verified: true, visitorId: creds.visitorId });
    expect(again.body.token).not.toBe(creds.token);
    const onPhone = await connectVisitor(server().url, again.body as unknown as VisitorCredentials);
    const resumed = await onPhone.socket.timeout(5000).emitWithAck("conversation:resume", { afterSeq: 0 });
    expect(resumed.ok && resumed.data.conversation?.id).toBe(conversation.id);
    // The laptop's token still works beside the phone's.
    await expect(connectVisitor(server().url, { visitorId: creds.visitorId, token: creds.token })).resolves.toBeTruthy();
  });

  it("answers a forged or foreign signature with verified: false, links nothing, and labels the chat Unverified", async () => {
    const agent = await addAgent(server().store, { languages: ["en"] });
    const agentSocket = await agentOnline(server().url, agent);
    const owner = await registerVisitor(server().url);
    const real = (await identify(server().url, owner, { id: "cust-7", hash: sign("cust-7") })).body as unknown as VisitorCredentials;

    const mallory = await connectVisitor(server().url);
    for (const hash of [sign("cust-8"), sign("cust-7", "another-secret-another-secret-0000"), "00".repeat(32), "not-hex", sign("cust-7").toUpperCase().slice(0, 63)]) {
      expect((await identify(server().url, mallory.credentials, { id: "cust-7", name: "Owner", hash })).body).toEqual({ verified: false });
    }
    const assigned = next<AgentConversationView>(agentSocket, "conversation:assigned");
    const typed = await start(mallory.socket, "Owner");
    expect(await assigned).toMatchObject({ verified: false, visitorName: "Owner" });
    // The verified customer's history does not hold what Mallory typed.
    const ownerSocket = await connectVisitor(server().url, real);
    const list = await ownerSocket.socket.timeout(5000).emitWithAck("conversation:list", {});
    expect(list.ok && list.data.conversations.map((c: { id: string }) => c.id)).not.toContain(typed.id);
  });

  it("refuses bad input and wrong device credentials with typed errors", async () => {
    const device = await registerVisitor(server().url);
    expect(await identify(server().url, device, { id: "", hash: "x" })).toMatchObject({ status: 400, body: { error: "invalid_payload" } });
    expect(await identify(server().url, device, { id: "a\nb", hash: sign("a\nb") })).toMatchObject({ status: 400, body: { error: "invalid_payload" } });
    expect(await identify(server().url, { ...device, token: "wrong" }, { id: "cust-1", hash: sign("cust-1") })).toMatchObject({ status: 401, body: { error: "unauthorized" } });
  });
});

describe("identity without IDENTITY_SECRET", () => {
  const server = useTestServer();
  it("verifies nobody", async () => {
    const device = await registerVisitor(server().url);
    expect((await identify(server().url, device, { id: "cust-42", hash: sign("cust-42") })).body).toEqual({ verified: false });
  });
});
