import { describe, expect, it } from "vitest";
import { ok } from "./fake-http.js";
import { settle } from "./model-setup.js";
import { selfServiceHarness } from "./selfservice-setup.js";

const CANNED = "/api/canned";
const LIST = { responses: [{ id: "cr1", scope: "shared", language: "en", shortcut: "greet", text: "Hello!", updatedAt: 1 }], languages: [{ code: "en", name: "English" }] };

describe("canned responses in the model", () => {
  it("loads nothing until the reply box asks, then once", async () => {
    const { model, http } = await selfServiceHarness();
    expect(http.requests("GET", CANNED)).toEqual([]);
    http.respond("GET", CANNED, ok(LIST));
    model.canned.actions.ensure();
    model.canned.actions.ensure();
    await settle();
    model.canned.actions.ensure();
    expect(http.requests("GET", CANNED).length).toBe(1);
    expect(model.canned.responses.value?.map((r) => r.shortcut)).toEqual(["greet"]);
  });

  it("adds with POST (scope and trimmed fields), edits with PATCH, removes with DELETE and an empty JSON body", async () => {
    const { model, http } = await selfServiceHarness({ role: "admin" });
    http.respond("GET", CANNED, ok(LIST));
    model.actions.navigate({ section: "canned" });
    await settle();
    expect(model.canned.mayShare.value).toBe(true);
    model.canned.actions.edit("new");
    http.respond("POST", CANNED, ok(LIST.responses[0], 201));
    expect(await model.canned.actions.save({ scope: "shared", language: "en", shortcut: " greet ", text: " Hello! " })).toBe(true);
    expect(http.requests("POST", CANNED)[0]?.json).toEqual({ scope: "shared", language: "en", shortcut: "greet", text: "Hello!" });
    model.canned.actions.edit("cr1");
    http.respond("PATCH", `${CANNED}/cr1`, ok(LIST.responses[0]));
    await model.canned.actions.save({ scope: "shared", language: "en", shortcut: "greet", text: "Hi!" });
    expect(http.requests("PATCH", `${CANNED}/cr1`)[0]?.json).toEqual({ language: "en", shortcut: "greet", text: "Hi!" });
    http.respond("DELETE", `${CANNED}/cr1`, ok({ ok: true }));
    await model.canned.actions.remove("cr1");
    expect(http.requests("DELETE", `${CANNED}/cr1`)[0]?.json).toEqual({});
  });

  it("does not offer shared responses to manage for a plain agent", async () => {
    const { model } = await selfServiceHarness({ role: "agent" });
    expect(model.canned.mayShare.value).toBe(false);
  });
});
