// The public types of the headless chat client.
import type { AttachmentView, ConversationView, ErrorCode, LanguageCode, MessageView, VisitorCredentials } from "../../server/protocol/index.js";
import type { BackoffOptions } from "./backoff.js";
import type { Handler } from "./emitter.js";
import type { StoragePort } from "./storage.js";
import type { IoFactory } from "./transport.js";

/**
 * `idle` before `start()` and after `stop()`; `connecting` until the first connection; `connected`;
 * `reconnecting` after a connection was lost or could not be made (the client keeps trying).
 */
export type ConnectionStatus = "idle" | "connecting" | "connected" | "reconnecting";

/** Server error codes, plus `timeout` (no ack in time) and `offline` (not connected when asked). */
export type ClientErrorCode = ErrorCode | "timeout" | "offline";

/** Why something failed. `message` is for logs; show a text chosen by `code`. */
export interface ClientError {
  code: ClientErrorCode;
  message: string;
}

/** The outcome of an action that talks to the server. */
export type Result = { ok: true } | { ok: false; error: ClientError };

/** What the first message of a chat carries besides its text. */
export interface StartDetails {
  language: LanguageCode;
  name?: string;
  email?: string;
  pageUrl?: string;
}

/** A message typed by the visitor and not yet stored by the server. */
export interface PendingMessage {
  id: string;
  text: string;
  /** Client time of typing (display only). */
  at: number;
  /** `sending` is queued or in flight (retried on its own); `failed` was refused and waits for `retry`. */
  status: "sending" | "failed";
  error: ClientError | null;
  /** Present on the message that starts a chat. */
  start: StartDetails | null;
  /** Files already uploaded to the conversation that the message carries (absent when none). */
  attachments?: AttachmentView[];
}

/** How to reach the conversation's files: `uploadUrl` is null without an open conversation (downloads still work). */
export interface FileAccess {
  uploadUrl: string | null;
  baseUrl: string;
  /** The visitor's credentials (and the CSRF header uploads need). */
  headers: Record<string, string>;
}

/** Everything a UI needs to draw the chat. Replaced (never mutated) on each change. */
export interface ChatState {
  connection: ConnectionStatus;
  /** The current conversation: open, or closed and still shown (rating). `null` before a chat. */
  conversation: ConversationView | null;
  /** Stored messages of the current conversation, ascending by `seq`, without gaps or duplicates. */
  messages: readonly MessageView[];
  /** The outbox, in typing order. */
  pending: readonly PendingMessage[];
  /** Whether the agent is typing right now. */
  agentTyping: boolean;
}

/** What `startChat` needs: the start details and the first message. */
export interface StartChatInput extends StartDetails {
  text: string;
}

/** Events of a chat client. `message` fires once per message newly added to the transcript. */
export type ChatClientEvents = {
  state: ChatState;
  message: MessageView;
};

/** What a chat client needs. Only `baseUrl` and `storage` are required. */
export interface ChatClientOptions {
  /** The chat server's origin, e.g. `https://chat.example.com`. */
  baseUrl: string;
  storage: StoragePort;
  fetch?: typeof fetch;
  io?: IoFactory;
  /** How long to wait for an ack (default 10 s). */
  ackTimeoutMs?: number;
  backoff?: BackoffOptions;
  newId?: () => string;
}

/** A visitor's chat: state to draw, actions to call. */
export interface ChatClient {
  getState(): ChatState;
  /** Calls `listener` on every state change; returns the unsubscribe function. */
  subscribe(listener: Handler<ChatState>): () => void;
  /** `state` on every change, `message` once per new transcript message. */
  on<K extends keyof ChatClientEvents>(type: K, handler: Handler<ChatClientEvents[K]>): () => void;
  /**
   * Connects (registering a visitor if needed), resumes the open conversation, flushes the outbox. With
   * `lazy`, a storage that holds nothing yet (no visitor, chat or outbox) connects only on the first message,
   * so a visitor who merely opens the widget creates nothing on the server.
   */
  start(options?: { lazy?: boolean }): void;
  stop(): void;
  /** Queues the first message of a chat; it is sent as soon as the connection allows. */
  startChat(input: StartChatInput): Result;
  /** Queues a message in the open chat; with `attachments` (uploaded with `fileAccess`) the text may be empty. */
  send(text: string, attachments?: AttachmentView[]): Result;
  /**
   * Where and how to upload a file to the open conversation and to download its files (`POST {uploadUrl}` with
   * `headers`, docs/protocol.md "Files in chat"); null without an open conversation or credentials.
   */
  fileAccess(): FileAccess | null;
  /** Queues a failed message again (same id). */
  retry(id: string): void;
  /** Drops a pending or failed message. */
  discard(id: string): void;
  setTyping(typing: boolean): void;
  end(): Promise<Result>;
  /** Moves the waiting conversation to another language queue (the fallback when its own is closed). */
  move(language: LanguageCode): Promise<Result>;
  /**
   * The visitor's credentials, or null before the first connection: sent with a ticket that takes over the
   * waiting chat, so that the server can check the chat is the visitor's own.
   */
  credentials(): VisitorCredentials | null;
  /**
   * The visitor has seen the current conversation up to `seq` (the panel is open and the tab visible): sends
   * `conversation:read` when connected and `seq` is past what the server knows (`visitorReadSeq`) and what was sent.
   * Call it again on later changes; nothing is queued while offline.
   */
  markRead(seq: number): void;
  /** Rates the closed conversation, 1 (Terrible) to 5 (Fantastic). */
  rate(score: number, comment?: string): Promise<Result>;
  /** Forgets the closed conversation so that the next message starts a new one. */
  newChat(): void;
  /**
   * A verified identity (`Parley.identify({ id, hash })` with IDENTITY_SECRET on the server): asks the server to verify
   * the site's signature and, when it does, switches this device to the customer's credentials (their conversations
   * from any device). Resolves true when verified; false changes nothing. Checked once per id and device.
   */
  identify(claim: { id: string; hash: string; name?: string; email?: string }): Promise<boolean>;
}
