// The classic wait estimators, computed at each arrival beside the product's estimate (point estimates, seconds).
// - ql: queue-length predictor (n + 1) / (sμ): the place in line times the mean handle time, over the slots of the
//   agents who take the language now (Whitt's QL).
// - qlAbandon: its abandonment-aware form, Σ_{i=0}^{n} 1 / (sμ + iθ) with θ the measured abandonment rate (QL-m).
// - headOfLine: how long the person at the head of the line has waited so far (0 with a free slot and no line).
// - lastCustomer: the wait of the last customer who got an agent in this queue.
// - rocketChat: Rocket.Chat's formula, ((spot − 1) / N + 1) × average chat duration with N = 100 (its default
//   number of recent chats), here with the measured mean handle time (see README.md for the source).

export interface Baselines {
  ql: number | null;
  qlAbandon: number | null;
  headOfLine: number | null;
  lastCustomer: number | null;
  rocketChat: number | null;
}

export const BASELINES: ReadonlyArray<keyof Baselines> = ["ql", "qlAbandon", "headOfLine", "lastCustomer", "rocketChat"];
