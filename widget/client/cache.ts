// The transcript cache: lets a reloaded page draw the conversation at once. It is only a cache — the
// resume after connecting is the truth and corrects it.
import type { ConversationView, MessageView } from "../../server/protocol/index.js";
import { readJson, STORAGE_KEYS, writeJson, type StoragePort } from "./storage.js";
import { emptyTranscript, trimTranscript, type Transcript } from "./sync.js";

/** How many messages the cache keeps. */
export const CACHE_LIMIT = 200;

/** The cached conversation and its transcript. */
export interface CachedChat {
  conversation: ConversationView | null;
  transcript: Transcript;
}

function isMessage(x: unknown): x is MessageView {
  const m = x as Partial<MessageView> | null;
  return !!m && typeof m.seq === "number" && typeof m.text === "string" && typeof m.conversationId === "string";
}

/** Reads the cache; a missing or malformed one is an empty chat. */
export function loadCache(storage: StoragePort): CachedChat {
  const raw = readJson(storage, STORAGE_KEYS.transcript) as Partial<CachedChat> | null;
  const conversation = raw?.conversation;
  const t = raw?.transcript;
  if (!conversation || typeof conversation.id !== "string" || !t || !Array.isArray(t.messages)) {
    return { conversation: null, transcript: emptyTranscript() };
  }
  const messages = t.messages.filter((m) => isMessage(m) && m.conversationId === conversation.id);
  const lastSeq = typeof t.lastSeq === "number" ? t.lastSeq : 0;
  return { conversation, transcript: { conversationId: conversation.id, lastSeq, messages } };
}

/** Writes the cache (trimmed), or removes it when there is no conversation. */
export function saveCache(storage: StoragePort, chat: CachedChat): void {
  if (!chat.conversation) return storage.remove(STORAGE_KEYS.transcript);
  writeJson(storage, STORAGE_KEYS.transcript, { ...chat, transcript: trimTranscript(chat.transcript, CACHE_LIMIT) });
}
