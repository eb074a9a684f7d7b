// Tickets, feedback and official accounts: the pages beside the chats. Entering a page loads it; the ticket
// inbox polls while on screen; signing out forgets everything they loaded.
import { effect, untracked, type ReadonlySignal } from "@preact/signals";
import { createFeedback, type FeedbackActions, type FeedbackPage } from "./feedback.js";
import { createOfficials, type OfficialsActions, type OfficialsPage } from "./officials.js";
import type { Route } from "./route.js";
import { createSettings, type SelfServiceSettings } from "./selfservice-config.js";
import type { SelfServiceContext } from "./selfservice-context.js";
import type { ConsoleState } from "./state.js";
import { createTicketDetail, type TicketDetail, type TicketDetailActions } from "./ticket-detail.js";
import { createTicketInbox, type TicketInbox, type TicketInboxActions } from "./ticket-inbox.js";

/** The ticket pages. */
export interface TicketsModel {
  inbox: TicketInbox;
  detail: TicketDetail;
  actions: Pick<TicketInboxActions, "setFilters" | "refresh"> & Pick<TicketDetailActions, "reply" | "setStatus">;
}

/** The feedback page. */
export interface FeedbackModel extends FeedbackPage {
  actions: Pick<FeedbackActions, "setFilters" | "refresh">;
}

/** The official-account registry. */
export interface OfficialsModel extends OfficialsPage {
  actions: Omit<OfficialsActions, "reset">;
}

/** Everything the self-service pages read and do. */
export interface SelfServiceModel {
  /** Ticket categories, channels, languages and upload limits from the server. */
  settings: ReadonlySignal<SelfServiceSettings>;
  tickets: TicketsModel;
  feedback: FeedbackModel;
  officials: OfficialsModel;
}

/** Creates the self-service pages' model; it follows `state.session`, `state.route` and `state.pageVisible`. */
export function createSelfService(ctx: SelfServiceContext, state: ConsoleState): SelfServiceModel {
  const settings = createSettings(ctx);
  const inbox = createTicketInbox(ctx);
  const detail = createTicketDetail(ctx, settings, inbox.actions.refresh);
  const feedback = createFeedback(ctx);
  const officials = createOfficials(ctx, () => state.agent.value?.role);

  function enter(route: Route, previous: Route | null): void {
    if (route.section === "tickets") {
      void settings.ensure();
      if (previous?.section !== "tickets" || inbox.inbox.tickets.value === null) void inbox.actions.refresh();
      void detail.actions.open(route.ticketId);
    } else if (route.section === "feedback") {
      void feedback.actions.refresh();
    } else if (route.section === "officials" && officials.page.allowed.value) {
      void settings.ensure();
      void officials.actions.refresh();
    }
  }

  function reset(): void {
    inbox.actions.reset();
    detail.actions.reset();
    feedback.actions.reset();
    officials.actions.reset();
    settings.reset();
  }

  let entered: Route | null = null;
  effect(() => {
    const signedIn = state.session.value === "signed-in";
    const route = state.route.value;
    const visible = state.pageVisible.value;
    untracked(() => {
      if (!signedIn) {
        if (entered !== null) reset();
        entered = null;
        return;
      }
      if (route !== entered) enter(route, entered);
      entered = route;
      inbox.actions.setPolling(route.section === "tickets" && visible);
    });
  });

  return {
    settings: settings.settings,
    tickets: {
      inbox: inbox.inbox,
      detail: detail.detail,
      actions: {
        setFilters: inbox.actions.setFilters,
        refresh: inbox.actions.refresh,
        reply: detail.actions.reply,
        setStatus: detail.actions.setStatus,
      },
    },
    feedback: { ...feedback.page, actions: { setFilters: feedback.actions.setFilters, refresh: feedback.actions.refresh } },
    officials: {
      ...officials.page,
      actions: {
        refresh: officials.actions.refresh,
        add: officials.actions.add,
        askRemoval: officials.actions.askRemoval,
        confirmRemoval: officials.actions.confirmRemoval,
      },
    },
  };
}
