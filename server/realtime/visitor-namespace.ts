// The /visitor namespace: customers. A socket is bound to one visitor by the handshake token.
import type { Namespace } from "socket.io";
import type { Logger } from "pino";
import type { Desk } from "../desk/desk.js";
import { createRateLimiter } from "../http/rate-limit.js";
import type { VisitorClientEvents, VisitorServerEvents } from "../protocol/events.js";
import {
  conversationMoveSchema,
  conversationRateSchema,
  conversationRefSchema,
  conversationResumeSchema,
  conversationStartSchema,
  messageSendSchema,
  typingSetSchema,
} from "../protocol/schemas.js";
import { binder, type Deliver } from "./handler.js";
import { visitorRoom } from "./rooms.js";

export type VisitorNamespace = Namespace<VisitorClientEvents, VisitorServerEvents, Record<string, never>, { visitorId: string }>;

export function attachVisitorNamespace(nsp: VisitorNamespace, desk: Desk, deliver: Deliver, logger: Logger): void {
  nsp.use((socket, next) => {
    const auth = socket.handshake.auth as Record<string, unknown>;
    desk.visitor.authenticate(auth.visitorId, auth.token).then(
      (valid) => {
        if (!valid) return next(new Error("unauthorized"));
        socket.data.visitorId = auth.visitorId as string;
        next();
      },
      (err) => {
        logger.error({ err }, "visitor authentication failed");
        next(new Error("unavailable"));
      },
    );
  });

  // Messages: a burst of 20, then 2 a second, per socket. Typing is cheaper but also bounded.
  const messages = createRateLimiter(20, 2);
  const other = createRateLimiter(30, 10);

  nsp.on("connection", (socket) => {
    const visitorId = socket.data.visitorId;
    void socket.join(visitorRoom(visitorId));
    const bind = binder<VisitorClientEvents>(socket, deliver);
    const opts = { logger, limiter: other };
    const sends = { logger, limiter: messages };
    bind("conversation:start", conversationStartSchema, (p) => desk.visitor.start(visitorId, p), sends);
    bind("message:send", messageSendSchema, (p) => desk.visitor.send(visitorId, p), sends);
    bind("conversation:resume", conversationResumeSchema, (p) => desk.visitor.resume(visitorId, p.afterSeq), opts);
    bind("typing:set", typingSetSchema, (p) => desk.visitor.typing(visitorId, p), opts);
    bind("conversation:end", conversationRefSchema, (p) => desk.visitor.end(visitorId, p.conversationId), opts);
    bind("conversation:rate", conversationRateSchema, (p) => desk.visitor.rate(visitorId, p), opts);
    bind("conversation:move", conversationMoveSchema, (p) => desk.visitor.move(visitorId, p), opts);
  });
}
