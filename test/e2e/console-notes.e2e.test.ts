// Internal notes in real Chromium: an agent writes a note in the Note mode; the customer's widget never shows it,
// while the reply written after it arrives. Also the chat list: the customer's latest message, waiting time, language.
import { expect, it } from "vitest";
import { seriousViolations } from "../helpers/axe.js";
import { addAgent } from "../helpers/clients.js";
import { describeBrowser, reopenWidget, startChat, useBrowser } from "../helpers/browser.js";
import { useTestServer } from "../helpers/server.js";

describeBrowser("internal notes in the console", () => {
  const server = useTestServer();
  const { newPage, openConsole } = useBrowser();

  it("shows a note as an internal note to the agent and never to the customer", { timeout: 90_000 }, async () => {
    const agent = await addAgent(server().store, { languages: ["en"], name: "Jonas", email: "jonas.notes@example.com" });
    const console_ = await openConsole(server().url, agent);

    const customer = await newPage();
    const chat = await startChat(customer, server().url, { name: "Mia", message: "My parcel is late" });
    await expect.poll(async () => (await server().store.conversations.listOpen()).length).toBe(1);

    // The list shows the customer's latest message, how long they have waited, and the language.
    const item = console_.getByRole("navigation", { name: "Conversations" }).getByRole("button", { name: /Mia/ });
    await item.getByText("My parcel is late").waitFor();
    await item.getByText("waiting <1 min").waitFor();
    await item.getByText("English").waitFor();
    await item.click();
    const transcript = console_.getByRole("log");
    await transcript.getByText("My parcel is late").waitFor();

    // Note mode: clearly switched, its own box, "Add note".
    const note = `Customer <b>VIP</b>: check the courier first`;
    await console_.getByRole("button", { name: "Note", exact: true }).click();
    expect(await console_.getByRole("button", { name: "Note", exact: true }).getAttribute("aria-pressed")).toBe("true");
    await console_.getByLabel("Internal note").fill(note);
    await console_.getByRole("button", { name: "Add note" }).click();
    const shown = transcript.getByRole("listitem", { name: "Internal note by Jonas" });
    await shown.getByText(note).waitFor();
    expect(await shown.getByText("Internal note", { exact: true }).count()).toBe(1);
    expect(await transcript.locator("b").count()).toBe(0);
    expect(await seriousViolations(console_)).toEqual([]);

    // Back to Reply: the reply written after the note reaches the customer; the note never does.
    await console_.getByRole("button", { name: "Reply", exact: true }).click();
    await console_.getByLabel("Message").fill("Let me check that for you");
    await console_.getByRole("button", { name: "Send" }).click();
    const log = chat.getByRole("log");
    await log.getByText("Let me check that for you").waitFor();
    expect(await log.getByText("check the courier").count()).toBe(0);
    expect(await customer.content()).not.toContain("check the courier");
    // Answered: no longer waiting; the preview stays the customer's message.
    await item.getByText("waiting <1 min").waitFor({ state: "detached" });
    await item.getByText("My parcel is late").waitFor();

    // Nor after a reload (resume and history).
    await customer.reload();
    const resumed = (await reopenWidget(customer)).getByRole("log");
    await resumed.getByText("Let me check that for you").waitFor();
    expect(await resumed.getByText("check the courier").count()).toBe(0);

    // The note is stored with the conversation, and survives the agent's reload too.
    await console_.reload();
    await console_.getByRole("navigation", { name: "Conversations" }).getByText("Mia").click();
    await console_.getByRole("log").getByRole("listitem", { name: "Internal note by Jonas" }).getByText(note).waitFor();
  });
});
