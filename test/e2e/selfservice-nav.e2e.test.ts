// The chat panel's parts (Chat, Help, Feedback, Verify) as tabs a keyboard user can operate, mirrored for a
// right-to-left language, with the chat as the default part.
import { afterEach, expect, it } from "vitest";
import { describeBrowser, openWidget, useBrowser } from "../helpers/browser.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer | null = null;

describeBrowser("the parts of the chat panel", () => {
  afterEach(async () => {
    await server?.close();
    server = null;
  });
  const { newPage } = useBrowser();

  it("are tabs: the chat first, arrow keys, Home and End move between them, mirrored in Arabic", { timeout: 60_000 }, async () => {
    server = await startTestServer({ env: { LANGUAGES: "en,ar" } });
    const page = await newPage();
    const chat = await openWidget(page, `${server.url}/`);
    const tablist = chat.getByRole("tablist", { name: "Support" });
    const selected = async () => tablist.getByRole("tab", { selected: true }).textContent();
    const focused = () => chat.locator(":focus").textContent();

    // The panel (and so the iframe) arrives a moment after the click: wait for it before reading the tabs.
    await tablist.getByRole("tab", { name: "Chat" }).waitFor();
    expect(await tablist.getByRole("tab").allTextContents()).toEqual(["Chat", "Help", "Feedback", "Verify"]);
    expect(await selected()).toBe("Chat");
    await chat.getByRole("tabpanel", { name: "Chat" }).getByLabel("Message").waitFor();
    // The opened panel moves the keyboard to the Message box after it renders: let it, before taking it to the tabs.
    await expect.poll(() => chat.locator(":focus").getAttribute("id")).toBe("first-message");

    await tablist.getByRole("tab", { name: "Chat" }).focus();
    await page.keyboard.press("ArrowRight");
    expect([await selected(), await focused()]).toEqual(["Help", "Help"]);
    await chat.getByRole("tabpanel", { name: "Help" }).getByRole("button", { name: "Submit" }).waitFor();
    await page.keyboard.press("End");
    expect([await selected(), await focused()]).toEqual(["Verify", "Verify"]);
    await page.keyboard.press("ArrowRight");
    expect(await selected()).toBe("Chat");
    await page.keyboard.press("ArrowLeft");
    expect(await selected()).toBe("Verify");
    await page.keyboard.press("Home");
    expect(await selected()).toBe("Chat");
    // Only the selected tab is in the Tab order.
    expect(await tablist.getByRole("tab", { name: "Help" }).getAttribute("tabindex")).toBe("-1");

    // In Arabic the panel reads right to left, and so do the arrow keys.
    await chat.getByLabel("Language").selectOption("ar");
    const arabic = chat.getByRole("tablist", { name: "الدعم" });
    await arabic.waitFor();
    expect(await chat.locator("html").getAttribute("dir")).toBe("rtl");
    await arabic.getByRole("tab", { name: "الدردشة" }).focus();
    await page.keyboard.press("ArrowLeft");
    expect(await arabic.getByRole("tab", { selected: true }).textContent()).toBe("المساعدة");
    await page.keyboard.press("ArrowRight");
    expect(await arabic.getByRole("tab", { selected: true }).textContent()).toBe("الدردشة");
  });
});
