import { describe, expect, it, vi } from "vitest";
import type { ConversationView, MessageView, WidgetConfigView } from "../../server/protocol/index.js";
import type { HostState } from "../../widget/bridge/protocol.js";
import { createEmitter } from "../../widget/client/emitter.js";
import type { ChatClient, ChatClientEvents, ChatState } from "../../widget/client/types.js";
import type { HostBridge } from "../../widget/app/model/host-bridge.js";
import { createModel } from "../../widget/app/model/model.js";

const CONFIG: WidgetConfigView = { languages: [{ code: "en", name: "English" }, { code: "de", name: "Deutsch" }], defaultLanguage: "en", maxMessageLength: 500 };
const EMPTY: ChatState = { connection: "idle", conversation: null, messages: [], pending: [], agentTyping: false };
const conversation = (over: Partial<ConversationView> = {}): ConversationView => ({
  id: "c1", language: "de", status: "queued", agentName: null, queue: { position: 1, waiting: 1 }, lastSeq: 1, createdAt: 1, closedAt: null, closedBy: null, rated: false, ...over,
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
  } as unknown as ChatClient;
  return {
    client,
    startChat: (client.startChat as ReturnType<typeof vi.fn>),
    set(next: Partial<ChatState>) {
      state = { ...state, ...next };
      events.emit("state", state);
    },
    message: (m: MessageView) => events.emit("message", m),
  };
}

function fakeHost() {
  let sync: (s: HostState) => void = () => {};
  const host: HostBridge = { post: vi.fn(), onSync: (fn) => void (sync = fn) };
  return { host, post: host.post as ReturnType<typeof vi.fn>, sync: (s: Partial<HostState>) => sync({ open: false, page: "", lang: "", name: "", email: "", ...s }) };
}

async function setup(langHint = "", browserLanguages: string[] = []) {
  const c = fakeClient();
  const h = fakeHost();
  const model = createModel({ client: c.client, loadConfig: async () => CONFIG, host: h.host, langHint, browserLanguages });
  await Promise.resolve();
  return { model, ...c, ...h };
}

describe("chat model", () => {
  it("announces itself to the loader and reports whether a chat is going", async () => {
    const { post, set } = await setup();
    expect(post).toHaveBeenCalledWith({ type: "ready" });
    expect(post).toHaveBeenLastCalledWith({ type: "state", conv: false, unread: 0 });
    set({ conversation: conversation() });
    expect(post).toHaveBeenLastCalledWith({ type: "state", conv: true, unread: 0 });
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
});
