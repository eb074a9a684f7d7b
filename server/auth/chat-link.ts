// The link in an emailed chat answer: it opens one conversation of one customer until it expires. Like a password in
// a URL, so nothing of it is stored: the token is `<payload>.<mac>`, the payload naming the conversation, the visitor
// and the expiry, the MAC an HMAC-SHA256 under the deployment's link key (DATA_DIR/ticket-links.key) with its own
// purpose prefix (a ticket token can never pass as one, nor the reverse). A copy of the store opens nothing.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { ConversationId, VisitorId } from "../protocol/ids.js";

const PURPOSE = "parley-chat-link:v1:";
/** What a well-formed token looks like (checked before any work): base64url payload, a dot, a 43-character MAC. */
const SHAPE = /^[A-Za-z0-9_-]{10,300}\.[A-Za-z0-9_-]{43}$/;

export interface ChatLinkGrant {
  conversationId: ConversationId;
  visitorId: VisitorId;
  expiresAt: number;
}

export interface ChatLinks {
  /** The token for this grant (the same grant always gives the same token, so an email's retries carry one link). */
  tokenFor(grant: ChatLinkGrant): string;
  /** The grant a token carries, or null when it is malformed, forged or expired at `now`. */
  verify(token: unknown, now: number): ChatLinkGrant | null;
}

export function createChatLinks(key: Buffer): ChatLinks {
  const mac = (payload: string) => createHmac("sha256", key).update(PURPOSE + payload).digest("base64url");
  return {
    tokenFor: ({ conversationId, visitorId, expiresAt }) => {
      const payload = Buffer.from(JSON.stringify([conversationId, visitorId, expiresAt])).toString("base64url");
      return `${payload}.${mac(payload)}`;
    },
    verify(token, now) {
      if (typeof token !== "string" || !SHAPE.test(token)) return null;
      const [payload, given] = token.split(".") as [string, string];
      if (!timingSafeEqual(Buffer.from(mac(payload)), Buffer.from(given))) return null;
      let fields: unknown;
      try {
        fields = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
      } catch {
        return null;
      }
      if (!Array.isArray(fields) || fields.length !== 3) return null;
      const [conversationId, visitorId, expiresAt] = fields as unknown[];
      if (typeof conversationId !== "string" || typeof visitorId !== "string" || typeof expiresAt !== "number") return null;
      return expiresAt > now ? { conversationId, visitorId, expiresAt } : null;
    },
  };
}
