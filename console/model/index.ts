// The console model: signals for components to read, actions for them to call. It alone talks to the
// server, through the injected ports, so it runs the same in the browser and in tests.
import { computed } from "@preact/signals";
import { createAdminPages } from "./admin.js";
import { createAlerts, silentAlertPort } from "./alerts.js";
import { createMemoryStorage } from "../../widget/client/storage.js";
import { createBoardActions } from "./board.js";
import type { ModelContext } from "./context.js";
import { createConversationActions } from "./conversations.js";
import { createHistoryActions } from "./history.js";
import { createNoteAction } from "./notes.js";
import { addNotice, dismissNotice, holdNotices } from "./notices.js";
import type { Timers } from "./ports.js";
import { createReadingActions } from "./reading.js";
import { createReceiver } from "./receiving.js";
import { sectionsFor } from "./route.js";
import { createSelfService } from "./selfservice.js";
import { createSelfServiceContext } from "./selfservice-context.js";
import { createSendingActions } from "./sending.js";
import { createServerEvents } from "./server-events.js";
import { createSessionActions } from "./session.js";
import { createConsoleState } from "./state.js";
import { createStatusAction } from "./status.js";
import { createTranscriptEmail } from "./transcript-email.js";
import { createTransferActions } from "./transfer.js";
import { createTypingNotifier } from "./typing-notifier.js";
import type { ConsoleDeps, ConsoleModel } from "./types.js";

export type { ChatEntry, ConsoleConversation, ConversationRating } from "./chat-entry.js";
export type { Outgoing } from "./outbox.js";
export type { AgentTransport, AuthApi, AuthResult, RequestResult, Timers, TransportListener } from "./ports.js";
export type { ConnectionState, Notice, NoticeTone, SessionPhase } from "./state.js";
export type { ConsoleActions, ConsoleDeps, ConsoleModel } from "./types.js";
export type { HttpFailure, HttpPort, HttpRequest, HttpResult, Issue, ServerError } from "./http-port.js";
export type { Route, SectionId, SectionLink } from "./route.js";
export type { FeedbackModel, OfficialsModel, SelfServiceModel, TicketsModel } from "./selfservice.js";
export type { Choice, SelfServiceSettings } from "./selfservice-config.js";
export type { FeedbackFilters } from "./feedback.js";
export type { NewOfficialAccount } from "./officials.js";
export type { AdminModel, AgentsModel } from "./admin.js";
export type { TransferOptionsResult, TransferTarget } from "./transfer.js";
export type { AgentDraft } from "./agents.js";
export type { StatusChange, TicketFilters } from "./ticket-rules.js";
export type { Alert, AlertPort, NotificationPermissionState } from "./alerts.js";
export { SHORTCUTS, commandFor, neighbourChat, type ShortcutCommand } from "./shortcuts.js";

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
  const conversations = createConversationActions(ctx, history, reading, typing);
  const alerts = createAlerts({
    port: deps.alerts ?? silentAlertPort,
    settings: deps.settings ?? createMemoryStorage(),
    pageVisible: () => state.pageVisible.value,
    open: (id) => {
      reading.setRoute({ section: "chats" });
      conversations.open(id);
    },
  });
  const receive = createReceiver(ctx, history, reading, alerts.raise);
  const sending = createSendingActions(ctx, typing, receive, deps.http);
  const transfers = createTransferActions(ctx, conversations.dismiss);
  const board = createBoardActions(ctx);
  const server = createServerEvents(ctx, { conversations, reading, typing, receive, watched: board.receiveWatched, alert: alerts.raise });
  const session = createSessionActions(ctx, {
    connect: () =>
      deps.transport.open({
        connection(signal) {
          if (signal === "unauthorized") return session.expire();
          state.connection.value = signal;
          if (signal !== "connected") return;
          void conversations.refresh();
          sending.flushAll();
          board.resubscribe();
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
  const httpContext = createSelfServiceContext({
    http: deps.http,
    timers: ctx.timers,
    now: ctx.now,
    notify: (text, tone) => addNotice(ctx, text, tone),
    expire: () => session.expire(),
  });
  const selfService = createSelfService(httpContext, state);
  const admin = createAdminPages(httpContext, state);
  const transcriptEmail = createTranscriptEmail(httpContext);

  return {
    ...selfService,
    ...admin,
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
    board: state.board,
    boardError: state.boardError,
    watched: state.watched,
    route: state.route,
    sections: computed(() => sectionsFor(state.agent.value?.role)),
    muted: alerts.muted,
    notificationPermission: alerts.notificationPermission,
    transcriptSending: transcriptEmail.sending,
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
      sendFile: sending.sendFile,
      addNote: createNoteAction(ctx),
      transferOptions: transfers.transferOptions,
      transfer: transfers.transfer,
      decline: transfers.decline,
      watchBoard: board.watchBoard,
      unwatchBoard: board.unwatchBoard,
      watchConversation: board.watchConversation,
      stopWatching: board.stopWatching,
      takeOver: board.takeOver,
      assign: board.assign,
      retryMessage: sending.retry,
      discardMessage: sending.discard,
      editMessage: sending.edit,
      dismissNotice: (id) => dismissNotice(state, id),
      holdNotices: (by, held) => holdNotices(state, by, held),
      setPageVisible: reading.setPageVisible,
      navigate: reading.setRoute,
      setMuted: alerts.setMuted,
      requestNotifications: alerts.requestNotifications,
      emailTranscript: transcriptEmail.send,
    },
  };
}
