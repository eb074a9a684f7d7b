// The console's notices in real Chromium: saving several settings in a row leaves one notice, in a bar of its own
// under the page, so every control stays clickable without dismissing anything, on a wide and on a narrow screen;
// news replacing a focused notice keeps the keyboard there, and news left alone goes by itself.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { seriousViolations } from "../helpers/axe.js";
import { describeBrowser, useBrowser } from "../helpers/browser.js";
import { addAgent } from "../helpers/clients.js";
import { useTestServer } from "../helpers/server.js";

/** Whether two boxes on the screen share any area. */
const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describeBrowser("console notices in the browser", () => {
  const server = useTestServer({ env: { LANGUAGES: "en,de" } });
  const { openConsole } = useBrowser();

  /** The live region that holds the notices (the one with a Dismiss button), and how many notices it shows. */
  const notices = (page: Page) => page.getByRole("status").filter({ has: page.getByRole("button", { name: "Dismiss notice" }) });
  const dismissButtons = (page: Page) => page.getByRole("button", { name: "Dismiss notice" });

  /** The notice bar and the page's content do not share a pixel. */
  async function expectNothingCovered(page: Page) {
    const bar = await notices(page).boundingBox();
    const main = await page.getByRole("main").boundingBox();
    expect(bar).not.toBeNull();
    expect(main).not.toBeNull();
    expect(overlap(bar!, main!)).toBe(false);
  }

  it("saving several settings in a row shows one notice at a time, covering no control; news replacing a focused notice keeps the keyboard there", { timeout: 90_000 }, async () => {
    const admin = await addAgent(server().store, { role: "admin" });
    const page = await openConsole(server().url, admin);
    const sections = page.getByRole("navigation", { name: "Sections" });
    await sections.getByRole("link", { name: "Languages and texts" }).click();
    await page.getByLabel("Greeting (Deutsch)").fill("Willkommen!");
    await page.getByRole("button", { name: "Save languages" }).click();
    await page.getByText("The language settings were saved").waitFor();
    await page.getByLabel("Categories, one per line").fill("Billing\nShipping");
    await page.getByRole("button", { name: "Save categories" }).click();
    await page.getByText("The ticket categories were saved").waitFor();
    await sections.getByRole("link", { name: "Widget" }).click();
    await page.getByLabel("Greeting", { exact: true }).fill("Hello");
    await page.getByRole("button", { name: "Save widget" }).click();
    await page.getByText("The widget settings were saved.").waitFor();

    // The latest notice only, replacing the earlier ones, in a region of its own.
    expect(await dismissButtons(page).count()).toBe(1);
    expect(await notices(page).textContent()).toContain("The widget settings were saved.");
    await expectNothingCovered(page);
    expect(await seriousViolations(page)).toEqual([]);

    // The snippet's button is clickable as it is; its notice replaces the last one.
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: server().url });
    await page.getByRole("button", { name: "Copy snippet" }).click();
    await page.getByText("The snippet is on the clipboard.").waitFor();
    expect(await dismissButtons(page).count()).toBe(1);

    // On a phone-sized screen too.
    await page.setViewportSize({ width: 390, height: 740 });
    await page.getByRole("button", { name: "Save widget" }).click();
    await expect.poll(() => notices(page).textContent()).toContain("The widget settings were saved.");
    expect(await dismissButtons(page).count()).toBe(1);
    await expectNothingCovered(page);

    // The keyboard on a notice: news replacing it keeps the keyboard there, and Enter dismisses it.
    await sections.getByRole("link", { name: "Languages and texts" }).click();
    await page.getByRole("button", { name: "Save languages" }).click();
    await expect.poll(() => notices(page).textContent()).toContain("The language settings were saved");
    await dismissButtons(page).focus();
    await page.getByRole("button", { name: "Save categories" }).evaluate((button) => (button as HTMLButtonElement).click());
    await expect.poll(() => notices(page).textContent()).toContain("The ticket categories were saved");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Dismiss notice");
    await page.keyboard.press("Enter");
    await dismissButtons(page).waitFor({ state: "detached" });

    // News left alone fades by itself.
    await page.getByRole("button", { name: "Save languages" }).click();
    await dismissButtons(page).waitFor();
    await dismissButtons(page).waitFor({ state: "detached", timeout: 20_000 });
  });
});
