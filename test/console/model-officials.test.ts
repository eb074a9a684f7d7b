import { describe, expect, it } from "vitest";
import { fail, ok } from "./fake-http.js";
import { settle } from "./model-setup.js";
import { officialAccount, selfServiceHarness } from "./selfservice-setup.js";

const OFFICIALS = "/api/admin/officials";

async function adminInOfficials(accounts = [officialAccount()]) {
  const harness = await selfServiceHarness({ role: "admin" });
  harness.http.respond("GET", OFFICIALS, ok({ accounts }));
  harness.model.actions.navigate({ section: "officials" });
  await settle();
  return harness;
}

describe("official accounts", () => {
  it.each(["agent", "supervisor"] as const)("are neither shown to nor fetched for a %s", async (role) => {
    const { model, http } = await selfServiceHarness({ role });
    expect(model.sections.value.map((s) => s.id)).not.toContain("officials");
    model.actions.navigate({ section: "officials" });
    await settle();
    expect(model.officials.allowed.value).toBe(false);
    expect(await model.officials.actions.add({ channel: "x", handle: "@a", note: "" })).toBe(false);
    model.officials.actions.askRemoval("o1");
    await model.officials.actions.confirmRemoval();
    expect(http.requests()).toEqual([]);
  });

  it("lists the registry and the channels for an admin", async () => {
    const { model, http } = await adminInOfficials();
    expect(model.sections.value.map((s) => s.label)).toContain("Official accounts");
    expect(http.paths("GET")).toEqual(expect.arrayContaining([OFFICIALS, "/api/selfservice/config"]));
    expect(model.officials.accounts.value?.map((a) => a.handle)).toEqual(["@ParleySupport"]);
    expect(model.settings.value.channels.map((c) => c.name)).toEqual(["Telegram", "X"]);
  });

  it("adds an account as JSON (no empty note) and reloads the list", async () => {
    const { model, http } = await adminInOfficials();
    http.respond("POST", OFFICIALS, ok(officialAccount({ id: "o2", channel: "x", handle: "@parley" }), 201));
    http.respond("GET", OFFICIALS, ok({ accounts: [officialAccount(), officialAccount({ id: "o2", channel: "x", handle: "@parley", createdAt: 2_000 })] }));
    expect(await model.officials.actions.add({ channel: "x", handle: "  @parley ", note: " " })).toBe(true);
    expect(http.requests("POST", OFFICIALS)[0]?.json).toEqual({ channel: "x", handle: "@parley" });
    expect(model.officials.accounts.value?.map((a) => a.handle)).toEqual(["@ParleySupport", "@parley"]);
  });

  it("sends the note when there is one", async () => {
    const { model, http } = await adminInOfficials();
    http.respond("POST", OFFICIALS, ok(officialAccount(), 201));
    await model.officials.actions.add({ channel: "telegram", handle: "@p", note: "Main support" });
    expect(http.requests("POST", OFFICIALS)[0]?.json).toEqual({ channel: "telegram", handle: "@p", note: "Main support" });
  });

  it("shows why an account was refused", async () => {
    const { model, http } = await adminInOfficials();
    http.respond("POST", OFFICIALS, fail(409, "conflict", "Already registered", [{ path: "handle", message: "Taken" }]));
    expect(await model.officials.actions.add({ channel: "telegram", handle: "@ParleySupport", note: "" })).toBe(false);
    expect(model.officials.addError.value).toEqual({ message: "Already registered", issues: [{ path: "handle", message: "Taken" }] });
  });

  it("asks for a channel and a handle before sending", async () => {
    const { model, http } = await adminInOfficials();
    expect(await model.officials.actions.add({ channel: "", handle: "@x", note: "" })).toBe(false);
    expect(await model.officials.actions.add({ channel: "x", handle: " ", note: "" })).toBe(false);
    expect(http.requests("POST")).toEqual([]);
    expect(model.officials.addError.value?.message).toMatch(/channel and enter the handle/);
  });

  it("removes an account only after the admin confirms", async () => {
    const { model, http } = await adminInOfficials();
    http.respond("DELETE", `${OFFICIALS}/o1`, ok({ ok: true }));
    model.officials.actions.askRemoval("o1");
    expect(model.officials.confirmingRemoval.value).toBe("o1");
    model.officials.actions.askRemoval(null);
    await model.officials.actions.confirmRemoval();
    expect(http.requests("DELETE")).toEqual([]);
    http.respond("GET", OFFICIALS, ok({ accounts: [] }));
    model.officials.actions.askRemoval("o1");
    await model.officials.actions.confirmRemoval();
    expect(http.requests("DELETE")).toEqual([{ method: "DELETE", path: `${OFFICIALS}/o1`, json: {} }]);
    expect(model.officials.accounts.value).toEqual([]);
    expect(model.officials.confirmingRemoval.value).toBeNull();
    expect(model.notices.value.map((n) => n.text)).toContain("@ParleySupport was removed from the official accounts.");
  });

  it("keeps showing a refused removal after reloading the list", async () => {
    const { model, http } = await adminInOfficials();
    http.respond("DELETE", `${OFFICIALS}/o1`, fail(403, "forbidden", "Admins only"));
    model.officials.actions.askRemoval("o1");
    await model.officials.actions.confirmRemoval();
    expect(model.officials.error.value?.message).toBe("Admins only");
  });
});
