import { describe, expect, it } from "vitest";
import { acceptMessage, CHAT_TO_HOST, HOST_TO_CHAT, type ChatToHost, type HostToChat } from "../../widget/bridge/protocol.js";

const CHAT_ORIGIN = "https://chat.parley.example";
const frameWindow = { name: "chat iframe" };
const otherWindow = { name: "ad iframe" };
const fromFrame = (data: unknown, origin = CHAT_ORIGIN, source: unknown = frameWindow) => ({ origin, source, data });

describe("postMessage guard", () => {
  it("accepts an allow-listed message from the expected window and origin", () => {
    const m = acceptMessage<ChatToHost>(fromFrame({ parley: 1, type: "state", conv: true, unread: 2 }), CHAT_ORIGIN, frameWindow, CHAT_TO_HOST);
    expect(m).toEqual({ parley: 1, type: "state", conv: true, unread: 2 });
  });

  it("rejects the right message from another origin", () => {
    expect(acceptMessage(fromFrame({ parley: 1, type: "ready" }, "https://evil.example"), CHAT_ORIGIN, frameWindow, CHAT_TO_HOST)).toBeNull();
    expect(acceptMessage(fromFrame({ parley: 1, type: "ready" }, "https://chat.parley.example:8443"), CHAT_ORIGIN, frameWindow, CHAT_TO_HOST)).toBeNull();
  });

  it("rejects the right origin from another window (a second frame of the same origin)", () => {
    expect(acceptMessage(fromFrame({ parley: 1, type: "ready" }, CHAT_ORIGIN, otherWindow), CHAT_ORIGIN, frameWindow, CHAT_TO_HOST)).toBeNull();
  });

  it("rejects everything while the expected window does not exist yet", () => {
    expect(acceptMessage(fromFrame({ parley: 1, type: "ready" }, CHAT_ORIGIN, null), CHAT_ORIGIN, null, CHAT_TO_HOST)).toBeNull();
    expect(acceptMessage(fromFrame({ parley: 1, type: "ready" }, CHAT_ORIGIN, undefined), CHAT_ORIGIN, undefined, CHAT_TO_HOST)).toBeNull();
  });

  it.each([
    ["a type outside the allow-list", { parley: 1, type: "token" }],
    ["a type of the other direction", { parley: 1, type: "sync", open: true }],
    ["a message without the Parley marker", { type: "ready" }],
    ["a message of another protocol version", { parley: 2, type: "ready" }],
    ["a string", "ready"],
    ["null", null],
  ])("rejects %s", (_label, data) => {
    expect(acceptMessage(fromFrame(data), CHAT_ORIGIN, frameWindow, CHAT_TO_HOST)).toBeNull();
  });

  it("lets the iframe accept only sync from the host page", () => {
    const host = { name: "parent" };
    const sync = { origin: "https://shop.example", source: host, data: { parley: 1, type: "sync", open: true, page: "https://shop.example/help", lang: "de" } };
    expect(acceptMessage<HostToChat>(sync, "https://shop.example", host, HOST_TO_CHAT)?.lang).toBe("de");
    const close = { ...sync, data: { parley: 1, type: "close" } };
    expect(acceptMessage<HostToChat>(close, "https://shop.example", host, HOST_TO_CHAT)).toBeNull();
  });
});
