import { describe, expect, it } from "vitest";
import { erlangB, erlangC, erlangCMeanWait } from "../../bench/simulator/erlang-c.js";

describe("Erlang C", () => {
  it.each([
    // [servers, load (Erlangs), P(wait)]: closed forms and the textbook table.
    [1, 0.5, 0.5],
    [2, 1, 1 / 3],
    [3, 2, 4 / 9],
    [5, 4, 0.5541],
    [10, 8, 0.4092],
  ])("with %s servers and %s Erlangs a customer waits with probability %s", (servers, load, expected) => {
    expect(erlangC(servers, load)).toBeCloseTo(expected, 4);
  });

  it("gives the M/M/1 mean wait ρ/(μ − λ) for one server", () => {
    // λ = 1 per 2 s, handle 1 s: ρ = 0.5, W = 0.5 / (1 − 0.5) = 1 s.
    expect(erlangCMeanWait(1, 0.5, 1)).toBeCloseTo(1, 9);
  });

  it("has C(c, a) / (cμ − λ) as the mean wait", () => {
    // c = 2, a = 1 with a 300 s handle time: λ = 1/300, cμ − λ = 1/300, so W = (1/3) · 300 = 100 s.
    expect(erlangCMeanWait(2, 1 / 300, 300)).toBeCloseTo(100, 6);
  });

  it("reports an overloaded queue (load at or above the servers) as null", () => {
    expect(erlangC(2, 2)).toBeNull();
    expect(erlangC(2, 3.5)).toBeNull();
    expect(erlangC(0, 1)).toBeNull();
    expect(erlangCMeanWait(1, 1 / 60, 120)).toBeNull();
  });

  it("has no wait without load", () => {
    expect(erlangC(3, 0)).toBe(0);
  });

  it("interpolates a fractional number of servers between the whole counts", () => {
    const between = erlangC(2.5, 1)!;
    expect(between).toBeLessThan(erlangC(2, 1)!);
    expect(between).toBeGreaterThan(erlangC(3, 1)!);
    expect(erlangB(0, 1)).toBe(1);
  });
});
