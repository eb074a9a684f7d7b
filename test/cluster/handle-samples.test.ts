// The handle times a desk keeps on Redis for the next holder: "seconds@endedAt", and the plain "seconds" of versions
// before end times were kept; anything else is skipped, never a NaN in the estimate.
import { describe, expect, it } from "vitest";
import { parseSample } from "../../server/cluster/desk-memory.js";

describe("stored handle-time samples", () => {
  it("reads a sample with its end time, and one without", () => {
    expect(parseSample("312.5@1772445600000")).toEqual([{ seconds: 312.5, endedAt: 1772445600000 }]);
    expect(parseSample("312.5")).toEqual([{ seconds: 312.5 }]);
  });

  it.each(["", "abc", "-4", "0", "NaN", "Infinity", "12@", "12@x", "12@-5", "12@3@4", "@1772445600000"])("skips %j", (text) => {
    expect(parseSample(text)).toEqual([]);
  });
});
