import { describe, expect, it } from "vitest";
import { conversationView } from "./fakes.js";
import { connectedHarness } from "./model-setup.js";

describe("assigning a waiting customer from the board", () => {
  it("sends conversation:assign with the epoch; a chat assigned to oneself joins one's chats", async () => {
    const { model, fake } = await connectedHarness();
    const self = model.agent.value!.id;
    fake.respond("conversation:assign", ({ agentId }) => ({ ok: true, data: conversationView({ id: "c7", assigneeId: agentId }) }));
    expect(await model.actions.assign("c7", "a2", 4)).toBeNull();
    expect(model.conversations.value).toEqual([]);
    expect(await model.actions.assign("c7", self, 4)).toBeNull();
    expect(fake.sent("conversation:assign")).toEqual([
      { conversationId: "c7", agentId: "a2", epoch: 4 },
      { conversationId: "c7", agentId: self, epoch: 4 },
    ]);
    expect(model.conversations.value.map((c) => c.view.id)).toEqual(["c7"]);
  });

  it("says why not: assigned meanwhile, or the colleague cannot take it", async () => {
    const { model, fake } = await connectedHarness();
    fake.respond("conversation:assign", () => ({ ok: false, error: "not_queued", message: "no" }));
    expect(await model.actions.assign("c7", "a2", 4)).toBe("Could not assign the chat: the customer is no longer waiting (another agent has the chat now).");
  });
});
