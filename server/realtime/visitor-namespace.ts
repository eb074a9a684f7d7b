// The /visitor namespace: customers. A socket is bound to one visitor by the handshake token.
import type { Namespace } from "socket.io";
import type { Logger } from "pino";
import type { Config } from "../config.js";
import type { DeskApi } from "../desk/api.js";
import { outcome } from "../desk/effects.js";
import { fail, ok } from "../desk/result.js";
import { createRateLimiter } from "../http/rate-limit.js";
import type { VisitorClientEvents, VisitorServerEvents } from "../protocol/events.js";
import {
  conversationMoveSchema,
  conversationRateSchema,
  conversationReadSchema,
  conversationRefSchema,
  conversationResumeSchema,
  conversationTranscriptSchema,
  deviceRegisterSchema,
  deviceUnregisterSchema,
  emptySchema,
  conversationStartSchema,
  messageSendSchema,
  typingSetSchema,
} from "../protocol/schemas.js";
import { handlerTable, type Deliver } from "./handler.js";
import { visitorRoom } from "./rooms.js";
import { clientKey } from "../http/client-address.js";

/** `scope`: the one conversation an emailed chat link's credentials open; null for the visitor's own credentials. */
export interface Visitor {
  visitorId: string;
  scope: string | null;
}
export type VisitorNamespace = Namespace<VisitorClientEvents, VisitorServerEvents, Record<string, never>, Visitor>;

const NOT_FOUND = outcome<never>(fail("not_found", "No such conversation"));
const LINK_ONLY = outcome<never>(fail("forbidden", "This link opens one conversation only; start a new chat on the website"));
const byVisitor = (who: Visitor) => who.visitorId;
/** An emailed link's credentials open one conversation: any other is as unknown as someone else's. */
const mine = <P extends { conversationId: string }, R>(act: (p: P, who: Visitor) => Promise<R>) => (p: P, who: Visitor) =>
  who.scope === null || p.conversationId === who.scope ? act(p, who) : Promise.resolve(NOT_FOUND);

export function attachVisitorNamespace(nsp: VisitorNamespace, desk: DeskApi, config: Config, deliver: Deliver, logger: Logger): void {
  nsp.use((socket, next) => {
    const auth = socket.handshake.auth as Record<string, unknown>;
    desk.visitor.authenticate(auth.visitorId, auth.token).then(
      (who) => {
        if (!who) return next(new Error("unauthorized"));
        socket.data.visitorId = auth.visitorId as string;
        socket.data.scope = who.scope;
        next();
      },
      (err) => {
        logger.error({ err }, "visitor authentication failed");
        next(new Error("unavailable"));
      },
    );
  });

  // Limits are per visitor and per address, never per socket: opening more sockets buys nothing.
  const perAddress = new Map<string, number>();
  nsp.use((socket, next) => {
    // Closed while its credentials were being checked: Socket.IO drops such a socket without a "disconnect", and its
    // connection's "close" has been and gone, so a count taken now would never be given back.
    if (socket.conn.readyState !== "open") return next(new Error("gone"));
    const visitorId = socket.data.visitorId;
    const address = clientKey(socket.request, config.network.trustProxy);
    if (desk.visitors.count(visitorId) >= config.visitorMaxSockets || (perAddress.get(address) ?? 0) >= config.addressMaxSockets) {
      return next(new Error("too_many_connections"));
    }
    // Counted now, in the same turn as the check, so a thousand handshakes at once cannot all slip under the limit.
    desk.visitors.connected(visitorId);
    perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      desk.visitors.disconnected(visitorId);
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left > 0) perAddress.set(address, left);
      else perAddress.delete(address);
    };
    // A socket that goes before it is fully connected still gives its place back (the connection's close).
    socket.once("disconnect", release);
    socket.conn.once("close", release);
    next();
  });

  // Messages: a burst of 20, then 2 a second, per visitor. Typing is cheaper but also bounded.
  const messages = createRateLimiter(20, 2);
  const other = createRateLimiter(30, 10);
  // New conversations: a few at once, then VISITOR_CONVERSATIONS_PER_HOUR.
  const conversations = createRateLimiter(3, config.visitorConversationsPerHour / 3600);

  const table = handlerTable<VisitorClientEvents, Visitor>(deliver, logger);
  const bind = table.bind;
  const opts = { limiter: other, limitKey: byVisitor };
  const sends = { limiter: messages, limitKey: byVisitor };
  bind("conversation:start", conversationStartSchema, async (p, { visitorId, scope }) => {
    if (scope !== null) return LINK_ONLY;
    // Only a new conversation counts; starting again while one is open just adds the message to it.
    const counted = !(await desk.visitor.hasOpen(visitorId));
    if (counted && !conversations.take(visitorId)) {
      return outcome(fail("rate_limited", "Too many new conversations; wait a while before starting another"));
    }
    try {
      return await desk.visitor.start(visitorId, p);
    } catch (err) {
      // Not started (storage away, the desk moving between nodes): the client retries, and that retry must not
      // find the customer out of new conversations.
      if (counted) conversations.refund(visitorId);
      throw err;
    }
  }, sends);
  bind("message:send", messageSendSchema, mine((p, { visitorId }) => desk.visitor.send(visitorId, p)), sends);
  bind("conversation:resume", conversationResumeSchema, async (p, { visitorId, scope }) => {
    if (scope === null) return desk.visitor.resume(visitorId, p);
    // The linked conversation, even when another of the visitor's is open now (that one stays out of sight).
    const after = await desk.visitor.resume(visitorId, { ...p, conversationId: scope });
    if (after.ack.ok && after.ack.data.conversation?.id === scope) return after;
    return outcome(fail("not_found", "This link's conversation is not available here"));
  }, opts);
  bind("conversation:list", emptySchema, async (_p, { visitorId, scope }) => {
    const all = await desk.visitor.list(visitorId);
    return scope === null || !all.ack.ok ? all : outcome(ok({ conversations: all.ack.data.conversations.filter((c) => c.id === scope) }));
  }, opts);
  bind("device:register", deviceRegisterSchema, (p, { visitorId, scope }) => (scope === null ? desk.visitor.registerDevice(visitorId, p) : Promise.resolve(LINK_ONLY)), opts);
  bind("device:unregister", deviceUnregisterSchema, (p, { visitorId, scope }) => (scope === null ? desk.visitor.unregisterDevice(visitorId, p.token) : Promise.resolve(LINK_ONLY)), opts);
  bind("conversation:transcript", conversationTranscriptSchema, mine((p, { visitorId }) => desk.visitor.transcript(visitorId, p)), opts);
  bind("typing:set", typingSetSchema, mine((p, { visitorId }) => desk.visitor.typing(visitorId, p)), opts);
  bind("conversation:end", conversationRefSchema, mine((p, { visitorId }) => desk.visitor.end(visitorId, p.conversationId)), opts);
  bind("conversation:rate", conversationRateSchema, mine((p, { visitorId }) => desk.visitor.rate(visitorId, p)), opts);
  bind("conversation:move", conversationMoveSchema, mine((p, { visitorId }) => desk.visitor.move(visitorId, p)), opts);
  bind("conversation:read", conversationReadSchema, mine((p, { visitorId }) => desk.visitor.read(visitorId, p)), opts);

  nsp.on("connection", (socket) => {
    void socket.join(visitorRoom(socket.data.visitorId));
    table.attach(socket);
  });
}
