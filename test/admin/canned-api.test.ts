import { describe, expect, it } from "vitest";
import { useTestServer } from "../helpers/server.js";
import { call, roleCookies, signedIn } from "./helpers.js";

const server = useTestServer({ env: { LANGUAGES: "en,de" } });
const SHARED = { scope: "shared", language: "en", shortcut: "/Refund", text: "Refunds take 3 to 5 working days." };

describe("/api/canned", () => {
  it("lets admins add shared responses and refuses agents and supervisors; anonymous callers get 401", async () => {
    const cookies = await roleCookies(server());
    expect((await call(server(), "GET", "/api/canned")).status).toBe(401);
    expect((await call(server(), "POST", "/api/canned", cookies.agent, SHARED)).status).toBe(403);
    expect((await call(server(), "POST", "/api/canned", cookies.supervisor, SHARED)).status).toBe(403);
    const added = await call(server(), "POST", "/api/canned", cookies.admin, SHARED);
    expect(added).toMatchObject({ status: 201, body: { scope: "shared", language: "en", shortcut: "refund", text: SHARED.text } });
    expect((await call(server(), "POST", "/api/canned", cookies.admin, SHARED)).status).toBe(409);
    // Everyone may use it; only admins change or remove it.
    expect((await call(server(), "GET", "/api/canned", cookies.agent)).body.responses.map((r: { shortcut: string }) => r.shortcut)).toEqual(["refund"]);
    expect((await call(server(), "PATCH", `/api/canned/${added.body.id}`, cookies.agent, { text: "Never" })).status).toBe(403);
    expect((await call(server(), "DELETE", `/api/canned/${added.body.id}`, cookies.supervisor, {})).status).toBe(403);
    expect((await call(server(), "PATCH", `/api/canned/${added.body.id}`, cookies.admin, { text: "Refunds take a week." })).body.text).toBe("Refunds take a week.");
    expect((await call(server(), "DELETE", `/api/canned/${added.body.id}`, cookies.admin, {})).status).toBe(200);
    expect(await server().store.canned.list()).toEqual([]);
  });

  it("keeps each agent's personal responses to themselves", async () => {
    const mia = await signedIn(server(), "agent");
    const jonas = await signedIn(server(), "agent");
    const mine = await call(server(), "POST", "/api/canned", mia.cookie, { scope: "personal", language: "de", shortcut: "gruss", text: "Viele Grüße, Mia" });
    expect(mine).toMatchObject({ status: 201, body: { scope: "personal" } });
    expect((await call(server(), "GET", "/api/canned", jonas.cookie)).body.responses).toEqual([]);
    expect((await call(server(), "PATCH", `/api/canned/${mine.body.id}`, jonas.cookie, { text: "Stolen" })).status).toBe(404);
    expect((await call(server(), "DELETE", `/api/canned/${mine.body.id}`, jonas.cookie, {})).status).toBe(404);
    // Jonas may use the same shortcut for his own.
    expect((await call(server(), "POST", "/api/canned", jonas.cookie, { scope: "personal", language: "de", shortcut: "gruss", text: "Jonas" })).status).toBe(201);
    expect((await call(server(), "PATCH", `/api/canned/${mine.body.id}`, mia.cookie, { text: "Beste Grüße" })).body.text).toBe("Beste Grüße");
  });

  it("refuses bad input with typed issues and stores nothing", async () => {
    const { cookie } = await signedIn(server(), "admin");
    const cases: [unknown, string][] = [
      [{ ...SHARED, shortcut: "has space" }, "shortcut"],
      [{ ...SHARED, shortcut: "" }, "shortcut"],
      [{ ...SHARED, text: "   " }, "text"],
      [{ ...SHARED, text: "x".repeat(4001) }, "text"],
      [{ ...SHARED, scope: "global" }, "scope"],
      [{ ...SHARED, language: "fr" }, "language"],
      [{ ...SHARED, language: "e n" }, "language"],
    ];
    for (const [body, path] of cases) {
      const res = await call(server(), "POST", "/api/canned", cookie, body);
      expect(res.status, path).toBe(400);
      expect(res.body.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    const form = await fetch(`${server().url}/api/canned`, { method: "POST", headers: { cookie, "content-type": "text/plain" }, body: "x" });
    expect(form.status).toBe(415);
    expect(await server().store.canned.list()).toEqual([]);
  });
});
