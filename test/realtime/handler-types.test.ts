// The socket binder is typed by the protocol's event maps: a misspelt event, a schema of another payload, or an
// act that answers with the wrong data does not compile. (Checked by `tsc`; the assertions below run as well.)
import { describe, expect, expectTypeOf, it } from "vitest";
import { outcome } from "../../server/desk/effects.js";
import { ok } from "../../server/desk/result.js";
import type { AgentClientEvents, VisitorClientEvents } from "../../server/protocol/events.js";
import { conversationRefSchema, messageSendSchema, typingSetSchema } from "../../server/protocol/schemas.js";
import { binder, type PayloadOf, type ReplyOf } from "../../server/realtime/handler.js";
import type { MessageView } from "../../server/protocol/views.js";

const events: string[] = [];
const socket = { id: "s1", on: (event: string) => void events.push(event) };
const options = { logger: { warn() {}, error() {} } as never };

describe("typed socket handlers", () => {
  it("derives payload and reply types from the event maps", () => {
    expectTypeOf<PayloadOf<VisitorClientEvents["message:send"]>>().toEqualTypeOf<{ conversationId: string; id: string; text: string; attachments?: string[] | undefined }>();
    expectTypeOf<ReplyOf<VisitorClientEvents["message:send"]>>().toEqualTypeOf<MessageView>();
  });

  it("refuses unknown events, mismatched schemas and wrong replies at compile time", () => {
    const bind = binder<VisitorClientEvents>(socket, () => undefined);
    bind("typing:set", typingSetSchema, async () => outcome(ok(null)), options);
    // @ts-expect-error a misspelt event name
    bind("message:sned", messageSendSchema, async () => outcome(ok(null)), options);
    // @ts-expect-error the schema of another event's payload
    bind("message:send", typingSetSchema, async () => outcome(ok(null)), options);
    // @ts-expect-error an agent-only event on the visitor namespace
    bind("conversation:close", conversationRefSchema, async () => outcome(ok(null)), options);
    const agentBind = binder<AgentClientEvents>(socket, () => undefined);
    // @ts-expect-error the ack of conversation:close carries a conversation view, not null
    agentBind("conversation:close", conversationRefSchema, async () => outcome(ok(null)), options);
    expect(events).toEqual(["typing:set", "message:sned", "message:send", "conversation:close", "conversation:close"]);
  });
});
