// Widget benchmark: what a visitor's browser downloads from Parley, measured by Chromium itself on the wire
// (compressed bodies plus response headers), step by step — the shop page before any interaction, opening the
// chat, sending the first message, opening Help — and when the bubble is visible (loopback; slow 4G + 4× CPU).
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { launchBrowser } from "../test/helpers/chromium.js";
import { percentile, table, type Benchmark } from "./benchmark.js";
import { startStage, type Stage } from "./widget/setup.js";
import { bubbleTime, SLOW_4G } from "./widget/timing.js";
import { bodyBytes, recordWire, wireBytes, type Transfer } from "./widget/wire.js";

const KB = 1024;
const BUDGETS = { loader: 2 * KB, beforeInteraction: 2 * KB, openChat: 30 * KB, bubbleLoopbackMs: 100, bubbleSlow4gMs: 500 };

interface Step {
  name: string;
  transfers: Transfer[];
  ws: number;
  budget: number | null;
}

async function measureBytes(stage: Stage, browser: Awaited<ReturnType<typeof launchBrowser>>): Promise<{ steps: Step[]; socketBeforeIntent: boolean }> {
  const context = await browser.newContext({ locale: "en-US", viewport: { width: 1280, height: 720 } });
  const wire = recordWire(context, stage.parley);
  const page = await context.newPage();
  let carry: Transfer[] = [];
  let ws = 0;
  // Until no response has arrived for 600 ms: the step's lazy chunks and API calls are in.
  const settle = async () => {
    for (let quiet = 0; quiet < 3; ) {
      await page.waitForTimeout(200);
      const s = await wire.take();
      carry.push(...s.transfers);
      ws += s.ws;
      quiet = s.transfers.length ? 0 : quiet + 1;
    }
  };
  const step = async (name: string, budget: number | null): Promise<Step> => {
    await settle();
    const s = { name, transfers: carry, ws, budget };
    [carry, ws] = [[], 0];
    return s;
  };
  const steps: Step[] = [];
  await page.goto(stage.hostPage);
  await page.waitForFunction(() => (window as { __bubbleAt?: number }).__bubbleAt);
  const before = await step("page load, before any interaction", BUDGETS.beforeInteraction);
  steps.push({ ...before, name: "  of which the loader /widget.js", transfers: before.transfers.filter((t) => t.url === "/widget.js"), budget: BUDGETS.loader }, before);
  const socketBeforeIntent = before.ws > 0 || before.transfers.some((t) => t.url.startsWith("/socket.io"));

  await page.getByRole("button", { name: "Open chat" }).click();
  const chat = page.frameLocator('iframe[title="Chat"]');
  await chat.getByLabel("Message").waitFor();
  steps.push(await step("open the chat (pre-chat form)", BUDGETS.openChat));

  await chat.getByLabel("Message").fill("Hello, I need help with a deposit.");
  await chat.getByRole("button", { name: "Send" }).click();
  await chat.getByRole("log").getByText("Hello, I need help with a deposit.").waitFor();
  steps.push(await step("send the first message (Socket.IO, connect)", null));

  await chat.getByRole("tab", { name: "Help" }).click();
  await chat.getByLabel("Description").waitFor();
  steps.push(await step("open the Help tab", null));
  await context.close();
  return { steps, socketBeforeIntent };
}

export const widgetBenchmark: Benchmark = {
  about: "the widget in headless Chromium: bytes on the wire per step and time to a visible bubble, against budgets",
  async run(args) {
    const { values } = parseArgs({ args, options: { json: { type: "boolean", default: false }, runs: { type: "string", default: "9" }, verbose: { type: "boolean", default: false } } });
    const runs = Math.max(1, Number(values.runs) | 0);
    const stage = await startStage();
    const browser = await launchBrowser();
    try {
      const { steps, socketBeforeIntent } = await measureBytes(stage, browser);
      const loadBefore = loadavg()[0]!;
      const loopback: number[] = [];
      const slow: number[] = [];
      for (let i = 0; i < runs; i++) loopback.push(await bubbleTime(browser, stage.hostPage, null));
      for (let i = 0; i < runs; i++) slow.push(await bubbleTime(browser, stage.hostPage, SLOW_4G));
      const cumulativeOpen = wireBytes(steps[1]!.transfers) + wireBytes(steps[2]!.transfers);
      const cumulativeBodies = bodyBytes(steps[1]!.transfers) + bodyBytes(steps[2]!.transfers);
      if (values.json) {
        console.log(
          JSON.stringify({
            steps: steps.map((s) => ({ name: s.name.trim(), wire: wireBytes(s.transfers), body: bodyBytes(s.transfers), ws: s.ws, requests: s.transfers.length, budget: s.budget })),
            socketBeforeIntent,
            bubbleMs: { loopback: { median: percentile(loopback, 50), max: Math.max(...loopback) }, slow4g: { median: percentile(slow, 50), max: Math.max(...slow) } },
            loadAverage: { before: loadBefore, after: loadavg()[0]! },
          }),
        );
        return;
      }
      const verdict = (value: number, budget: number | null) => (budget === null ? "—" : `${budget} ${value <= budget ? "met" : `MISSED by ${Math.round(value - budget)}`}`);
      console.log(
        table([
          ["step (Parley origin only)", "requests", "bodies (compressed)", "budget on bodies", "bodies + headers", "budget with headers", "WebSocket bytes"],
          ...steps.map((s) => [
            s.name,
            String(s.transfers.length),
            String(bodyBytes(s.transfers)),
            verdict(bodyBytes(s.transfers), s.budget),
            String(wireBytes(s.transfers)),
            verdict(wireBytes(s.transfers), s.budget),
            String(s.ws),
          ]),
          ["page load + open the chat, together", "", String(cumulativeBodies), "", String(cumulativeOpen), "", ""],
        ]),
      );
      if (values.verbose) for (const s of steps) for (const t of s.transfers) console.log(`  ${s.name.trim().slice(0, 24).padEnd(24)} ${String(t.body).padStart(6)} + ${String(t.headers).padStart(4)}  ${t.encoding.padEnd(8)} ${t.url.slice(0, 90)}`);
      console.log(`\nSocket.IO request before the bubble was clicked: ${socketBeforeIntent ? "YES (budget: none)" : "no"}`);
      const encodings = [...new Set(steps.flatMap((s) => s.transfers.filter((t) => /\.(js|css)$/.test(t.url)).map((t) => t.encoding)))];
      console.log(`Content-Encoding of scripts and styles: ${encodings.join(", ")}\n`);
      console.log(
        table([
          [`bubble visible after navigation (${runs} runs, cold cache)`, "median ms", "max ms", "budget (median)"],
          ["loopback", percentile(loopback, 50).toFixed(0), Math.max(...loopback).toFixed(0), verdict(percentile(loopback, 50), BUDGETS.bubbleLoopbackMs)],
          ["slow 4G (150 ms RTT, 1.6 Mbit/s) + 4× CPU", percentile(slow, 50).toFixed(0), Math.max(...slow).toFixed(0), verdict(percentile(slow, 50), BUDGETS.bubbleSlow4gMs)],
        ]),
      );
      console.log(
        "\nBytes are Chromium's own count of what it received: bodies as transferred (after Content-Encoding), and response" +
          "\nheaders (HTTP/1.1 on loopback; HTTP/2 behind a proxy compresses them). Timings depend on the machine's other load:" +
          `\n1-minute load average ${loadBefore.toFixed(2)} before the timed runs, ${loadavg()[0]!.toFixed(2)} after (${cpus().length} cores).`,
      );
    } finally {
      await browser.close();
      await stage.close();
    }
  },
};
