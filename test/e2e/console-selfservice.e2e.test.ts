// The console's Tickets, Feedback and Official accounts pages (and its sign-in form) against the real server, in real
// Chromium, each checked with axe-core.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterEach, beforeEach, expect, it } from "vitest";
import { seriousViolations } from "../helpers/axe.js";
import { addAgent } from "../helpers/clients.js";
import { describeBrowser, useBrowser } from "../helpers/browser.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer;

/** A 1×1 PNG: real image bytes, as the server checks the type by content. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

/** Posts a multipart form to the public API as a browser form would (with the CSRF header). */
async function postForm(path: string, fields: Record<string, string>, files: { field: string; name: string; type: string; bytes: Buffer }[] = []) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  for (const file of files) form.append(file.field, new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  const res = await fetch(`${server.url}${path}`, { method: "POST", headers: { "X-Parley-Request": "1" }, body: form });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as Record<string, unknown>;
}

/** Quoted-printable text as it reads (soft line breaks joined, =XX bytes decoded as UTF-8). */
function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\r?\n/g, "");
  return Buffer.from(joined.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), "latin1").toString("utf8");
}

/** Every email the server wrote to its outbox (no SMTP_URL in tests), bodies decoded. */
async function outbox(): Promise<string[]> {
  const dir = join(server.config.dataDir, "outbox");
  const names = await readdir(dir).catch(() => [] as string[]);
  const mails = await Promise.all(names.filter((n) => n.endsWith(".eml")).map((n) => readFile(join(dir, n), "utf8")));
  return mails.map(decodeQuotedPrintable);
}

describeBrowser("console self-service pages in the browser", () => {
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.close();
  });
  const { newPage, openConsole } = useBrowser();

  async function signInToConsole(role: "agent" | "supervisor" | "admin", hash = ""): Promise<Page> {
    const agent = await addAgent(server.store, { role, name: role === "admin" ? "Ada" : "Jonas" });
    return openConsole(server.url, agent, hash);
  }

  const sections = (page: Page) => page.getByRole("navigation", { name: "Sections" });

  it("opens a ticket from the API, replies with a file (emailed to the customer) and marks it solved", { timeout: 60_000 }, async () => {
    const markup = `<img src=x onerror="window.__xss=1">`;
    const { number } = await postForm(
      "/api/tickets",
      { email: "mia@example.com", category: "Withdrawal", subject: `Printer on fire ${markup}`, description: `It smokes. ${markup}`, language: "en" },
      [{ field: "files", name: "smoke.png", type: "image/png", bytes: PNG }],
    );
    const page = await signInToConsole("agent");
    await sections(page).getByRole("link", { name: "Tickets" }).click();

    const inbox = page.getByRole("list", { name: "Ticket inbox" });
    const row = inbox.getByRole("link", { name: /Printer on fire/ });
    await row.waitFor();
    const rowText = await row.textContent();
    for (const part of [`#${number}`, "mia@example.com", "Withdrawal", "Awaiting reply", "Open", "Email unverified"]) expect(rowText).toContain(part);

    await row.click();
    const ticket = page.getByRole("region", { name: "Thread" });
    await page.getByRole("heading", { name: `Printer on fire ${markup}` }).waitFor();
    await ticket.getByText(`It smokes. ${markup}`).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // Anyone could have typed the address (and holds the ticket's token): the header says so.
    await page.getByText(/Do not put account details in/).waitFor();
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    // The customer's screenshot shows as a thumbnail that really loads (same origin, allowed by the CSP).
    const thumbnail = ticket.getByRole("link", { name: /smoke\.png/ }).locator("img");
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);

    await page.getByLabel("Reply", { exact: true }).fill("Hi Mia, we are on it.");
    await page.getByLabel("Attachments", { exact: true }).setInputFiles({ name: "steps.png", mimeType: "image/png", buffer: PNG });
    await page.getByRole("button", { name: "Send reply" }).click();
    await ticket.getByText("Hi Mia, we are on it.").waitFor();
    await ticket.getByRole("link", { name: /steps\.png/ }).waitFor();
    expect(await page.getByLabel("Reply", { exact: true }).inputValue()).toBe("");
    await expect.poll(async () => (await outbox()).some((mail) => mail.includes("To: mia@example.com") && mail.includes("Hi Mia, we are on it."))).toBe(true);
    // The customer follows the private link in that email and reads the answer on the thread page.
    const replyMail = (await outbox()).find((mail) => mail.includes("Hi Mia, we are on it."))!;
    const link = /https?:\/\/\S+\/support\/t\/[A-Za-z0-9_-]{22,}/.exec(replyMail)?.[0];
    expect(link, "the reply email carries the private thread link").toBeDefined();
    const threadPage = await newPage();
    await threadPage.goto(link!.replace(/^https?:\/\/[^/]+/, server.url));
    await threadPage.getByText("Hi Mia, we are on it.").waitFor();
    await threadPage.getByRole("link", { name: /steps\.png/ }).waitFor();
    await threadPage.getByText(`It smokes. ${markup}`).waitFor();
    expect(await threadPage.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    // The agent wrote last, so the inbox no longer marks the ticket as awaiting a reply.
    await expect.poll(() => row.textContent()).not.toContain("Awaiting reply");

    // The agent's reply made the ticket pending, which already offers "Reopen" beside "Mark as solved": solved, only
    // "Reopen" is left (polled: the header changes when the server has answered).
    await page.getByRole("button", { name: "Mark as solved" }).click();
    await expect.poll(() => page.getByRole("button", { name: "Mark as solved" }).count()).toBe(0);
    await page.getByRole("button", { name: "Reopen" }).waitFor();
    await expect.poll(() => row.textContent()).toContain("Solved");
    // Solving emails the customer too.
    await expect.poll(async () => (await outbox()).some((mail) => mail.includes("To: mia@example.com") && mail.includes("was marked as solved"))).toBe(true);

    // The filter asks the server: solved tickets only, then open ones only.
    await page.getByLabel("Ticket status", { exact: true }).selectOption("open");
    await inbox.waitFor({ state: "detached" });
    await page.getByText("No tickets match these filters.").waitFor();
    await page.getByLabel("Ticket status", { exact: true }).selectOption("solved");
    await inbox.getByRole("link", { name: /Printer on fire/ }).waitFor();
  });

  it("shows submitted feedback in the list and in the chart", { timeout: 60_000 }, async () => {
    await postForm("/api/feedback", { rating: "4", comment: "Quick answers <b>really</b>", email: "sam@example.com", language: "en" });
    await postForm("/api/feedback", { rating: "1", comment: "Too slow" });
    const page = await signInToConsole("supervisor", "#/feedback");

    const items = page.getByRole("list", { name: "Feedback items" });
    await items.getByText("Quick answers <b>really</b>").waitFor();
    const good = items.getByRole("listitem").filter({ hasText: "Quick answers" });
    expect(await good.textContent()).toContain("Good");
    expect(await good.textContent()).toContain("sam@example.com");
    await page.getByRole("img", { name: /Terrible 1, Bad 0, Okay 0, Good 1, Fantastic 0 \(2 in total/ }).waitFor();
    await page.getByRole("img", { name: /Average rating per day: 2\.5 out of 5/ }).waitFor();
    const table = page.getByRole("table", { name: "Ratings by step" });
    expect(await table.getByRole("row", { name: /Good/ }).textContent()).toContain("1");
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel("Rating", { exact: true }).selectOption("1");
    await items.getByText("Quick answers <b>really</b>").waitFor({ state: "detached" });
    await items.getByText("Too slow").waitFor();
    await page.getByRole("img", { name: /Terrible 1, Bad 0, Okay 0, Good 0, Fantastic 0/ }).waitFor();
  });

  it("lets an admin add and remove an official account", { timeout: 60_000 }, async () => {
    const page = await signInToConsole("admin");
    await sections(page).getByRole("link", { name: "Official accounts" }).click();
    await page.getByRole("heading", { name: "Official accounts" }).waitFor();
    await page.getByText("No official accounts registered yet.").waitFor();

    await page.getByLabel("Channel", { exact: true }).selectOption({ label: "Telegram" });
    await page.getByLabel("Handle, address or URL").fill("@ParleySupport");
    await page.getByLabel("Note", { exact: true }).fill("Main support channel");
    await page.getByRole("button", { name: "Add account" }).click();
    const row = page.getByRole("row", { name: /@ParleySupport/ });
    await row.waitFor();
    expect(await row.textContent()).toContain("Telegram");
    expect(await row.textContent()).toContain("Main support channel");
    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.getByLabel("Handle, address or URL").inputValue()).toBe("");

    await page.getByRole("button", { name: "Remove @ParleySupport" }).click();
    await page.getByRole("button", { name: "Yes, remove @ParleySupport" }).click();
    await row.waitFor({ state: "detached" });
    await page.getByText("No official accounts registered yet.").waitFor();
  });

  it("hides official accounts from a plain agent", { timeout: 60_000 }, async () => {
    const page = await signInToConsole("agent");
    const links = await sections(page).getByRole("link").allTextContents();
    expect(links.map((l) => l.trim())).toEqual(["Chats", "Tickets", "Search", "Feedback", "Canned responses"]);
    await page.goto(`${server.url}/console#/officials`);
    await page.getByText("Only admins can manage official accounts").waitFor();
    expect(await page.getByLabel("Handle, address or URL").count()).toBe(0);
  });

  it("signs in from a form with no serious or critical accessibility violations", { timeout: 60_000 }, async () => {
    const page = await newPage();
    await page.goto(`${server.url}/console`);
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
