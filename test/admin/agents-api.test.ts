import { describe, expect, it } from "vitest";
import { verifyPassword } from "../../server/auth/password.js";
import { connectAgent, next, signIn } from "../helpers/clients.js";
import { useTestServer } from "../helpers/server.js";
import { call, roleCookies, signedIn, statusesByRole } from "./helpers.js";

const server = useTestServer({ env: { LANGUAGES: "en,de,ar" } });
const NEW_AGENT = { email: "Lena@Example.com", name: "Lena", languages: ["de", "en"], maxChats: 4, role: "agent", timeZone: "Europe/Berlin", shifts: ["mon-fri 08:00-16:00"], password: "a-long-password" };

describe("/api/admin/agents", () => {
  it("is for admins only: anonymous 401, agents and supervisors 403", async () => {
    const cookies = await roleCookies(server());
    expect(await statusesByRole(server(), cookies, "GET", "/api/admin/agents")).toEqual({ anonymous: 401, agent: 403, supervisor: 403, admin: 200 });
    expect(await statusesByRole(server(), cookies, "POST", "/api/admin/agents", { ...NEW_AGENT, email: "x@example.com" })).toEqual({ anonymous: 401, agent: 403, supervisor: 403, admin: 201 });
    const { agent } = await signedIn(server(), "agent");
    expect((await statusesByRole(server(), cookies, "PATCH", `/api/admin/agents/${agent.id}`, { name: "Renamed" })).agent).toBe(403);
    expect((await statusesByRole(server(), cookies, "POST", `/api/admin/agents/${agent.id}/password`, { password: "another-password" })).supervisor).toBe(403);
    await call(server(), "PATCH", `/api/admin/agents/${agent.id}`, cookies.supervisor, { role: "admin" });
    expect((await server().store.agents.get(agent.id))!.role).toBe("agent");
  });

  it("adds an agent who can then sign in, and never shows a password hash", async () => {
    const { cookie } = await signedIn(server(), "admin");
    const added = await call(server(), "POST", "/api/admin/agents", cookie, NEW_AGENT);
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ email: "lena@example.com", name: "Lena", languages: ["de", "en"], maxChats: 4, role: "agent", timeZone: "Europe/Berlin", shifts: ["Mon,Tue,Wed,Thu,Fri 08:00-16:00"], disabled: false });
    expect(JSON.stringify(added.body)).not.toContain("scrypt");
    const listed = await call(server(), "GET", "/api/admin/agents", cookie);
    expect(listed.body.agents.map((a: { email: string }) => a.email)).toContain("lena@example.com");
    expect(JSON.stringify(listed.body)).not.toMatch(/passwordHash|scrypt/);
    await signIn(server().url, "lena@example.com", "a-long-password");
    expect((await call(server(), "POST", "/api/admin/agents", cookie, NEW_AGENT)).status).toBe(409);
  });

  it("refuses bad input with typed issues and changes nothing", async () => {
    const { cookie } = await signedIn(server(), "admin");
    const before = (await server().store.agents.list()).length;
    const cases: [unknown, string][] = [
      [{ ...NEW_AGENT, email: "not-an-email" }, "email"],
      [{ ...NEW_AGENT, password: "short" }, "password"],
      [{ ...NEW_AGENT, languages: ["fr"] }, "languages"],
      [{ ...NEW_AGENT, languages: [] }, "languages"],
      [{ ...NEW_AGENT, maxChats: 0 }, "maxChats"],
      [{ ...NEW_AGENT, role: "owner" }, "role"],
      [{ ...NEW_AGENT, timeZone: "Mars/Olympus" }, "timeZone"],
      [{ ...NEW_AGENT, shifts: ["someday 08:00-16:00"] }, "shifts.0"],
      [{ ...NEW_AGENT, name: "a\u0007b" }, "name"],
    ];
    for (const [body, path] of cases) {
      const res = await call(server(), "POST", "/api/admin/agents", cookie, body);
      expect(res.status, path).toBe(400);
      expect(res.body.error).toBe("invalid_payload");
      expect(res.body.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    const form = await fetch(`${server().url}/api/admin/agents`, { method: "POST", headers: { cookie, "content-type": "application/x-www-form-urlencoded" }, body: "email=a%40b.c" });
    expect(form.status).toBe(415);
    expect((await server().store.agents.list()).length).toBe(before);
  });

  it("edits an agent's fields", async () => {
    const { cookie } = await signedIn(server(), "admin");
    const { agent } = await signedIn(server(), "agent");
    const res = await call(server(), "PATCH", `/api/admin/agents/${agent.id}`, cookie, { name: "Jonas B.", languages: ["ar"], maxChats: 6, role: "supervisor", shifts: [] });
    expect(res.status).toBe(200);
    expect(await server().store.agents.get(agent.id)).toMatchObject({ name: "Jonas B.", languages: ["ar"], maxChats: 6, role: "supervisor", shifts: [] });
    expect((await call(server(), "PATCH", "/api/admin/agents/a_nobody", cookie, { name: "X" })).status).toBe(404);
    expect((await call(server(), "PATCH", `/api/admin/agents/${agent.id}`, cookie, { maxChats: "many" })).status).toBe(400);
  });

  it("disabling ends the agent's sessions and drops their sockets; enabling lets them sign in again", async () => {
    const { cookie } = await signedIn(server(), "admin");
    const { agent, cookie: agentCookie } = await signedIn(server(), "agent");
    const socket = await connectAgent(server().url, agentCookie);
    const dropped = next(socket, "disconnect");
    expect((await call(server(), "PATCH", `/api/admin/agents/${agent.id}`, cookie, { disabled: true })).body.disabled).toBe(true);
    await dropped;
    expect((await call(server(), "GET", "/api/auth/me", agentCookie)).status).toBe(401);
    const refused = await call(server(), "POST", "/api/auth/login", undefined, { email: agent.email, password: agent.password });
    expect(refused).toMatchObject({ status: 403, body: { error: "forbidden" } });
    await expect(connectAgent(server().url, agentCookie)).rejects.toThrow();
    await call(server(), "PATCH", `/api/admin/agents/${agent.id}`, cookie, { disabled: false });
    await signIn(server().url, agent.email, agent.password);
  });

  it("resetting a password ends the agent's sessions; the new password works", async () => {
    const { cookie } = await signedIn(server(), "admin");
    const { agent, cookie: agentCookie } = await signedIn(server(), "agent");
    const socket = await connectAgent(server().url, agentCookie);
    const dropped = next(socket, "disconnect");
    expect((await call(server(), "POST", `/api/admin/agents/${agent.id}/password`, cookie, { password: "short" })).status).toBe(400);
    expect((await call(server(), "POST", `/api/admin/agents/${agent.id}/password`, cookie, { password: "a-brand-new-password" })).status).toBe(200);
    await dropped;
    expect((await call(server(), "GET", "/api/auth/me", agentCookie)).status).toBe(401);
    expect(await verifyPassword("a-brand-new-password", (await server().store.agents.get(agent.id))!.passwordHash)).toBe(true);
    await signIn(server().url, agent.email, "a-brand-new-password");
  });

  it("loses neither of two changes made at once: a password reset and another admin's edit both stay", async () => {
    const { cookie } = await signedIn(server(), "admin");
    const { agent } = await signedIn(server(), "agent");
    // The reset reads the agent, then spends a while hashing; the edit is stored in that while.
    const [reset, edit] = await Promise.all([
      call(server(), "POST", `/api/admin/agents/${agent.id}/password`, cookie, { password: "a-brand-new-password" }),
      call(server(), "PATCH", `/api/admin/agents/${agent.id}`, cookie, { name: "Jonas B.", maxChats: 5 }),
    ]);
    expect([reset.status, edit.status]).toEqual([200, 200]);
    const stored = (await server().store.agents.get(agent.id))!;
    expect(stored).toMatchObject({ name: "Jonas B.", maxChats: 5 });
    expect(await verifyPassword("a-brand-new-password", stored.passwordHash)).toBe(true);
    expect(reset.body).toMatchObject({ name: "Jonas B.", maxChats: 5 });
  });

  it("does not let an admin disable themselves or drop their own admin role", async () => {
    const { agent, cookie } = await signedIn(server(), "admin");
    expect((await call(server(), "PATCH", `/api/admin/agents/${agent.id}`, cookie, { disabled: true })).status).toBe(400);
    expect((await call(server(), "PATCH", `/api/admin/agents/${agent.id}`, cookie, { role: "agent" })).status).toBe(400);
    expect(await server().store.agents.get(agent.id)).toMatchObject({ role: "admin" });
    expect((await server().store.agents.get(agent.id))!.disabled).toBeUndefined();
  });

  it("drops the sockets of an agent disabled behind the server's back (the parley command)", async () => {
    const { agent, cookie } = await signedIn(server(), "agent");
    const socket = await connectAgent(server().url, cookie);
    const dropped = next(socket, "disconnect");
    await server().store.agents.put({ ...(await server().store.agents.get(agent.id))!, disabled: true });
    await dropped;
  });
});
