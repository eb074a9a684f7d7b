// Headless Debian Chromium driven by playwright-core (never a downloaded browser).
// In CI a missing browser is a failure; on a laptop the browser suites skip with a loud message.
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { describe } from "vitest";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const available = existsSync(CHROMIUM_PATH);

if (!available) {
  const message = `Chromium is missing at ${CHROMIUM_PATH}: install Debian's "chromium" package (apt-get install chromium) to run the browser tests.`;
  if (process.env.CI) throw new Error(`${message} Browser tests must run in CI.`);
  console.warn(`\n!!! SKIPPING BROWSER TESTS — ${message}\n`);
}

/** `describe` when Chromium is there, `describe.skip` (with the warning above) when it is not and this is not CI. */
export const describeBrowser = available ? describe : describe.skip;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
