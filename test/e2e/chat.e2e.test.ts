// A customer on the demo page and an agent in the console chat both ways, in real Chromium.
import { expect, it } from "vitest";
import { addAgent } from "../helpers/clients.js";
import { describeBrowser, fillChecked, openWidget, reopenWidget, useBrowser } from "../helpers/browser.js";
import { useTestServer } from "../helpers/server.js";

describeBrowser("customer and agent in the browser", () => {
  const server = useTestServer();
  const { newPage, openConsole } = useBrowser();

  it("chats both ways, renders typed markup as text, survives a reload, and ends with a rating", { timeout: 90_000 }, async () => {
    const agent = await addAgent(server().store, { languages: ["en", "de"], name: "Jonas", email: "jonas@example.com" });
    const console_ = await openConsole(server().url, agent);

    const customer = await newPage();
    const chat = await openWidget(customer, `${server().url}/`);
    await chat.getByLabel("Language").waitFor();
    expect(await chat.getByLabel("Language").inputValue()).toBe("en");
    await fillChecked(chat.getByLabel("Name"), "Mia");
    await chat.getByLabel("Message").fill("Hello from the demo page");
    await chat.getByRole("button", { name: "Send" }).click();
    await chat.getByRole("log").getByText("Hello from the demo page").waitFor();
    // The message shows at once as pending; wait until the server has stored the conversation.
    await expect.poll(async () => (await server().store.conversations.listOpen()).length).toBe(1);
    const conversationId = (await server().store.conversations.listOpen())[0]!.id;

    // The agent sees the new chat, opens it, and answers.
    const conversations = console_.getByRole("navigation", { name: "Conversations" });
    await conversations.getByText("Mia").click();
    const transcript = console_.getByRole("log");
    await transcript.getByText("Hello from the demo page").waitFor();
    await console_.getByLabel("Message").fill("Hi Mia, how can I help?");
    await console_.getByRole("button", { name: "Send" }).click();
    await chat.getByRole("log").getByText("Hi Mia, how can I help?").waitFor();

    // Markup a customer types arrives as text, never as HTML.
    const markup = `<img src=x onerror="window.__xss=1">`;
    await chat.getByLabel("Message").fill(markup);
    await chat.getByRole("button", { name: "Send" }).click();
    await transcript.getByText(markup).waitFor();
    expect(await console_.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await transcript.locator("img").count()).toBe(0);

    // A reload resumes the conversation with its whole history.
    await customer.reload();
    // The panel comes back as it was (open), so the bubble now offers to close it.
    const resumed = await reopenWidget(customer);
    await resumed.getByRole("log").getByText("Hi Mia, how can I help?").waitFor();
    await resumed.getByRole("log").getByText("Hello from the demo page").waitFor();

    // The agent closes; the customer rates from Terrible to Fantastic.
    await console_.getByRole("button", { name: "Close conversation" }).click();
    for (const step of ["Terrible", "Bad", "Okay", "Good", "Fantastic"]) await resumed.getByRole("button", { name: step, exact: true }).or(resumed.getByRole("radio", { name: step, exact: true })).waitFor();
    await resumed.getByRole("button", { name: "Fantastic", exact: true }).or(resumed.getByRole("radio", { name: "Fantastic", exact: true })).click();
    await resumed.getByRole("button", { name: "Send rating" }).click();
    await expect.poll(async () => (await server().store.conversations.get(conversationId))?.rating?.score).toBe(5);
  });
});
