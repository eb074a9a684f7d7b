// Takes the README's screenshots of the console (docs/console.png, docs/console-reports.png, docs/console-board.png): a real server on a
// free port with a memory store, a few agents, chats and canned responses, and Debian's Chromium.
// Run: npm run screenshot
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { chromium } from "playwright-core";
import { io } from "socket.io-client";
import { createApp } from "../server/app.js";
import { hashPassword } from "../server/auth/password.js";
import { loadConfig } from "../server/config.js";
import { createMemoryStore } from "../server/store/memory.js";

const dataDir = await mkdtemp(join(tmpdir(), "parley-shot-"));
const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "silent", LANGUAGES: "en,de,es" });
const store = createMemoryStore();
const app = await createApp({ config, store, logger: pino({ level: "silent" }), publicDir: join(process.cwd(), "dist/public") });
await new Promise<void>((resolve) => app.http.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${(app.http.address() as { port: number }).port}`;

const password = "screenshot-password";
const now = Date.now();
const agent = (id: string, name: string, role: "agent" | "supervisor" | "admin", languages: string[], shifts: string[] = []) =>
  hashPassword(password).then((passwordHash) =>
    store.agents.put({ id, email: `${id}@example.com`, name, role, languages, maxChats: 4, passwordHash, timeZone: "UTC", shifts, createdAt: now, updatedAt: now }),
  );
await agent("ada", "Ada Admin", "admin", ["en", "de"]);
await agent("jonas", "Jonas", "agent", ["de", "en"]);
await agent("lucia", "Lucía", "agent", ["es", "en"], ["Mon-Sat 12:00-20:00"]);
await agent("sam", "Sam", "supervisor", ["en", "de", "es"]);
await store.canned.put({ id: "cr1", ownerId: null, language: "en", shortcut: "refund", text: "Refunds reach your account within 3 to 5 working days.", createdAt: now, updatedAt: now });

const chats = [
  { name: "Mia", language: "en", text: "Hi! My withdrawal has been pending since Monday." },
  { name: "Lukas", language: "de", text: "Hallo, ich kann mich nicht anmelden." },
  { name: "Sofía", language: "es", text: "¿Cuánto tarda una transferencia?" },
];
const sockets = [];
for (const chat of chats) {
  const creds = (await (await fetch(`${url}/api/visitors`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).json()) as { visitorId: string; token: string };
  const socket = io(`${url}/visitor`, { auth: creds, transports: ["websocket"], forceNew: true, reconnection: false });
  await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
  await socket.emitWithAck("conversation:start", { language: chat.language, name: chat.name, message: { id: `m_${chat.name}_${now}`, text: chat.text } });
  sockets.push(socket);
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", headless: true, args: ["--no-sandbox", "--disable-gpu"] });
try {
  const signIn = async (email: string) => {
    const page = await (await browser.newContext({ locale: "en-US", viewport: { width: 1280, height: 760 } })).newPage();
    await page.goto(`${url}/console`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByLabel("Status", { exact: true }).waitFor();
    return page;
  };
  // An agent's workstation: Jonas (German and English) is handed Mia's and Lukas's chats.
  const page = await signIn("jonas@example.com");
  await page.getByRole("navigation", { name: "Conversations" }).getByText("Mia").click();
  await page.getByLabel("Message").pressSequentially("/re");
  await page.getByRole("listbox", { name: "Canned responses" }).waitFor();
  await page.screenshot({ path: "docs/console.png" });
  // An admin's reports.
  const admin = await signIn("ada@example.com");
  await admin.goto(`${url}/console#/reports`);
  await admin.getByRole("table", { name: "Figures by hour" }).waitFor();
  await admin.screenshot({ path: "docs/console-reports.png" });
  // A supervisor's live board (signed in Away, so never handed chats), following Mia's chat silently.
  const supervisor = await signIn("sam@example.com");
  await supervisor.setViewportSize({ width: 1280, height: 1000 });
  await supervisor.goto(`${url}/console#/board`);
  await supervisor.getByRole("button", { name: "Watch the chat with Mia" }).click();
  await supervisor.getByRole("region", { name: /Watching the chat with Mia/ }).getByRole("log").getByText(chats[0]!.text).waitFor();
  await supervisor.screenshot({ path: "docs/console-board.png" });
  console.log("wrote docs/console.png, docs/console-reports.png and docs/console-board.png");
} finally {
  await browser.close();
  for (const socket of sockets) socket.disconnect();
  await app.close();
  await rm(dataDir, { recursive: true, force: true });
}
