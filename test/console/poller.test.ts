import { describe, expect, it } from "vitest";
import { createLatest, createPoller } from "../../console/model/poller.js";
import { createManualTimers } from "./fakes.js";

function setup() {
  const clock = createManualTimers();
  let runs = 0;
  const poller = createPoller({
    timers: clock.timers,
    now: clock.now,
    intervalMs: 30_000,
    run: () => {
      runs += 1;
      poller.ran();
    },
  });
  return { clock, poller, runs: () => runs };
}

describe("poller", () => {
  it("refreshes at once when activated with nothing recent, then every interval", () => {
    const { clock, poller, runs } = setup();
    poller.setActive(true);
    expect(runs()).toBe(1);
    clock.advance(29_999);
    expect(runs()).toBe(1);
    clock.advance(1);
    expect(runs()).toBe(2);
    clock.advance(60_000);
    expect(runs()).toBe(4);
  });

  it("stops while inactive and, back within the interval, waits for the rest of it", () => {
    const { clock, poller, runs } = setup();
    poller.setActive(true);
    clock.advance(10_000);
    poller.setActive(false);
    clock.advance(5_000);
    expect(runs()).toBe(1);
    poller.setActive(true);
    expect(runs()).toBe(1);
    clock.advance(15_000);
    expect(runs()).toBe(2);
  });

  it("refreshes at once when coming back after longer than the interval", () => {
    const { clock, poller, runs } = setup();
    poller.setActive(true);
    poller.setActive(false);
    clock.advance(45_000);
    expect(runs()).toBe(1);
    poller.setActive(true);
    expect(runs()).toBe(2);
  });

  it("counts a refresh made for another reason and restarts the wait", () => {
    const { clock, poller, runs } = setup();
    poller.setActive(true);
    clock.advance(20_000);
    poller.ran();
    clock.advance(20_000);
    expect(runs()).toBe(1);
    clock.advance(10_000);
    expect(runs()).toBe(2);
  });

  it("tells the latest request from older ones", () => {
    const latest = createLatest();
    const first = latest.next();
    const second = latest.next();
    expect(latest.isLatest(first)).toBe(false);
    expect(latest.isLatest(second)).toBe(true);
  });
});
