// System lines in the customer's language (issue 10), in real Chromium: a customer using the widget in German (the
// German demo page) and one using the app page in Arabic (right to left) are assigned, transferred to a colleague and
// see the chat ended — every line in their language, none in the server's English.
import type { FrameLocator, Page } from "playwright-core";
import { expect, it } from "vitest";
import { addAgent, agentOnline, next } from "../helpers/clients.js";
import { chatPanel, describeBrowser, openWidget, useBrowser } from "../helpers/browser.js";
import { useTestServer } from "../helpers/server.js";
import type { AgentConversationView } from "../../server/protocol/views.js";

const CASES = [
  {
    lang: "de",
    open: (page: Page, url: string): Promise<FrameLocator | Page> => openWidget(page, `${url}/demo/de.html`),
    message: "Nachricht",
    send: "Senden",
    joined: "Ein Mitarbeiter (Jonas) ist dem Chat beigetreten",
    transferred: "Sie werden an einen anderen Mitarbeiter weitergeleitet.",
    ended: "Der Mitarbeiter hat den Chat beendet.",
  },
  {
    lang: "ar",
    open: async (page: Page, url: string): Promise<FrameLocator | Page> => {
      await page.goto(`${url}/chat/app?lang=ar`);
      return page;
    },
    message: "الرسالة",
    send: "إرسال",
    joined: "انضم موظف الدعم (Jonas)",
    transferred: "يجري تحويلك إلى موظف آخر.",
    ended: "أنهى موظف الدعم الدردشة.",
  },
];

/** The text of every line, with the isolation marks around names taken out. */
const lines = (log: ReturnType<FrameLocator["getByRole"]>) => log.evaluate((el) => (el.textContent ?? "").replace(/[\u2066-\u2069]/g, ""));

describeBrowser("system lines in the customer's language", () => {
  const server = useTestServer({ env: { LANGUAGES: "en,de,ar" } });
  const { newPage } = useBrowser();

  it.each(CASES)("shows assignment, transfer and the end in $lang", { timeout: 90_000 }, async (c) => {
    const jonas = await addAgent(server().store, { languages: [c.lang], name: "Jonas" });
    const jonasSocket = await agentOnline(server().url, jonas);
    const page = await newPage();
    const chat = await c.open(page, server().url);
    await chat.getByLabel(c.message, { exact: true }).fill("Hallo / مرحبا");
    const assigned = next<AgentConversationView>(jonasSocket, "conversation:assigned");
    await chat.getByRole("button", { name: c.send }).click();
    const conversationId = (await assigned).id;
    const log = chat.getByRole("log");
    await expect.poll(() => lines(log)).toContain(c.joined);

    // Jonas hands the chat to Lena.
    const lena = await addAgent(server().store, { languages: [c.lang], name: "Lena" });
    const lenaSocket = await agentOnline(server().url, lena);
    const received = next<AgentConversationView>(lenaSocket, "conversation:assigned");
    const moved = await jonasSocket.timeout(5000).emitWithAck("conversation:transfer", { conversationId, to: { agentId: lena.id } });
    expect(moved.ok).toBe(true);
    await received;
    await expect.poll(() => lines(log)).toContain(c.transferred);
    // The server's English wording is in the stored transcript, never on the customer's screen.
    for (const english of ["Jonas joined the chat", "You are being transferred to another agent"]) expect(await lines(log)).not.toContain(english);

    // Lena ends it.
    expect((await lenaSocket.timeout(5000).emitWithAck("conversation:close", { conversationId })).ok).toBe(true);
    await chat.getByText(c.ended).first().waitFor();
    const text = await (c.lang === "ar" ? page.locator("body") : chatPanel(page).locator("body")).evaluate((el) => el.textContent ?? "");
    for (const english of ["joined the chat", "transferred to another agent", "ended the chat", "has joined"]) expect(text).not.toContain(english);
    if (c.lang === "ar") expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
  });
});
