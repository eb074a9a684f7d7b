import { describe, expect, it } from "vitest";
import { contrast, darkenTo, inkOn, luminance, tint } from "../../widget/bridge/color.js";
import { themeFor } from "../../widget/app/model/theme.js";

describe("colours with readable contrast", () => {
  it("computes WCAG luminance and contrast", () => {
    expect(luminance("#000")).toBe(0);
    expect(luminance("#ffffff")).toBe(1);
    expect(contrast("#000", "#fff")).toBe(21);
    expect(contrast("#777", "#777")).toBe(1);
  });

  it.each(["#000", "#fff", "#ffeb3b", "#1f5fbf", "#0f3d3e", "#e91e63", "#00ff00", "#767676", "#777", "#888"])("writes black or white on %s with at least 4.5:1", (color) => {
    expect(contrast(inkOn(color), color)).toBeGreaterThanOrEqual(4.5);
  });

  it.each(["#ffeb3b", "#00ff00", "#fff", "#1f5fbf", "#abc"])("darkens %s until it reads on white at 4.5:1", (color) => {
    const dark = darkenTo(color);
    expect(contrast(dark, "#fff")).toBeGreaterThanOrEqual(4.5);
    if (contrast(color, "#fff") >= 4.5) expect(dark).toBe(color.length === 4 ? "#aabbcc" : color);
  });

  it("makes a light tint that the panel's text reads on", () => {
    expect(tint("#000000", 0.12)).toBe("#e0e0e0");
    expect(contrast(tint("#1f5fbf", 0.12), "#1b1f24")).toBeGreaterThan(7);
  });

  it("themes the panel from ?color=, and ignores anything but 3 or 6 hex digits", () => {
    expect(themeFor("ffeb3b")).toEqual({ "--accent": "#ffeb3b", "--accent-text": "#000", "--accent-ink": darkenTo("#ffeb3b"), "--bubble-visitor": tint("#ffeb3b", 0.12) });
    for (const bad of [null, "", "red", "#fff", "12345", "fff;color:red", "url(x)"]) expect(themeFor(bad)).toBeNull();
  });
});
