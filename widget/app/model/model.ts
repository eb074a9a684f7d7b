// The chat app's model: signals derived from the headless client, the widget configuration and the loader,
// plus the actions components call. Only the model talks to the client and to the host page.
import { computed, effect, signal, type ReadonlySignal } from "@preact/signals";
import type { AttachmentView, LanguageCode, QueuesView, WidgetConfigView, WidgetSettingsView } from "../../../server/protocol/index.js";
import { STORAGE_KEYS, type StoragePort } from "../../client/storage.js";
import type { ChatClient, ChatState, ClientErrorCode, Result } from "../../client/types.js";
import { directionOf, errorText, type Dictionary } from "../i18n/index.js";
import { textFor, type Dictionaries } from "../i18n/load.js";
import type { HostBridge } from "./host-bridge.js";
import { createAdminTexts } from "./admin-texts.js";
import { pickLanguage } from "./language.js";
import { createQueueState } from "./queue-state.js";
import { createSections } from "./sections.js";
import { pagePlace } from "./page-url.js";

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
  /** The UI text (loaded on demand in browsers). */
  dictionaries: Dictionaries;
  /** Where the visitor's settings live (the mute switch): the app's one localStorage port. */
  settings: StoragePort;
  /** True while the browser tab is hidden (`document.hidden`); never hidden when absent. */
  tabHidden?: ReadonlySignal<boolean>;
  /** Plays the new-message sound. */
  chime?: () => void;
  /** The admins' texts and look for a language (`GET /api/widget/settings`); none when absent. */
  loadTexts?(language: string): Promise<WidgetSettingsView | null>;
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
  /** The visitor's own read marker as last raised here, for the conversation it belongs to. */
  const readUpTo = signal({ conversationId: "", seq: 0 });
  const prefill = signal({ name: "", email: "" });
  /** A claimed identity from the app page (`Parley.identify({ id, hash })`), unverified here. */
  const identity = signal<{ id: string; hash: string } | null>(null);
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
  const t: ReadonlySignal<Dictionary> = textFor(deps.dictionaries, language);
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
  const texts = createAdminTexts(language, deps.loadTexts ?? (async () => null));
  const sections = createSections({ client, chat, email: computed(() => startEmail.value || prefill.value.email) });

  const hidden = deps.tabHidden ?? signal(false);
  const muted = signal(deps.settings.get(STORAGE_KEYS.sound) === "off");
  client.subscribe((s) => (chat.value = s));
  // A claimed identity goes to the server once per id: the client switches to the customer's credentials if verified.
  identity.subscribe((claim) => {
    if (claim) void client.identify({ ...claim, ...(prefill.peek().name ? { name: prefill.peek().name } : {}), ...(prefill.peek().email ? { email: prefill.peek().email } : {}) });
  });
  const looking = computed(() => visible.value && !hidden.value);
  // Agent messages past the visitor's read marker (the server's, so the count survives a reload and other devices)
  // are unread while the visitor cannot see them (panel closed or tab hidden).
  const unread = computed(() => {
    if (looking.value) return 0;
    const { conversation, messages } = chat.value;
    const mine = readUpTo.value.conversationId === (conversation?.id ?? "") ? readUpTo.value.seq : 0;
    const seen = Math.max(conversation?.visitorReadSeq ?? 0, mine);
    return messages.filter((m) => m.author === "agent" && m.seq > seen).length;
  });
  // What the visitor can see is read: the marker moves here and on the server (the agent sees "Seen").
  effect(() => {
    const { conversation, messages } = chat.value;
    const last = messages.at(-1)?.seq ?? 0;
    if (!looking.value || !conversation || last === 0) return;
    const known = readUpTo.peek();
    if (known.conversationId !== conversation.id || known.seq < last) readUpTo.value = { conversationId: conversation.id, seq: last };
    client.markRead(last);
  });
  // A new agent message the visitor cannot see chimes, unless muted.
  client.on("message", (m) => {
    if (m.author === "agent" && !looking.value && !muted.value) deps.chime?.();
  });
  void deps.loadConfig(() => (configTrouble.value = true)).then((c) => (config.value = c));

  let lastSync: { lang: string; name: string; email: string; id?: string; hash?: string } = { lang: deps.langHint, name: "", email: "" };
  host?.onSync((s) => {
    if (s.open && !visible.value) focusRequest.value += 1;
    visible.value = s.open;
    pageUrl.value = pagePlace(s.page);
    // Only a change from the host page overrides what the visitor picked or typed.
    if (s.lang && s.lang !== lastSync.lang) [hint.value, picked.value] = [s.lang, null];
    if (s.name !== lastSync.name || s.email !== lastSync.email) prefill.value = { name: s.name ?? "", email: s.email ?? "" };
    if (s.id && s.hash && (s.id !== lastSync.id || s.hash !== lastSync.hash)) identity.value = { id: s.id, hash: s.hash };
    lastSync = { lang: s.lang, name: s.name ?? "", email: s.email ?? "", ...(s.id ? { id: s.id } : {}), ...(s.hash ? { hash: s.hash } : {}) };
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
    /**
     * The app page's `Parley.identify`: prefills name and email, and keeps `id` and `hash` (the site's HMAC of the
     * id) in `identity` for the identity check (IDENTITY_SECRET) to send; nothing here trusts them.
     */
    identify(who: { name?: string; email?: string; id?: string; hash?: string }) {
      prefill.value = { name: who.name ?? "", email: who.email ?? "" };
      identity.value = who.id && who.hash ? { id: who.id, hash: who.hash } : null;
    },
    /** The app page's `Parley.setLanguage` (before the first message, as in the embedded chat). */
    setLanguageHint: (code: string) => void ([hint.value, picked.value] = [code, null]),
    /** Mutes or unmutes the new-message sound (remembered on this device). */
    setMuted(value: boolean) {
      muted.value = value;
      if (value) deps.settings.set(STORAGE_KEYS.sound, "off");
      else deps.settings.remove(STORAGE_KEYS.sound);
    },
    minimize: () => host?.post({ type: "close" }),
    ...sections.actions,
    /** Moves the waiting chat to another language queue (the fallback of a closed one). */
    moveChat: (to: LanguageCode): Promise<Result> => client.move(to),
    /** Sends files uploaded to the open chat (files/AttachButton.tsx uploads them) in a message of their own. */
    sendFiles: (files: AttachmentView[]): Result => client.send("", files),
    /** The visitor's credentials for the chat's files. */
    fileAccess: () => client.fileAccess(),
    /** An error said in the UI language (for code loaded on demand, which then needs no i18n module of its own). */
    errorText: (code: ClientErrorCode): string => errorText(t.value, code),
  };

  return {
    chat,
    config,
    configTrouble,
    language,
    /** The admins' greeting, away and queue texts and colour for the language (null: the built-in ones). */
    texts,
    t,
    dir,
    maxLength,
    view,
    visible,
    muted,
    unread,
    prefill,
    identity,
    focusRequest,
    section: sections.section,
    ticketDraft: sections.ticketDraft,
    ...queueState,
    embedded: host !== null,
    actions,
  };
}
