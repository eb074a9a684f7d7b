// What a visitor can do. Every operation returns its Ack and the effects it decided; identity comes from the
// authenticated socket, never the payload.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { checkText, normaliseText } from "../domain/message.js";
import type { ConversationId, VisitorId } from "../protocol/ids.js";
import { LANGUAGE_NAMES } from "../config.js";
import type {
  ConversationMovePayload,
  ConversationRatePayload,
  ConversationReadPayload,
  ConversationResumePayload,
  ConversationStartPayload,
  ConversationTranscriptPayload,
  DeviceRegisterPayload,
  MessageSendPayload,
  TypingSetPayload,
} from "../protocol/schemas.js";
import type { ConversationSummaryView, ConversationView, IdentifyView, MessageView, VisitorCredentials } from "../protocol/views.js";
import { verifiedVisitorId, verifyIdentity } from "../auth/identity.js";
import type { ConversationRecord } from "../store/port.js";
import type { DeskCore } from "./core.js";
import { createAdmission } from "./admission.js";
import { closeConversation } from "./close.js";
import { outcome, type Effects, type Outcome } from "./effects.js";
import { fail, ok } from "./result.js";
import { resolveAttachments } from "./attachments.js";
import type { AttachmentView } from "../protocol/selfservice.js";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
/** Messages per `conversation:resume` answer, and per `conversation:transcript` page, unless the client asks for fewer. */
const RESUME_PAGE = 200;
const TRANSCRIPT_PAGE = 100;
/** Devices a verified customer may be signed in on at once (the oldest token stops working). */
const MAX_DEVICES = 20;
const NOT_FOUND = outcome<never>(fail("not_found", "No such conversation"));

export function createVisitorOps(core: DeskCore) {
  const { store, config, serial, now } = core;
  const admission = createAdmission(core);

  /**
   * The visitor's own conversation, or null: someone else's is indistinguishable from a missing one. An open one is
   * answered at once, without an async frame (every message asks).
   */
  function own(visitorId: VisitorId, conversationId: ConversationId): ConversationRecord | null | Promise<ConversationRecord | null> {
    const mine = (c: ConversationRecord | null) => (c && c.visitorId === visitorId ? c : null);
    const open = core.open.get(conversationId);
    return open ? mine(open) : store.conversations.get(conversationId).then(mine);
  }

  async function append(fx: Effects, c: ConversationRecord, id: string, text: string, attachments: AttachmentView[] = []): Promise<Outcome<MessageView>> {
    const body = normaliseText(text);
    const problem = checkText(body, config.maxMessageLength, attachments.length > 0);
    if (problem) return outcome(fail(problem.error, problem.message));
    const { message, duplicate } = await store.messages.append(c.id, { id, author: "visitor", text: body, at: now(), ...(attachments.length > 0 && { attachments }) });
    if (!duplicate) core.messageStored(fx, c, message);
    return outcome(ok(message), fx);
  }

  return {
    /** Issues a new visitor id and a 256-bit secret token; only its hash is stored. */
    async register(): Promise<VisitorCredentials> {
      const visitorId = `v_${randomBytes(12).toString("base64url")}`;
      const token = randomBytes(32).toString("base64url");
      await store.visitors.put({ id: visitorId, tokenHash: sha256(token), createdAt: now() });
      return { visitorId, token };
    },

    /**
     * Whose token this is (constant-time comparison of hashes): the visitor's own or a verified customer's device
     * (`scope: null`, everything of the visitor's), or credentials from an emailed chat link that has not expired
     * (`scope`: that one conversation only). Null for anything else.
     */
    async authenticate(visitorId: unknown, token: unknown): Promise<{ scope: ConversationId | null } | null> {
      if (typeof visitorId !== "string" || typeof token !== "string" || token.length > 200 || !/^v_[A-Za-z0-9_-]{1,40}$/.test(visitorId)) return null;
      const visitor = await store.visitors.get(visitorId);
      if (!visitor) return null;
      const presented = Buffer.from(sha256(token), "hex");
      let match = false;
      for (const hash of [visitor.tokenHash, ...(visitor.deviceTokenHashes ?? [])]) match = timingSafeEqual(presented, Buffer.from(hash, "hex")) || match;
      let scope: ConversationId | null = null;
      for (const link of visitor.linkTokens ?? []) {
        if (timingSafeEqual(presented, Buffer.from(link.hash, "hex")) && link.expiresAt > now()) scope = link.conversationId;
      }
      return match ? { scope: null } : scope ? { scope } : null;
    },

    /**
     * Credentials that open one conversation of the visitor's until `expiresAt` (an emailed chat link was followed):
     * a new 256-bit token, of which only the hash is kept (the newest 10; expired ones are dropped).
     */
    async linkDevice(visitorId: VisitorId, conversationId: ConversationId, expiresAt: number): Promise<VisitorCredentials | null> {
      const token = randomBytes(32).toString("base64url");
      const at = now();
      const stored = await store.visitors.update(visitorId, (visitor) => {
        if (!visitor) return null;
        const kept = (visitor.linkTokens ?? []).filter((l) => l.expiresAt > at);
        return { ...visitor, linkTokens: [...kept, { hash: sha256(token), conversationId, expiresAt }].slice(-10) };
      });
      return stored ? { visitorId, token } : null;
    },

    /**
     * `Parley.identify` with the site's signature: for a valid hash, credentials of the verified customer for this device
     * (every device that presents the same id becomes the same visitor); for anything else `verified: false` and nothing
     * changes. The caller authenticated the device's own (anonymous) visitor first.
     */
    async identify(who: { id: string; name: string | null; email: string | null; hash: string }): Promise<IdentifyView> {
      const secret = config.identitySecret;
      if (!secret || !verifyIdentity(secret, who.id, who.hash)) return { verified: false };
      const visitorId = verifiedVisitorId(secret, who.id);
      const token = randomBytes(32).toString("base64url");
      // A compare-and-set: on a cluster any node identifies while the desk's node adds conversations to the record.
      const at = now();
      await store.visitors.update(visitorId, (existing) => ({
        ...(existing ?? {}),
        id: visitorId,
        tokenHash: existing?.tokenHash ?? sha256(token),
        createdAt: existing?.createdAt ?? at,
        identity: { id: who.id, name: who.name, email: who.email },
        deviceTokenHashes: [...(existing?.deviceTokenHashes ?? []), sha256(token)].slice(-MAX_DEVICES),
      }));
      return { verified: true, visitorId, token };
    },

    /** Starts a chat with its first message; if the visitor already has an open one, the message goes there. */
    async start(visitorId: VisitorId, p: ConversationStartPayload): Promise<Outcome<{ conversation: ConversationView; message: MessageView }>> {
      const language = p.language.toLowerCase().split(/[-_]/)[0]!;
      if (!config.languages.includes(language)) return outcome(fail("unknown_language", `Language "${p.language}" is not offered`));
      const problem = checkText(normaliseText(p.message.text), config.maxMessageLength);
      if (problem) return outcome(fail(problem.error, problem.message));
      const c = await admission.admit(visitorId, language, p);
      if (!c) return outcome(fail("queue_full", "This queue is full right now; leave a message and we will answer by email"));
      const fx: Effects = [];
      // The first message is stored before anyone is assigned, so the agent sees it with the conversation.
      const sent = await append(fx, c, p.message.id, p.message.text);
      if (!sent.ack.ok) return outcome(sent.ack, fx);
      await admission.drain(fx, c.language);
      // The caller gets the conversation in its ack: no separate update for it.
      const conversation = await core.viewForVisitor(core.open.get(c.id) ?? c);
      return outcome(ok({ conversation, message: sent.ack.data }), fx);
    },

    /** Keeps an app's push token (the newest 5 per visitor; registering one again refreshes it). */
    registerDevice: async (visitorId: VisitorId, p: DeviceRegisterPayload): Promise<Outcome<null>> => {
      const at = now();
      const stored = await store.visitors.update(visitorId, (visitor) => {
        if (!visitor) return null;
        const others = (visitor.pushDevices ?? []).filter((d) => d.token !== p.token);
        return { ...visitor, pushDevices: [...others, { platform: p.platform, token: p.token, at }].slice(-5) };
      });
      return stored ? outcome(ok(null)) : NOT_FOUND;
    },

    unregisterDevice: async (visitorId: VisitorId, token: string): Promise<Outcome<null>> => {
      await store.visitors.update(visitorId, (visitor) =>
        visitor?.pushDevices?.some((d) => d.token === token) ? { ...visitor, pushDevices: visitor.pushDevices.filter((d) => d.token !== token) } : null,
      );
      return outcome(ok(null));
    },

    /** True when the visitor has a conversation that is not closed (starting again only adds a message to it). */
    hasOpen: (visitorId: VisitorId) => core.openOf(visitorId) !== null,

    async send(visitorId: VisitorId, p: MessageSendPayload): Promise<Outcome<MessageView>> {
      const c = await own(visitorId, p.conversationId);
      if (!c) return NOT_FOUND;
      // A retry of a message stored before the chat closed is answered with the original, not refused.
      if (c.status === "closed") {
        const stored = (await store.messages.list(c.id, 0)).find((m) => m.id === p.id);
        return outcome(stored ? ok(stored) : fail("conversation_closed", "This conversation has ended"));
      }
      const files = await resolveAttachments(store, c.id, { kind: "visitor", visitorId }, p.attachments, config.attachmentMaxFiles);
      if (!files.ok) return outcome(files.ack);
      return append([], core.open.get(c.id) ?? c, p.id, p.text, files.attachments);
    },

    /**
     * The visitor's open conversation — or the one named, even closed — and its messages after `afterSeq`, a page at a
     * time. A named conversation that is closed while another is open yields the open one (the client moves on to it).
     */
    async resume(visitorId: VisitorId, p: ConversationResumePayload): Promise<Outcome<{ conversation: ConversationView | null; messages: MessageView[]; more: boolean }>> {
      const open = core.openOf(visitorId);
      const named = p.conversationId && !open ? await own(visitorId, p.conversationId) : null;
      const c = open ?? named;
      if (!c) return outcome(ok({ conversation: null, messages: [], more: false }));
      const limit = p.limit ?? RESUME_PAGE;
      const page = await store.messages.list(c.id, c.id === p.conversationId || !p.conversationId ? p.afterSeq : 0, limit + 1);
      return outcome(ok({ conversation: await core.viewForVisitor(c), messages: page.slice(0, limit), more: page.length > limit }));
    },

    /** The visitor's conversations, newest first. */
    async list(visitorId: VisitorId): Promise<Outcome<{ conversations: ConversationSummaryView[] }>> {
      const ids = [...((await store.visitors.get(visitorId))?.conversationIds ?? [])].reverse();
      const summaries: ConversationSummaryView[] = [];
      for (const id of ids) {
        const c = core.open.get(id) ?? (await store.conversations.get(id));
        if (!c || c.visitorId !== visitorId) continue;
        const lastSeq = await store.messages.lastSeq(c.id);
        const recent = await store.messages.list(c.id, Math.max(0, lastSeq - 10));
        const view = await core.viewForVisitor(c);
        summaries.push({
          id: c.id,
          language: c.language,
          status: c.status,
          agentName: view.agentName ?? recent.findLast((m) => m.author === "agent")?.authorName ?? null,
          createdAt: c.createdAt,
          closedAt: c.closedAt,
          lastSeq,
          lastMessage: recent.findLast((m) => m.author !== "system") ?? null,
          rated: c.rating !== null,
        });
      }
      return outcome(ok({ conversations: summaries }));
    },

    /** One of the visitor's conversations, read backwards a page at a time. */
    async transcript(visitorId: VisitorId, p: ConversationTranscriptPayload): Promise<Outcome<{ conversation: ConversationView; messages: MessageView[]; more: boolean }>> {
      const c = await own(visitorId, p.conversationId);
      if (!c) return NOT_FOUND;
      const lastSeq = await store.messages.lastSeq(c.id);
      const before = Math.min(p.beforeSeq ?? lastSeq + 1, lastSeq + 1);
      const limit = p.limit ?? TRANSCRIPT_PAGE;
      const from = Math.max(0, before - 1 - limit);
      const messages = (await store.messages.list(c.id, from, before - 1 - from)).filter((m) => m.seq < before);
      return outcome(ok({ conversation: await core.viewForVisitor(core.open.get(c.id) ?? c), messages, more: from > 0 }));
    },

    async typing(visitorId: VisitorId, p: TypingSetPayload): Promise<Outcome<null>> {
      const c = await own(visitorId, p.conversationId);
      if (!c) return NOT_FOUND;
      const fx: Effects = [];
      if (c.assigneeId && c.status === "assigned") fx.push({ type: "typing.changed", to: { agentId: c.assigneeId }, conversationId: c.id, typing: p.typing });
      return outcome(ok(null), fx);
    },

    async end(visitorId: VisitorId, conversationId: ConversationId): Promise<Outcome<ConversationView>> {
      return serial.run(async () => {
        const c = await own(visitorId, conversationId);
        if (!c) return NOT_FOUND;
        if (c.status === "closed") return outcome(ok(await core.viewForVisitor(c)));
        const fx: Effects = [];
        return outcome(ok(await core.viewForVisitor(await closeConversation(core, fx, c, "visitor"))), fx);
      });
    },

    /** Moves a waiting conversation to another language queue (the fallback when its own is closed), keeping its place in time. */
    async move(visitorId: VisitorId, p: ConversationMovePayload): Promise<Outcome<ConversationView>> {
      const language = p.language.toLowerCase().split(/[-_]/)[0]!;
      if (!config.languages.includes(language)) return outcome(fail("unknown_language", `Language "${p.language}" is not offered`));
      return serial.run(async () => {
        const c = await own(visitorId, p.conversationId);
        if (!c) return NOT_FOUND;
        if (c.status !== "queued") return outcome(fail("not_queued", "Only a waiting conversation can change queues"));
        if (c.language === language) return outcome(ok(await core.viewForVisitor(c)));
        const fx: Effects = [];
        const moved = await core.commit(c, { ...c, language });
        core.leftQueue(c, null);
        core.queues.enqueue(moved);
        core.logger.info({ conversationId: c.id, from: c.language, to: language }, "conversation moved");
        await core.systemLine(fx, moved, `sys_move_${language}_${c.id}`, `Moved to the ${LANGUAGE_NAMES[language] ?? language} queue`, { kind: "moved", language });
        await core.drain(fx);
        await core.announceQueues(fx, [c.language, language]);
        return outcome(ok(await core.viewForVisitor(core.open.get(c.id) ?? moved)), fx);
      });
    },

    /**
     * Raises the customer's read marker (never lowers it) and tells the agent and watchers. Like the agent's marker it runs
     * outside the serial path and the store writes it lazily; the open conversation's copy carries it, so no later write
     * of the desk's loses it (the store keeps the higher one anyway).
     */
    async read(visitorId: VisitorId, p: ConversationReadPayload): Promise<Outcome<null>> {
      const c = await own(visitorId, p.conversationId);
      if (!c) return NOT_FOUND;
      const lastSeq = core.open.has(c.id) ? await core.lastSeqOf(c.id) : await store.messages.lastSeq(c.id);
      const seq = Math.min(p.seq, lastSeq);
      const current = core.open.get(c.id) ?? c;
      if (seq <= (current.visitorReadSeq ?? 0)) return outcome(ok(null));
      if (core.open.get(c.id) === current) core.open.set(c.id, { ...current, visitorReadSeq: seq });
      await store.conversations.markVisitorRead(c.id, seq);
      const agentIds = [...(c.assigneeId ? [c.assigneeId] : []), ...core.watchersOf(c.id)];
      return outcome(ok(null), agentIds.length > 0 ? [{ type: "conversation.seen", agentIds, conversationId: c.id, seq }] : []);
    },

    /** Rates an ended conversation; a second rating replaces the first. */
    async rate(visitorId: VisitorId, p: ConversationRatePayload): Promise<Outcome<ConversationView>> {
      return serial.run(async () => {
        const c = await own(visitorId, p.conversationId);
        if (!c) return NOT_FOUND;
        if (c.status !== "closed") return outcome(fail("not_closed", "Only an ended conversation can be rated"));
        const fx: Effects = [];
        const rated = await core.commit(c, { ...c, rating: { score: p.score, comment: p.comment || null, at: now() } });
        if (rated.assigneeId) fx.push({ type: "conversation.agent", agentId: rated.assigneeId, view: await core.viewForAgent(rated) });
        return outcome(ok(await core.viewForVisitor(rated)), fx);
      });
    },
  };
}
