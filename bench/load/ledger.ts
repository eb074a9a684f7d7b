// The accounting of one run in one load process: every message by its index i = n × chats + chat (message n of a
// chat), when it was meant to be sent, acked and delivered; duplicates and order checked per chat on arrival.
import { percentile } from "../benchmark.js";
import type { RunSample } from "./driver-protocol.js";

export interface Ledger {
  readonly chats: number;
  readonly total: number;
  /** Epoch ms at which message i was meant to be sent (open loop: fixed, whatever happened before). */
  intended(i: number): number;
  /** The message id of message i (also tells the agent side which message it is). */
  id(i: number): string;
  sent(i: number, at: number): void;
  acked(i: number, at: number, error: string | null): void;
  /** An agent received a visitor message with this id. */
  delivered(id: string, at: number): void;
  settled(): boolean;
  sample(extra: Pick<RunSample, "disconnects" | "cpuMs" | "wallMs">): RunSample;
}

export function createLedger(step: number, chats: number, ratePerChat: number, startAt: number, seconds: number): Ledger {
  const total = Math.floor(chats * ratePerChat * seconds);
  const gapMs = 1000 / (chats * ratePerChat);
  const prefix = `load-${step}-`;
  const sentAt = new Float64Array(total).fill(Number.NaN);
  const ackAt = new Float64Array(total).fill(Number.NaN);
  const deliveredAt = new Float64Array(total).fill(Number.NaN);
  const lastN = new Int32Array(chats).fill(-1);
  const ackErrors: Record<string, number> = {};
  let answered = 0;
  let ackedOk = 0;
  let delivered = 0;
  let duplicated = 0;
  let outOfOrder = 0;
  let stray = 0;
  let lastAckAt = Number.NaN;
  const intended = (i: number) => startAt + i * gapMs;

  return {
    chats,
    total,
    intended,
    id: (i) => `${prefix}${i % chats}-${Math.floor(i / chats)}`,
    sent: (i, at) => void (sentAt[i] = at),
    acked(i, at, error) {
      answered++;
      if (error !== null) ackErrors[error] = (ackErrors[error] ?? 0) + 1;
      else {
        ackedOk++;
        ackAt[i] = at;
        lastAckAt = Number.isNaN(lastAckAt) ? at : Math.max(lastAckAt, at);
      }
    },
    delivered(id, at) {
      const parts = id.startsWith(prefix) ? id.slice(prefix.length).split("-") : [];
      const chat = Number(parts[0]);
      const n = Number(parts[1]);
      const i = n * chats + chat;
      if (parts.length !== 2 || !(chat < chats) || !(i < total)) return void stray++;
      if (!Number.isNaN(deliveredAt[i]!)) return void duplicated++;
      deliveredAt[i] = at;
      delivered++;
      if (n < lastN[chat]!) outOfOrder++;
      lastN[chat] = Math.max(lastN[chat]!, n);
    },
    settled: () => answered === total && delivered >= ackedOk,
    sample(extra) {
      const deliveryMs: number[] = [];
      const ackMs: number[] = [];
      const lateness: number[] = [];
      let lost = 0;
      for (let i = 0; i < total; i++) {
        const due = intended(i);
        if (!Number.isNaN(sentAt[i]!)) lateness.push(sentAt[i]! - due);
        if (!Number.isNaN(ackAt[i]!)) ackMs.push(ackAt[i]! - due);
        if (!Number.isNaN(deliveredAt[i]!)) deliveryMs.push(deliveredAt[i]! - due);
        else if (!Number.isNaN(ackAt[i]!)) lost++;
      }
      return {
        sent: lateness.length,
        ackedOk,
        ackErrors,
        unacked: lateness.length - answered,
        delivered,
        lost,
        duplicated,
        outOfOrder,
        stray,
        deliveryMs: Float64Array.from(deliveryMs),
        ackMs: Float64Array.from(ackMs),
        lastAckAt,
        latenessP99Ms: lateness.length ? percentile(lateness, 99) : 0,
        latenessMaxMs: lateness.reduce((max, value) => Math.max(max, value), 0),
        ...extra,
      };
    },
  };
}
