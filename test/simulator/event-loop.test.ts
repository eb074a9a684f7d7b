import { describe, expect, it } from "vitest";
import { createEventLoop } from "../../bench/simulator/event-loop.js";
import { createRandom } from "../../bench/simulator/prng.js";

describe("the event loop", () => {
  it("runs events in time order, same-time events in the order scheduled, moving the clock", () => {
    const loop = createEventLoop<string>(0);
    const random = createRandom(1, "times");
    const times = Array.from({ length: 200 }, () => Math.floor(random.next() * 50));
    times.forEach((at, i) => loop.schedule(at, `${at}:${i}`));
    const seen: Array<[number, number]> = [];
    for (let e = loop.next(); e; e = loop.next()) {
      const [at, i] = e.split(":").map(Number) as [number, number];
      expect(loop.now()).toBe(at);
      seen.push([at, i]);
    }
    expect(seen).toEqual([...seen].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
    expect(seen).toHaveLength(200);
  });

  it("refuses an event in the past", () => {
    const loop = createEventLoop<string>(100);
    expect(() => loop.schedule(99, "late")).toThrow(/past/);
  });
});

describe("random streams", () => {
  it("repeat for the same seed and label and differ otherwise", () => {
    const draw = (seed: number, label: string) => Array.from({ length: 5 }, ((r) => () => r.next())(createRandom(seed, label)));
    expect(draw(1, "en")).toEqual(draw(1, "en"));
    expect(draw(1, "en")).not.toEqual(draw(2, "en"));
    expect(draw(1, "en")).not.toEqual(draw(1, "de"));
  });

  it("draw exponential and lognormal values with the requested mean", () => {
    const random = createRandom(4, "means");
    const mean = (draw: () => number) => Array.from({ length: 20_000 }, draw).reduce((a, b) => a + b, 0) / 20_000;
    expect(mean(() => random.exponential(300))).toBeGreaterThan(290);
    expect(mean(() => random.exponential(300))).toBeLessThan(310);
    expect(mean(() => random.lognormal(300, 0.5))).toBeGreaterThan(295);
    expect(mean(() => random.lognormal(300, 0.5))).toBeLessThan(305);
  });
});
