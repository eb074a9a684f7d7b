// The load benchmark's options: the default full run, picking scenarios and durations, and clear refusals.
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseLoadArgs } from "../../bench/load/index.js";

describe("load benchmark options", () => {
  it("runs every scenario against the relay, Parley on lowdb and Parley on Redis (one and three nodes) by default, from two load processes", () => {
    const { options, json } = parseLoadArgs([]);
    expect(options.scenarios.map((s) => s.key)).toEqual(["1000", "5000", "ramp", "10k"]);
    expect(options.targets).toEqual(["relay", "parley", "redis1", "redis3"]);
    expect(options.loadProcesses).toBe(2);
    expect(json).toBe(false);
    const ramp = options.scenarios.find((s) => s.key === "ramp")!;
    expect(ramp.steps.map((s) => Math.round(s.ratePerChat * ramp.chats))).toEqual([500, 1000, 1500, 2000, 3000, 4000, 5000, 6000, 8000, 10000]);
    // Parley allows a customer 2 messages a second: the ramp never asks for more.
    expect(Math.max(...ramp.steps.map((s) => s.ratePerChat))).toBeLessThanOrEqual(2);
  });

  it("picks scenarios, targets and durations", () => {
    const { options, json } = parseLoadArgs(["--only", "1000,ramp", "--targets", "parley", "--seconds", "20", "--step-seconds", "3", "--json"]);
    expect(options.scenarios.map((s) => [s.key, s.steps[0]!.seconds])).toEqual([["1000", 20], ["ramp", 3]]);
    expect(options.targets).toEqual(["parley"]);
    expect(json).toBe(true);
    expect(parseLoadArgs(["--chats", "5", "--customers", "8"]).options.scenarios).toMatchObject([{ key: "custom", chats: 5, customers: 8 }]);
    expect(parseLoadArgs(["--profile", "profiles"]).options.profileDir).toBe(resolve("profiles"));
    expect(parseLoadArgs([]).options.profileDir).toBeUndefined();
    expect(parseLoadArgs(["--server-priority=-10"]).options.serverPriority).toBe(-10);
    expect(parseLoadArgs([]).options.serverPriority).toBeUndefined();
  });

  it("refuses an unknown scenario or target, a bad number and a missing server build", () => {
    expect(() => parseLoadArgs(["--only", "2000"])).toThrow('unknown scenario "2000"');
    expect(() => parseLoadArgs(["--targets", "nginx"])).toThrow('unknown target "nginx"');
    expect(parseLoadArgs(["--targets", "redis3"]).options.targets).toEqual(["redis3"]);
    expect(() => parseLoadArgs(["--seconds", "0"])).toThrow("--seconds must be a number above 0");
    expect(() => parseLoadArgs(["--load-processes", "9"])).toThrow("--load-processes must be a number above 0 and at most 4");
    expect(() => parseLoadArgs(["--parley", "/nonexistent/index.js"])).toThrow("--parley: no file");
    for (const bad of ["-21", "20", "1.5", "first"]) {
      expect(() => parseLoadArgs([`--server-priority=${bad}`])).toThrow(`--server-priority must be a whole number from -20 to 19, got "${bad}"`);
    }
  });
});
