// Effects as data, seen from the sockets: the sender has its message in its ack and is not sent it again; every
// other socket concerned (the agent, the sender's other tabs) gets it once; nobody else gets anything.
import { describe, expect, it } from "vitest";
import type { AgentConversationView, MessageView } from "../../server/protocol/views.js";
import { addAgent, agentOnline, connectVisitor, msgId, next, startConversation, type VisitorSocket } from "../helpers/clients.js";
import { useTestServer } from "../helpers/server.js";

const server = useTestServer();

function record(socket: { on(event: "message:created", fn: (m: MessageView) => void): unknown }) {
  const seen: MessageView[] = [];
  socket.on("message:created", (m) => void seen.push(m));
  return seen;
}

const start = async (socket: VisitorSocket) => (await startConversation(socket)).conversation;

describe("effects reach the right sockets once", () => {
  it("acks the customer's message and sends it to the agent and the customer's other tab, not back to the sending tab", async () => {
    const agent = await addAgent(server().store, { languages: ["en"] });
    const agentSocket = await agentOnline(server().url, agent);
    const stranger = await connectVisitor(server().url);
    const { socket: tab1, credentials } = await connectVisitor(server().url);
    const { socket: tab2 } = await connectVisitor(server().url, credentials);
    const assigned = next<AgentConversationView>(agentSocket, "conversation:assigned");
    const conversation = await start(tab1);
    await assigned;
    const [seenByTab1, seenByTab2, seenByAgent, seenByStranger] = [record(tab1), record(tab2), record(agentSocket), record(stranger.socket)];

    const id = msgId();
    const atAgent = next<MessageView>(agentSocket, "message:created", (m) => m.id === id);
    const atTab2 = next<MessageView>(tab2, "message:created", (m) => m.id === id);
    const ack = await tab1.timeout(5000).emitWithAck("message:send", { conversationId: conversation.id, id, text: "Are you there?" });
    expect(ack.ok && ack.data).toMatchObject({ id, text: "Are you there?" });
    await Promise.all([atAgent, atTab2]);

    // A reply from the agent is a fence: everything sent before it has arrived by the time it does.
    const replyId = msgId();
    const fence = next<MessageView>(tab1, "message:created", (m) => m.id === replyId);
    const replied = await agentSocket.timeout(5000).emitWithAck("message:send", { conversationId: conversation.id, id: replyId, text: "Yes!" });
    expect(replied.ok).toBe(true);
    await fence;
    await expect.poll(() => seenByTab2.filter((m) => m.id === replyId).length).toBe(1);

    expect(seenByTab1.filter((m) => m.id === id)).toEqual([]);
    expect(seenByTab2.filter((m) => m.id === id)).toHaveLength(1);
    expect(seenByAgent.filter((m) => m.id === id)).toHaveLength(1);
    expect(seenByAgent.filter((m) => m.id === replyId)).toEqual([]);
    expect(seenByTab1.filter((m) => m.id === replyId)).toHaveLength(1);
    expect(seenByStranger).toEqual([]);
  });

  it("sends server events without a trailing recovery offset argument", async () => {
    const agent = await addAgent(server().store, { languages: ["en"] });
    const agentSocket = await agentOnline(server().url, agent);
    const { socket } = await connectVisitor(server().url);
    const args = new Promise<unknown[]>((resolve) => agentSocket.once("conversation:assigned", (...all: unknown[]) => resolve(all)));
    await start(socket);
    expect(await args).toHaveLength(1);
  });
});
