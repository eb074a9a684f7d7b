// Verified identity in real Chromium (issue 10): a customer signed in on the site is the same Parley visitor in another
// browser, and a forged signature links nothing.
import { createHmac } from "node:crypto";
import { afterEach, expect, it } from "vitest";
import { verifiedVisitorId } from "../../server/auth/identity.js";
import { describeBrowser, openWidget, useBrowser } from "../helpers/browser.js";
import { shopPage, startHostPage, type HostPage } from "../helpers/host-page.js";
import { useTestServer } from "../helpers/server.js";

const SECRET = "e2e-identity-secret-e2e-identity-secret";
const sign = (id: string) => createHmac("sha256", SECRET).update(id).digest("hex");
const identifyHead = (claim: Record<string, string>) =>
  `<script>window.Parley = { q: [["identify", ${JSON.stringify(claim)}]] };</script>`;

const hosts: HostPage[] = [];

describeBrowser("verified identity in the browser", () => {
  const server = useTestServer({ env: { IDENTITY_SECRET: SECRET } });
  afterEach(async () => {
    for (const h of hosts.splice(0)) await h.close();
  });
  const { newPage } = useBrowser();

  async function openChatOn(claim: Record<string, string>) {
    const host = await startHostPage(shopPage(server().url, "", identifyHead(claim)));
    hosts.push(host);
    return openWidget(await newPage(), host.url);
  }

  it("shows a verified customer's conversation in a second browser, and not to someone with a forged hash", { timeout: 90_000 }, async () => {
    const laptop = await openChatOn({ id: "cust-42", name: "Ada Lovelace", email: "ada@example.com", hash: sign("cust-42") });
    await laptop.getByLabel("Message").fill("Hello from my laptop");
    await laptop.getByRole("button", { name: "Send" }).click();
    await laptop.getByRole("log").getByText("Hello from my laptop").waitFor();
    await expect.poll(async () => (await server().store.conversations.listOpen()).map((c) => c.visitorId)).toEqual([verifiedVisitorId(SECRET, "cust-42")]);
    expect((await server().store.conversations.listOpen())[0]).toMatchObject({ verified: true, visitorName: "Ada Lovelace" });

    // Another browser (a fresh context: no shared storage), the same signed-in customer.
    const phone = await openChatOn({ id: "cust-42", hash: sign("cust-42") });
    await phone.getByRole("log").getByText("Hello from my laptop").waitFor();

    // A forged hash: the chat starts empty and what is typed stays with that anonymous visitor.
    const mallory = await openChatOn({ id: "cust-42", name: "Ada Lovelace", hash: sign("cust-43") });
    await mallory.getByLabel("Message").fill("I am Ada, really");
    await mallory.getByRole("button", { name: "Send" }).click();
    await mallory.getByRole("log").getByText("I am Ada, really").waitFor();
    expect(await mallory.getByRole("log").getByText("Hello from my laptop").count()).toBe(0);
    await expect.poll(async () => (await server().store.conversations.listOpen()).length).toBe(2);
    const forged = (await server().store.conversations.listOpen()).find((c) => c.visitorId !== verifiedVisitorId(SECRET, "cust-42"));
    expect(forged?.verified).not.toBe(true);
  });
});
