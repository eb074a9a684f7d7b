// When the bubble is visible: milliseconds from navigation start to the first frame after the loader drew it,
// in a fresh browser context each run (cold cache), on loopback and under Lighthouse's "slow 4G" with a 4× slower CPU.
import type { Browser } from "playwright-core";

/** Lighthouse's mobile throttling: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, CPU 4× slower. */
export const SLOW_4G = { latency: 150, downloadThroughput: (1638.4 * 1024) / 8, uploadThroughput: (750 * 1024) / 8, cpu: 4 };

/** One run: a fresh context, optionally throttled, navigates to the shop page and reads `__bubbleAt`. */
export async function bubbleTime(browser: Browser, hostPage: string, throttle: typeof SLOW_4G | null): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    if (throttle) {
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", { offline: false, ...throttle });
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle.cpu });
    }
    await page.goto(hostPage);
    const at = await page.waitForFunction(() => (window as { __bubbleAt?: number }).__bubbleAt, undefined, { timeout: 30_000 });
    return (await at.jsonValue()) as number;
  } finally {
    await context.close();
  }
}
