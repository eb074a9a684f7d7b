import { describe, expect, it } from "vitest";
import { authResultFrom } from "../../console/api.js";
import { agentView } from "./fakes.js";

describe("authResultFrom", () => {
  it("reads the agent from a 200 reply", () => {
    expect(authResultFrom({ status: 200, body: { agent: agentView() } })).toEqual({ ok: true, agent: agentView() });
  });

  it("reads the error code and message of a refusal", () => {
    const body = { ok: false, error: "rate_limited", message: "Slow down" };
    expect(authResultFrom({ status: 429, body })).toEqual({ ok: false, error: "rate_limited", message: "Slow down" });
  });

  it("treats a 401 without a JSON body as unauthorized", () => {
    expect(authResultFrom({ status: 401, body: null })).toMatchObject({ ok: false, error: "unauthorized" });
  });

  it("reports a request that got no reply as a network failure", () => {
    expect(authResultFrom({ status: 0, body: null })).toMatchObject({ ok: false, error: "network" });
  });

  it("does not take a 200 reply without an agent as signed in", () => {
    expect(authResultFrom({ status: 200, body: { ok: true } })).toMatchObject({ ok: false, error: "internal" });
  });
});
