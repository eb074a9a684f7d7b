// The console's administration pages against the real server, in real Chromium, checked with axe-core.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { seriousViolations } from "../helpers/axe.js";
import { describeBrowser, useBrowser } from "../helpers/browser.js";
import { addAgent, connectVisitor, msgId, next } from "../helpers/clients.js";
import { useTestServer } from "../helpers/server.js";
import { conversation } from "../store/fixtures.js";

describeBrowser("console administration in the browser", () => {
  const server = useTestServer({ env: { LANGUAGES: "en,de" } });
  const { newPage, openConsole } = useBrowser();

  const sections = (page: Page) => page.getByRole("navigation", { name: "Sections" });

  it("an admin adds an agent who then signs in and takes a chat; disabling signs them out", { timeout: 60_000 }, async () => {
    const admin = await addAgent(server().store, { role: "admin", name: "Ada", email: "ada@example.com" });
    const page = await openConsole(server().url, admin);
    await sections(page).getByRole("link", { name: "Agents" }).click();
    await page.getByRole("heading", { name: "Agents", level: 2 }).waitFor();
    await page.getByRole("row", { name: /ada@example\.com/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Add an agent" }).click();
    // The form moves the keyboard to its first field once it has rendered.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("agent-email");
    await page.getByLabel("Email").fill("lena@example.com");
    await page.getByLabel("Name", { exact: true }).fill("Lena <b>");
    await page.getByRole("group", { name: "Languages" }).getByLabel("Deutsch").check();
    await page.getByLabel("Maximum chats").fill("2");
    await page.getByLabel("Time zone").fill("Europe/Berlin");
    await page.getByLabel("Password").fill("lenas-password");
    await page.getByRole("button", { name: "Add agent" }).click();
    const row = page.getByRole("row", { name: /lena@example\.com/ });
    await row.waitFor();
    expect(await row.textContent()).toContain("Lena <b>");
    expect(await row.textContent()).toContain("en, de");
    expect(await seriousViolations(page)).toEqual([]);

    // Lena signs in and takes a chat.
    const lenaPage = await openConsole(server().url, { email: "lena@example.com", password: "lenas-password" });
    const { socket: visitor } = await connectVisitor(server().url);
    await visitor.emitWithAck("conversation:start", { language: "de", name: "Mia", message: { id: msgId(), text: "Hallo" } });
    await lenaPage.getByRole("navigation", { name: "Conversations" }).getByText("Mia").waitFor();

    // The admin edits her, then disables her: her console is signed out.
    await page.getByRole("button", { name: "Edit Lena <b>" }).click();
    await page.getByLabel("Name", { exact: true }).fill("Lena B.");
    await page.getByRole("button", { name: "Save agent" }).click();
    await page.getByRole("row", { name: /Lena B\./ }).waitFor();
    await page.getByRole("button", { name: "Disable Lena B." }).click();
    await page.getByRole("row", { name: /Lena B\..*Disabled/ }).waitFor();
    await lenaPage.getByRole("button", { name: "Sign in" }).waitFor();

    // A password reset: the new one works.
    await page.getByRole("button", { name: "Enable Lena B." }).click();
    await page.getByRole("row", { name: /Lena B\..*Active/ }).waitFor();
    await page.getByRole("button", { name: "Reset password Lena B." }).click();
    await page.getByLabel("New password for Lena B.").fill("a-new-password");
    await page.getByRole("button", { name: "Save password" }).click();
    await page.getByText("password was changed").waitFor();
    const again = await openConsole(server().url, { email: "lena@example.com", password: "a-new-password" });
    await again.getByLabel("Status", { exact: true }).waitFor();
  });

  it("an agent saves a personal canned response and inserts it in a chat by typing its shortcut", { timeout: 60_000 }, async () => {
    const agent = await addAgent(server().store, { name: "Jonas", languages: ["en", "de"] });
    await server().store.canned.put({ id: "cr_shared", ownerId: null, language: "en", shortcut: "greet", text: "Hello! How can I help?", createdAt: 1, updatedAt: 1 });
    const page = await openConsole(server().url, agent);
    await sections(page).getByRole("link", { name: "Canned responses" }).click();
    await page.getByRole("row", { name: /\/greet/ }).waitFor();
    await page.getByRole("button", { name: "Add a response" }).click();
    // Once the form has moved the keyboard to its first field, no later move can take what is typed.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("canned-language");
    await page.getByLabel("Language").selectOption({ label: "Deutsch" });
    await page.getByLabel("Shortcut").fill("gruss");
    await page.getByLabel("Text", { exact: true }).fill("Guten Tag! <b>Wie kann ich helfen?</b>");
    await page.getByRole("button", { name: "Save response" }).click();
    await page.getByRole("row", { name: /\/gruss/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    const { socket: visitor } = await connectVisitor(server().url);
    await visitor.emitWithAck("conversation:start", { language: "de", name: "Mia", message: { id: msgId(), text: "Hallo" } });
    await sections(page).getByRole("link", { name: /Chats/ }).click();
    await page.getByRole("navigation", { name: "Conversations" }).getByText("Mia").click();
    const box = page.getByLabel("Message");
    await box.pressSequentially("/g");
    const list = page.getByRole("listbox", { name: "Canned responses" });
    const options = list.getByRole("option");
    // The conversation's language (German) first.
    await expect.poll(() => options.allTextContents()).toEqual([expect.stringContaining("/gruss"), expect.stringContaining("/greet")]);
    expect(await box.getAttribute("aria-activedescendant")).toBe(await options.first().getAttribute("id"));
    expect(await seriousViolations(page)).toEqual([]);
    await box.press("ArrowDown");
    expect(await options.nth(1).getAttribute("aria-selected")).toBe("true");
    await box.press("ArrowUp");
    await box.press("Escape");
    await list.waitFor({ state: "detached" });
    // Escape dismisses this "/" for good; typing the shortcut anew offers again.
    await box.pressSequentially("r");
    expect(await list.count()).toBe(0);
    await box.press("Backspace");
    await box.press("Backspace");
    await box.press("Backspace");
    await box.pressSequentially("/gr");
    await list.waitFor();
    await box.press("Enter");
    await list.waitFor({ state: "detached" });
    expect(await box.inputValue()).toBe("Guten Tag! <b>Wie kann ich helfen?</b>");
    const received = next<{ text: string }>(visitor, "message:created", (m) => m.text.startsWith("Guten Tag"));
    await box.press("Enter");
    expect((await received).text).toBe("Guten Tag! <b>Wie kann ich helfen?</b>");
  });

  it("an admin sets languages, texts and the widget's look; the widget shows the texts without a rebuild", { timeout: 60_000 }, async () => {
    const admin = await addAgent(server().store, { role: "admin", languages: ["fr"] });
    const page = await openConsole(server().url, admin);
    await sections(page).getByRole("link", { name: "Languages and texts" }).click();
    await page.getByRole("group", { name: "Enabled languages" }).getByLabel("Français").check();
    await page.getByLabel("Fallback for Français").selectOption({ label: "English" });
    await page.getByLabel("Greeting (Deutsch)").fill("Willkommen bei <b>Parley</b>!");
    await page.getByLabel("Queue text (Deutsch)").fill("Danke für Ihre Geduld.");
    await page.getByLabel("Away text (Français)").fill("Personne n'est là pour le moment.");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Save languages" }).click();
    await page.getByText("The language settings were saved").waitFor();
    expect((await server().store.settings.get()).languages).toEqual(["en", "de", "fr"]);
    await page.getByLabel("Categories, one per line").fill("Billing\nShipping");
    await page.getByRole("button", { name: "Save categories" }).click();
    await page.getByText("The ticket categories were saved").waitFor();
    expect((await server().store.settings.get()).ticketCategories).toEqual(["Billing", "Shipping"]);

    await sections(page).getByRole("link", { name: "Widget" }).click();
    await page.getByLabel("Colour").fill("#7a1f5c");
    await page.getByLabel("Position").selectOption("left");
    await page.getByLabel("Greeting", { exact: true }).fill("Hello from the preview");
    const preview = page.getByRole("figure", { name: /Preview/ });
    await preview.getByText("Hello from the preview").waitFor();
    expect(await preview.locator(".preview-header").evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(122, 31, 92)");
    await page.getByLabel("Only these sites").check();
    await page.getByLabel("Allowed origins, one per line").fill("https://www.example.com");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Save widget" }).click();
    await page.getByText("The widget settings were saved.").waitFor();
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: server().url });
    await page.getByRole("button", { name: "Copy snippet" }).click();
    await page.getByText("The snippet is on the clipboard.").waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`<script src="${server().url}/widget.js" async></script>`);

    // The chat page shows the German greeting, as text.
    const chat = await newPage();
    await chat.goto(`${server().url}/chat?lang=de`);
    await chat.getByText("Willkommen bei <b>Parley</b>!").waitFor();
    expect(await chat.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--accent").trim())).toBe("#7a1f5c");
  });

  it("a supervisor sees the coverage heatmap with gaps and its tables", { timeout: 60_000 }, async () => {
    const supervisor = await addAgent(server().store, { role: "supervisor", languages: ["en"] });
    const { password: _password, ...jonas } = await addAgent(server().store, { languages: ["de"] });
    await server().store.agents.put({ ...jonas, timeZone: "UTC", shifts: ["Mon,Tue,Wed,Thu,Fri 08:00-16:00"] });
    const page = await openConsole(server().url, supervisor);
    await sections(page).getByRole("link", { name: "Coverage" }).click();
    await page.getByRole("img", { name: /Coverage heatmap: en 0 gaps, de [1-9]\d* gaps?/ }).waitFor();
    await page.getByText("Table: de").click();
    const table = page.getByRole("table", { name: "Agents on shift in de, by day and hour" });
    const monday = table.getByRole("row", { name: /^Monday/ });
    const cells = await monday.getByRole("cell").allTextContents();
    expect(cells.length).toBe(24);
    expect(cells.slice(0, 24).filter((c) => c === "gap").length).toBeGreaterThan(0);
    expect(cells.some((c) => c === "1")).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("a supervisor reads today's and the week's report with charts and the hourly table", { timeout: 60_000 }, async () => {
    const supervisor = await addAgent(server().store, { role: "supervisor" });
    const now = Date.now();
    await server().store.conversations.create(conversation({ id: "c_r1", visitorId: "v_r1", createdAt: now - 60_000, assignedAt: now - 30_000, status: "closed", closedAt: now - 10_000, closedBy: "agent", rating: { score: 5, comment: null, at: now } }));
    await server().store.conversations.create(conversation({ id: "c_r2", visitorId: "v_r2", createdAt: now - 50_000, assignedAt: null, status: "closed", closedAt: now - 20_000, closedBy: "visitor" }));
    const page = await openConsole(server().url, supervisor);
    await sections(page).getByRole("link", { name: "Reports" }).click();
    const figure = (label: string) => page.getByRole("term").filter({ hasText: label }).locator("xpath=following-sibling::dd");
    await page.getByRole("table", { name: "Figures by hour" }).waitFor();
    // The week (not today) so that the figures hold also just after midnight.
    await page.getByLabel("Period").selectOption("week");
    await page.getByRole("columnheader", { name: "Conversations per day" }).waitFor();
    await page.getByRole("img", { name: /Mean wait by hour of the day; longest 30 s/ }).waitFor();
    expect(await figure("Conversations").textContent()).toBe("2");
    expect(await figure("Answered within 60 s").textContent()).toBe("1 of 1");
    expect(await figure("Abandoned").textContent()).toBe("1 (50 %)");
    await page.getByRole("img", { name: /Conversations started per hour( \(per day\))?; busiest/ }).waitFor();
    await page.getByRole("img", { name: /Conversations and scheduled agents per hour/ }).waitFor();
    await page.getByRole("img", { name: /Fantastic 1/ }).waitFor();
    const table = page.getByRole("table", { name: "Figures by hour" });
    expect(await table.getByRole("row").count()).toBe(25);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("an agent finds a past conversation by its text and opens it read-only", { timeout: 60_000 }, async () => {
    const agent = await addAgent(server().store, { name: "Jonas" });
    const now = Date.now();
    await server().store.conversations.create(conversation({ id: "c_past", visitorId: "v_past", visitorName: "Mia <i>M</i>", assigneeId: agent.id, createdAt: now - 3_600_000, status: "closed", closedAt: now - 3_000_000, closedBy: "agent" }));
    await server().store.messages.append("c_past", { id: "m_p1", author: "visitor", text: "My refund <b>never</b> arrived", at: now - 3_500_000 });
    await server().store.messages.append("c_past", { id: "m_p2", author: "agent", authorName: "Jonas", text: "It is on its way.", at: now - 3_400_000 });
    const page = await openConsole(server().url, agent);
    await sections(page).getByRole("link", { name: "Search" }).click();
    await page.getByLabel("Text, name or email").fill("REFUND");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    const hits = page.getByRole("list", { name: "Conversations" });
    await hits.getByText("My refund <b>never</b> arrived").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await hits.getByRole("link", { name: /Mia <i>M<\/i>/ }).click();
    await page.getByRole("heading", { name: "Conversation with Mia <i>M</i>" }).waitFor();
    const transcript = page.getByRole("list", { name: "Transcript" });
    await transcript.getByText("It is on its way.").waitFor();
    expect(await page.getByLabel("Message").count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("link", { name: "Back to the results" }).click();
    await hits.waitFor();
  });

  it("shows the Agents page to admins only", { timeout: 60_000 }, async () => {
    const supervisor = await addAgent(server().store, { role: "supervisor" });
    const page = await openConsole(server().url, supervisor, "#/agents");
    await page.getByText("Only admins can manage agents").waitFor();
    expect(await sections(page).getByRole("link", { name: "Agents" }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
