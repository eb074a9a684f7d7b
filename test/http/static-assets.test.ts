// The browser files as a browser gets them: precompressed brotli/gzip by Accept-Encoding with Vary, identity
// otherwise; hashed names immutable for a year; the loader short-cached and revalidated; source maps hidden
// unless SERVE_SOURCE_MAPS is set; pages that name this build's hashed files.
import { readFileSync } from "node:fs";
import { get, type IncomingHttpHeaders } from "node:http";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { AssetManifest } from "../../server/http/manifest.js";
import { renderLoader } from "../../server/http/loader.js";
import { negotiateCoding } from "../../server/http/static-assets.js";
import { DEFAULT_LOOK } from "../../server/settings/runtime.js";
import { LOOK_MARKER } from "../../widget/loader/look.js";
import { useTestServer } from "../helpers/server.js";

const PUBLIC = join(process.cwd(), "dist/public");
const manifest = JSON.parse(readFileSync(join(PUBLIC, "manifest.json"), "utf8")) as AssetManifest;

/** A raw GET (no automatic decompression), with the body as bytes. */
function raw(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on("error", reject);
  });
}

describe("negotiateCoding", () => {
  it.each([
    [undefined, null],
    ["", null],
    ["identity", null],
    ["gzip, deflate, br", "br"],
    ["gzip, deflate", "gzip"],
    ["br;q=0, gzip", "gzip"],
    ["br;q=0.5, gzip;q=0.8", "gzip"],
    ["*", "br"],
    ["*;q=0", null],
    ["GZIP", "gzip"],
  ] as const)("%j → %j", (header, expected) => {
    expect(negotiateCoding(header, ["br", "gzip"])).toBe(expected);
  });

  it("offers only the codings that exist", () => {
    expect(negotiateCoding("br, gzip", ["gzip"])).toBe("gzip");
    expect(negotiateCoding("br", [])).toBeNull();
  });
});

describe("static files", () => {
  const server = useTestServer();

  it("sends the loader as brotli, gzip or identity by Accept-Encoding, cached 5 minutes and revalidated by ETag", async () => {
    const file = Buffer.from(renderLoader(readFileSync(join(PUBLIC, "widget.js"), "utf8"), DEFAULT_LOOK, manifest.panel!.js));
    const br = await raw(`${server().url}/widget.js`, { "accept-encoding": "gzip, deflate, br" });
    expect(br.status).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers.vary).toMatch(/Accept-Encoding/);
    expect(br.headers["cache-control"]).toBe("max-age=300");
    // ASCII-only: no charset parameter (every header byte counts against the loader's budget).
    expect(br.headers["content-type"]).toBe("text/javascript");
    expect(brotliDecompressSync(br.body)).toEqual(file);
    expect(br.body.length).toBeLessThan(file.length);

    const gz = await raw(`${server().url}/widget.js`, { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body)).toEqual(file);

    const plain = await raw(`${server().url}/widget.js`);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers.vary).toMatch(/Accept-Encoding/);
    expect(plain.body).toEqual(file);

    const again = await raw(`${server().url}/widget.js`, { "accept-encoding": "br", "if-none-match": String(br.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it("writes the admins' look into the loader, with a new ETag, so a cached copy is replaced on revalidation", async () => {
    const before = await raw(`${server().url}/widget.js`, { "accept-encoding": "br" });
    expect(brotliDecompressSync(before.body).toString()).toContain(`"#1f5fbf right ${manifest.panel!.js}"`);
    // Straight into the store, as another node or the settings API would: the server's settings sync picks it up.
    await server().store.settings.update((s) => ({ ...s, widget: { color: "#aa3300", position: "left" } }));
    const revalidate = () => raw(`${server().url}/widget.js`, { "accept-encoding": "br", "if-none-match": String(before.headers.etag) });
    await expect.poll(async () => (await revalidate()).status).toBe(200);
    const after = await revalidate();
    expect(after.headers.etag).not.toBe(before.headers.etag);
    const text = brotliDecompressSync(after.body).toString();
    expect(text).toContain(`"#aa3300 left ${manifest.panel!.js}"`);
    expect(text).not.toContain(LOOK_MARKER);
    expect(after.body.length).toBeLessThanOrEqual(2048);
  });

  it("serves the loader's panel module to other sites' pages (CORS, as a module script needs), and no other file so", async () => {
    const panel = await raw(`${server().url}${manifest.panel!.js}`, { "accept-encoding": "br", origin: "https://shop.example" });
    expect(panel.status).toBe(200);
    expect(panel.headers["access-control-allow-origin"]).toBe("*");
    expect(panel.headers["cache-control"]).toBe("max-age=31536000, immutable");
    expect(brotliDecompressSync(panel.body).toString()).toContain("postMessage");
    const chat = await raw(`${server().url}${manifest.chat!.js}`, { "accept-encoding": "br", origin: "https://shop.example" });
    expect(chat.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("refuses a loader build without exactly one look marker", () => {
    expect(() => renderLoader("var a=1", DEFAULT_LOOK, "/p.js")).toThrow(/exactly once/);
    const twice = `${JSON.stringify(LOOK_MARKER)};${JSON.stringify(LOOK_MARKER)}`;
    expect(() => renderLoader(twice, DEFAULT_LOOK, "/p.js")).toThrow(/exactly once/);
  });

  it("keeps the loader's compressed body within 2 KB", async () => {
    const res = await raw(`${server().url}/widget.js`, { "accept-encoding": "br" });
    expect(res.body.length).toBeLessThanOrEqual(2048);
  });

  it("serves hashed files as immutable for a year, and hides source maps", async () => {
    const chat = manifest.chat!;
    for (const url of [chat.js, chat.css!, ...chat.preload, chat.dictionaries.de!]) {
      const res = await raw(`${server().url}${url}`, { "accept-encoding": "br" });
      expect(res.status, url).toBe(200);
      expect(res.headers["cache-control"], url).toBe("max-age=31536000, immutable");
      expect(res.headers["content-encoding"], url).toBe("br");
      // Nothing to revalidate on a hashed name: no ETag or Last-Modified bytes.
      expect(res.headers.etag, url).toBeUndefined();
      expect(res.headers["last-modified"], url).toBeUndefined();
      expect(res.headers["content-length"], url).toBe(String(res.body.length));
    }
    expect((await raw(`${server().url}${chat.js}.map`)).status).toBe(404);
    expect((await raw(`${server().url}${chat.js}.br`)).status).toBe(404);
    expect((await raw(`${server().url}/assets/../manifest.json`)).status).toBe(404);
    expect((await raw(`${server().url}/assets/chat.js`)).status).toBe(404);
  });

  it("writes this build's hashed script, stylesheet and the visitor's dictionary into the chat page, never cached stale", async () => {
    const res = await fetch(`${server().url}/chat?host=https%3A%2F%2Fshop.example&lang=de-AT`);
    const html = await res.text();
    expect(html).toContain(`<script type="module" src="${manifest.chat!.js}"></script>`);
    expect(html).toContain(`<link rel="stylesheet" href="${manifest.chat!.css}">`);
    expect(html).toContain(`<link rel="modulepreload" href="${manifest.chat!.dictionaries.de}">`);
    expect(res.headers.get("cache-control")).toBe("no-cache");
    const odd = await (await fetch(`${server().url}/chat?lang=__proto__`)).text();
    expect(odd).toContain(`<link rel="modulepreload" href="${manifest.chat!.dictionaries.en}">`);
  });

  it("puts the widget configuration, the hinted language's admin texts and the queues into the chat page, escaped", async () => {
    await server().store.settings.update((s) => ({ ...s, texts: { en: { greeting: "</script><script>alert(1)</script>" } } }));
    await expect.poll(async () => (await (await fetch(`${server().url}/api/widget/settings?lang=en`)).json()).greeting).toContain("alert");
    const html = await (await fetch(`${server().url}/chat?lang=en-GB`)).text();
    const block = /<script type="application\/json" id="parley-boot">(.*?)<\/script>/.exec(html);
    expect(block).not.toBeNull();
    expect(block![1]).not.toContain("<");
    const boot = JSON.parse(block![1]!);
    expect(boot.config).toEqual(await (await fetch(`${server().url}/api/widget/config`)).json());
    expect(boot.settings).toEqual(await (await fetch(`${server().url}/api/widget/settings?lang=en`)).json());
    expect(boot.queues.languages.map((l: { language: string }) => l.language)).toEqual(server().config.languages);
    expect(boot.settings.greeting).toBe("</script><script>alert(1)</script>");
    expect(html.match(/<script/g)).toHaveLength(2);
  });

  it("compresses pages and JSON answers when the browser accepts it", async () => {
    const queues = await raw(`${server().url}/api/queues`, { "accept-encoding": "br" });
    expect(queues.headers["content-encoding"]).toBe("br");
    expect(JSON.parse(brotliDecompressSync(queues.body).toString())).toHaveProperty("languages");
    const page = await raw(`${server().url}/chat`, { "accept-encoding": "gzip" });
    expect(page.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(page.body).toString()).toMatch(/^<!doctype html>/);
    expect((await raw(`${server().url}/chat`)).headers["content-encoding"]).toBeUndefined();
  });
});

describe("source maps on request", () => {
  const server = useTestServer({ env: { SERVE_SOURCE_MAPS: "true" } });

  it("serves them when SERVE_SOURCE_MAPS is true", async () => {
    const res = await raw(`${server().url}${manifest.chat!.js}.map`, { "accept-encoding": "br" });
    expect(res.status).toBe(200);
    expect(JSON.parse(brotliDecompressSync(res.body).toString())).toHaveProperty("mappings");
  });
});
