// The console model: signals for components to read, actions for them to call. It alone talks to the
// server, through the injected ports, so it runs the same in the browser and in tests.
import type { ReadonlySignal } from "@preact/signals";
import type { AgentSelfView, AgentStatus, ClientMessageId, ConversationId } from "../../server/protocol/index.js";
import type { ChatEntry } from "./chat-entry.js";
import type { ModelContext } from "./context.js";
import { createConversationActions } from "./conversations.js";
import { createHistoryActions } from "./history.js";
import { dismissNotice } from "./notices.js";
import type { Outgoing } from "./outbox.js";
import type { AgentTransport, AuthApi, Timers } from "./ports.js";
import { createReadingActions } from "./reading.js";
import { createReceiver } from "./receiving.js";
import { createSendingActions } from "./sending.js";
import { createServerEvents } from "./server-events.js";
import { createSessionActions } from "./session.js";
import { createConsoleState, type ConnectionState, type Notice, type SessionPhase } from "./state.js";
import { createStatusAction } from "./status.js";
import { createTypingNotifier } from "./typing-notifier.js";

export type { ChatEntry, ConsoleConversation, ConversationRating } from "./chat-entry.js";
export type { Outgoing } from "./outbox.js";
export type { AgentTransport, AuthApi, AuthResult, RequestResult, Timers, TransportListener } from "./ports.js";
export type { ConnectionState, Notice, NoticeTone, SessionPhase } from "./state.js";

/** What the model runs on. */
export interface ConsoleDeps {
  auth: AuthApi;
  transport: AgentTransport;
  /** A new UUID for each outgoing message. */
  newId(): string;
  timers?: Timers;
  now?(): number;
}

/** Everything components may do. */
export interface ConsoleActions {
  /** Checks the session cookie; call once on load. */
  start(): Promise<void>;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  setStatus(status: AgentStatus): Promise<void>;
  openConversation(id: ConversationId): void;
  closeConversation(id: ConversationId): Promise<void>;
  dismissConversation(id: ConversationId): void;
  setDraft(id: ConversationId, text: string): void;
  send(id: ConversationId): void;
  retryMessage(messageId: ClientMessageId): void;
  discardMessage(messageId: ClientMessageId): void;
  editMessage(messageId: ClientMessageId): void;
  dismissNotice(id: number): void;
  setPageVisible(visible: boolean): void;
}

/** Everything components may read. */
export interface ConsoleModel {
  session: ReadonlySignal<SessionPhase>;
  agent: ReadonlySignal<AgentSelfView | null>;
  signInError: ReadonlySignal<string | null>;
  signInBusy: ReadonlySignal<boolean>;
  connection: ReadonlySignal<ConnectionState>;
  /** The conversations in list order (active first, oldest first). */
  conversations: ReadonlySignal<ChatEntry[]>;
  openId: ReadonlySignal<ConversationId | null>;
  openChat: ReadonlySignal<ChatEntry | null>;
  outbox: ReadonlySignal<readonly Outgoing[]>;
  drafts: ReadonlySignal<ReadonlyMap<ConversationId, string>>;
  notices: ReadonlySignal<readonly Notice[]>;
  unreadTotal: ReadonlySignal<number>;
  actions: ConsoleActions;
}

const realTimers: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout> | undefined),
};

/** Creates the console model. Nothing happens until `actions.start()`. */
export function createConsoleModel(deps: ConsoleDeps): ConsoleModel {
  const state = createConsoleState();
  const ctx: ModelContext = {
    state,
    transport: deps.transport,
    auth: deps.auth,
    timers: deps.timers ?? realTimers,
    now: deps.now ?? Date.now,
    newId: deps.newId,
  };
  const typing = createTypingNotifier({
    send: (conversationId, isTyping) => void deps.transport.request("typing:set", { conversationId, typing: isTyping }),
    timers: ctx.timers,
    now: ctx.now,
  });
  const reading = createReadingActions(ctx);
  const history = createHistoryActions(ctx, reading.readIfAttending);
  const receive = createReceiver(ctx, history, reading);
  const conversations = createConversationActions(ctx, history, reading, typing);
  const sending = createSendingActions(ctx, typing, receive);
  const server = createServerEvents(ctx, { conversations, reading, typing, receive });
  const session = createSessionActions(ctx, {
    connect: () =>
      deps.transport.open({
        connection(signal) {
          if (signal === "unauthorized") return session.expire();
          state.connection.value = signal;
          if (signal !== "connected") return;
          void conversations.refresh();
          sending.flushAll();
        },
        events: server.events,
      }),
    disconnect() {
      deps.transport.close();
      typing.reset();
      history.reset();
      server.reset();
    },
  });

  return {
    session: state.session,
    agent: state.agent,
    signInError: state.signInError,
    signInBusy: state.signInBusy,
    connection: state.connection,
    conversations: state.conversations,
    openId: state.openId,
    openChat: state.openChat,
    outbox: state.outbox,
    drafts: state.drafts,
    notices: state.notices,
    unreadTotal: state.unreadTotal,
    actions: {
      start: session.start,
      signIn: session.signIn,
      signOut: session.signOut,
      setStatus: createStatusAction(ctx),
      openConversation: conversations.open,
      closeConversation: conversations.close,
      dismissConversation: conversations.dismiss,
      setDraft: sending.setDraft,
      send: sending.send,
      retryMessage: sending.retry,
      discardMessage: sending.discard,
      editMessage: sending.edit,
      dismissNotice: (id) => dismissNotice(state, id),
      setPageVisible: reading.setPageVisible,
    },
  };
}
