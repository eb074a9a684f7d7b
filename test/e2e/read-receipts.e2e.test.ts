// Read receipts and the customer's unread count (issue 10), in real Chromium: what the agent sent while the panel was
// closed counts on the bubble, also after a reload (the server's read marker); opening the panel marks it read, and
// the console shows "Seen" under the agent's latest seen message.
import { expect, it } from "vitest";
import { addAgent } from "../helpers/clients.js";
import { chatPanel, describeBrowser, startChat, useBrowser } from "../helpers/browser.js";
import { useTestServer } from "../helpers/server.js";

describeBrowser("read receipts and the unread count", () => {
  const server = useTestServer();
  const { newPage, openConsole } = useBrowser();

  it("counts unseen agent messages on the bubble across a reload, and shows Seen to the agent once the customer looks", { timeout: 90_000 }, async () => {
    const agent = await addAgent(server().store, { languages: ["en"], name: "Jonas" });
    const console_ = await openConsole(server().url, agent);

    const customer = await newPage();
    const chat = await startChat(customer, server().url, { name: "Mia", message: "Hello there" });

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
    await chatPanel(customer).getByRole("log").getByText("Your refund is approved").waitFor();
    await second.getByText("Seen", { exact: true }).waitFor();
    // "Seen" moves to the latest seen message.
    await expect.poll(() => first.getByText("Seen", { exact: true }).count()).toBe(0);
    expect(await customer.getByRole("button", { name: "Close chat" }).getAttribute("aria-description")).toBeFalsy();
  });
});
