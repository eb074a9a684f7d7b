// The emailed answer for a customer who left (issue 10), in real Chromium: the customer chats and closes the page, the
// agent answers, the email (the server's outbox) carries the conversation's link; opened in a fresh browser (no
// storage of the customer's) it shows the answer and the customer answers back, which reaches the agent.
import { expect, it } from "vitest";
import { addAgent } from "../helpers/clients.js";
import { describeBrowser, startChat, useBrowser } from "../helpers/browser.js";
import { useTestServer } from "../helpers/server.js";
import { waitFor } from "../selfservice/helpers.js";
import { outbox } from "../selfservice/setup.js";

describeBrowser("an answer emailed to a customer who left", () => {
  const server = useTestServer({ env: { OFFLINE_REPLY_EMAIL_SECONDS: "0.5" } });
  const { newPage, openConsole } = useBrowser();

  it("emails the agent's answer with a link that opens the chat in a fresh browser, where the customer answers", { timeout: 90_000 }, async () => {
    const agent = await addAgent(server().store, { languages: ["en"], name: "Jonas" });
    const console_ = await openConsole(server().url, agent);

    const customer = await newPage();
    await startChat(customer, server().url, { name: "Mia", email: "mia@example.com", message: "My withdrawal is stuck" });
    await console_.getByRole("navigation", { name: "Conversations" }).getByText("Mia").click();
    const transcript = console_.getByRole("log", { name: "Transcript" });
    await transcript.getByText("My withdrawal is stuck").waitFor();
    const visitorId = (await server().store.conversations.listOpen())[0]!.visitorId;

    // The customer closes the page; the agent answers.
    await customer.close();
    await expect.poll(() => server().app.desk.visitors.count(visitorId)).toBe(0);
    await console_.getByLabel("Message").fill("It was sent today, <b>2 days</b> to arrive");
    await console_.getByRole("button", { name: "Send" }).click();

    const mail = await waitFor(async () => (await outbox(server())).find((m) => m.text.includes("/chat/c/")), 20_000, "the email");
    expect(mail.headers.get("to")).toEqual(["mia@example.com"]);
    expect(mail.text).toContain("It was sent today, <b>2 days</b> to arrive");
    const link = /https?:\/\/\S+\/chat\/c\/[A-Za-z0-9_.-]+/.exec(mail.text)![0];

    // A fresh browser context: nothing of the customer's earlier visit.
    const fromMail = await newPage();
    await fromMail.goto(link);
    const log = fromMail.getByRole("log");
    await log.getByText("It was sent today, <b>2 days</b> to arrive").waitFor();
    await log.getByText("My withdrawal is stuck").waitFor();
    expect(await log.locator("b").count()).toBe(0);
    await fromMail.getByLabel("Message").fill("Thanks, I will wait");
    await fromMail.getByRole("button", { name: "Send" }).click();
    await transcript.getByText("Thanks, I will wait").waitFor();
  });
});
