// The chat in an app and while the visitor looks away, in real Chromium: the full-page chat for a WebView on a
// phone-sized screen (identify through window.Parley, history kept across a restart), "Reconnecting…" when the
// server goes away, and the tab-title counter and sound for agent messages, with the mute switch.
import { expect, it } from "vitest";
import { addAgent, agentOnline, msgId, next, type AgentSocket } from "../helpers/clients.js";
import { chatPanel, describeBrowser, fillChecked, reopenWidget, startChat, useBrowser } from "../helpers/browser.js";
import { useTestServer } from "../helpers/server.js";

describeBrowser("the chat in an app, and while the visitor looks away", () => {
  const server = useTestServer();
  const { browser } = useBrowser();

  it("runs full screen on a phone, takes identify() from the app, and keeps the history across a restart", { timeout: 60_000 }, async () => {
    const context = await browser().newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "de-DE" });
    try {
      const page = await context.newPage();
      await page.goto(`${server().url}/chat/app?lang=de`);
      const send = page.getByRole("button", { name: "Senden" });
      await send.waitFor();
      const app = await page.locator(".app").boundingBox();
      expect(app).toEqual({ x: 0, y: 0, width: 390, height: 844 });
      const box = (await send.boundingBox())!;
      expect(box.y + box.height).toBeLessThanOrEqual(844);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      // No minimise button: the page is the chat.
      expect(await page.getByRole("button", { name: "Chat minimieren" }).count()).toBe(0);

      await page.evaluate(() => (window as unknown as { Parley: { identify(w: object): void } }).Parley.identify({ name: "Ada", email: "ada@example.com" }));
      await expect.poll(() => page.getByLabel("Name").inputValue()).toBe("Ada");
      await page.getByLabel("Nachricht", { exact: true }).fill("Hallo aus der App");
      await send.click();
      await page.getByRole("log").getByText("Hallo aus der App").waitFor();
      await expect.poll(async () => (await server().store.conversations.listOpen()).length).toBe(1);
      await page.close();

      // The app is restarted: same WebView storage, a new page.
      const again = await context.newPage();
      await again.goto(`${server().url}/chat/app?lang=de`);
      await again.getByRole("log").getByText("Hallo aus der App").waitFor();
    } finally {
      await context.close();
    }
  });

  it("keeps what the customer typed when the app identifies them later: only untouched fields are prefilled", { timeout: 60_000 }, async () => {
    const context = await browser().newContext({ locale: "en-US" });
    try {
      const page = await context.newPage();
      await page.goto(`${server().url}/chat/app?lang=en`);
      const name = page.getByLabel("Name");
      await name.waitFor();
      await fillChecked(name, "Mia");
      await page.evaluate(() => (window as unknown as { Parley: { identify(w: object): void } }).Parley.identify({ name: "Ada", email: "ada@example.com" }));
      await expect.poll(() => page.getByLabel("Email").inputValue()).toBe("ada@example.com");
      expect(await name.inputValue()).toBe("Mia");
    } finally {
      await context.close();
    }
  });

  it("says Reconnecting… when the server goes away", { timeout: 60_000 }, async () => {
    const page = await browser().newPage();
    try {
      const chat = await startChat(page, server().url, { message: "Hello?" });
      await expect.poll(async () => (await server().store.conversations.listOpen()).length).toBe(1);
      expect(await chat.getByText("Reconnecting…").count()).toBe(0);
      await server().close();
      await chat.getByRole("status").filter({ hasText: "Reconnecting…" }).waitFor();
    } finally {
      await page.close();
    }
  });

  it("counts agent messages in the tab title and chimes while the panel is closed, silent once muted", { timeout: 60_000 }, async () => {
    const agent = await addAgent(server().store, { languages: ["en"], name: "Jonas" });
    const agentSocket: AgentSocket = await agentOnline(server().url, agent);
    const context = await browser().newContext({ locale: "en-US" });
    // Counts the chimes in every frame (the chat iframe plays them).
    await context.addInitScript(() => {
      const original = AudioContext.prototype.createOscillator;
      AudioContext.prototype.createOscillator = function (this: AudioContext) {
        (window as unknown as { __chimes: number }).__chimes = ((window as unknown as { __chimes?: number }).__chimes ?? 0) + 1;
        return original.call(this);
      };
    });
    try {
      // The demo page: first-party to the chat, so the chat's storage (and the mute choice) survives a reload.
      const page = await context.newPage();
      await page.goto(`${server().url}/`);
      const title = await page.title();
      await page.getByRole("button", { name: "Open chat" }).click();
      const chat = chatPanel(page);
      const assigned = next<{ id: string }>(agentSocket, "conversation:assigned");
      await chat.getByLabel("Message").fill("Hello");
      await chat.getByRole("button", { name: "Send" }).click();
      const conversationId = (await assigned).id;
      const frame = page.frames().find((f) => f.url().startsWith(`${server().url}/chat`))!;
      const chimes = () => frame.evaluate(() => (window as unknown as { __chimes?: number }).__chimes ?? 0);

      await chat.getByRole("button", { name: "Minimize chat" }).click();
      // The panel is closed once the loader says so (its bubble offers to open it again): only then does a message count.
      await page.getByRole("button", { name: "Open chat" }).waitFor();
      await expect.poll(() => frame.evaluate(() => document.visibilityState === "hidden" || !document.hasFocus())).toBe(true);
      await agentSocket.emitWithAck("message:send", { conversationId, id: msgId(), text: "Hi, how can I help?" });
      await expect.poll(() => page.title()).toBe(`(1) ${title}`);
      await expect.poll(chimes).toBe(1);

      // Opening the panel clears the count; muting from inside silences the next one.
      await page.getByRole("button", { name: "Open chat" }).click();
      await expect.poll(() => page.title()).toBe(title);
      const mute = chat.getByRole("button", { name: "Mute sound" });
      await mute.click();
      await expect.poll(() => mute.getAttribute("aria-pressed")).toBe("true");
      await chat.getByRole("button", { name: "Minimize chat" }).click();
      await page.getByRole("button", { name: "Open chat" }).waitFor();
      await agentSocket.emitWithAck("message:send", { conversationId, id: msgId(), text: "Are you still there?" });
      await expect.poll(() => page.title()).toBe(`(1) ${title}`);
      expect(await chimes()).toBe(1);

      // The choice is remembered on the next page.
      await page.reload();
      const muteAgain = (await reopenWidget(page)).getByRole("button", { name: "Mute sound" });
      await muteAgain.waitFor();
      await expect.poll(() => muteAgain.getAttribute("aria-pressed")).toBe("true");
    } finally {
      await context.close();
    }
  });
});
