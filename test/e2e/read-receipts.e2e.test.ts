// Read receipts and the customer's unread count (issue 10), in real Chromium: what the agent sent while the panel was
// closed counts on the bubble, also after a reload (the server's read marker); opening the panel marks it read, and
// the console shows "Seen" under the agent's latest seen message.
import { afterEach, beforeEach, expect, it } from "vitest";
import { addAgent } from "../helpers/clients.js";
import { describeBrowser, signInToConsole, useBrowser } from "../helpers/browser.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer;

describeBrowser("read receipts and the unread count", () => {
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.close();
  });
  const { newPage } = useBrowser();

  it("counts unseen agent messages on the bubble across a reload, and shows Seen to the agent once the customer looks", { timeout: 90_000 }, async () => {
    const agent = await addAgent(server.store, { languages: ["en"], name: "Jonas" });
    const console_ = await signInToConsole(await newPage(), server.url, agent.email, agent.password);

    const customer = await newPage();
    await customer.goto(`${server.url}/`);
    await customer.getByRole("button", { name: "Open chat" }).click();
    const chat = customer.frameLocator('iframe[title="Chat"]');
    await chat.getByLabel("Name").fill("Mia");
    await chat.getByLabel("Message").fill("Hello there");
    await chat.getByRole("button", { name: "Send" }).click();

    await console_.getByRole("navigation", { name: "Conversations" }).getByText("Mia").click();
    const transcript = console_.getByRole("log", { name: "Transcript" });
    await transcript.getByText("Hello there").waitFor();
    await console_.getByLabel("Message").fill("Hi Mia, one moment");
    await console_.getByRole("button", { name: "Send" }).click();
    await chat.getByRole("log").getByText("Hi Mia, one moment").waitFor();
    // The panel is open: the customer has seen it.
    const first = transcript.getByRole("listitem").filter({ hasText: "Hi Mia, one moment" });
    await first.getByText("Seen", { exact: true }).waitFor();

    await customer.getByRole("button", { name: "Close chat" }).click();
    await console_.getByLabel("Message").fill("Your refund is approved");
    await console_.getByRole("button", { name: "Send" }).click();
    const bubble = customer.getByRole("button", { name: "Open chat" });
    await expect.poll(() => bubble.getAttribute("aria-description")).toBe("1 unread");
    const second = transcript.getByRole("listitem").filter({ hasText: "Your refund is approved" });
    await second.waitFor();
    expect(await second.getByText("Seen", { exact: true }).count()).toBe(0);

    // A reload keeps the count: it comes from the server's read marker, not from this page's memory.
    await customer.reload();
    await expect.poll(() => customer.getByRole("button", { name: "Open chat" }).getAttribute("aria-description"), { timeout: 20_000 }).toBe("1 unread");
    expect(await second.getByText("Seen", { exact: true }).count()).toBe(0);

    await customer.getByRole("button", { name: "Open chat" }).click();
    await customer.frameLocator('iframe[title="Chat"]').getByRole("log").getByText("Your refund is approved").waitFor();
    await second.getByText("Seen", { exact: true }).waitFor();
    // "Seen" moves to the latest seen message.
    await expect.poll(() => first.getByText("Seen", { exact: true }).count()).toBe(0);
    expect(await customer.getByRole("button", { name: "Close chat" }).getAttribute("aria-description")).toBeFalsy();
  });
});
