// The chat app's model: signals derived from the headless client, the widget configuration and the loader,
// plus the actions components call. Only the model talks to the client and to the host page.
import { computed, effect, signal, type ReadonlySignal } from "@preact/signals";
import type { LanguageCode, QueuesView, WidgetConfigView } from "../../../server/protocol/index.js";
import type { ChatClient, ChatState, Result } from "../../client/types.js";
import { dictionaryFor, directionOf, type Dictionary } from "../i18n/index.js";
import type { HostBridge } from "./host-bridge.js";
import { pickLanguage } from "./language.js";
import { createQueueState } from "./queue-state.js";
import { createSections } from "./sections.js";

export { SECTIONS, type Section, type TicketDraft } from "./sections.js";

/** Which screen to show. */
export type View = "loading" | "prechat" | "chat" | "ended";

/** What the model needs. */
export interface ModelDeps {
  client: ChatClient;
  /** Resolves with the configuration, retrying as long as it takes and calling `onRetry` on each failure. */
  loadConfig(onRetry: () => void): Promise<WidgetConfigView>;
  /** The loader, or null when the page is not embedded. */
  host: HostBridge | null;
  /** The host page's language hint from the URL. */
  langHint: string;
  /** `navigator.languages`. */
  browserLanguages: readonly string[];
  /** `GET /api/queues`, or null when it cannot be had. */
  loadQueues(): Promise<QueuesView | null>;
  now?: () => number;
}

/** What the first message carries besides the language. */
export interface StartForm {
  name: string;
  email: string;
  text: string;
}

/** Build with {@link createModel}. */
export type Model = ReturnType<typeof createModel>;

/** Creates the model and starts following the client, the configuration and the loader. */
export function createModel(deps: ModelDeps) {
  const { client, host } = deps;
  const chat = signal<ChatState>(client.getState());
  const config = signal<WidgetConfigView | null>(null);
  const configTrouble = signal(false);
  const hint = signal(deps.langHint);
  const picked = signal<string | null>(null);
  const visible = signal(host === null);
  const unread = signal(0);
  const prefill = signal({ name: "", email: "" });
  const pageUrl = signal("");
  /** Bumped when the message box should take focus (panel opened, new chat). */
  const focusRequest = signal(0);
  /** The email the visitor gave when starting the chat (for the ticket form). */
  const startEmail = signal("");

  const language = computed(() => {
    const s = chat.value;
    const fixed = s.conversation?.language ?? s.pending.find((p) => p.start)?.start?.language;
    if (fixed) return fixed;
    const cfg = config.value;
    const codes = cfg?.languages.map((l) => l.code) ?? [];
    if (picked.value && codes.includes(picked.value)) return picked.value;
    return pickLanguage([hint.value, ...deps.browserLanguages], codes, cfg?.defaultLanguage ?? "en");
  });
  const t: ReadonlySignal<Dictionary> = computed(() => dictionaryFor(language.value));
  const dir = computed(() => directionOf(language.value));
  const maxLength = computed(() => config.value?.maxMessageLength ?? 4000);
  const hasChat = computed(() => {
    const s = chat.value;
    return (!!s.conversation && s.conversation.status !== "closed") || s.pending.length > 0;
  });
  const view = computed<View>(() => {
    const s = chat.value;
    if (s.conversation?.status === "closed") return "ended";
    if (s.conversation || s.pending.length > 0) return "chat";
    return config.value ? "prechat" : "loading";
  });

  const queueState = createQueueState({
    chat,
    language,
    prechatVisible: computed(() => visible.value && view.value === "prechat"),
    loadQueues: deps.loadQueues,
    now: deps.now,
  });
  const sections = createSections({ client, chat, email: computed(() => startEmail.value || prefill.value.email) });

  client.subscribe((s) => (chat.value = s));
  client.on("message", (m) => {
    if (m.author === "agent" && !visible.value) unread.value += 1;
  });
  void deps.loadConfig(() => (configTrouble.value = true)).then((c) => (config.value = c));

  let lastSync = { lang: deps.langHint, name: "", email: "" };
  host?.onSync((s) => {
    if (s.open && !visible.value) focusRequest.value += 1;
    visible.value = s.open;
    if (s.open) unread.value = 0;
    pageUrl.value = s.page;
    // Only a change from the host page overrides what the visitor picked or typed.
    if (s.lang && s.lang !== lastSync.lang) [hint.value, picked.value] = [s.lang, null];
    if (s.name !== lastSync.name || s.email !== lastSync.email) prefill.value = { name: s.name ?? "", email: s.email ?? "" };
    lastSync = { lang: s.lang, name: s.name ?? "", email: s.email ?? "" };
  });
  host?.post({ type: "ready" });
  effect(() => host?.post({ type: "state", conv: hasChat.value, unread: unread.value }));

  const actions = {
    startChat(form: StartForm): Result {
      startEmail.value = form.email.trim();
      return client.startChat({
        language: language.value,
        text: form.text,
        ...(form.name.trim() ? { name: form.name.trim() } : {}),
        ...(form.email.trim() ? { email: form.email.trim() } : {}),
        ...(pageUrl.value ? { pageUrl: pageUrl.value } : {}),
      });
    },
    send: (text: string): Result => client.send(text),
    typing: (active: boolean) => client.setTyping(active),
    retry: (id: string) => client.retry(id),
    discard: (id: string) => client.discard(id),
    endChat: (): Promise<Result> => client.end(),
    rate: (score: number, comment: string): Promise<Result> => client.rate(score, comment),
    newChat() {
      client.newChat();
      focusRequest.value += 1;
    },
    chooseLanguage: (code: string) => void (picked.value = code),
    minimize: () => host?.post({ type: "close" }),
    ...sections.actions,
    /** Moves the waiting chat to another language queue (the fallback of a closed one). */
    moveChat: (to: LanguageCode): Promise<Result> => client.move(to),
  };

  return {
    chat,
    config,
    configTrouble,
    language,
    t,
    dir,
    maxLength,
    view,
    visible,
    prefill,
    focusRequest,
    section: sections.section,
    ticketDraft: sections.ticketDraft,
    ...queueState,
    embedded: host !== null,
    actions,
  };
}
