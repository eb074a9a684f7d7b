// The Gamma distribution with mean 1 (shape k, scale 1/k): its distribution function, quantiles and its narrowest
// interval of a given probability. A wait made of k exponential steps of the same rate is Gamma(k) times its mean
// (Erlang); a wait whose steps differ (people ahead giving up, shift changes) is fitted by its first two moments.
// Pure.

/** ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms; ~15 digits). */
export function lnGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  x -= 1;
  let a = c[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Regularized lower incomplete gamma P(a, x): series below a + 1, continued fraction above. */
export function gammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  const front = Math.exp(-x + a * Math.log(x) - lnGamma(a));
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 500; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-14) break;
    }
    return Math.min(1, front * sum);
  }
  // Lentz's continued fraction for Q(a, x).
  let b = x + 1 - a;
  let c = 1e300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-14) break;
  }
  return Math.max(0, 1 - front * h);
}

/**
 * Regularized incomplete beta I_x(a, b), a, b > 0: the chance that fewer than b failures come before the a-th success
 * when each trial succeeds with probability x (a negative binomial's distribution function). Continued fraction
 * (Lentz), on the side of x where it converges fast.
 */
export function betaI(a: number, b: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x > (a + 1) / (a + b + 2)) return Math.min(1, Math.max(0, 1 - (front * betaFraction(b, a, 1 - x)) / b));
  return Math.min(1, Math.max(0, (front * betaFraction(a, b, x)) / a));
}

function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = 1 / (Math.abs(d) < tiny ? tiny : d);
  let h = d;
  // One term of the fraction; returns the factor it multiplied h by.
  const term = (aa: number) => {
    d = 1 + aa * d;
    d = 1 / (Math.abs(d) < tiny ? tiny : d);
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    h *= d * c;
    return d * c;
  };
  for (let m = 1; m <= 1000; m++) {
    const m2 = 2 * m;
    term((m * (b - m) * x) / ((a - 1 + m2) * (a + m2)));
    if (Math.abs(term((-(a + m) * (a + b + m) * x) / ((a + m2) * (a + 1 + m2))) - 1) < 1e-14) break;
  }
  return h;
}

/** Distribution function of Gamma(k) with mean 1 at x. */
export const gammaCdf = (k: number, x: number) => gammaP(k, k * x);

/** Quantile u of Gamma(k) with mean 1 (bisection on the distribution function). */
export function gammaQuantile(k: number, u: number): number {
  if (u <= 0) return 0;
  if (k === 1) return -Math.log(1 - u);
  let lo = 0;
  let hi = 1;
  while (gammaCdf(k, hi) < u) hi *= 2;
  for (let i = 0; i < 60 && hi - lo > 1e-9 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (gammaCdf(k, mid) < u) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

// Normal quantiles beyond this shape: Gamma(k) is then within a fraction of a percent of Normal(1, 1/k).
const NORMAL_FROM_K = 400;

/** Standard normal distribution function (Abramowitz–Stegun 7.1.26 for erf, absolute error < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** Standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(u: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (u < low) {
    const q = Math.sqrt(-2 * Math.log(u));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (u > 1 - low) return -normalQuantile(1 - u);
  const q = u - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

export interface Spread {
  /** Median of Gamma(k) with mean 1. */
  median: number;
  /** The narrowest interval holding `level` of Gamma(k) with mean 1. */
  lo: number;
  hi: number;
}

const cache = new Map<string, Spread>();

/**
 * The median and the narrowest interval holding `level` of Gamma(k) with mean 1 that leaves at most `maxAbove` of
 * the mass above it, relative to the mean. Unconstrained, for k ≤ 1 the density falls from 0 on and the interval
 * starts at 0, leaving all of 1 − level above it; for large k it is the central interval of a normal.
 * Memoised on k rounded to 3 significant digits (the estimates ask for the same few shapes over and over).
 */
export function gammaSpread(k: number, level: number, maxAbove = 1 - level): Spread {
  const shape = Number(k.toPrecision(3));
  const key = `${shape}:${level}:${maxAbove}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let spread: Spread;
  if (shape >= NORMAL_FROM_K) {
    const z = normalQuantile(0.5 + level / 2) / Math.sqrt(shape);
    spread = { median: 1, lo: 1 - z, hi: 1 + z };
  } else {
    // The width Q(u + level) − Q(u) is unimodal in u for a unimodal density: golden-section search on u.
    const width = (u: number) => gammaQuantile(shape, u + level) - gammaQuantile(shape, u);
    // At most `maxAbove` of the mass above the interval: its lower quantile u is at least 1 − level − maxAbove.
    let a = Math.max(0, 1 - level - maxAbove);
    let b = 1 - level;
    if (shape <= 1) b = a;
    const g = (Math.sqrt(5) - 1) / 2;
    let x1 = b - g * (b - a);
    let x2 = a + g * (b - a);
    let w1 = width(x1);
    let w2 = width(x2);
    for (let i = 0; i < 40 && b - a > 1e-5; i++) {
      if (w1 <= w2) {
        b = x2;
        x2 = x1;
        w2 = w1;
        x1 = b - g * (b - a);
        w1 = width(x1);
      } else {
        a = x1;
        x1 = x2;
        w1 = w2;
        x2 = a + g * (b - a);
        w2 = width(x2);
      }
    }
    const floor = Math.max(0, 1 - level - maxAbove);
    const u = width(floor) <= Math.min(w1, w2) ? floor : (a + b) / 2;
    spread = { median: gammaQuantile(shape, 0.5), lo: gammaQuantile(shape, u), hi: gammaQuantile(shape, u + level) };
  }
  if (cache.size > 10_000) cache.clear();
  cache.set(key, spread);
  return spread;
}
