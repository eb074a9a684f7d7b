// Issue 10, files in chat, in real Chromium: the customer sends an image from the widget (Attach a file) and sees it;
// the agent sees its preview in the console; the agent sends a PDF, the customer gets a link, and downloading it
// works for them and for nobody else.
import { readFile } from "node:fs/promises";
import { expect, it } from "vitest";
import { addAgent, registerVisitor } from "../helpers/clients.js";
import { describeBrowser, startChat, useBrowser } from "../helpers/browser.js";
import { useTestServer } from "../helpers/server.js";
import { PDF, PNG } from "../selfservice/files.js";

describeBrowser("files in chat, both ways", () => {
  const server = useTestServer();
  const { newPage, openConsole } = useBrowser();

  /** The image has arrived and decoded (a blob: or same-origin source that loaded). */
  const loaded = (img: { evaluate<R>(fn: (el: HTMLImageElement) => R): Promise<R> }) => img.evaluate((el) => el.complete && el.naturalWidth > 0);

  // Markup in a file name stays text (no "/" in it: the server keeps only the last path segment of a name).
  const NAME = "shot <b>1<b> <img src=x>.png";

  it("carries an image from the widget to the console and a PDF back, downloadable only by the customer", { timeout: 120_000 }, async () => {
    const agent = await addAgent(server().store, { languages: ["en"], name: "Jonas", email: "jonas.files@example.com" });
    const console_ = await openConsole(server().url, agent);

    const customer = await newPage();
    const chat = await startChat(customer, server().url, { name: "Mia", message: "Here is my screen" });
    const log = chat.getByRole("log");
    await log.getByText("Here is my screen").waitFor();

    // The customer attaches an image: it is sent in a message of its own and shown as a thumbnail.
    const [chooser] = await Promise.all([customer.waitForEvent("filechooser"), chat.getByRole("button", { name: "Attach a file" }).click()]);
    await chooser.setFiles({ name: NAME, mimeType: "image/png", buffer: PNG });
    const mine = log.getByRole("img", { name: NAME });
    await mine.waitFor();
    await expect.poll(() => loaded(mine)).toBe(true);
    expect(await mine.getAttribute("src")).toMatch(/^blob:/);

    // The agent sees the preview in the transcript.
    await console_.getByRole("navigation", { name: "Conversations" }).getByRole("button", { name: /Mia/ }).click();
    const transcript = console_.getByRole("log");
    const files = transcript.getByRole("list", { name: "Files" });
    await files.getByRole("link", { name: NAME }).waitFor();
    const preview = files.locator("img");
    await expect.poll(() => loaded(preview)).toBe(true);
    expect(await transcript.locator("b").count()).toBe(0);
    expect(await log.locator("b").count()).toBe(0);

    // The agent sends a PDF; the customer gets a link and downloads it.
    await console_.getByLabel("Attach a file").setInputFiles({ name: "terms.pdf", mimeType: "application/pdf", buffer: PDF });
    const link = log.getByRole("link", { name: "terms.pdf" });
    await link.waitFor();
    const [download] = await Promise.all([customer.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toBe("terms.pdf");
    expect(await readFile((await download.path())!)).toEqual(PDF);

    // Nobody else: not a browser without credentials, not another visitor.
    const [conversation] = await server().store.conversations.listOpen();
    const [pdf] = (await server().store.chatFiles.listByConversation(conversation!.id)).filter((f) => f.type === "application/pdf");
    const url = `${server().url}/api/conversations/${conversation!.id}/files/${pdf!.id}`;
    const stranger = await newPage();
    expect((await stranger.goto(url))?.status()).toBe(401);
    const other = await registerVisitor(server().url);
    const refused = await fetch(url, { headers: { "x-parley-visitor": other.visitorId, authorization: `Bearer ${other.token}` } });
    expect(refused.status).toBe(404);
  });
});
