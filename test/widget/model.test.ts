import { describe, expect, it, vi } from "vitest";
import type { ConversationView, MessageView, QueueInfoView, QueuesView, WidgetConfigView } from "../../server/protocol/index.js";
import type { HostState } from "../../widget/bridge/protocol.js";
import { createEmitter } from "../../widget/client/emitter.js";
import type { ChatClient, ChatClientEvents, ChatState } from "../../widget/client/types.js";
import type { HostBridge } from "../../widget/app/model/host-bridge.js";
import { signal } from "@preact/signals";
import { allDictionaries } from "../../widget/app/i18n/all.js";
import { createMemoryStorage, STORAGE_KEYS } from "../../widget/client/storage.js";
import { createModel } from "../../widget/app/model/model.js";

const CONFIG: WidgetConfigView = { languages: [{ code: "en", name: "English" }, { code: "de", name: "Deutsch" }], defaultLanguage: "en", maxMessageLength: 500 };
const EMPTY: ChatState = { connection: "idle", conversation: null, messages: [], pending: [], agentTyping: false };
const conversation = (over: Partial<ConversationView> = {}): ConversationView => ({
  id: "c1", language: "de", status: "queued", agentName: null, queue: { position: 1, waiting: 1, etaSeconds: 60, etaRange: [30, 120], etaReliable: true, computedAt: 1, peak: false, open: true, closing: false, fallback: null }, lastSeq: 1, createdAt: 1, closedAt: null, closedBy: null, rated: false, visitorReadSeq: 0, ...over,
});
const agentMessage = (seq: number): MessageView => ({ id: `a${seq}`, conversationId: "c1", seq, author: "agent", authorName: "Alex", text: "hi", at: seq });

function fakeClient() {
  const events = createEmitter<ChatClientEvents>();
  let state = EMPTY;
  const client = {
    getState: () => state,
    subscribe: (fn: (s: ChatState) => void) => events.on("state", fn),
    on: events.on,
    startChat: vi.fn(() => ({ ok: true as const })),
    send: vi.fn(() => ({ ok: true as const })),
    move: vi.fn(async () => ({ ok: true as const })),
    markRead: vi.fn(),
    credentials: () => ({ visitorId: "v1", token: "secret-token" }),
  } as unknown as ChatClient;
  return {
    client,
    startChat: (client.startChat as ReturnType<typeof vi.fn>),
    set(next: Partial<ChatState>) {
      state = { ...state, ...next };
      events.emit("state", state);
    },
    markRead: (client.markRead as ReturnType<typeof vi.fn>),
    // As the real client does: the transcript grows (state), then the new message is announced.
    message(m: MessageView) {
      state = { ...state, messages: [...state.messages, m] };
      events.emit("state", state);
      events.emit("message", m);
    },
  };
}

function fakeHost() {
  let sync: (s: HostState) => void = () => {};
  const host: HostBridge = { post: vi.fn(), onSync: (fn) => void (sync = fn) };
  return { host, post: host.post as ReturnType<typeof vi.fn>, sync: (s: Partial<HostState>) => sync({ open: false, page: "", lang: "", name: "", email: "", ...s }) };
}

async function setup(langHint = "", browserLanguages: string[] = [], queues: QueuesView | null = null, settings = createMemoryStorage()) {
  const c = fakeClient();
  const h = fakeHost();
  const loadQueues = vi.fn(async () => queues);
  const tabHidden = signal(false);
  const chime = vi.fn();
  const model = createModel({ client: c.client, loadConfig: async () => CONFIG, host: h.host, langHint, browserLanguages, loadQueues, dictionaries: allDictionaries, settings, tabHidden, chime });
  await Promise.resolve();
  return { model, loadQueues, tabHidden, chime, settings, ...c, ...h };
}

const queueInfo = (language: string, over: Partial<QueueInfoView> = {}): QueueInfoView => ({
  language, name: language, waiting: 0, agentsAvailable: 1, etaSeconds: 30, etaRange: [10, 50], etaReliable: true, peak: false, open: true, closing: false, full: false, fallback: language === "en" ? null : "en", helpLinks: [], ...over,
});
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("chat model", () => {
  it("announces itself to the loader and reports whether a chat is going", async () => {
    const { post, set } = await setup();
    expect(post).toHaveBeenCalledWith({ type: "ready" });
    expect(post).toHaveBeenLastCalledWith({ type: "state", conv: false, unread: 0 });
    set({ conversation: conversation() });
    expect(post).toHaveBeenLastCalledWith({ type: "state", conv: true, unread: 0 });
  });

  it("counts and chimes for agent messages while the tab is hidden even with the panel open, and clears them when it shows", async () => {
    const { model, post, message, set, sync, tabHidden, chime, markRead } = await setup();
    set({ conversation: conversation({ status: "assigned" }) });
    sync({ open: true });
    message(agentMessage(2));
    expect(chime).not.toHaveBeenCalled();
    expect(markRead).toHaveBeenLastCalledWith(2);
    tabHidden.value = true;
    message(agentMessage(3));
    message({ ...agentMessage(4), author: "visitor" });
    expect(post).toHaveBeenLastCalledWith({ type: "state", conv: true, unread: 1 });
    expect(chime).toHaveBeenCalledTimes(1);
    tabHidden.value = false;
    expect(model.unread.value).toBe(0);
    expect(markRead).toHaveBeenLastCalledWith(4);
    expect(post).toHaveBeenLastCalledWith({ type: "state", conv: true, unread: 0 });
  });

  it("stays silent when muted, and remembers the choice on this device", async () => {
    const first = await setup();
    first.model.actions.setMuted(true);
    first.message(agentMessage(2));
    expect(first.chime).not.toHaveBeenCalled();
    expect(first.model.unread.value).toBe(1);
    expect(first.settings.get(STORAGE_KEYS.sound)).toBe("off");
    const again = await setup("", [], null, first.settings);
    expect(again.model.muted.value).toBe(true);
    again.model.actions.setMuted(false);
    expect(again.settings.get(STORAGE_KEYS.sound)).toBeNull();
    again.message(agentMessage(3));
    expect(again.chime).toHaveBeenCalledTimes(1);
  });

  it("counts agent messages as unread only while the panel is hidden, and clears them on open", async () => {
    const { model, post, message, sync } = await setup();
    message(agentMessage(2));
    message({ ...agentMessage(3), author: "visitor" });
    expect(model.visible.value).toBe(false);
    expect(post).toHaveBeenLastCalledWith({ type: "state", conv: false, unread: 1 });
    sync({ open: true });
    expect(post).toHaveBeenLastCalledWith({ type: "state", conv: false, unread: 0 });
    message(agentMessage(4));
    expect(post).toHaveBeenLastCalledWith({ type: "state", conv: false, unread: 0 });
  });

  it("counts agent messages past the server's read marker after a reload, and marks them read when the panel opens", async () => {
    const { model, post, set, sync, markRead } = await setup();
    const messages = [agentMessage(1), { ...agentMessage(2), author: "visitor" as const }, agentMessage(3), agentMessage(4)];
    set({ conversation: conversation({ status: "assigned", visitorReadSeq: 1, lastSeq: 4 }), messages });
    expect(model.unread.value).toBe(2);
    expect(post).toHaveBeenLastCalledWith({ type: "state", conv: true, unread: 2 });
    expect(markRead).not.toHaveBeenCalled();
    sync({ open: true });
    expect(markRead).toHaveBeenLastCalledWith(4);
    sync({ open: false });
    // Read here: closing the panel again brings no old count back, only what comes after.
    expect(model.unread.value).toBe(0);
    set({ messages: [...messages, agentMessage(5)] });
    expect(model.unread.value).toBe(1);
  });

  it("starts in the host page's language, follows the visitor's pick, then the conversation's", async () => {
    const { model, set } = await setup("de-AT", ["en-US"]);
    expect(model.language.value).toBe("de");
    expect(model.t.value.send).toBe("Senden");
    model.actions.chooseLanguage("en");
    expect(model.language.value).toBe("en");
    set({ conversation: conversation({ language: "de" }) });
    expect(model.language.value).toBe("de");
  });

  it("lets a language change on the host page override the visitor's earlier pick", async () => {
    const { model, sync } = await setup("en");
    model.actions.chooseLanguage("en");
    sync({ lang: "de" });
    expect(model.language.value).toBe("de");
  });

  it("starts the chat with the chosen language, the trimmed details and the host page", async () => {
    const { model, startChat, sync } = await setup("de");
    sync({ open: true, page: "https://shop.example/help" });
    model.actions.startChat({ name: "  Ada ", email: " ", text: "Hallo" });
    expect(startChat).toHaveBeenCalledWith({ language: "de", text: "Hallo", name: "Ada", pageUrl: "https://shop.example/help" });
  });

  it("sends the host page as origin and path only, whatever the host posted", async () => {
    const { model, startChat, sync } = await setup("de");
    sync({ open: true, page: "https://shop.example/help?token=secret#x" });
    model.actions.startChat({ name: "", email: "", text: "Hallo" });
    expect(startChat).toHaveBeenCalledWith({ language: "de", text: "Hallo", pageUrl: "https://shop.example/help" });
    sync({ page: "javascript:alert(1)" });
    model.actions.startChat({ name: "", email: "", text: "Hallo" });
    expect(startChat).toHaveBeenLastCalledWith({ language: "de", text: "Hallo" });
  });

  it("prefills name and email from Parley.identify", async () => {
    const { model, sync } = await setup();
    sync({ name: "Ada", email: "ada@example.com" });
    expect(model.prefill.value).toEqual({ name: "Ada", email: "ada@example.com" });
  });

  it("moves from the form to the chat to the rating", async () => {
    const { model, set } = await setup();
    expect(model.view.value).toBe("prechat");
    set({ pending: [{ id: "m1", text: "hi", at: 1, status: "sending", error: null, start: { language: "en" } }] });
    expect(model.view.value).toBe("chat");
    set({ pending: [], conversation: conversation({ status: "closed", closedBy: "agent" }) });
    expect(model.view.value).toBe("ended");
  });

  it("fetches the queues only while the pre-chat screen is visible, and advises on the chosen language", async () => {
    const queues = { languages: [queueInfo("en"), queueInfo("de", { open: false, etaSeconds: null, etaRange: null })], generatedAt: 1 };
    const { model, loadQueues, sync } = await setup("de", [], queues);
    expect(loadQueues).not.toHaveBeenCalled();
    sync({ open: true, lang: "de" });
    expect(loadQueues).toHaveBeenCalledTimes(1);
    await settle();
    expect(model.queueBefore.value).toMatchObject({ state: "closed", fallback: { language: "en" }, offerMessage: true });
    model.actions.chooseLanguage("en");
    expect(model.queueBefore.value).toMatchObject({ state: "open", fallback: null });
    // The answer holds every language: a language change within 30 s does not fetch again.
    expect(loadQueues).toHaveBeenCalledTimes(1);
  });

  it("advises on the pushed standing while waiting, and moves the chat to the fallback", async () => {
    const { model, set, client } = await setup();
    set({ conversation: conversation({ queue: { position: 2, waiting: 3, etaSeconds: null, etaRange: null, etaReliable: true, computedAt: 1, peak: false, open: false, closing: false, fallback: "en" } }) });
    expect(model.queueDuring.value).toMatchObject({ state: "closed", fallback: { language: "en" } });
    await model.actions.moveChat("en");
    expect(client.move).toHaveBeenCalledWith("en");
    set({ conversation: conversation({ status: "assigned", queue: null, agentName: "Jonas" }) });
    expect(model.queueDuring.value).toBeNull();
  });

  it("opens the ticket form with what the visitor typed before the chat", async () => {
    const { model } = await setup();
    expect(model.section.value).toBe("chat");
    model.actions.leaveMessage({ email: " ada@example.com ", text: "My card was declined" });
    expect(model.section.value).toBe("help");
    expect(model.ticketDraft.value).toMatchObject({ email: "ada@example.com", description: "My card was declined", chat: null });
  });

  it("turns a waiting chat into a ticket draft that names the chat and proves it is the visitor's", async () => {
    const { model, set } = await setup();
    model.actions.startChat({ name: "", email: "ada@example.com", text: "Hallo" });
    const said = (seq: number, text: string): MessageView => ({ ...agentMessage(seq), author: "visitor", authorName: undefined, text });
    set({ conversation: conversation(), messages: [said(1, "Hallo"), { ...agentMessage(2), author: "system", text: "Waiting" }, said(3, "Anyone there?")] });
    const before = model.ticketDraft.value.id;
    model.actions.leaveMessageFromChat();
    expect(model.section.value).toBe("help");
    expect(model.ticketDraft.value).toEqual({
      id: before + 1,
      email: "ada@example.com",
      description: "Hallo\n\nAnyone there?",
      chat: { conversationId: "c1", visitorId: "v1", visitorToken: "secret-token" },
    });
  });
});
