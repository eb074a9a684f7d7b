// One measured run in a load process: every chat's customer sends on a fixed schedule (open loop: a message is
// due at its intended time whatever happened to the ones before), then the run drains until every message is
// acked and delivered or the drain period ends.
import type { RunSample } from "./driver-protocol.js";
import type { Crowd } from "./crowd.js";
import { createLedger } from "./ledger.js";

const TEXT = "Could you check my order #48213? The tracking page has said 'in transit' for six days now.";
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export async function runLoad(
  crowd: Crowd,
  { step, startAt, ratePerChat, seconds, drainSeconds }: { step: number; startAt: number; ratePerChat: number; seconds: number; drainSeconds: number },
): Promise<RunSample> {
  const chats = crowd.customers.filter((c) => c.conversationId !== null);
  const ledger = createLedger(step, chats.length, ratePerChat, startAt, seconds);
  crowd.ledger = ledger;
  const disconnectsBefore = crowd.disconnects;
  await sleep(startAt - now());
  const cpuBefore = process.cpuUsage();
  const wallBefore = now();

  let next = 0;
  // A 1 ms timer sends whatever has come due since the last turn, each message marked with when it really left.
  while (next < ledger.total) {
    const t = now();
    while (next < ledger.total && ledger.intended(next) <= t) {
      const i = next++;
      const customer = chats[i % chats.length]!;
      ledger.sent(i, now());
      customer.socket.emit("message:send", { conversationId: customer.conversationId!, id: ledger.id(i), text: TEXT }, (ack) =>
        ledger.acked(i, now(), ack.ok ? null : ack.error),
      );
    }
    await sleep(Math.min(1, ledger.intended(next) - now()));
  }
  const drainUntil = now() + drainSeconds * 1000;
  while (!ledger.settled() && now() < drainUntil) await sleep(10);

  const cpu = process.cpuUsage(cpuBefore);
  const sample = ledger.sample({ disconnects: crowd.disconnects - disconnectsBefore, cpuMs: (cpu.user + cpu.system) / 1000, wallMs: now() - wallBefore });
  crowd.ledger = null;
  return sample;
}
