// Headless Debian Chromium driven by playwright-core (never a downloaded browser).
// In CI a missing browser is a failure; on a laptop the browser suites skip with a loud message.
import { existsSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
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
 * its name, well before the test's own timeout) and report page errors.
 */
export function useBrowser(): { newPage(): Promise<Page>; browser(): Browser } {
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
  return {
    async newPage() {
      const context = await browser!.newContext({ locale: "en-US" });
      context.setDefaultTimeout(8000);
      contexts.push(context);
      const page = await context.newPage();
      page.on("pageerror", (err) => console.error("page error:", err.message));
      return page;
    },
    browser: () => browser!,
  };
}

/** Signs an agent in at `/console` on `page` (a fresh page) and waits until the console shows their Status. */
export async function signInToConsole(page: Page, url: string, email: string, password: string): Promise<Page> {
  await page.goto(`${url}/console`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel("Status").waitFor();
  return page;
}
