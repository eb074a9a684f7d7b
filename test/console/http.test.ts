import { describe, expect, it } from "vitest";
import { httpResultFrom } from "../../console/http.js";
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
