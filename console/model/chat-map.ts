// Pure operations on the console's conversations, keyed by id. Every operation returns a new map.
import type { AgentConversationView, ConversationId } from "../../server/protocol/index.js";
import { entryFromView, type ChatEntry } from "./chat-entry.js";

/** The console's conversations by id. */
export type ChatMap = ReadonlyMap<ConversationId, ChatEntry>;

/** The map with `entry` added or replaced. */
export function withEntry(chats: ChatMap, entry: ChatEntry): ChatMap {
  return new Map(chats).set(entry.view.id, entry);
}

/** The map without conversation `id`. */
export function withoutEntry(chats: ChatMap, id: ConversationId): ChatMap {
  if (!chats.has(id)) return chats;
  const next = new Map(chats);
  next.delete(id);
  return next;
}

/** The map with `change` applied to conversation `id`; unchanged when the console does not hold it. */
export function updateEntry(chats: ChatMap, id: ConversationId, change: (entry: ChatEntry) => ChatEntry): ChatMap {
  const entry = chats.get(id);
  return entry ? withEntry(chats, change(entry)) : chats;
}

/**
 * Folds a `conversation:list` reply (the agent's open conversations) into the map. Closed conversations the
 * agent has not dismissed stay. Open ones the server no longer lists are kept for now and returned as
 * `missing`: the caller asks about each (it may have closed, or gone back to the queue, while offline).
 */
export function reconcileList(
  chats: ChatMap,
  views: readonly AgentConversationView[],
): { chats: ChatMap; missing: ConversationId[] } {
  const next = new Map(chats);
  for (const view of views) {
    const known = chats.get(view.id);
    const entry = entryFromView(view, known);
    // A transfer still open to Decline is part of the listed view (also after a reload); a listed view without one
    // means it was accepted or ended meanwhile ("came back, declined" is only told on arrival, so it stays).
    next.set(view.id, known ? { ...entry, handedOver: view.transfer ?? (known.handedOver?.declined ? known.handedOver : null) } : entry);
  }
  const listed = new Set(views.map((v) => v.id));
  const missing = [...chats.values()]
    .filter((entry) => !listed.has(entry.view.id) && entry.view.status !== "closed")
    .map((entry) => entry.view.id);
  return { chats: next, missing };
}

/** Unread visitor messages across all conversations. */
export function unreadTotal(chats: ChatMap): number {
  let total = 0;
  for (const entry of chats.values()) total += entry.view.unread;
  return total;
}
