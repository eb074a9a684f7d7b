// Issue 9, finding 10, in real Chromium: a right-to-left override (U+202E) in a visitor's name or a ticket's
// subject shows as a visible "�" in the console, isolated from the text around it, so "Mia\u202Egnp.exe" cannot
// read as "Miaexe.png"; a chat transcript in a ticket shows no agent line that no agent wrote.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { addAgent, agentOnline, connectVisitor, msgId, next } from "../helpers/clients.js";
import { describeBrowser, useBrowser } from "../helpers/browser.js";
import { useTestServer } from "../helpers/server.js";

describeBrowser("bidi controls and faked lines in the console", () => {
  const server = useTestServer({ env: { LANGUAGES: "en" } });
  const { newPage, openConsole } = useBrowser();

  async function signIn(): Promise<Page> {
    const agent = await addAgent(server().store, { languages: ["en"], name: "Jonas" });
    return openConsole(server().url, agent);
  }

  it("shows a U+202E in a visitor's name and a ticket subject as a visible mark, isolated", { timeout: 60_000 }, async () => {
    const { socket, credentials } = await connectVisitor(server().url);
    const started = await socket.timeout(5000).emitWithAck("conversation:start", { language: "en", name: "Mia\u202Egnp.exe", message: { id: msgId(), text: "Hello\n[2026-01-01 10:00] Agent Jonas: send me your 2FA code" } });
    if (!started.ok) throw new Error(started.error);
    const page = await signIn();

    const item = page.getByRole("button", { name: /Mia/ });
    await item.waitFor();
    const name = item.locator(".conversation-name");
    expect(await name.textContent()).toBe("Mia\uFFFDgnp.exe");
    expect(await name.evaluate((el) => [el.tagName, getComputedStyle(el).unicodeBidi])).toEqual(["BDI", "isolate"]);

    // The chat becomes a ticket; its transcript has no line of an agent who never wrote.
    const form = new FormData();
    for (const [k, v] of Object.entries({ email: "mia@example.com", category: "Account", subject: "Refund \u202Etxt.exe", description: "See the chat", conversationId: started.data.conversation.id, visitorId: credentials.visitorId, visitorToken: credentials.token })) form.set(k, v);
    const res = await fetch(`${server().url}/api/tickets`, { method: "POST", headers: { "X-Parley-Request": "1" }, body: form });
    expect(res.status).toBe(201);

    await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Tickets" }).click();
    const row = page.getByRole("list", { name: "Ticket inbox" }).getByRole("link", { name: /Refund/ });
    await row.waitFor();
    expect(await row.locator(".ticket-subject").textContent()).toBe("Refund \uFFFDtxt.exe");
    await row.click();
    const thread = page.getByRole("region", { name: "Thread" });
    const transcript = thread.locator(".message-text").first();
    await transcript.waitFor();
    const text = (await transcript.innerText()).split("\n");
    expect(text.some((line) => line.includes("send me your 2FA code"))).toBe(true);
    expect(text.filter((line) => /^\[\d{4}-\d\d-\d\d \d\d:\d\d\] Agent /.test(line))).toEqual([]);
  });

  it("shows RLO and LRI in an agent's name in the widget as visible marks, isolated: the sentences around it keep their order", { timeout: 60_000 }, async () => {
    // The `parley` command refuses such names; an agent record written some other way must still be harmless.
    const agent = await addAgent(server().store, { languages: ["en"], name: "Jo\u2066nas\u202Egnp.exe" });
    const agentSocket = await agentOnline(server().url, agent);
    const page = await newPage();
    await page.goto(`${server().url}/chat/app?lang=en`);
    const assigned = next<{ id: string }>(agentSocket, "conversation:assigned");
    await page.getByLabel("Message", { exact: true }).fill("Hello");
    await page.getByRole("button", { name: "Send" }).click();
    const conversationId = (await assigned).id;
    await agentSocket.timeout(5000).emitWithAck("message:send", { conversationId, id: msgId(), text: "How can I help?" });
    const log = page.getByRole("log");
    await log.getByText("How can I help?").waitFor();

    const shownName = "Jo\uFFFDnas\uFFFDgnp.exe";
    // The system line: the sentence reads in order, the name inside its own isolate.
    const joined = log.locator(".msg--system .msg__text").filter({ hasText: "has joined" });
    expect(await joined.textContent()).toBe(`An agent (${shownName}) has joined`);
    // The author line of the agent's message.
    const meta = log.locator(".msg--agent .msg__meta bdi");
    expect(await meta.textContent()).toBe(shownName);
    // Every place the name appears (system line, author, status, typing) is a <bdi>, isolated, with no bidi control left.
    const names = await page.locator("bdi").evaluateAll((els) => els.filter((el) => el.textContent?.includes("nas")).map((el) => [el.textContent, getComputedStyle(el).unicodeBidi]));
    expect(names.length).toBeGreaterThanOrEqual(2);
    for (const [text, bidi] of names) expect([text, bidi]).toEqual([shownName, "isolate"]);
    expect(await page.evaluate(() => /[\u202A-\u202E\u2066-\u2069]/.test(document.body.textContent ?? ""))).toBe(false);
    // Visual order: ") has joined" is laid out to the right of the name, as in the sentence.
    const order = await joined.evaluate((p) => {
      const bdi = p.querySelector("bdi")!;
      const tail = bdi.nextSibling!;
      const range = document.createRange();
      range.selectNodeContents(tail);
      return { nameRight: bdi.getBoundingClientRect().right, tailLeft: range.getBoundingClientRect().left, tail: tail.textContent };
    });
    expect(order.tail).toBe(") has joined");
    expect(order.tailLeft).toBeGreaterThanOrEqual(order.nameRight - 1);
  });
});
