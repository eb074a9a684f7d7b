// The agent's availability. Online takes new chats, Away keeps current ones, Offline hands them back.
import type { AgentStatus } from "../../server/protocol/index.js";
import type { ModelContext } from "./context.js";
import { requestErrorText } from "./error-text.js";
import { addNotice } from "./notices.js";

/** Sets the agent's status: shown at once, put back if the server refuses. */
export function createStatusAction(ctx: ModelContext): (status: AgentStatus) => Promise<void> {
  const { state, transport } = ctx;
  return async (status) => {
    const before = state.agent.value;
    if (!before || before.status === status) return;
    state.agent.value = { ...before, status };
    const reply = await transport.request("status:set", { status });
    if (reply.ok) {
      state.agent.value = reply.data;
      return;
    }
    if (state.agent.value?.status === status) state.agent.value = { ...state.agent.value, status: before.status };
    addNotice(ctx, `Could not change your status: ${requestErrorText(reply.error)}.`, "error");
  };
}
