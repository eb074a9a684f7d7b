// What the load benchmark runs: each scenario on a fresh server, a number of connected customers of whom some
// chat, and one or more measured steps at a fixed rate per chat.

export interface Step {
  /** Messages a second each chatting customer sends (Parley allows a customer a burst of 20, then 2 a second). */
  ratePerChat: number;
  seconds: number;
}

export interface Scenario {
  key: string;
  title: string;
  /** Connected customers; the first `chats` of them chat. */
  customers: number;
  chats: number;
  steps: Step[];
  /** A ramp stops at the first step that fails; its figure is the highest step that passed. */
  ramp: boolean;
}

export interface Durations {
  /** Measured seconds of a fixed-rate scenario. */
  seconds: number;
  /** Measured seconds of each ramp step. */
  stepSeconds: number;
}

/** The total rates (messages a second) the ramp tries, lowest first. */
export const RAMP_RATES = [500, 1000, 1500, 2000, 3000, 4000, 5000, 6000, 8000, 10000];
export const RAMP_CHATS = 5000;
/** The ramp's goal for a step: every message acked and delivered, p99 of both within this. */
export const RAMP_P99_MS = 100;

export const SCENARIO_KEYS = ["1000", "5000", "ramp", "10k"] as const;

export function scenario(key: string, { seconds, stepSeconds }: Durations): Scenario {
  switch (key) {
    case "1000":
      return { key, title: "1,000 chats × 1 msg/s", customers: 1000, chats: 1000, steps: [{ ratePerChat: 1, seconds }], ramp: false };
    case "5000":
      return { key, title: "5,000 chats × 1 msg/s", customers: 5000, chats: 5000, steps: [{ ratePerChat: 1, seconds }], ramp: false };
    case "ramp":
      return {
        key,
        title: `ramp: ${RAMP_CHATS.toLocaleString("en")} chats, ${RAMP_RATES[0]}–${RAMP_RATES.at(-1)} msg/s, until p99 > ${RAMP_P99_MS} ms or anything unacked`,
        customers: RAMP_CHATS,
        chats: RAMP_CHATS,
        steps: RAMP_RATES.map((rate) => ({ ratePerChat: rate / RAMP_CHATS, seconds: stepSeconds })),
        ramp: true,
      };
    case "10k":
      return { key, title: "10,000 connected customers, 2,000 of them chatting × 1 msg/s", customers: 10_000, chats: 2000, steps: [{ ratePerChat: 1, seconds }], ramp: false };
    default:
      throw new Error(`unknown scenario "${key}" (known: ${SCENARIO_KEYS.join(", ")})`);
  }
}

/** A scenario of any size (`--chats N [--customers M]`), e.g. for a quick look or the test. */
export const customScenario = (chats: number, customers: number, { seconds }: Durations): Scenario => ({
  key: "custom",
  title: `${chats.toLocaleString("en")} chats × 1 msg/s, ${customers.toLocaleString("en")} customers connected`,
  customers,
  chats,
  steps: [{ ratePerChat: 1, seconds }],
  ramp: false,
});

/** Splits `total` over `parts` as evenly as possible. */
export const split = (total: number, parts: number): number[] => Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
