// Pages are compressed at brotli's best setting once and kept for the requests that repeat them, at most
// BEST_PER_SECOND new ones a second (a client varying the query to defeat the cache gets the fast setting instead),
// and never above PAGE_MAX_BYTES; every answer decompresses to the page.
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { BEST_PER_SECOND, createPageCompressor, PAGE_CACHE, PAGE_MAX_BYTES } from "../../server/http/compress.js";

const page = (n: number) =>
  `<!doctype html><html><body><script type="application/json">${JSON.stringify({ n, languages: ["en", "de", "fr", "es", "tr", "pl"].map((l) => ({ language: l, waiting: 0, etaSeconds: null, open: false, closing: false, fallback: "en", helpLinks: [] })) })}</script></body></html>`;
const fastSize = (body: string) => brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }).length;

describe("page compression", () => {
  it("sends a page smaller than the fast setting would, and the same bytes again without compressing twice", () => {
    const compress = createPageCompressor(() => 0);
    const first = compress("br", page(1));
    expect(brotliDecompressSync(first).toString()).toBe(page(1));
    expect(first.length).toBeLessThan(fastSize(page(1)));
    expect(compress("br", page(1))).toBe(first);
    expect(gunzipSync(compress("gzip", page(1))).toString()).toBe(page(1));
  });

  it("compresses at most BEST_PER_SECOND new pages a second at the best setting, and keeps the last PAGE_CACHE", () => {
    let now = 0;
    const compress = createPageCompressor(() => now);
    const sizes = Array.from({ length: BEST_PER_SECOND + 5 }, (_, n) => compress("br", page(n)).length);
    for (let n = 0; n < BEST_PER_SECOND; n++) expect(sizes[n]).toBeLessThan(fastSize(page(n)));
    for (let n = BEST_PER_SECOND; n < sizes.length; n++) expect(sizes[n]).toBe(fastSize(page(n)));
    // A second later the allowance is back; a page sent at the fast setting is not kept, so it gets the best one now.
    now = 1000;
    expect(compress("br", page(BEST_PER_SECOND)).length).toBeLessThan(fastSize(page(BEST_PER_SECOND)));
    // The most recent PAGE_CACHE pages are kept: the oldest ones are compressed anew (a new Buffer).
    const kept = compress("br", page(BEST_PER_SECOND));
    expect(compress("br", page(BEST_PER_SECOND))).toBe(kept);
    now = 2000;
    for (let n = 1000; n < 1000 + PAGE_CACHE; n++) {
      if (n % BEST_PER_SECOND === 0) now += 1000;
      compress("br", page(n));
    }
    expect(compress("br", page(BEST_PER_SECOND))).not.toBe(kept);
  });

  it("sends a page above PAGE_MAX_BYTES at the fast setting", () => {
    const big = `<!doctype html><p>${"x".repeat(PAGE_MAX_BYTES)}</p>`;
    const compress = createPageCompressor(() => 0);
    const out = compress("br", big);
    expect(out.length).toBe(fastSize(big));
    expect(brotliDecompressSync(out).toString()).toBe(big);
  });
});
