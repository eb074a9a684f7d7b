// Self-service in the real browser: a ticket with an attachment from the widget and its private thread page,
// product feedback from the widget, and the official-account lookup on the /verify page. Driven by role and
// accessible name; everything checked against the HTTP contract in docs/protocol.md.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import type { FrameLocator, Page } from "playwright-core";
import { expect, it } from "vitest";
import { addAgent, signIn } from "../helpers/clients.js";
import { describeBrowser, fillChecked, openWidget, useBrowser } from "../helpers/browser.js";
import { useTestServer } from "../helpers/server.js";

// A real (tiny) PNG made in memory: 2×2 pixels, valid signature, chunks and CRCs.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A 2×2 RGB PNG in the given colour. */
function tinyPng(rgb: [number, number, number] = [31, 95, 191]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0); // width
  header.writeUInt32BE(2, 4); // height
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  const row = Buffer.from([0, ...rgb, ...rgb]); // filter byte, two pixels
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat([row, row]))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** The private thread link of the first ticket email in the outbox (no SMTP_URL: emails are .eml files). */
async function threadLinkFromEmail(dataDir: string): Promise<string> {
  const outbox = join(dataDir, "outbox");
  let link = "";
  await expect
    .poll(
      async () => {
        const files = (await readdir(outbox).catch(() => [] as string[])).filter((f) => f.endsWith(".eml"));
        for (const file of files) {
          // Undo quoted-printable soft line breaks and escapes before looking for the link.
          const text = (await readFile(join(outbox, file), "utf8")).replace(/=\r?\n/g, "").replace(/=3D/g, "=");
          link = /\/support\/t\/[A-Za-z0-9_-]{20,}/.exec(text)?.[0] ?? "";
          if (link) return link;
        }
        return "";
      },
      { timeout: 10_000 },
    )
    .not.toBe("");
  return link;
}

describeBrowser("self-service in the browser", () => {
  const server = useTestServer({ env: { LANGUAGES: "en,de" } });
  const { newPage } = useBrowser();

  async function openWidgetPart(name: string): Promise<{ page: Page; chat: FrameLocator }> {
    const page = await newPage();
    const chat = await openWidget(page, `${server().url}/`);
    await chat.getByRole("tab", { name }).click();
    return { page, chat };
  }

  it("submits a ticket with a picture from the widget, then reads and answers it on the private thread page", { timeout: 60_000 }, async () => {
    const { chat } = await openWidgetPart("Help");
    const help = chat.getByRole("tabpanel", { name: "Help" });
    await help.getByLabel("Email").fill("mia@example.com");
    const category = help.getByLabel("Category");
    await category.waitFor();
    await category.selectOption({ index: 1 });
    await help.getByLabel("Subject").fill("Card declined <b>twice</b>");
    await help.getByLabel("Description").fill("My card was declined when I deposited 50 EUR.");
    await help.getByLabel("Attachments").setInputFiles({ name: "declined.png", mimeType: "image/png", buffer: tinyPng() });
    await help.getByRole("button", { name: "Submit" }).click();

    const done = help.getByRole("status").filter({ hasText: /^Ticket #\d+ created/ });
    await done.waitFor();
    expect(await done.textContent()).toContain("We emailed you a link to follow it");
    const number = /#(\d+)/.exec((await done.textContent()) ?? "")![1];

    // The link from the confirmation email opens the customer's thread.
    const link = await threadLinkFromEmail(server().config.dataDir);
    const thread = await newPage();
    await thread.goto(`${server().url}${link}`);
    await thread.getByRole("heading", { name: "Card declined <b>twice</b>" }).waitFor();
    expect(await thread.locator("b").count()).toBe(0);
    await thread.getByText(`Ticket #${number}`).waitFor();
    await thread.getByText("My card was declined when I deposited 50 EUR.").waitFor();
    await thread.getByRole("link", { name: "declined.png" }).waitFor();

    await thread.getByLabel("Reply").fill("Here is the bank's answer.");
    await thread.getByLabel("Attachments").setInputFiles({ name: "bank.png", mimeType: "image/png", buffer: tinyPng() });
    await thread.getByRole("button", { name: "Send reply" }).click();
    await thread.getByText("Here is the bank's answer.").waitFor();
    await thread.getByRole("link", { name: "bank.png" }).waitFor();
    expect(await thread.getByLabel("Reply").inputValue()).toBe("");
  });

  it("turns a chat nobody can answer into a ticket: End chat while waiting offers a message instead", { timeout: 60_000 }, async () => {
    // No agent at all: every queue is closed.
    const { chat } = await openWidgetPart("Chat");
    await fillChecked(chat.getByLabel("Email"), "mia@example.com");
    await chat.getByLabel("Message", { exact: true }).fill("Is anyone there? My withdrawal is stuck.");
    await chat.getByRole("button", { name: "Send" }).click();
    await expect.poll(async () => (await server().store.conversations.listOpen()).length).toBe(1);
    const [conversation] = await server().store.conversations.listOpen();

    await chat.getByRole("button", { name: "End chat" }).click();
    await chat.getByText("Nobody has answered yet.", { exact: false }).waitFor();
    await chat.getByRole("button", { name: "Leave a message instead" }).first().click();
    const help = chat.getByRole("tabpanel", { name: "Help" });
    await help.getByText("Your chat so far is attached to the message.").waitFor();
    expect(await help.getByLabel("Email").inputValue()).toBe("mia@example.com");
    expect(await help.getByLabel("Description").inputValue()).toBe("Is anyone there? My withdrawal is stuck.");
    const category = help.getByLabel("Category");
    await category.selectOption({ index: 1 });
    await help.getByLabel("Subject").fill("Withdrawal stuck");
    await help.getByRole("button", { name: "Submit" }).click();
    await help.getByRole("status").filter({ hasText: /^Ticket #\d+ created/ }).waitFor();

    // The server attached the transcript and closed the chat; the chat part shows it ended.
    await expect.poll(async () => (await server().store.conversations.get(conversation!.id))?.status).toBe("closed");
    await chat.getByRole("tab", { name: "Chat" }).click();
    await chat.getByRole("button", { name: "Send rating" }).waitFor();
    const agent = await addAgent(server().store, { languages: ["en"], role: "supervisor" });
    const cookie = await signIn(server().url, agent.email, agent.password);
    const { tickets } = (await (await fetch(`${server().url}/api/agent/tickets`, { headers: { cookie } })).json()) as { tickets: { id: string }[] };
    const ticket = (await (await fetch(`${server().url}/api/agent/tickets/${tickets[0]!.id}`, { headers: { cookie } })).json()) as { conversationId: string | null };
    expect(ticket.conversationId).toBe(conversation!.id);
  });

  it("rates the product from the widget, with a comment and a screenshot", { timeout: 60_000 }, async () => {
    const { chat } = await openWidgetPart("Feedback");
    const panel = chat.getByRole("tabpanel", { name: "Feedback" });
    await panel.getByRole("group", { name: "How do you like our product?" }).waitFor();
    for (const step of ["Terrible", "Bad", "Okay", "Good", "Fantastic"]) await panel.getByRole("button", { name: step, exact: true }).waitFor();
    // Without a rating the form says what is missing.
    await panel.getByRole("button", { name: "Send feedback" }).click();
    await panel.getByText("Please choose a rating.").waitFor();

    const good = panel.getByRole("button", { name: "Good", exact: true });
    await good.click();
    expect(await good.getAttribute("aria-pressed")).toBe("true");
    await panel.getByLabel("Comment", { exact: true }).fill("Deposits are fast, the fee page is confusing.");
    await panel.getByLabel("Screenshots").setInputFiles({ name: "fees.png", mimeType: "image/png", buffer: tinyPng() });
    await panel.getByRole("button", { name: "Send feedback" }).click();
    await panel.getByRole("status").filter({ hasText: "Thank you! Your feedback helps us improve." }).waitFor();

    const agent = await addAgent(server().store, { languages: ["en"], role: "supervisor" });
    const cookie = await signIn(server().url, agent.email, agent.password);
    const report = (await (await fetch(`${server().url}/api/agent/feedback`, { headers: { cookie } })).json()) as { items: { rating: number; comment: string; screenshots: unknown[] }[] };
    expect(report.items).toHaveLength(1);
    expect(report.items[0]).toMatchObject({ rating: 4, comment: "Deposits are fast, the fee page is confusing." });
    expect(report.items[0]!.screenshots).toHaveLength(1);
  });

  it("tells an official account from an unknown one and a lookalike on the /verify page", { timeout: 60_000 }, async () => {
    const admin = await addAgent(server().store, { role: "admin" });
    const cookie = await signIn(server().url, admin.email, admin.password);
    const added = await fetch(`${server().url}/api/admin/officials`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify({ channel: "telegram", handle: "@ParleySupport" }),
    });
    expect(added.status).toBe(201);

    const page = await newPage();
    await page.goto(`${server().url}/verify`);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    const query = page.getByLabel("Account ID or email");
    const answer = page.getByRole("status");
    const lookUp = async (text: string) => {
      await query.fill(text);
      await page.getByRole("button", { name: "Search" }).click();
      await answer.getByText(/^(Official|Not official)$/).waitFor();
      return (await answer.textContent()) ?? "";
    };

    const official = await lookUp("@ParleySupport");
    expect(official).toMatch(/^Official/);
    expect(official).toContain("is an official account on Telegram");

    const unknown = await lookUp("@SomeoneElse2024");
    expect(unknown).toMatch(/^Not official/);
    expect(unknown).not.toContain("It imitates");

    const lookalike = await lookUp("@ParIeySupport");
    expect(lookalike).toMatch(/^Not official/);
    expect(lookalike).toContain("It imitates the official account @ParleySupport");
    // The marks are decorative: the words carry the meaning.
    expect(await answer.locator("svg").getAttribute("aria-hidden")).toBe("true");
  });
});
