// The console model's public shape: what it runs on, what components may read, and what they may do.
import type { ReadonlySignal } from "@preact/signals";
import type { AgentSelfView, AgentStatus, BoardView, ClientMessageId, ConversationId } from "../../server/protocol/index.js";
import type { StoragePort } from "../../widget/client/storage.js";
import type { AdminModel } from "./admin.js";
import type { AlertPort, AlertsModel } from "./alerts.js";
import type { ChatEntry } from "./chat-entry.js";
import type { HttpPort } from "./http-port.js";
import type { Outgoing } from "./outbox.js";
import type { AgentTransport, AuthApi, Timers } from "./ports.js";
import type { Route, SectionLink } from "./route.js";
import type { SelfServiceModel } from "./selfservice.js";
import type { TransferOptionsResult, TransferTarget } from "./transfer.js";
import type { ConnectionState, Notice, SessionPhase } from "./state.js";

/** What the model runs on. */
export interface ConsoleDeps {
  auth: AuthApi;
  transport: AgentTransport;
  /** The self-service HTTP API (tickets, feedback, official accounts). */
  http: HttpPort;
  /** A new UUID for each outgoing message. */
  newId(): string;
  timers?: Timers;
  now?(): number;
  /** Sound and desktop notifications (default: none). */
  alerts?: AlertPort;
  /** Where the console remembers the agent's settings on this device (default: for the page's life only). */
  settings?: StoragePort;
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
  /** Adds `text` as an internal note (never sent to the customer); resolves true once stored. */
  addNote(id: ConversationId, text: string): Promise<boolean>;
  /** Where chat `id` may be transferred (colleagues, with why some cannot take it now; other queues). */
  transferOptions(id: ConversationId): Promise<TransferOptionsResult>;
  /** Transfers chat `id` with a note: null once done (it leaves the list), else why not, for the agent. */
  transfer(id: ConversationId, visitorName: string, to: TransferTarget, note: string): Promise<string | null>;
  /** Declines chat `id`, just handed over by a colleague. */
  decline(id: ConversationId): Promise<void>;
  /** Supervisors: subscribe to the live board (entering the Board page) … */
  watchBoard(): Promise<void>;
  /** … and unsubscribe (leaving it); also stops following a conversation. */
  unwatchBoard(): Promise<void>;
  /** Supervisors: follow conversation `id` silently (read-only); null once shown, else why not. */
  watchConversation(id: ConversationId): Promise<string | null>;
  stopWatching(): Promise<void>;
  /** Supervisors: take conversation `id` over (it becomes theirs); null once done, else why not. */
  takeOver(id: ConversationId): Promise<string | null>;
  /** Gives waiting customer `id` to agent `agentId` (or the supervisor themselves); null once done, else why not. */
  assign(id: ConversationId, agentId: string, epoch: number): Promise<string | null>;
  retryMessage(messageId: ClientMessageId): void;
  /** Uploads a file to the conversation and sends it; resolves with why not, or null once it is on its way. */
  sendFile(conversationId: ConversationId, file: File): Promise<string | null>;
  discardMessage(messageId: ClientMessageId): void;
  editMessage(messageId: ClientMessageId): void;
  dismissNotice(id: number): void;
  /** The pointer is over the notices, or the focus in them (true), or no longer (false): news stays while held. */
  holdNotices(by: "pointer" | "focus", held: boolean): void;
  setPageVisible(visible: boolean): void;
  /** Shows a section (the location hash changed); entering a page loads it. */
  navigate(route: Route): void;
  /** Mutes or unmutes the alert sound (remembered on this device). */
  setMuted(muted: boolean): void;
  /** Asks the browser to allow desktop notifications (call only on the agent's click). */
  requestNotifications(): Promise<void>;
  /** Emails conversation `id`'s transcript (never its notes) to the customer; resolves true once queued. */
  emailTranscript(id: ConversationId): Promise<boolean>;
}

/** Everything components may read. */
export interface ConsoleModel extends SelfServiceModel, AdminModel, AlertsModel {
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
  /** The supervisors' live board while the Board page is open (null before the first state). */
  board: ReadonlySignal<BoardView | null>;
  boardError: ReadonlySignal<string | null>;
  /** The conversation followed silently from the board. */
  watched: ReadonlySignal<ChatEntry | null>;
  /** The section on screen. */
  route: ReadonlySignal<Route>;
  /** The sections the signed-in agent's role may use, in navigation order. */
  sections: ReadonlySignal<readonly SectionLink[]>;
  /** Conversations whose "Email transcript" request is on its way. */
  transcriptSending: ReadonlySignal<ReadonlySet<ConversationId>>;
  actions: ConsoleActions;
}
