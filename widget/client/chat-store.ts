// The client's in-memory view of the chat: conversation, transcript, connection and typing, folded from
// acks and server events, cached in storage, published as immutable ChatState snapshots.
import type { ConversationView, MessageView } from "../../server/protocol/index.js";
import { loadCache, saveCache } from "./cache.js";
import type { Outbox } from "./outbox.js";
import type { StoragePort } from "./storage.js";
import { emptyTranscript, mergeMessages, type Transcript } from "./sync.js";
import type { ChatState, ConnectionStatus } from "./types.js";

/** The mutable chat model behind a client. */
export interface ChatStore {
  /** The current conversation if it is not closed. */
  open(): ConversationView | null;
  current(): ConversationView | null;
  transcript(): Transcript;
  /**
   * Takes a conversation view from the server. Returns whether messages are missing (its `lastSeq` is
   * ahead of the transcript). Views of dismissed or older conversations are ignored.
   */
  adopt(conversation: ConversationView): boolean;
  /** Merges messages; returns the new ones and whether a hole remains. */
  apply(messages: readonly MessageView[]): { added: MessageView[]; gap: boolean };
  /** The server no longer lists the open conversation: show it as closed. */
  markClosed(): void;
  /** Forgets a closed conversation so a new chat can start. */
  dismiss(): void;
  setConnection(status: ConnectionStatus): void;
  setAgentTyping(typing: boolean): void;
  /** Publishes the changes made since the last commit; returns the new snapshot. */
  commit(): ChatState;
  snapshot(): ChatState;
}

/** Creates the store from the storage cache. */
export function createChatStore(storage: StoragePort, outbox: Outbox): ChatStore {
  const cached = loadCache(storage);
  let conversation = cached.conversation;
  let transcript = cached.transcript;
  let connection: ConnectionStatus = "idle";
  let agentTyping = false;
  const dismissed = new Set<string>();

  const build = (): ChatState => {
    const stored = new Set(transcript.messages.map((m) => m.id));
    const pending = outbox.list().filter((m) => !stored.has(m.id));
    return { connection, conversation, messages: transcript.messages, pending, agentTyping };
  };
  let state = build();

  return {
    open: () => (conversation && conversation.status !== "closed" ? conversation : null),
    current: () => conversation,
    transcript: () => transcript,
    adopt(c) {
      if (dismissed.has(c.id)) return false;
      if (conversation && c.id !== conversation.id && c.createdAt < conversation.createdAt) return false;
      if (c.id !== transcript.conversationId) transcript = emptyTranscript(c.id);
      if (c.id !== conversation?.id || c.status === "closed") agentTyping = false;
      conversation = c;
      return c.status !== "closed" && c.lastSeq > transcript.lastSeq;
    },
    apply(messages) {
      const r = mergeMessages(transcript, messages);
      transcript = r.transcript;
      for (const m of r.added) {
        if (m.author === "visitor") outbox.remove(m.id);
        if (m.author === "agent") agentTyping = false;
      }
      return { added: r.added, gap: r.gap };
    },
    markClosed() {
      if (!conversation || conversation.status === "closed") return;
      conversation = { ...conversation, status: "closed", queue: null, closedAt: conversation.closedAt ?? Date.now() };
      agentTyping = false;
    },
    dismiss() {
      if (conversation) dismissed.add(conversation.id);
      conversation = null;
      transcript = emptyTranscript();
      agentTyping = false;
      outbox.clearFailed();
    },
    setConnection(status) {
      connection = status;
      if (status !== "connected") agentTyping = false;
    },
    setAgentTyping(typing) {
      agentTyping = typing && !!conversation && conversation.status !== "closed";
    },
    commit() {
      state = build();
      saveCache(storage, { conversation, transcript });
      return state;
    },
    snapshot: () => state,
  };
}
