// Signed-in HTTP calls for the administration tests: one cookie per role.
import { addAgent, signIn } from "../helpers/clients.js";
import type { TestServer } from "../helpers/server.js";

export type Role = "agent" | "supervisor" | "admin";

/** A JSON request with an optional session cookie. */
export async function call(server: TestServer, method: string, path: string, cookie?: string, body?: unknown) {
  const headers: Record<string, string> = {};
  if (cookie) headers.cookie = cookie;
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${server.url}${path}`, { method, headers, ...(body !== undefined && { body: JSON.stringify(body) }) });
  const text = await res.text();
  return { status: res.status, body: (text === "" ? null : JSON.parse(text)) as Record<string, any> };
}

/** Adds an agent of `role` and signs them in; returns the cookie and the record. */
export async function signedIn(server: TestServer, role: Role, fields: Parameters<typeof addAgent>[1] = {}) {
  const agent = await addAgent(server.store, { role, ...fields });
  return { agent, cookie: await signIn(server.url, agent.email, agent.password) };
}

/** One signed-in cookie per role (sign-ins are rate limited per address: make them once per test). */
export async function roleCookies(server: TestServer): Promise<Record<Role, string>> {
  const out = {} as Record<Role, string>;
  for (const role of ["agent", "supervisor", "admin"] as const) out[role] = (await signedIn(server, role)).cookie;
  return out;
}

/** The status each role (and an anonymous caller) gets for a request. */
export async function statusesByRole(server: TestServer, cookies: Record<Role, string>, method: string, path: string, body?: unknown): Promise<Record<Role | "anonymous", number>> {
  const out = { anonymous: (await call(server, method, path, undefined, body)).status } as Record<Role | "anonymous", number>;
  for (const role of ["agent", "supervisor", "admin"] as const) out[role] = (await call(server, method, path, cookies[role], body)).status;
  return out;
}
