// Transfer in real Chromium: an agent hands a chat to a colleague with a note (the colleague sees who and why, the
// sender no longer has it, the customer is told and keeps chatting), to another language's queue, and a decline.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { seriousViolations } from "../helpers/axe.js";
import { addAgent } from "../helpers/clients.js";
import { describeBrowser, startChat, useBrowser } from "../helpers/browser.js";
import { useTestServer } from "../helpers/server.js";

describeBrowser("transfer in the console", () => {
  const server = useTestServer({ env: { LANGUAGES: "en,de" } });
  const { newPage, openConsole } = useBrowser();

  /** A customer on the demo page who starts a chat; resolves once the server holds it. */
  async function customerChat(text: string) {
    const page = await newPage();
    const chat = await startChat(page, server().url, { name: "Mia", message: text });
    await expect.poll(async () => (await server().store.conversations.listOpen()).length).toBe(1);
    return { page, chat };
  }

  const list = (page: Page) => page.getByRole("navigation", { name: "Conversations" });

  it("hands a chat to a colleague with a note: they see who and why, the sender no longer has it, the customer keeps chatting", { timeout: 120_000 }, async () => {
    const ann = await addAgent(server().store, { languages: ["en"], name: "Ann", email: "ann.transfer@example.com" });
    const bo = await addAgent(server().store, { languages: ["en"], name: "Bo", email: "bo.transfer@example.com" });
    const dora = await addAgent(server().store, { languages: ["de"], name: "Dora", email: "dora.transfer@example.com" });
    const annPage = await openConsole(server().url, ann);
    const { chat } = await customerChat("My card was charged twice");
    await list(annPage).getByText("Mia").click();
    await annPage.getByRole("log").getByText("My card was charged twice").waitFor();
    const boPage = await openConsole(server().url, bo);
    await openConsole(server().url, dora);
    await expect.poll(() => server().app.desk.stats().agentsOnline).toBe(3);

    // The dialog: labelled, Escape closes it and focus goes back to the Transfer button.
    const transfer = annPage.getByRole("button", { name: "Transfer", exact: true });
    await transfer.click();
    const dialog = annPage.getByRole("dialog", { name: "Transfer the chat with Mia" });
    await dialog.waitFor();
    await annPage.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect(await transfer.evaluate((el) => el === document.activeElement)).toBe(true);

    await transfer.click();
    // Bo can take it; Dora is listed with why not; the German queue is offered.
    await dialog.getByLabel("Bo").waitFor();
    expect(await dialog.getByLabel("Dora").isDisabled()).toBe(true);
    await dialog.getByText("cannot take it: does not speak English").waitFor();
    await dialog.getByLabel("German queue").waitFor();
    // Focus stays in the dialog (the page behind is inert).
    for (let i = 0; i < 8; i++) {
      await annPage.keyboard.press("Tab");
      expect(await annPage.evaluate(() => !!document.activeElement?.closest("dialog"))).toBe(true);
    }
    expect(await seriousViolations(annPage)).toEqual([]);
    await dialog.getByLabel("Bo").check();
    await dialog.getByLabel("Note for the colleague (optional)").fill("Billing <b>question</b>: refund one charge");
    await dialog.getByRole("button", { name: "Hand over" }).click();
    await dialog.waitFor({ state: "detached" });

    // The sender no longer holds it; the receiver sees who sent it and why (as text).
    await list(annPage).getByText("Mia").waitFor({ state: "detached" });
    await list(boPage).getByText("Mia").click();
    const banner = boPage.getByRole("region", { name: "Transfer" });
    await banner.getByText("Transferred to you by Ann").waitFor();
    await banner.getByText("Billing <b>question</b>: refund one charge").waitFor();
    expect(await banner.locator("b").count()).toBe(0);
    await boPage.getByRole("log").getByText("My card was charged twice").waitFor();

    // The customer is told, and keeps chatting with Bo.
    const log = chat.getByRole("log");
    await log.getByText("You are being transferred to another agent.").waitFor();
    await chat.getByLabel("Message").fill("Still there?");
    await chat.getByRole("button", { name: "Send" }).click();
    await boPage.getByRole("log").getByText("Still there?").waitFor();
    await boPage.getByLabel("Message").fill("Yes, Bo here. Refunding one charge now.");
    await boPage.getByRole("button", { name: "Send" }).click();
    await log.getByText("Yes, Bo here. Refunding one charge now.").waitFor();
    expect((await server().store.conversations.listOpen())[0]?.assigneeId).toBe(bo.id);
  });

  it("moves a chat to another language's queue, where a German agent takes it", { timeout: 120_000 }, async () => {
    const ann = await addAgent(server().store, { languages: ["en"], name: "Ann", email: "ann.queue@example.com" });
    const annPage = await openConsole(server().url, ann);
    const { chat } = await customerChat("Eigentlich spreche ich lieber Deutsch");
    await list(annPage).getByText("Mia").click();
    await annPage.getByRole("button", { name: "Transfer", exact: true }).click();
    const dialog = annPage.getByRole("dialog", { name: "Transfer the chat with Mia" });
    await dialog.getByLabel("German queue").check();
    await dialog.getByLabel("Note for the colleague (optional)").fill("Prefers German");
    await dialog.getByRole("button", { name: "Hand over" }).click();
    await list(annPage).getByText("Mia").waitFor({ state: "detached" });
    // The widget follows the chat into German and tells the customer in it.
    await chat.getByRole("log").getByText("Sie werden in die Warteschlange für Deutsch weitergeleitet.").waitFor();
    await expect.poll(async () => (await server().store.conversations.listOpen())[0]?.language).toBe("de");

    const dora = await addAgent(server().store, { languages: ["de"], name: "Dora", email: "dora.queue@example.com" });
    const doraPage = await openConsole(server().url, dora);
    await list(doraPage).getByText("Mia").click();
    await doraPage.getByRole("log").getByText("Eigentlich spreche ich lieber Deutsch").waitFor();
    await doraPage.getByRole("log").getByText("Transfer: Prefers German").waitFor();
  });

  it("lets the receiver decline: the chat goes back to the sender, who sees who declined it", { timeout: 120_000 }, async () => {
    const ann = await addAgent(server().store, { languages: ["en"], name: "Ann", email: "ann.decline@example.com" });
    const bo = await addAgent(server().store, { languages: ["en"], name: "Bo", email: "bo.decline@example.com" });
    const annPage = await openConsole(server().url, ann);
    await customerChat("Hello there");
    // Ann holds the chat before Bo comes online, so it can only be hers.
    await list(annPage).getByText("Mia").click();
    const boPage = await openConsole(server().url, bo);
    // The dialog lists who can take the chat as the desk sees them when it opens: Bo must be counted present by then.
    await expect.poll(() => server().app.desk.stats().agentsOnline).toBe(2);
    await annPage.getByRole("button", { name: "Transfer", exact: true }).click();
    const dialog = annPage.getByRole("dialog", { name: "Transfer the chat with Mia" });
    await dialog.getByLabel("Bo").check();
    await dialog.getByRole("button", { name: "Hand over" }).click();
    await list(boPage).getByText("Mia").click();
    await boPage.getByRole("button", { name: "Decline" }).click();
    await list(boPage).getByText("Mia").waitFor({ state: "detached" });
    await list(annPage).getByText("Mia").click();
    await annPage.getByRole("region", { name: "Transfer" }).getByText("Declined by Bo").waitFor();
    expect(await annPage.getByRole("button", { name: "Decline" }).count()).toBe(0);
    expect((await server().store.conversations.listOpen())[0]?.assigneeId).toBe(ann.id);
  });
});
