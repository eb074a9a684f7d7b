// The supervisors' board in real Chromium: a supervisor signs in Away and is not handed chats, opens Board, sees a
// queued customer and the agents (live), watches a chat silently, takes it over, and reassigns another one; each
// waiting customer is listed, watched and assigned to a chosen colleague.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { seriousViolations } from "../helpers/axe.js";
import { addAgent } from "../helpers/clients.js";
import { describeBrowser, startChat, useBrowser } from "../helpers/browser.js";
import { useTestServer } from "../helpers/server.js";

describeBrowser("the board in the console", () => {
  const server = useTestServer({ env: { LANGUAGES: "en,de" } });
  const { newPage, openConsole } = useBrowser();

  /** A customer on the demo page who starts a chat; resolves once the server holds `count` open chats. */
  async function customerChat(name: string, text: string, count: number) {
    const chat = await startChat(await newPage(), server().url, { name, message: text });
    await expect.poll(async () => (await server().store.conversations.listOpen()).length).toBe(count);
    return chat;
  }

  const list = (page: Page) => page.getByRole("navigation", { name: "Conversations" });

  /**
   * Waits until the server has given `name`'s chat to `agentId`, then until the agent's console lists it: under a
   * loaded machine (the whole suite on two cores) the desk's assignment and the console's update together can take
   * longer than one browser wait.
   */
  async function listedFor(page: Page, name: string, agentId: string) {
    await expect.poll(async () => (await server().store.conversations.listOpen()).find((c) => c.visitorName === name)?.assigneeId, { timeout: 30_000 }).toBe(agentId);
    await list(page).getByText(name).waitFor();
  }

  it("a supervisor signs in Away, sees a queued customer and the agents, watches, takes over and reassigns", { timeout: 150_000 }, async () => {
    const ann = await addAgent(server().store, { languages: ["en"], name: "Ann", email: "ann.board@example.com", maxChats: 1 });
    const sue = await addAgent(server().store, { languages: ["en"], name: "Sue", email: "sue.board@example.com", role: "supervisor" });
    const annPage = await openConsole(server().url, ann);
    const mia = await customerChat("Mia", "Where is my parcel?", 1);
    await listedFor(annPage, "Mia", ann.id);

    // Signed in Away: looking at the board never hands chats.
    const supPage = await openConsole(server().url, sue);
    expect(await supPage.getByLabel("Status", { exact: true }).inputValue()).toBe("away");
    // Ann is full: the next customer waits in the queue, and is not given to Sue.
    await customerChat("Leo", "Hello, anyone?", 2);

    await supPage.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Board" }).click();
    const languages = supPage.getByRole("table", { name: "Queues by language" });
    const english = languages.getByRole("row", { name: /^English/ });
    await expect.poll(async () => (await english.getByRole("cell").allTextContents()).slice(0, 1)).toEqual(["1"]);
    // Load: the open chats of everyone signed in who speaks it, of their slots (Ann 1 of 1, Sue 0 of 3).
    expect(await english.getByRole("cell").nth(4).textContent()).toBe("1 of 4 chats");
    expect(await english.getByRole("cell").nth(3).textContent()).toBe("1");
    const agents = supPage.getByRole("table", { name: "Agents" });
    const annRow = agents.getByRole("row", { name: /^Ann/ });
    await annRow.getByText("Mia").waitFor();
    expect(await annRow.getByRole("cell").first().textContent()).toBe("Online");
    const sueRow = agents.getByRole("row", { name: /^Sue/ });
    expect(await sueRow.getByRole("cell").first().textContent()).toBe("Away");
    expect(await sueRow.getByRole("cell").nth(3).textContent()).toBe("0 of 3");
    expect((await server().store.conversations.listOpen()).filter((c) => c.assigneeId === sue.id)).toEqual([]);
    expect(await seriousViolations(supPage)).toEqual([]);

    // Watch silently: the customer's new message arrives in a read-only pane; the customer sees nobody join.
    await annRow.getByRole("button", { name: "Watch the chat with Mia" }).click();
    const pane = supPage.getByRole("region", { name: /Watching the chat with Mia/ });
    await pane.getByRole("log").getByText("Where is my parcel?").waitFor();
    await mia.getByLabel("Message").fill("It was due on Monday");
    await mia.getByRole("button", { name: "Send" }).click();
    await pane.getByRole("log").getByText("It was due on Monday").waitFor();
    expect(await pane.getByLabel("Message").count()).toBe(0);
    expect(await mia.getByText(/Sue/).count()).toBe(0);
    expect(await seriousViolations(supPage)).toEqual([]);

    // Take over: the chat is Sue's, Ann no longer has it, the customer sees Sue join; Leo then goes to Ann.
    await pane.getByRole("button", { name: "Take over" }).click();
    await list(supPage).getByText("Mia").waitFor();
    await supPage.getByRole("log").getByText("It was due on Monday").waitFor();
    await list(annPage).getByText("Mia").waitFor({ state: "detached" });
    await mia.getByRole("log").getByText("An agent (Sue) has joined").waitFor();
    await list(annPage).getByText("Leo").waitFor();
    await supPage.getByLabel("Message").fill("Sue here, I will check the courier.");
    await supPage.getByRole("button", { name: "Send" }).click();
    await mia.getByRole("log").getByText("Sue here, I will check the courier.").waitFor();

    // Reassign Leo from Ann to Bo, from the board.
    const bo = await addAgent(server().store, { languages: ["en"], name: "Bo", email: "bo.board@example.com" });
    const boPage = await openConsole(server().url, bo);
    await supPage.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Board" }).click();
    await agents.getByRole("row", { name: /^Bo/ }).getByRole("cell").first().getByText("Online").waitFor();
    await agents.getByRole("row", { name: /^Ann/ }).getByRole("button", { name: "Reassign the chat with Leo" }).click();
    const dialog = supPage.getByRole("dialog", { name: "Transfer the chat with Leo" });
    await dialog.getByLabel("Bo").check();
    expect(await seriousViolations(supPage)).toEqual([]);
    await dialog.getByLabel("Note for the colleague (optional)").fill("Ann is at lunch");
    await dialog.getByRole("button", { name: "Hand over" }).click();
    await list(boPage).getByText("Leo").click();
    await boPage.getByRole("region", { name: "Transfer" }).getByText("Transferred to you by Sue").waitFor();
    await list(annPage).getByText("Leo").waitFor({ state: "detached" });
    await agents.getByRole("row", { name: /^Bo/ }).getByText("Leo").waitFor();
  });

  it("lists each waiting customer (first words as text), watched silently and assigned to a chosen colleague", { timeout: 120_000 }, async () => {
    const ann = await addAgent(server().store, { languages: ["en"], name: "Ann", email: "ann.queue@example.com", maxChats: 1 });
    const sue = await addAgent(server().store, { languages: ["en"], name: "Sue", email: "sue.queue@example.com", role: "supervisor" });
    const annPage = await openConsole(server().url, ann);
    await customerChat("Mia", "Where is my parcel?", 1);
    await listedFor(annPage, "Mia", ann.id);
    const supPage = await openConsole(server().url, sue);
    const leo = await customerChat("Leo", "<b>Refund</b> please", 2);

    await supPage.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Board" }).click();
    const waiting = supPage.getByRole("table", { name: "Waiting customers" });
    const leoRow = waiting.getByRole("row", { name: /^Leo/ });
    await leoRow.getByText("<b>Refund</b> please", { exact: true }).waitFor();
    expect(await leoRow.getByRole("cell").first().textContent()).toBe("English");
    expect(await seriousViolations(supPage)).toEqual([]);

    // Watch the waiting customer silently: their next words arrive; they see nobody join.
    await leoRow.getByRole("button", { name: "Watch the chat with Leo" }).click();
    const pane = supPage.getByRole("region", { name: /Watching the chat with Leo/ });
    await pane.getByRole("log").getByText("<b>Refund</b> please", { exact: true }).waitFor();
    await leo.getByLabel("Message").fill("Order 1234");
    await leo.getByRole("button", { name: "Send" }).click();
    await pane.getByRole("log").getByText("Order 1234").waitFor();

    // Assign to Ann although she is full (the supervisor decides): she gets it, the customer sees her join.
    await leoRow.getByLabel("Assign the chat with Leo to").selectOption({ label: "Ann (1 of 1)" });
    await leoRow.getByRole("button", { name: "Assign the chat with Leo" }).click();
    await list(annPage).getByText("Leo").waitFor();
    await leo.getByRole("log").getByText("An agent (Ann) has joined").waitFor();
    await waiting.getByText("Nobody is waiting.").waitFor();
    expect((await server().store.conversations.listOpen()).filter((c) => c.assigneeId === sue.id)).toEqual([]);
    expect(await seriousViolations(supPage)).toEqual([]);
  });

  it("is not offered to agents", async () => {
    const ann = await addAgent(server().store, { languages: ["en"], name: "Ann", email: "ann.noboard@example.com" });
    const page = await openConsole(server().url, ann);
    expect(await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Board" }).count()).toBe(0);
    await page.goto(`${server().url}/console#/board`);
    await page.getByText("Only supervisors and admins can see the board.").waitFor();
  });
});
