import { describe, expect, it, vi } from "vitest";
import { createSelfServiceApi } from "../../widget/selfservice/api.js";
import { routeOf } from "../../widget/selfservice/route.js";
import { attachmentHref } from "../../widget/selfservice/components/Attachments.js";

function fakeFetch(status: number, body: unknown) {
  return vi.fn(async (_url: string | URL | Request, _init?: RequestInit) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } }));
}

describe("self-service API in the browser", () => {
  it("posts tickets as multipart with the X-Parley-Request header", async () => {
    const fetchFn = fakeFetch(201, { number: 1042 });
    const api = createSelfServiceApi("https://chat.example", fetchFn as unknown as typeof fetch);
    const form = new FormData();
    form.append("email", "ada@example.com");
    expect(await api.createTicket(form)).toEqual({ ok: true, data: { number: 1042 } });
    const [url, init] = fetchFn.mock.calls[0]!;
    expect(url).toBe("https://chat.example/api/tickets");
    expect(init?.method).toBe("POST");
    expect(init?.body).toBe(form);
    expect((init?.headers as Record<string, string>)["X-Parley-Request"]).toBe("1");
    // The browser sets the multipart boundary itself.
    expect((init?.headers as Record<string, string>)["Content-Type"]).toBeUndefined();
  });

  it("returns the server's message and issues on a refusal", async () => {
    const api = createSelfServiceApi("https://chat.example", fakeFetch(400, { ok: false, error: "invalid_payload", message: "Check the form.", issues: [{ path: "email", message: "Invalid email." }] }) as unknown as typeof fetch);
    expect(await api.sendFeedback(new FormData())).toEqual({ ok: false, status: 400, error: "invalid_payload", message: "Check the form.", issues: [{ path: "email", message: "Invalid email." }] });
  });

  it("says offline when the server cannot be reached, and internal for an answer of the wrong shape", async () => {
    const offline = createSelfServiceApi("https://chat.example", vi.fn(async () => Promise.reject(new TypeError("fetch failed"))) as unknown as typeof fetch);
    expect(await offline.verify("@x")).toMatchObject({ ok: false, status: 0, error: "offline" });
    const odd = createSelfServiceApi("https://chat.example", fakeFetch(200, { hello: 1 }) as unknown as typeof fetch);
    expect(await odd.verify("@x")).toMatchObject({ ok: false, error: "internal" });
  });

  it("encodes the verify query and the thread token into the URL", async () => {
    const fetchFn = fakeFetch(200, { official: false, explanation: "Unknown." });
    const api = createSelfServiceApi("https://chat.example", fetchFn as unknown as typeof fetch);
    await api.verify("@Parley Support&x=1");
    await api.thread("abc/../def");
    expect(fetchFn.mock.calls.map((c) => c[0])).toEqual(["https://chat.example/api/verify?q=%40Parley%20Support%26x%3D1", "https://chat.example/api/tickets/thread/abc%2F..%2Fdef"]);
  });

  it("reads categories as names or as { id, name }", async () => {
    const body = { categories: ["Billing", { id: "tech", name: "Technical" }, 7], maxFiles: 5, maxFileBytes: 10, channels: [{ id: "telegram", name: "Telegram" }] };
    const api = createSelfServiceApi("https://chat.example", fakeFetch(200, body) as unknown as typeof fetch);
    expect(await api.config()).toEqual({
      ok: true,
      data: { categories: [{ value: "Billing", label: "Billing" }, { value: "tech", label: "Technical" }], maxFiles: 5, maxFileBytes: 10, channels: [{ id: "telegram", name: "Telegram" }] },
    });
  });
});

describe("self-service pages", () => {
  it.each([
    ["/support/new", { page: "ticket" }],
    ["/support/new/", { page: "ticket" }],
    ["/feedback", { page: "feedback" }],
    ["/verify", { page: "verify" }],
    ["/support/t/Ab3_-x9Qw2Zr7LkP0sTuVw", { page: "thread", token: "Ab3_-x9Qw2Zr7LkP0sTuVw" }],
    ["/support/t/short", { page: "unknown" }],
    ["/support/t/<script>", { page: "unknown" }],
    ["/elsewhere", { page: "unknown" }],
  ])("%s is %j", (path, route) => {
    expect(routeOf(path)).toEqual(route);
  });

  it("links attachments only to paths on this origin", () => {
    expect(attachmentHref("/api/tickets/thread/t/files/f1")).toBe("/api/tickets/thread/t/files/f1");
    expect(attachmentHref("//evil.example/x")).toBeNull();
    expect(attachmentHref("javascript:alert(1)")).toBeNull();
    expect(attachmentHref("https://evil.example/x")).toBeNull();
  });
});
