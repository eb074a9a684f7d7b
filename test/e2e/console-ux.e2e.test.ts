// The agent's workstation in real Chromium (issue 8): focus lands in the reply box when a chat opens; keyboard shortcuts
// move between chats, focus the reply box, open Transfer and list themselves without stealing keys while typing; the
// alert sound's mute switch is remembered; a hidden tab gets a desktop notification (with permission) whose click opens
// the chat; "Email transcript" reaches the customer's mailbox without internal notes.
import type { BrowserContext, Page } from "playwright-core";
import { afterEach, expect, it } from "vitest";
import { seriousViolations } from "../helpers/axe.js";
import { describeBrowser, signInToConsole, useBrowser } from "../helpers/browser.js";
import { addAgent, connectVisitor, msgId, type VisitorSocket } from "../helpers/clients.js";
import { useTestServer } from "../helpers/server.js";
import { outbox } from "../selfservice/setup.js";

const contexts: BrowserContext[] = [];

describeBrowser("the agent's workstation: focus, shortcuts, alerts, transcript email", () => {
  const server = useTestServer();
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });
  const { newPage, browser } = useBrowser();

  async function agentConsole(page?: Page) {
    const agent = await addAgent(server().store, { languages: ["en"], name: "Jonas", maxChats: 5 });
    const console_ = await signInToConsole(page ?? (await newPage()), server().url, agent);
    return { agent, console_ };
  }

  async function customer(name: string, text: string): Promise<{ socket: VisitorSocket; conversationId: string }> {
    const { socket } = await connectVisitor(server().url);
    const reply = await socket.timeout(5000).emitWithAck("conversation:start", { language: "en", name, email: `${name.toLowerCase()}@example.com`, message: { id: msgId(), text } });
    if (!reply.ok) throw new Error(reply.error);
    return { socket, conversationId: reply.data.conversation.id };
  }

  const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");
  const chatTitle = (page: Page) => page.locator("#chat-title").textContent();
  const list = (page: Page) => page.getByRole("navigation", { name: "Conversations" });

  it("puts focus in the reply box on opening a chat, and moves between chats by keyboard without stealing typed keys", { timeout: 90_000 }, async () => {
    const { console_ } = await agentConsole();
    await customer("Mia", "First question");
    await list(console_).getByRole("button", { name: /Mia/ }).waitFor();
    await customer("Noah", "Second question");
    await list(console_).getByRole("button", { name: /Noah/ }).waitFor();

    await list(console_).getByRole("button", { name: /Mia/ }).click();
    await expect.poll(() => focusedId(console_)).toBe("reply-text");
    expect(await chatTitle(console_)).toBe("Mia");

    // Alt+↓ from inside the reply box: the next chat, and the keyboard is in its reply box.
    await console_.keyboard.press("Alt+ArrowDown");
    await expect.poll(() => chatTitle(console_)).toBe("Noah");
    await expect.poll(() => focusedId(console_)).toBe("reply-text");
    // Plain keys while typing are text, not shortcuts.
    await console_.keyboard.type("jk?r");
    expect(await console_.getByLabel("Message").inputValue()).toBe("jk?r");
    expect(await chatTitle(console_)).toBe("Noah");
    expect(await console_.getByRole("dialog", { name: "Keyboard shortcuts" }).isVisible()).toBe(false);

    // Outside a field, k goes back (wrapping around from the first), and r comes back to the reply box.
    await console_.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await console_.keyboard.press("k");
    await expect.poll(() => chatTitle(console_)).toBe("Mia");
    // Opening the chat moves the keyboard into its reply box after the render; wait for that before leaving the box,
    // or the focus lands back in it and "j" is typed into Mia's draft.
    await expect.poll(() => focusedId(console_)).toBe("reply-text");
    await console_.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await console_.keyboard.press("j");
    await expect.poll(() => chatTitle(console_)).toBe("Noah");
    await expect.poll(() => focusedId(console_)).toBe("reply-text");
    // Drafts are per chat: Noah's typed text is still there.
    expect(await console_.getByLabel("Message").inputValue()).toBe("jk?r");
    await console_.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await console_.keyboard.press("Alt+KeyR");
    await expect.poll(() => focusedId(console_)).toBe("reply-text");

    // Alt+T opens the open chat's Transfer dialog; while it is open, shortcuts do nothing behind it.
    await console_.keyboard.press("Alt+KeyT");
    const transfer = console_.getByRole("dialog", { name: "Transfer the chat with Noah" });
    await transfer.waitFor();
    await console_.keyboard.press("Alt+ArrowDown");
    expect(await chatTitle(console_)).toBe("Noah");
    await console_.keyboard.press("Escape");
    await transfer.waitFor({ state: "detached" });

    // ? lists the shortcuts in a dialog; Escape closes it.
    await console_.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await console_.keyboard.press("Shift+Slash");
    const help = console_.getByRole("dialog", { name: "Keyboard shortcuts" });
    await help.waitFor();
    await help.getByRole("row", { name: /Next chat/ }).waitFor();
    expect(await seriousViolations(console_)).toEqual([]);
    await console_.keyboard.press("Escape");
    await help.waitFor({ state: "hidden" });
    // And the header button opens it too.
    await console_.getByRole("button", { name: "Keyboard shortcuts" }).click();
    await help.waitFor();
  });

  it("remembers the alert sound's mute switch on this device", { timeout: 60_000 }, async () => {
    const { console_ } = await agentConsole();
    const mute = console_.getByRole("button", { name: "Mute alert sound" });
    expect(await mute.getAttribute("aria-pressed")).toBe("false");
    await mute.click();
    expect(await mute.getAttribute("aria-pressed")).toBe("true");
    await console_.reload();
    await console_.getByLabel("Status").waitFor();
    expect(await console_.getByRole("button", { name: "Mute alert sound" }).getAttribute("aria-pressed")).toBe("true");
    await console_.getByRole("button", { name: "Mute alert sound" }).click();
    await console_.reload();
    await console_.getByLabel("Status").waitFor();
    expect(await console_.getByRole("button", { name: "Mute alert sound" }).getAttribute("aria-pressed")).toBe("false");
  });

  it("notifies a hidden tab of a customer's message with name and text (permission granted); a click opens the chat", { timeout: 90_000 }, async () => {
    const context = await browser().newContext({ locale: "en-US" });
    contexts.push(context);
    context.setDefaultTimeout(8000);
    await context.grantPermissions(["notifications"], { origin: server().url });
    // Records every Notification the page constructs and every alert sound, and lets the test hide the tab.
    await context.addInitScript(() => {
      const w = window as unknown as { __shown: { title: string; body: string; n: Notification }[]; __sounds: number; __hidden: boolean };
      w.__shown = [];
      w.__sounds = 0;
      w.__hidden = false;
      const Real = window.Notification;
      class Recording extends Real {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          w.__shown.push({ title, body: options?.body ?? "", n: this });
        }
      }
      Object.defineProperty(window, "Notification", { value: Recording, configurable: true, writable: true });
      const RealAudio = window.AudioContext;
      window.AudioContext = class extends RealAudio {
        override createOscillator() {
          w.__sounds += 1;
          return super.createOscillator();
        }
      };
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => (w.__hidden ? "hidden" : "visible") });
    });
    const { console_ } = await agentConsole(await context.newPage());
    // Permission is already granted here: the console never asked for it on load.
    await console_.getByText("Desktop notifications on").waitFor();
    const mia = await customer("Mia", "Hello there");
    await list(console_).getByRole("button", { name: /Mia/ }).waitFor();

    await console_.evaluate(() => {
      (window as unknown as { __hidden: boolean }).__hidden = true;
      document.dispatchEvent(new Event("visibilitychange"));
    });
    await mia.socket.timeout(5000).emitWithAck("message:send", { conversationId: mia.conversationId, id: msgId(), text: "<b>Are you there?</b>" });
    await expect.poll(() => console_.evaluate(() => (window as unknown as { __shown: { title: string; body: string }[] }).__shown.map(({ title, body }) => ({ title, body })))).toEqual([{ title: "Mia", body: "<b>Are you there?</b>" }]);
    await expect.poll(() => console_.evaluate(() => (window as unknown as { __sounds: number }).__sounds)).toBe(1);

    // Clicking the notification focuses the console and opens the chat, with the keyboard in the reply box.
    await console_.evaluate(() => {
      (window as unknown as { __hidden: boolean }).__hidden = false;
      document.dispatchEvent(new Event("visibilitychange"));
      const { n } = (window as unknown as { __shown: { n: Notification }[] }).__shown[0]!;
      n.onclick?.(new Event("click"));
    });
    await expect.poll(() => chatTitle(console_)).toBe("Mia");
    await expect.poll(() => focusedId(console_)).toBe("reply-text");

    // Muted: the next message while hidden notifies without a sound.
    await console_.getByRole("button", { name: "Mute alert sound" }).click();
    await console_.evaluate(() => {
      (window as unknown as { __hidden: boolean }).__hidden = true;
      document.dispatchEvent(new Event("visibilitychange"));
    });
    await mia.socket.timeout(5000).emitWithAck("message:send", { conversationId: mia.conversationId, id: msgId(), text: "Still waiting" });
    await expect.poll(() => console_.evaluate(() => (window as unknown as { __shown: unknown[] }).__shown.length)).toBe(2);
    expect(await console_.evaluate(() => (window as unknown as { __sounds: number }).__sounds)).toBe(1);
  });

  it("emails the transcript to the customer from the console, without the internal note", { timeout: 90_000 }, async () => {
    const { console_ } = await agentConsole();
    await customer("Mia", "My parcel is late");
    await list(console_).getByRole("button", { name: /Mia/ }).click();
    await console_.getByRole("log").getByText("My parcel is late").waitFor();
    await console_.getByRole("button", { name: "Note", exact: true }).click();
    await console_.getByLabel("Internal note").fill("Courier lost it, do not tell yet");
    await console_.getByRole("button", { name: "Add note" }).click();
    await console_.getByRole("log").getByText("Courier lost it, do not tell yet").waitFor();
    await console_.getByRole("button", { name: "Reply", exact: true }).click();
    await console_.getByLabel("Message").fill("We are on it.");
    await console_.getByRole("button", { name: "Send" }).click();
    await console_.getByRole("log").getByText("We are on it.").waitFor();

    await console_.getByRole("button", { name: "Email transcript" }).click();
    await console_.getByText("Transcript emailed to mia@example.com.").waitFor();
    await expect.poll(async () => (await outbox(server())).length).toBe(1);
    const [mail] = await outbox(server());
    expect(mail!.headers.get("to")).toEqual(["mia@example.com"]);
    expect(mail!.text).toContain("My parcel is late");
    expect(mail!.text).toContain("We are on it.");
    expect(mail!.text).not.toContain("Courier lost it");
  });
});
