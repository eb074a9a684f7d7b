import { afterEach, describe, expect, it, vi } from "vitest";
import { fetchJson, httpResultFrom } from "../../console/http.js";
import { serverError } from "../../console/model/http-port.js";
import { settingsFrom } from "../../console/model/selfservice-config.js";

describe("self-service HTTP replies", () => {
  it("reads a 2xx body as data", () => {
    expect(httpResultFrom({ status: 201, body: { number: 7 } })).toEqual({ ok: true, status: 201, data: { number: 7 } });
  });

  it("reads the error, message and issues of a refusal", () => {
    const body = { ok: false, error: "invalid_payload", message: "Check the form", issues: [{ path: "files", message: "Too big" }, { path: ["a", 0], message: "Bad" }, "junk"] };
    expect(httpResultFrom({ status: 400, body })).toEqual({
      ok: false,
      status: 400,
      error: "invalid_payload",
      message: "Check the form",
      issues: [
        { path: "files", message: "Too big" },
        { path: "a.0", message: "Bad" },
      ],
    });
  });

  it("treats no reply as a network failure and says so", () => {
    const result = httpResultFrom({ status: 0, body: null });
    expect(result).toMatchObject({ ok: false, error: "network" });
    if (!result.ok) expect(serverError(result).message).toMatch(/could not reach the server/i);
  });

  it("names the status when a refusal has no message", () => {
    const result = httpResultFrom({ status: 502, body: null });
    expect(result).toMatchObject({ ok: false, error: "internal", message: "" });
    if (!result.ok) expect(serverError(result).message).toBe("The server answered with status 502.");
  });

  it("reads settings from both config replies, tolerating strings or objects", () => {
    const settings = settingsFrom(
      { categories: ["Account", { id: "other", name: "Other" }, 3], channels: [{ id: "x", name: "X" }], maxFiles: 5, maxFileBytes: 10 },
      { languages: [{ code: "de", name: "Deutsch" }] },
    );
    expect(settings).toEqual({
      categories: [
        { id: "Account", name: "Account" },
        { id: "other", name: "Other" },
      ],
      channels: [{ id: "x", name: "X" }],
      languages: [{ id: "de", name: "Deutsch" }],
      maxFiles: 5,
      maxFileBytes: 10,
    });
    expect(settingsFrom(null, null).maxFiles).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("fetchJson", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  function stubFetch(reply: Response | Error) {
    const calls: { url: string; init: RequestInit }[] = [];
    vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      if (reply instanceof Error) throw reply;
      return reply;
    });
    return calls;
  }

  it("sends multipart bodies with the CSRF header and lets the browser set the boundary", async () => {
    const calls = stubFetch(new Response('{"id":"x"}', { status: 201 }));
    const form = new FormData();
    form.set("text", "Hi");
    expect(await fetchJson({ method: "POST", path: "/api/agent/tickets/t1/replies", form })).toEqual({ status: 201, body: { id: "x" } });
    const headers = calls[0]?.init.headers as Record<string, string>;
    expect(headers["X-Parley-Request"]).toBe("1");
    expect(headers["Content-Type"]).toBeUndefined();
    expect(calls[0]?.init.body).toBe(form);
    expect(calls[0]?.init.credentials).toBe("same-origin");
  });

  it("sends JSON with its content type, and GETs without a body or CSRF header", async () => {
    const calls = stubFetch(new Response("", { status: 200 }));
    await fetchJson({ method: "POST", path: "/api/admin/officials", json: { channel: "x" } });
    await fetchJson({ method: "GET", path: "/api/agent/tickets" });
    await fetchJson({ method: "DELETE", path: "/api/admin/officials/o1" });
    expect(calls.map((c) => (c.init.headers as Record<string, string>)["Content-Type"])).toEqual(["application/json", undefined, undefined]);
    expect(calls[0]?.init.body).toBe('{"channel":"x"}');
    expect(calls.map((c) => (c.init.headers as Record<string, string>)["X-Parley-Request"])).toEqual(["1", undefined, "1"]);
  });

  it("turns a network failure into status 0 and a non-JSON body into null", async () => {
    stubFetch(new TypeError("offline"));
    expect(await fetchJson({ method: "GET", path: "/x" })).toEqual({ status: 0, body: null });
    stubFetch(new Response("<html>", { status: 502 }));
    expect(await fetchJson({ method: "GET", path: "/x" })).toEqual({ status: 502, body: null });
  });
});
