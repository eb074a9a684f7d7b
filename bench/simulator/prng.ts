// Seeded random draws for the simulator. The generator is the benchmarks' mulberry32 (bench/benchmark.ts); this file
// adds independent streams and the distributions the simulator draws from.
import { seededRandom } from "../benchmark.js";

/** A seeded stream of draws. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Exponential with this mean. */
  exponential(mean: number): number;
  /** Lognormal with this mean and coefficient of variation (standard deviation / mean). */
  lognormal(mean: number, cv: number): number;
}

/** 32-bit FNV-1a of a label, mixed with the seed: each label gets its own stream from one seed. */
export function streamSeed(seed: number, label: string): number {
  let hash = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < label.length; i++) hash = Math.imul(hash ^ label.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** A stream of draws for `label` under `seed`: the same seed and label always give the same draws. */
export function createRandom(seed: number, label = ""): Random {
  const uniform = seededRandom(streamSeed(seed, label));
  // 1 - u is in (0, 1], so the logarithm is finite.
  const next = () => uniform();
  const positive = () => 1 - uniform();
  return {
    next,
    exponential: (mean) => -Math.log(positive()) * mean,
    lognormal(mean, cv) {
      const sigma2 = Math.log(1 + cv * cv);
      // Box–Muller: one standard normal from two uniforms.
      const z = Math.sqrt(-2 * Math.log(positive())) * Math.cos(2 * Math.PI * uniform());
      return Math.exp(Math.log(mean) - sigma2 / 2 + Math.sqrt(sigma2) * z);
    },
  };
}
