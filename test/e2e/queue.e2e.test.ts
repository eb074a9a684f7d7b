// Waits and off-hours in the real widget: the expected wait before the chat, the queue line with its range
// during the wait, and a language nobody serves (an English-only agent, a German customer) offering English and
// a message by email — before the chat and while waiting; a language whose only agent leaves before the turn says so.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FrameLocator, Page } from "playwright-core";
import { afterEach, expect, it } from "vitest";
import { addAgent, agentOnline, closeAllSockets, connectVisitor, msgId } from "../helpers/clients.js";
import { describeBrowser, openWidget, useBrowser } from "../helpers/browser.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer | null = null;

const WAIT = /((under \d+|about \d+–\d+) (min|h))( \(a rough guess: too few chats so far\))?/;

describeBrowser("queues, waits and off-hours in the widget", () => {
  afterEach(async () => {
    closeAllSockets();
    await server?.close();
    server = null;
  });

  const { newPage } = useBrowser();

  async function openDemoWidget(): Promise<{ page: Page; chat: FrameLocator }> {
    const page = await newPage();
    const chat = await openWidget(page, `${server!.url}/`);
    await chat.getByLabel("Language").waitFor();
    return { page, chat };
  }

  /** Jonas, who speaks English, online with one slot, which another customer's chat takes. */
  async function busyJonas(on: TestServer) {
    const agent = await addAgent(on.store, { languages: ["en"], name: "Jonas", maxChats: 1 });
    await agentOnline(on.url, agent);
    const other = await connectVisitor(on.url);
    await other.socket.emitWithAck("conversation:start", { language: "en", message: { id: msgId(), text: "first" } });
  }

  it("shows the wait before the chat; German with nobody to serve it offers English and a message, carrying the text over", { timeout: 60_000 }, async () => {
    server = await startTestServer({ env: { LANGUAGES: "en,de" } });
    const agent = await addAgent(server.store, { languages: ["en"], name: "Jonas" });
    await agentOnline(server.url, agent);

    const { chat } = await openDemoWidget();
    const status = chat.getByRole("tabpanel", { name: "Chat" }).getByRole("status").filter({ hasText: "Expected wait" });
    await expect.poll(() => status.textContent()).toMatch(new RegExp(`Expected wait: ${WAIT.source}`));

    // German: nobody speaks it within the horizon. The panel switches to German and says so.
    await chat.getByLabel("Language").selectOption("de");
    await chat.getByText("Für Deutsch ist gerade niemand erreichbar.").waitFor();
    await chat.getByText(/^Wartezeit auf Englisch: /).waitFor();
    const fallback = chat.getByRole("button", { name: "Stattdessen auf Englisch chatten" });
    const leave = chat.getByRole("button", { name: "Nachricht hinterlassen" });
    await fallback.waitFor();
    await leave.waitFor();

    // Leave a message: the ticket form opens with what was typed.
    await chat.getByLabel("E-Mail").fill("mia@example.com");
    await chat.getByLabel("Nachricht", { exact: true }).fill("Meine Karte wurde abgelehnt.");
    await leave.click();
    expect(await chat.getByRole("tab", { name: "Hilfe" }).getAttribute("aria-selected")).toBe("true");
    const help = chat.getByRole("tabpanel", { name: "Hilfe" });
    expect(await help.getByLabel("Beschreibung").inputValue()).toBe("Meine Karte wurde abgelehnt.");
    expect(await help.getByLabel("E-Mail").inputValue()).toBe("mia@example.com");

    // Or chat in English after all: the text typed is still there, and the chat starts in the English queue.
    await chat.getByRole("tab", { name: "Chat" }).click();
    await chat.getByRole("button", { name: "Stattdessen auf Englisch chatten" }).click();
    expect(await chat.getByLabel("Language").inputValue()).toBe("en");
    await chat.getByRole("button", { name: "Send" }).click();
    await chat.getByRole("status").filter({ hasText: "An agent (Jonas) has joined" }).waitFor();
    const [conversation] = await server.store.conversations.listOpen();
    expect(conversation?.language).toBe("en");
  });

  it("says a queue may close before the customer's turn when its only agent's shift ends first, and offers English", { timeout: 60_000 }, async () => {
    server = await startTestServer({ env: { LANGUAGES: "en,de" } });
    await busyJonas(server);
    // Lena, the only German speaker, has one slot, taken, and her shift ends within five minutes (UTC). Chats take
    // 300 s until measured, so more than 15 % of a newcomer's waits would run past it: closing, not "nobody".
    const hhmm = (t: number) => new Date(t).toISOString().slice(11, 16);
    const now = Date.now();
    const lena = await addAgent(server.store, { languages: ["de"], name: "Lena", maxChats: 1, shifts: [`Daily ${hhmm(now - 3_600_000)}-${hhmm(now + 5 * 60_000)}`] });
    await agentOnline(server.url, lena);
    const other = await connectVisitor(server.url);
    const taken = await other.socket.timeout(5000).emitWithAck("conversation:start", { language: "de", message: { id: msgId(), text: "erste" } });
    expect(taken.ok && taken.data.conversation.status).toBe("assigned");

    const { chat } = await openDemoWidget();
    await chat.getByLabel("Language").selectOption("de");
    await chat.getByText("Der Support auf Deutsch endet möglicherweise, bevor Sie an der Reihe sind.").waitFor();
    expect(await chat.getByText("Für Deutsch ist gerade niemand erreichbar.").count()).toBe(0);
    await chat.getByRole("button", { name: "Stattdessen auf Englisch chatten" }).waitFor();
  });

  it("shows place and range while waiting, and moves a chat whose queue is closed to English", { timeout: 60_000 }, async () => {
    server = await startTestServer({ env: { LANGUAGES: "en,de" } });
    await busyJonas(server);

    const { chat } = await openDemoWidget();
    await chat.getByLabel("Language").selectOption("de");
    await chat.getByLabel("Nachricht", { exact: true }).fill("Hallo?");
    await chat.getByRole("button", { name: "Senden" }).click();

    // Waiting in German, which nobody serves: say so and offer English or a message instead.
    await chat.getByText("Für Deutsch ist gerade niemand erreichbar.").waitFor();
    await chat.getByRole("button", { name: "Stattdessen eine Nachricht hinterlassen" }).waitFor();
    await chat.getByRole("button", { name: "Auf Englisch weiterchatten" }).click();

    // Now number 1 in the English queue, with an honest range.
    const line = chat.getByRole("status").filter({ hasText: "You are number 1 in the English queue" });
    await expect.poll(() => line.textContent()).toMatch(new RegExp(`^You are number 1 in the English queue — ${WAIT.source}$`));
    const [, mine] = (await server.store.conversations.listOpen()).sort((a, b) => a.createdAt - b.createdAt);
    expect(mine?.language).toBe("en");
    expect(mine?.status).toBe("queued");
  });

  it("near the head says \"under N min\", flags a rough guess, and counts down between pushes", { timeout: 120_000 }, async () => {
    // One busy slot and 117 s chats: the range for the head of the line is [0, 240 s] — "under 4 min" — and a
    // little over 30 s later, with nothing pushed, "under 3 min" (less than 3.5 min rounds to 3).
    server = await startTestServer({ env: { LANGUAGES: "en", DEFAULT_HANDLE_SECONDS: "117" } });
    await busyJonas(server);

    const { chat } = await openDemoWidget();
    await chat.getByLabel("Message").fill("Hello?");
    await chat.getByRole("button", { name: "Send" }).click();
    const line = chat.getByRole("status").filter({ hasText: "You are number 1 in the English queue" });
    // A new server has no history yet: the estimate says it is a rough guess.
    await expect.poll(() => line.textContent(), { timeout: 8_000 }).toBe("You are number 1 in the English queue — under 4 min (a rough guess: too few chats so far)");
    await expect.poll(() => line.textContent(), { timeout: 60_000 }).toBe("You are number 1 in the English queue — under 3 min (a rough guess: too few chats so far)");
  });

  it("in peak says so before and during the wait, and offers a message by email and the help links", { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), "parley-links-"));
    const configFile = join(dir, "parley.json");
    await writeFile(configFile, JSON.stringify({ helpLinks: { en: [{ title: "Deposits and withdrawals", url: "https://help.example/en/payments" }] } }));
    try {
      server = await startTestServer({ env: { LANGUAGES: "en,de", PEAK_WINDOWS: "Daily 00:00-24:00", CONFIG_FILE: configFile } });
      await busyJonas(server);

      const { chat } = await openDemoWidget();
      const prechat = chat.getByRole("tabpanel", { name: "Chat" });
      await prechat.getByText("It is very busy right now, so waits are longer than usual.").waitFor();
      await prechat.getByText(new RegExp(`^Expected wait: ${WAIT.source}$`)).waitFor();
      await prechat.getByRole("button", { name: "Leave a message" }).waitFor();
      const link = prechat.getByRole("link", { name: "Deposits and withdrawals (opens in a new tab)" });
      expect(await link.getAttribute("href")).toBe("https://help.example/en/payments");
      expect(await link.getAttribute("target")).toBe("_blank");
      expect(await link.getAttribute("rel")).toBe("noopener noreferrer");

      await chat.getByLabel("Message").fill("Where is my deposit?");
      await chat.getByRole("button", { name: "Send" }).click();
      await chat.getByRole("status").filter({ hasText: /^You are number 1 in the English queue/ }).waitFor();
      await chat.getByRole("status").filter({ hasText: "It is very busy right now" }).waitFor();
      await chat.getByRole("link", { name: "Deposits and withdrawals (opens in a new tab)" }).waitFor();
      await chat.getByRole("button", { name: "Leave a message instead" }).click();
      const help = chat.getByRole("tabpanel", { name: "Help" });
      expect(await help.getByLabel("Description").inputValue()).toBe("Where is my deposit?");
      await help.getByText("Your chat so far is attached to the message.").waitFor();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
