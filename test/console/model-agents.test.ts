import { describe, expect, it } from "vitest";
import type { AdminAgentView } from "../../server/protocol/index.js";
import { agentBody, blankAgent } from "../../console/model/agents.js";
import { fail, ok } from "./fake-http.js";
import { settle } from "./model-setup.js";
import { selfServiceHarness } from "./selfservice-setup.js";

const AGENTS = "/api/admin/agents";
const lena = (overrides: Partial<AdminAgentView> = {}): AdminAgentView => ({
  id: "a1", email: "lena@example.com", name: "Lena", languages: ["de"], maxChats: 3, role: "agent", timeZone: "UTC", shifts: [], disabled: false, createdAt: 1, updatedAt: 1, ...overrides,
});
const LIST = { agents: [lena()], languages: [{ code: "en", name: "English" }, { code: "de", name: "Deutsch" }] };

async function adminInAgents() {
  const harness = await selfServiceHarness({ role: "admin", id: "me" });
  harness.http.respond("GET", AGENTS, ok(LIST));
  harness.model.actions.navigate({ section: "agents" });
  await settle();
  return harness;
}

describe("the Agents page model", () => {
  it.each(["agent", "supervisor"] as const)("fetches nothing and does nothing for a %s", async (role) => {
    const { model, http } = await selfServiceHarness({ role });
    model.actions.navigate({ section: "agents" });
    await settle();
    model.agents.actions.edit("new");
    expect(await model.agents.actions.save({ ...blankAgent(["en"]), name: "X" })).toBe(false);
    await model.agents.actions.setDisabled("a1", true);
    expect(http.requests().filter((r) => r.path.startsWith(AGENTS))).toEqual([]);
  });

  it("loads the agents and the enabled languages", async () => {
    const { model } = await adminInAgents();
    expect(model.agents.agents.value?.map((a) => a.name)).toEqual(["Lena"]);
    expect(model.agents.languages.value.map((l) => l.name)).toEqual(["English", "Deutsch"]);
  });

  it("turns the form into the API body: numbers as numbers, one shift per line, email and password only when adding", () => {
    const draft = { ...blankAgent(["en"]), email: " a@b.co ", name: " Lena ", maxChats: "4", shifts: "Mon-Fri 08:00-16:00\n\n Sat 10:00-12:00 ", password: "pw-pw-pw-pw" };
    expect(agentBody(draft, true)).toEqual({ email: "a@b.co", password: "pw-pw-pw-pw", name: "Lena", languages: ["en"], maxChats: 4, role: "agent", timeZone: "UTC", shifts: ["Mon-Fri 08:00-16:00", "Sat 10:00-12:00"] });
    expect(agentBody({ ...draft, maxChats: "many" }, false)).toEqual({ name: "Lena", languages: ["en"], maxChats: "many", role: "agent", timeZone: "UTC", shifts: ["Mon-Fri 08:00-16:00", "Sat 10:00-12:00"] });
  });

  it("adds an agent, closes the form and reloads; a refusal keeps the form with the server's issues", async () => {
    const { model, http } = await adminInAgents();
    model.agents.actions.edit("new");
    http.respond("POST", AGENTS, fail(400, "invalid_payload", "The agent was not added: check the fields", [{ path: "email", message: "must be an email address" }]));
    expect(await model.agents.actions.save({ ...blankAgent(["en"]), email: "nope", name: "Lena", password: "long-enough" })).toBe(false);
    expect(model.agents.editing.value).toBe("new");
    expect(model.agents.saveError.value?.issues).toEqual([{ path: "email", message: "must be an email address" }]);
    http.respond("POST", AGENTS, ok(lena(), 201));
    expect(await model.agents.actions.save({ ...blankAgent(["en"]), email: "lena@example.com", name: "Lena", password: "long-enough" })).toBe(true);
    expect(model.agents.editing.value).toBeNull();
    expect(http.requests("GET", AGENTS).length).toBe(2);
  });

  it("refuses an agent without languages before asking the server", async () => {
    const { model, http } = await adminInAgents();
    model.agents.actions.edit("new");
    expect(await model.agents.actions.save({ ...blankAgent([]), name: "X" })).toBe(false);
    expect(http.requests("POST", AGENTS)).toEqual([]);
  });

  it("edits with PATCH, disables with PATCH { disabled }, and resets a password", async () => {
    const { model, http } = await adminInAgents();
    model.agents.actions.edit("a1");
    http.respond("PATCH", `${AGENTS}/a1`, ok(lena({ name: "Lena B." })));
    expect(await model.agents.actions.save({ ...blankAgent(["de"]), name: "Lena B." })).toBe(true);
    await model.agents.actions.setDisabled("a1", true);
    expect(http.requests("PATCH", `${AGENTS}/a1`).map((r) => r.json)).toEqual([expect.objectContaining({ name: "Lena B." }), { disabled: true }]);
    model.agents.actions.askReset("a1");
    expect(await model.agents.actions.resetPassword("short")).toBe(false);
    http.respond("POST", `${AGENTS}/a1/password`, ok(lena()));
    expect(await model.agents.actions.resetPassword("long-enough-pw")).toBe(true);
    expect(model.agents.resetting.value).toBeNull();
    expect(http.requests("POST", `${AGENTS}/a1/password`)[0]?.json).toEqual({ password: "long-enough-pw" });
  });
});
