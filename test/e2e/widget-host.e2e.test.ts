// The widget on other people's sites, in real Chromium: a hostile page (CSS that resets everything, a strict CSP
// that allows only the Parley origin, its own queued calls), the bytes it costs before and after opening, the
// site's colour with readable contrast, the panel in a 1280×720 window, and form errors that clear when fixed.
import type { Page } from "playwright-core";
import { afterEach, expect, it } from "vitest";
import { recordWire, wireBytes, type Transfer } from "../../bench/widget/wire.js";
import { contrast } from "../../widget/bridge/color.js";
import { call, signedIn } from "../admin/helpers.js";
import { chatPanel, describeBrowser, openWidget, useBrowser } from "../helpers/browser.js";
import { shopPage, startHostPage, type HostPage } from "../helpers/host-page.js";
import { useTestServer } from "../helpers/server.js";

let host: HostPage | null = null;

/** `rgb(r, g, b)` → `#rrggbb`. */
const hex = (rgb: string) => "#" + rgb.match(/\d+/g)!.slice(0, 3).map((n) => Number(n).toString(16).padStart(2, "0")).join("");

describeBrowser("the widget on a customer's site", () => {
  const server = useTestServer();
  afterEach(async () => {
    await host?.close();
    host = null;
  });
  const { newPage } = useBrowser();

  it("works on a hostile page: global CSS reset with !important, a CSP allowing only Parley, calls queued before the loader", { timeout: 60_000 }, async () => {
    const parley = server().url;
    const head =
      `<style nonce="n0">* { all: unset !important; } iframe, button, svg { display: none !important; visibility: hidden !important; }</style>` +
      `<script nonce="n0">document.addEventListener("securitypolicyviolation", function (e) { (window.__csp = window.__csp || []).push(e.violatedDirective + " " + e.blockedURI); });` +
      `window.Parley = { q: [["identify", { name: "Ada Lovelace", email: "ada@example.com" }], ["on", "ready", function () { window.__ready = true; }]] };</script>`;
    const csp = `default-src 'none'; script-src 'nonce-n0' ${parley}; style-src 'nonce-n0'; frame-src ${parley}`;
    host = await startHostPage(shopPage(parley, "", head), { "Content-Security-Policy": csp });
    const page = await newPage();
    await page.goto(host.url);
    const bubble = page.getByRole("button", { name: "Open chat" });
    await bubble.waitFor({ state: "visible" });
    expect(await page.evaluate(() => (window as { __ready?: boolean }).__ready)).toBe(true);
    await bubble.click();
    const chat = chatPanel(page);
    await chat.getByLabel("Name").waitFor({ state: "visible" });
    expect(await chat.getByLabel("Name").inputValue()).toBe("Ada Lovelace");
    await chat.getByLabel("Message").fill("Hello from a hostile page");
    await chat.getByRole("button", { name: "Send" }).click();
    await chat.getByRole("log").getByText("Hello from a hostile page").waitFor();
    await expect.poll(async () => (await server().store.conversations.listOpen()).length).toBe(1);
    expect(await page.evaluate(() => (window as { __csp?: string[] }).__csp ?? [])).toEqual([]);
  });

  it("costs one compressed loader under 2 KB before any interaction, no socket until a message, and under 30 KB on the wire to open", { timeout: 60_000 }, async () => {
    host = await startHostPage(shopPage(server().url));
    const page = await newPage();
    const wire = recordWire(page.context(), server().url);
    await page.goto(host.url);
    await page.getByRole("button", { name: "Open chat" }).waitFor();
    // The loader asks for nothing more; give it the time it would need to misbehave.
    await page.waitForLoadState("networkidle");
    const first = await wire.take();
    const before = first.transfers;
    expect(first.ws).toBe(0);
    expect(before.map((t) => [t.url, t.encoding])).toEqual([["/widget.js", "br"]]);
    // Budgets count what the browser transferred: compressed bodies and response headers.
    expect(wireBytes(before)).toBeLessThanOrEqual(2048);

    await page.getByRole("button", { name: "Open chat" }).click();
    const chat = chatPanel(page);
    await chat.getByLabel("Message").waitFor();
    await expect.poll(async () => (await chat.getByLabel("Language").locator("option").count()) > 0).toBe(true);
    // Until the wire has been quiet for two polls in a row (Playwright's networkidle never comes back for the host
    // page once the loader has imported its panel module, although every request finishes).
    const opened: Transfer[] = [];
    let openedWs = 0;
    let quiet = 0;
    await expect
      .poll(async () => {
        const step = await wire.take();
        const more = step.transfers;
        openedWs += step.ws;
        opened.push(...more);
        return (quiet = more.length ? 0 : quiet + 1);
      }, { interval: 400, timeout: 20_000 })
      .toBeGreaterThanOrEqual(2);
    expect(opened.filter((t) => /\.(js|css)$/.test(t.url)).every((t) => t.encoding === "br")).toBe(true);
    expect(opened.some((t) => t.url.startsWith("/socket.io"))).toBe(false);
    expect(openedWs).toBe(0);
    // The loader's panel module comes with the chat, not before.
    expect(opened.some((t) => /^\/assets\/panel-\w+\.js$/.test(t.url))).toBe(true);
    expect(wireBytes(opened)).toBeLessThanOrEqual(30 * 1024);
    // What the chat loads later (Help, Feedback, Verify, the rating, files) brings its own stylesheet, not the page.
    expect(opened.some((t) => /^\/assets\/later-\w+\.css$/.test(t.url))).toBe(false);

    await chat.getByLabel("Message").fill("Now connect");
    await chat.getByRole("button", { name: "Send" }).click();
    await expect.poll(async () => (await server().store.conversations.listOpen()).length).toBe(1);
    // The widget opens a WebSocket at once (long-polling only where that fails).
    await expect.poll(async () => (await wire.take()).ws).toBeGreaterThan(0);
    // The composer's file button is in the later module: its stylesheet is linked with it.
    await expect.poll(async () => chat.locator('link[rel="stylesheet"][href^="/assets/later-"]').count()).toBe(1);
  });

  it("colours the bubble and the whole panel with the site's colour, text in black or white at 4.5:1 or more", { timeout: 60_000 }, async () => {
    host = await startHostPage(shopPage(server().url, 'data-color="#ffeb3b"'));
    const page = await newPage();
    await page.goto(host.url);
    const bubble = page.getByRole("button", { name: "Open chat" });
    expect(await bubble.evaluate((b) => getComputedStyle(b).backgroundColor)).toBe("rgb(255, 235, 59)");
    const icon = await bubble.locator("svg").evaluate((s) => getComputedStyle(s).stroke);
    expect(contrast(hex(icon), "#ffeb3b")).toBeGreaterThanOrEqual(4.5);
    await bubble.click();
    const chat = chatPanel(page);
    const header = chat.getByRole("banner");
    await header.waitFor();
    const [bg, fg] = await header.evaluate((h) => [getComputedStyle(h).backgroundColor, getComputedStyle(h).color]);
    expect(hex(bg)).toBe("#ffeb3b");
    expect(contrast(hex(fg), hex(bg))).toBeGreaterThanOrEqual(4.5);
    const send = chat.getByRole("button", { name: "Send" });
    const [sendBg, sendFg] = await send.evaluate((b) => [getComputedStyle(b).backgroundColor, getComputedStyle(b).color]);
    expect(hex(sendBg)).toBe("#ffeb3b");
    expect(contrast(hex(sendFg), hex(sendBg))).toBeGreaterThanOrEqual(4.5);
    // The selected tab's mark is the colour darkened until it reads on white.
    const mark = await chat.getByRole("tab", { name: "Chat" }).evaluate((t) => getComputedStyle(t).borderBottomColor);
    expect(contrast(hex(mark), "#ffffff")).toBeGreaterThanOrEqual(4.5);
  });

  it("draws the bubble in the colour and on the side admins saved, from the next page load, unless the tag says otherwise", { timeout: 60_000 }, async () => {
    const { cookie } = await signedIn(server(), "admin");
    const saved = await call(server(), "PUT", "/api/admin/settings/widget", cookie, { color: "#7a1f5c", position: "left", greeting: "", embedOrigins: "*" });
    expect(saved.status).toBe(200);
    host = await startHostPage(shopPage(server().url));
    const page = await newPage();
    const wire = recordWire(page.context(), server().url);
    await page.goto(host.url);
    const bubble = page.getByRole("button", { name: "Open chat" });
    await bubble.waitFor({ state: "visible" });
    expect(await bubble.evaluate((b) => getComputedStyle(b).backgroundColor)).toBe("rgb(122, 31, 92)");
    const width = await page.evaluate(() => innerWidth);
    const box = (await bubble.boundingBox())!;
    expect(box.x + box.width / 2).toBeLessThan(width / 2);
    // No request but the loader for it, and the loader still within its budget, headers counted.
    await page.waitForLoadState("networkidle");
    const before = (await wire.take()).transfers;
    expect(before.map((t) => t.url)).toEqual(["/widget.js"]);
    expect(wireBytes(before)).toBeLessThanOrEqual(2048);
    await bubble.click();
    const header = chatPanel(page).getByRole("banner");
    await header.waitFor();
    expect(hex(await header.evaluate((h) => getComputedStyle(h).backgroundColor))).toBe("#7a1f5c");

    // The site's own data-color and data-position still win.
    await host.close();
    host = await startHostPage(shopPage(server().url, 'data-color="#0a7f3f" data-position="right"'));
    const other = await newPage();
    await other.goto(host.url);
    const own = other.getByRole("button", { name: "Open chat" });
    await own.waitFor({ state: "visible" });
    expect(await own.evaluate((b) => getComputedStyle(b).backgroundColor)).toBe("rgb(10, 127, 63)");
    const ownBox = (await own.boundingBox())!;
    expect(ownBox.x + ownBox.width / 2).toBeGreaterThan(width / 2);
  });

  it("shows the whole panel, Send included, inside a 1280×720 window", { timeout: 60_000 }, async () => {
    const page = await newPage();
    await page.setViewportSize({ width: 1280, height: 720 });
    const chat = await openWidget(page, `${server().url}/`);
    const send = chat.getByRole("button", { name: "Send" });
    await send.waitFor({ state: "visible" });
    await expectInside(page, await send.boundingBox(), { x: 0, y: 0, width: 1280, height: 720 });
    await expectInside(page, await send.boundingBox(), await page.locator('iframe[title="Chat"]').boundingBox());
  });

  it("clears a form error as soon as the field is fixed, and only that one", { timeout: 60_000 }, async () => {
    const page = await newPage();
    const chat = await openWidget(page, `${server().url}/`);
    await chat.getByRole("tab", { name: "Help" }).click();
    const help = chat.getByRole("tabpanel", { name: "Help" });
    await help.getByRole("button", { name: "Submit" }).click();
    const email = help.getByLabel("Email");
    const subject = help.getByLabel("Subject");
    await expect.poll(() => email.getAttribute("aria-invalid")).toBe("true");
    expect(await subject.getAttribute("aria-invalid")).toBe("true");
    await email.fill("mia@");
    await expect.poll(() => email.getAttribute("aria-invalid")).toBe("true");
    await email.fill("mia@example.com");
    await expect.poll(() => email.getAttribute("aria-invalid")).not.toBe("true");
    expect(await subject.getAttribute("aria-invalid")).toBe("true");
    await subject.fill("My card was declined");
    await expect.poll(() => subject.getAttribute("aria-invalid")).not.toBe("true");

    await chat.getByRole("tab", { name: "Feedback" }).click();
    const feedback = chat.getByRole("tabpanel", { name: "Feedback" });
    await feedback.getByRole("button", { name: "Send feedback" }).click();
    const ratingError = feedback.getByText(/choose/i);
    await ratingError.waitFor();
    await feedback.getByRole("button", { name: "Good", exact: true }).or(feedback.getByRole("radio", { name: "Good", exact: true })).click();
    await ratingError.waitFor({ state: "detached" });
  });
});

async function expectInside(_page: Page, box: { x: number; y: number; width: number; height: number } | null, area: { x: number; y: number; width: number; height: number } | null) {
  expect(box).not.toBeNull();
  expect(area).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(area!.x);
  expect(box!.y).toBeGreaterThanOrEqual(area!.y);
  expect(box!.x + box!.width).toBeLessThanOrEqual(area!.x + area!.width);
  expect(box!.y + box!.height).toBeLessThanOrEqual(area!.y + area!.height);
}
