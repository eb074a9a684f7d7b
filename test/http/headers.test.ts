// Issue 9, finding 15: every page sends Permissions-Policy and Cross-Origin-Opener-Policy; the console and the
// chat page allow WebSockets to PUBLIC_URL's origin only; the demo pages have a CSP of their own. Issue 10: scripts,
// styles and JSON answers carry only the headers that act on them (every header byte is paid on every request).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { AssetManifest } from "../../server/http/manifest.js";
import { useTestServer } from "../helpers/server.js";

const server = useTestServer();

const PAGES = ["/", "/demo/de.html", "/console", "/chat", "/support/new", "/feedback", "/verify", "/support/t/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"];
const directives = (csp: string | null) => new Map((csp ?? "").split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));

describe("page headers", () => {
  it.each(PAGES)("%s sends Permissions-Policy and Cross-Origin-Opener-Policy", async (path) => {
    const res = await fetch(`${server().url}${path}`);
    expect(res.status).toBe(200);
    const policy = res.headers.get("permissions-policy") ?? "";
    for (const feature of ["camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"]) expect(policy).toContain(feature);
    expect(res.headers.get("cross-origin-opener-policy")).toBe("same-origin");
  });

  it("sends an HTML 404 page the document headers too", async () => {
    const res = await fetch(`${server().url}/no/such/page`);
    expect(res.status).toBe(404);
    expect(res.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    expect(res.headers.get("permissions-policy")).toContain("camera=()");
  });

  it("sends scripts, styles and JSON answers without document-only headers, Express's name or long ETags; JSON nosniff", async () => {
    const manifest = JSON.parse(readFileSync(join(process.cwd(), "dist/public/manifest.json"), "utf8")) as AssetManifest;
    const build = ["/widget.js", manifest.chat!.js, manifest.chat!.css!, manifest.panel!.js];
    for (const path of [...build, "/api/queues", "/api/widget/config", "/api/nothing-here", "/healthz"]) {
      const res = await fetch(`${server().url}${path}`);
      expect(res.status, path).toBe(path === "/api/nothing-here" ? 404 : 200);
      // The build's own files go with their exact type, which is all nosniff would enforce; everything else is nosniff.
      expect(res.headers.get("x-content-type-options"), path).toBe(build.includes(path) ? null : "nosniff");
      for (const name of ["permissions-policy", "cross-origin-opener-policy", "referrer-policy", "content-security-policy", "x-frame-options", "x-powered-by"]) {
        expect(res.headers.get(name), `${path} ${name}`).toBeNull();
      }
      expect((res.headers.get("etag") ?? "").length, path).toBeLessThanOrEqual(16);
    }
  });

  it.each(["/console", "/chat", "/support/new"])("%s allows WebSockets to PUBLIC_URL's origin only", async (path) => {
    const csp = directives((await fetch(`${server().url}${path}`)).headers.get("content-security-policy"));
    const ws = server().config.publicUrl.replace(/^http/, "ws");
    expect(csp.get("connect-src")).toEqual(["'self'", ws]);
  });

  it("makes the WebSocket origin wss: for an https PUBLIC_URL", async () => {
    // Another server, configured for https (it is still reached over http here: only the header is read).
    const { startTestServer } = await import("../helpers/server.js");
    const secure = await startTestServer({ env: { PUBLIC_URL: "https://chat.example.com" } });
    try {
      const csp = directives((await fetch(`${secure.url}/console`)).headers.get("content-security-policy"));
      expect(csp.get("connect-src")).toEqual(["'self'", "wss://chat.example.com"]);
    } finally {
      await secure.close();
    }
  });

  it.each(["/", "/demo/de.html", "/demo/index.html"])("%s has a CSP: scripts from itself, the chat frame from PUBLIC_URL, no plugins", async (path) => {
    const csp = directives((await fetch(`${server().url}${path}`)).headers.get("content-security-policy"));
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("script-src")).toEqual(["'self'"]);
    expect(csp.get("frame-src")).toEqual([server().config.publicUrl]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'none'"]);
  });
});
