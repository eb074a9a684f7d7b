// Headless Debian Chromium driven by playwright-core (never a downloaded browser).
// In CI a missing browser is a failure; on a laptop the browser suites skip with a loud message.
import { existsSync } from "node:fs";
import type { Browser, BrowserContext, FrameLocator, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe } from "vitest";
import { CHROMIUM_PATH, launchBrowser } from "./chromium.js";

export { CHROMIUM_PATH, launchBrowser };
const available = existsSync(CHROMIUM_PATH);

if (!available) {
  const message = `Chromium is missing at ${CHROMIUM_PATH}: install Debian's "chromium" package (apt-get install chromium) to run the browser tests.`;
  if (process.env.CI) throw new Error(`${message} Browser tests must run in CI.`);
  console.warn(`\n!!! SKIPPING BROWSER TESTS — ${message}\n`);
}

/** `describe` when Chromium is there, `describe.skip` (with the warning above) when it is not and this is not CI. */
export const describeBrowser = available ? describe : describe.skip;

/**
 * One browser for the suite and a fresh context per page (its own cookies and storage), closed after each test.
 * Call inside `describeBrowser`. Pages use an English locale, an 8 s default timeout (a missing element fails with
 * its name, well before the test's own timeout) and report page errors. `openConsole` is a fresh page signed in to the
 * console at `url` (see `signInToConsole`).
 */
export function useBrowser(): { newPage(): Promise<Page>; openConsole(url: string, account: ConsoleAccount, hash?: string): Promise<Page>; browser(): Browser } {
  let browser: Browser | null = null;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });
  async function newPage(): Promise<Page> {
    const context = await browser!.newContext({ locale: "en-US" });
    context.setDefaultTimeout(8000);
    contexts.push(context);
    const page = await context.newPage();
    page.on("pageerror", (err) => console.error("page error:", err.message));
    return page;
  }
  return {
    newPage,
    openConsole: async (url, account, hash) => signInToConsole(await newPage(), url, account, hash),
    browser: () => browser!,
  };
}

/** An agent's sign-in details (what `addAgent` returns has them). */
export interface ConsoleAccount {
  email: string;
  password: string;
}

/**
 * Signs `account` in at `/console` (plus `hash`, e.g. "#/feedback") on `page` (a fresh page) and waits until the
 * console shows their Status and its socket is connected (the server counts the agent present a moment later).
 */
export async function signInToConsole(page: Page, url: string, account: ConsoleAccount, hash = ""): Promise<Page> {
  await page.goto(`${url}/console${hash}`);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel("Status", { exact: true }).waitFor();
  await page.getByRole("status").getByText("Connected", { exact: true }).waitFor();
  return page;
}

/** The widget's chat panel on `page` (the iframe named "Chat"). */
export const chatPanel = (page: Page): FrameLocator => page.frameLocator('iframe[title="Chat"]');

/** Goes to `pageUrl` (a page with the widget: the demo page is `${server.url}/`), opens the chat and returns its panel. */
export async function openWidget(page: Page, pageUrl: string): Promise<FrameLocator> {
  await page.goto(pageUrl);
  await page.getByRole("button", { name: "Open chat" }).click();
  return chatPanel(page);
}

/** What a customer types to start a chat: their name and email are left empty when not given. */
export interface FirstMessage {
  name?: string;
  email?: string;
  message: string;
}

/**
 * Fills a field and checks that the text is there, filling again if not: a panel that has just opened moves the
 * keyboard to its Message box, and Playwright's fill focuses the field and types in two steps, so that move can land
 * in between and take the text.
 */
export async function fillChecked(field: Locator, text: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    await field.fill(text);
    if ((await field.inputValue()) === text) return;
  }
  throw new Error(`fillChecked: the field does not keep ${JSON.stringify(text)}`);
}

/** A customer on the demo page at `url` opens the chat and sends their first message; returns the panel. */
export async function startChat(page: Page, url: string, first: FirstMessage): Promise<FrameLocator> {
  const chat = await openWidget(page, `${url}/`);
  if (first.name !== undefined) await fillChecked(chat.getByLabel("Name"), first.name);
  if (first.email !== undefined) await fillChecked(chat.getByLabel("Email"), first.email);
  await chat.getByLabel("Message").fill(first.message);
  await chat.getByRole("button", { name: "Send" }).click();
  return chat;
}

/**
 * After a reload of a page whose panel was open: the panel may come back open or closed (the bubble then offers to
 * open or to close it); opens it if needed and returns it.
 */
export async function reopenWidget(page: Page): Promise<FrameLocator> {
  const bubble = page.getByRole("button", { name: /^(Open|Close) chat$/ });
  await bubble.waitFor();
  if ((await bubble.getAttribute("aria-label")) === "Open chat" || (await bubble.textContent())?.includes("Open chat")) await bubble.click();
  return chatPanel(page);
}
