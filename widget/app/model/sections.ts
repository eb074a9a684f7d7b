// The parts of the panel (Chat, Help, Feedback, Verify) and the ticket draft that "Leave a message" hands to the
// Help part: what the visitor typed before the chat, or the waiting chat the ticket takes over.
import { signal, type ReadonlySignal } from "@preact/signals";
import type { ChatClient, ChatState } from "../../client/types.js";

/** The parts of the panel: the chat (default) and the self-service parts. */
export const SECTIONS = ["chat", "help", "feedback", "verify"] as const;
export type Section = (typeof SECTIONS)[number];

/** What the ticket form starts with when the visitor chose "Leave a message" somewhere. */
export interface TicketDraft {
  /** Changes with every new draft, so the form starts over from it. */
  id: number;
  email: string;
  description: string;
  /** The waiting chat the ticket takes over (its transcript is attached and it is closed), or null. */
  chat: { conversationId: string; visitorId: string; visitorToken: string } | null;
}

/** What {@link createSections} follows. */
export interface SectionsDeps {
  client: ChatClient;
  chat: ReadonlySignal<ChatState>;
  /** The email to propose: the one given at the start of the chat, else the host page's. */
  email: ReadonlySignal<string>;
}

/** Creates the section and draft signals and their actions. */
export function createSections({ client, chat, email }: SectionsDeps) {
  const section = signal<Section>("chat");
  const ticketDraft = signal<TicketDraft>({ id: 0, email: "", description: "", chat: null });
  const draft = (next: Omit<TicketDraft, "id">) => {
    ticketDraft.value = { id: ticketDraft.value.id + 1, ...next };
    section.value = "help";
  };
  const actions = {
    showSection: (next: Section) => void (section.value = next),
    /** Before the chat: opens the ticket form with what the visitor typed. */
    leaveMessage: (from: { email: string; text: string }) => draft({ email: from.email.trim(), description: from.text, chat: null }),
    /** While waiting: opens the ticket form that takes the chat over (the server attaches the transcript and closes it). */
    leaveMessageFromChat() {
      const s = chat.value;
      const creds = client.credentials();
      const open = s.conversation && s.conversation.status !== "closed" ? s.conversation : null;
      const typed = [...s.messages.filter((m) => m.author === "visitor").map((m) => m.text), ...s.pending.map((p) => p.text)];
      draft({
        email: email.value,
        description: typed.join("\n\n"),
        chat: open && creds ? { conversationId: open.id, visitorId: creds.visitorId, visitorToken: creds.token } : null,
      });
    },
  };
  return { section, ticketDraft, actions };
}
