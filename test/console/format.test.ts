import { describe, expect, it } from "vitest";
import { documentTitle, languageName, linkableUrl, previewText, waitingText } from "../../console/format.js";
import { messageView } from "./fakes.js";

describe("languageName", () => {
  it("names a language in English", () => {
    expect(languageName("de")).toBe("German");
    expect(languageName("pt")).toBe("Portuguese");
  });

  it("falls back to the code for something that is not a language tag", () => {
    expect(languageName("not a tag")).toBe("not a tag");
  });
});

describe("linkableUrl", () => {
  it.each([
    ["https://shop.example/cart?x=1", "https://shop.example/cart?x=1"],
    ["http://shop.example", "http://shop.example/"],
  ])("links %s", (raw, href) => {
    expect(linkableUrl(raw)).toBe(href);
  });

  it.each(["javascript:alert(1)", "data:text/html,<b>x</b>", "/relative/path", "not a url", "ftp://files.example/x"])(
    "does not link %s",
    (raw) => {
      expect(linkableUrl(raw)).toBeNull();
    },
  );
});

describe("previewText", () => {
  it("collapses whitespace into one line", () => {
    expect(previewText(messageView(1, { text: "  Hello\n\nthere  " }), null)).toBe("Hello there");
  });

  it("cuts long text at the limit with an ellipsis, by code points", () => {
    const text = "😀".repeat(10);
    const preview = previewText(messageView(1, { text }), null, 5);
    expect([...preview]).toHaveLength(5);
    expect(preview.endsWith("…")).toBe(true);
  });

  it("marks the agent's own messages with You and a colleague's with their name", () => {
    expect(previewText(messageView(1, { author: "agent", authorName: "Alex", text: "Hi" }), "Alex")).toBe("You: Hi");
    expect(previewText(messageView(1, { author: "agent", authorName: "Sam", text: "Hi" }), "Alex")).toBe("Sam: Hi");
  });

  it("says so when there is no message yet", () => {
    expect(previewText(null, "Alex")).toBe("No messages yet");
  });

  it("keeps markup as plain text", () => {
    expect(previewText(messageView(1, { text: "<img src=x onerror=alert(1)>" }), null)).toBe("<img src=x onerror=alert(1)>");
  });
});

describe("documentTitle", () => {
  it("shows the unread total first when there is any", () => {
    expect(documentTitle(0)).toBe("Parley console");
    expect(documentTitle(3)).toBe("(3) Parley console");
  });
});

describe("waitingText", () => {
  it("says how long the customer has waited, and nothing when they are not waiting", () => {

    expect(waitingText(null, 1_000_000)).toBeNull();
    expect(waitingText(1_000_000, 1_030_000)).toBe("waiting <1 min");
    expect(waitingText(1_000_000, 1_000_000 + 3 * 60_000 + 5_000)).toBe("waiting 3 min");
    expect(waitingText(0, 75 * 60_000)).toBe("waiting 1 h 15 min");
  });
});
