// The socket handler table is typed by the protocol's event maps: a misspelt event, a schema of another payload, or an
// act that answers with the wrong data does not compile. (Checked by `tsc`; the assertions below run as well.) One table
// serves every socket of a namespace: a socket carries one middleware, and each act gets the sender's own `data`.
import { describe, expect, expectTypeOf, it } from "vitest";
import { outcome } from "../../server/desk/effects.js";
import { ok } from "../../server/desk/result.js";
import { createRateLimiter } from "../../server/http/rate-limit.js";
import type { AgentClientEvents, VisitorClientEvents } from "../../server/protocol/events.js";
import { conversationRefSchema, messageSendSchema, typingSetSchema } from "../../server/protocol/schemas.js";
import { handlerTable, type Listener, type PayloadOf, type ReplyOf } from "../../server/realtime/handler.js";
import type { MessageView } from "../../server/protocol/views.js";

const logger = { warn() {}, error() {} } as never;

/** A socket as the table sees it: the middlewares it was given, and a way to send it a packet with an ack. */
function fakeSocket<Who>(id: string, data: Who) {
  const middlewares: ((packet: unknown[], next: (err?: Error) => void) => void)[] = [];
  const passedOn: unknown[] = [];
  const socket: Listener<Who> = { id, data, use: (fn) => middlewares.push(fn) };
  const send = (...args: unknown[]) =>
    new Promise<unknown>((resolve) => {
      for (const fn of middlewares) fn([...args, resolve], () => passedOn.push(args[0]));
    });
  return { socket, middlewares, passedOn, send };
}

describe("typed socket handlers", () => {
  it("derives payload and reply types from the event maps", () => {
    expectTypeOf<PayloadOf<VisitorClientEvents["message:send"]>>().toEqualTypeOf<{ conversationId: string; id: string; text: string; attachments?: string[] | undefined }>();
    expectTypeOf<ReplyOf<VisitorClientEvents["message:send"]>>().toEqualTypeOf<MessageView>();
  });

  it("refuses unknown events, mismatched schemas and wrong replies at compile time", async () => {
    const table = handlerTable<VisitorClientEvents, { visitorId: string }>(() => undefined, logger);
    table.bind("typing:set", typingSetSchema, async () => outcome(ok(null)), {});
    // @ts-expect-error a misspelt event name
    table.bind("message:sned", messageSendSchema, async () => outcome(ok(null)), {});
    // @ts-expect-error the schema of another event's payload
    table.bind("message:send", typingSetSchema, async () => outcome(ok(null)), {});
    // @ts-expect-error an agent-only event on the visitor namespace
    table.bind("conversation:close", conversationRefSchema, async () => outcome(ok(null)), {});
    // @ts-expect-error who the sender is has the namespace's shape, not another's
    table.bind("typing:set", typingSetSchema, async (_p, who: { agentId: string }) => outcome(ok(who && null)), {});
    const agentTable = handlerTable<AgentClientEvents, { agentId: string }>(() => undefined, logger);
    // @ts-expect-error the ack of conversation:close carries a conversation view, not null
    agentTable.bind("conversation:close", conversationRefSchema, async () => outcome(ok(null)), {});
    const { socket, send } = fakeSocket("s1", { visitorId: "v1" });
    table.attach(socket);
    expect(await send("typing:set", { conversationId: "c_1", typing: true })).toEqual({ ok: true, data: null });
  });

  it("serves every socket with one middleware, hands each act its sender's data, and passes nothing on", async () => {
    const seen: string[] = [];
    const table = handlerTable<VisitorClientEvents, { visitorId: string }>(() => undefined, logger);
    table.bind("typing:set", typingSetSchema, async (p, who) => {
      seen.push(`${who.visitorId}:${p.conversationId}`);
      return outcome(ok(null));
    }, {});
    const a = fakeSocket("s1", { visitorId: "v1" });
    const b = fakeSocket("s2", { visitorId: "v2" });
    table.attach(a.socket);
    table.attach(b.socket);
    expect(a.middlewares).toHaveLength(1);
    await a.send("typing:set", { conversationId: "c_1", typing: true });
    await b.send("typing:set", { conversationId: "c_2", typing: false });
    expect(seen).toEqual(["v1:c_1", "v2:c_2"]);
    // Unknown events (also reserved names) are answered with a typed error and never reach Socket.IO's listeners.
    expect(await a.send("disconnect", {})).toMatchObject({ ok: false, error: "unknown_event" });
    expect(await a.send("conversation:close", { conversationId: "c_1" })).toMatchObject({ ok: false, error: "unknown_event" });
    expect(await a.send("typing:set", { conversationId: 5 })).toMatchObject({ ok: false, error: "invalid_payload" });
    expect(await a.send("typing:set", { conversationId: "c_1", typing: true }, "extra")).toMatchObject({ ok: false, error: "invalid_payload" });
    expect(seen).toHaveLength(2);
    expect(a.passedOn).toEqual([]);
  });

  it("rate-limits by the key the options derive from the sender, across that sender's sockets", async () => {
    const table = handlerTable<VisitorClientEvents, { visitorId: string }>(() => undefined, logger);
    table.bind("typing:set", typingSetSchema, async () => outcome(ok(null)), { limiter: createRateLimiter(1, 0), limitKey: (who) => who.visitorId });
    const a = fakeSocket("s1", { visitorId: "v1" });
    const b = fakeSocket("s2", { visitorId: "v1" });
    const c = fakeSocket("s3", { visitorId: "v2" });
    for (const s of [a, b, c]) table.attach(s.socket);
    const payload = { conversationId: "c_1", typing: true };
    expect(await a.send("typing:set", payload)).toMatchObject({ ok: true });
    expect(await b.send("typing:set", payload)).toMatchObject({ ok: false, error: "rate_limited" });
    expect(await c.send("typing:set", payload)).toMatchObject({ ok: true });
  });
});
