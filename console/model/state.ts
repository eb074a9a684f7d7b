// The console's state as signals. Only actions write them; components read them.
import { computed, signal, type ReadonlySignal, type Signal } from "@preact/signals";
import type { AgentSelfView, BoardView, ConversationId } from "../../server/protocol/index.js";
import { sortEntries, type ChatEntry } from "./chat-entry.js";
import { unreadTotal, type ChatMap } from "./chat-map.js";
import type { Outgoing } from "./outbox.js";
import type { Route } from "./route.js";

/** Whether an agent is signed in (`checking` while the session cookie is being asked about). */
export type SessionPhase = "checking" | "signed-out" | "signed-in";

/** The /agent socket as the agent sees it. */
export type ConnectionState = "offline" | "connecting" | "connected" | "reconnecting";

/** How a notice reads: news, or something that went wrong. */
export type NoticeTone = "info" | "error";

/** A short message for the agent: news fades, an error stays until dismissed. */
export interface Notice {
  id: number;
  text: string;
  tone: NoticeTone;
}

/** Every signal of the console. */
export interface ConsoleState {
  session: Signal<SessionPhase>;
  agent: Signal<AgentSelfView | null>;
  /** Why signing in failed, or why the agent was signed out. */
  signInError: Signal<string | null>;
  signInBusy: Signal<boolean>;
  connection: Signal<ConnectionState>;
  chats: Signal<ChatMap>;
  outbox: Signal<readonly Outgoing[]>;
  /** Unsent reply text per conversation. */
  drafts: Signal<ReadonlyMap<ConversationId, string>>;
  openId: Signal<ConversationId | null>;
  /** Whether the console tab is visible (messages in the open chat count as read only then). */
  pageVisible: Signal<boolean>;
  /** The section on screen (from the location hash). */
  route: Signal<Route>;
  notices: Signal<readonly Notice[]>;
  /** The supervisors' live board while watched (null otherwise). */
  board: Signal<BoardView | null>;
  /** Why the board could not be shown (null when it is, or is loading). */
  boardError: Signal<string | null>;
  /** The conversation a supervisor follows silently from the board (read-only), or null. */
  watched: Signal<ChatEntry | null>;
  /** The conversations in list order. */
  conversations: ReadonlySignal<ChatEntry[]>;
  openChat: ReadonlySignal<ChatEntry | null>;
  /** Unread visitor messages across all conversations. */
  unreadTotal: ReadonlySignal<number>;
}

/** Fresh, signed-out-looking state (`checking` until the session is known). */
export function createConsoleState(): ConsoleState {
  const chats = signal<ChatMap>(new Map());
  const openId = signal<ConversationId | null>(null);
  return {
    session: signal<SessionPhase>("checking"),
    agent: signal<AgentSelfView | null>(null),
    signInError: signal<string | null>(null),
    signInBusy: signal(false),
    connection: signal<ConnectionState>("offline"),
    chats,
    outbox: signal<readonly Outgoing[]>([]),
    drafts: signal<ReadonlyMap<ConversationId, string>>(new Map()),
    openId,
    pageVisible: signal(true),
    route: signal<Route>({ section: "chats" }),
    notices: signal<readonly Notice[]>([]),
    board: signal<BoardView | null>(null),
    boardError: signal<string | null>(null),
    watched: signal<ChatEntry | null>(null),
    conversations: computed(() => sortEntries(chats.value.values())),
    openChat: computed(() => (openId.value === null ? null : (chats.value.get(openId.value) ?? null))),
    unreadTotal: computed(() => unreadTotal(chats.value)),
  };
}

/** Clears everything an agent's session left behind (on sign-out or an ended session). */
export function clearSessionData(state: ConsoleState): void {
  state.agent.value = null;
  state.connection.value = "offline";
  state.chats.value = new Map();
  state.outbox.value = [];
  state.drafts.value = new Map();
  state.openId.value = null;
  state.notices.value = [];
  state.board.value = null;
  state.boardError.value = null;
  state.watched.value = null;
}
