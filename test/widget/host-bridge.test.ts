import { describe, expect, it } from "vitest";
import { sanitizeHostState } from "../../widget/app/model/host-bridge.js";
import { exactOrigin, parseParams } from "../../widget/app/model/params.js";

describe("chat page parameters", () => {
  it("accepts only an exact http(s) origin as the host", () => {
    expect(parseParams("?host=https%3A%2F%2Fshop.example&lang=de").host).toBe("https://shop.example");
    expect(exactOrigin("http://localhost:8080")).toBe("http://localhost:8080");
    for (const bad of ["https://shop.example/", "https://shop.example/path", "javascript:alert(1)", "*", "null", "shop.example", ""]) {
      expect(exactOrigin(bad), bad).toBeNull();
    }
  });

  it("reads the language hint, bounded", () => {
    expect(parseParams("?lang=pt-BR").lang).toBe("pt-BR");
    expect(parseParams("").lang).toBe("");
    expect(parseParams(`?lang=${"x".repeat(500)}`).lang).toHaveLength(35);
  });
});

describe("host state from the loader", () => {
  it("keeps well-formed fields", () => {
    expect(sanitizeHostState({ open: true, page: "https://shop.example/help", lang: "de", name: " Ada ", email: "ada@example.com" })).toEqual({
      open: true,
      page: "https://shop.example/help",
      lang: "de",
      name: "Ada",
      email: "ada@example.com",
    });
  });

  it("empties anything else", () => {
    const s = sanitizeHostState({ open: "yes", page: "javascript:alert(1)", lang: "<script>", name: { toString: () => "x" }, email: 42 });
    expect(s).toEqual({ open: false, page: "", lang: "", name: "", email: "" });
  });

  it("bounds the lengths of prefilled fields", () => {
    const s = sanitizeHostState({ open: true, page: "", lang: "", name: "n".repeat(500), email: "e".repeat(500) });
    expect(s.name).toHaveLength(80);
    expect(s.email).toHaveLength(254);
  });
});
