// Who may see and do what: a customer only their own ticket and files, agents only with a session, admins only
// the registry; state changes only as JSON or as multipart with X-Parley-Request.
import { describe, expect, it } from "vitest";
import type { TicketThreadView } from "../../server/protocol/selfservice.js";
import { PNG } from "./files.js";
import { postForm, postJson } from "./helpers.js";
import { agentCookie, ticketWithToken, useServer } from "./setup.js";

const server = useServer();

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server().url}${path}`, { headers });

describe("customers see only their own ticket", () => {
  it("A's token opens neither B's thread nor B's files, and B's file ids are not found under A", async () => {
    const a = await ticketWithToken(server(), { email: "a@example.com" }, [{ name: "a.png", data: PNG }]);
    const b = await ticketWithToken(server(), { email: "b@example.com" }, [{ name: "b.png", data: PNG }]);
    const threadOf = async (token: string) => (await (await get(`/api/tickets/thread/${token}`)).json()) as TicketThreadView;
    const aFile = (await threadOf(a.token)).messages[0]!.attachments[0]!;
    const bFile = (await threadOf(b.token)).messages[0]!.attachments[0]!;
    expect((await threadOf(a.token)).messages[0]!.text).toBe("I forgot my password.");
    expect((await get(`/api/tickets/thread/${a.token}/files/${bFile.id}`)).status).toBe(404);
    expect((await get(`/api/tickets/thread/${b.token}/files/${aFile.id}`)).status).toBe(404);
    expect((await get(`/api/tickets/thread/${a.token}/files/${aFile.id}`)).status).toBe(200);
    // The agent URL of a file is not a way around the token.
    expect((await get(`/api/agent/tickets/${b.id}/files/${bFile.id}`)).status).toBe(401);
  });

  it("a reply under A's token lands on A's ticket only", async () => {
    const a = await ticketWithToken(server(), { email: "a@example.com" });
    const b = await ticketWithToken(server(), { email: "b@example.com" });
    expect((await postForm(`${server().url}/api/tickets/thread/${a.token}/replies`, { text: "from A", ticketId: b.id })).status).toBe(201);
    expect((await server().store.ticketMessages.list(b.id)).map((m) => m.text)).toEqual(["I forgot my password."]);
    const unknown = await postForm(`${server().url}/api/tickets/thread/${"B".repeat(43)}/replies`, { text: "guess" }, [{ name: "x.png", data: PNG }]);
    expect(unknown.status).toBe(404);
  });
});

describe("agents only with a session", () => {
  it.each([
    ["GET", "/api/agent/tickets"],
    ["GET", "/api/agent/tickets/t_x"],
    ["GET", "/api/agent/tickets/t_x/files/f_x"],
    ["POST", "/api/agent/tickets/t_x/status"],
    ["GET", "/api/agent/feedback"],
    ["GET", "/api/agent/feedback/fb_x/files/f_x"],
    ["GET", "/api/admin/officials"],
    ["POST", "/api/admin/officials"],
  ])("%s %s answers 401 without a session, and with a forged cookie", async (method, path) => {
    for (const cookie of [undefined, "parley_session=forged", `parley_session=${"a".repeat(500)}`]) {
      const res = await fetch(`${server().url}${path}`, {
        method,
        headers: { "content-type": "application/json", ...(cookie && { cookie }) },
        ...(method === "POST" && { body: JSON.stringify({ status: "solved", channel: "x", handle: "@p" }) }),
      });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ ok: false, error: "unauthorized" });
    }
  });

  it("refuses an agent reply without a session before reading any file", async () => {
    const { id } = await ticketWithToken(server());
    const res = await postForm(`${server().url}/api/agent/tickets/${id}/replies`, { text: "fake" }, [{ name: "x.png", data: PNG }]);
    expect(res.status).toBe(401);
    expect((await server().store.ticketMessages.list(id)).map((m) => m.author)).toEqual(["customer"]);
  });
});

describe("the official-account registry is for admins", () => {
  it.each(["agent", "supervisor"] as const)("answers 403 to a signed-in %s", async (role) => {
    const cookie = await agentCookie(server(), role);
    expect((await get("/api/admin/officials", { cookie })).status).toBe(403);
    const post = await postJson(`${server().url}/api/admin/officials`, { channel: "telegram", handle: "@Fake" }, { cookie });
    expect(post.status).toBe(403);
    expect(await post.json()).toMatchObject({ ok: false, error: "forbidden" });
    const del = await fetch(`${server().url}/api/admin/officials/o_x`, { method: "DELETE", headers: { cookie, "content-type": "application/json" }, body: "{}" });
    expect(del.status).toBe(403);
    expect(await server().store.officials.list()).toEqual([]);
  });

  it("lets an admin add, list and remove accounts, refusing duplicates and bad input", async () => {
    const cookie = await agentCookie(server(), "admin");
    const added = await postJson(`${server().url}/api/admin/officials`, { channel: "telegram", handle: "@ParleySupport", note: "Main" }, { cookie });
    expect(added.status).toBe(201);
    const account = await added.json();
    expect(account).toMatchObject({ channel: "telegram", handle: "@ParleySupport", note: "Main", id: expect.stringMatching(/^o_/) });
    expect(account.key).toBeUndefined();
    const duplicate = await postJson(`${server().url}/api/admin/officials`, { channel: "telegram", handle: "https://t.me/parleysupport" }, { cookie });
    expect(duplicate.status).toBe(409);
    for (const [body, path] of [
      [{ channel: "myspace", handle: "@x" }, "channel"],
      [{ channel: "telegram", handle: "https://x.com/Parley" }, "handle"],
      [{ channel: "email", handle: "@Parley" }, "handle"],
      [{ channel: "telegram", handle: "" }, "handle"],
      [{ channel: "telegram", handle: "@x", note: "a\nb" }, "note"],
      [{ channel: "telegram" }, "handle"],
      [{ channel: ["telegram"], handle: "@x" }, "channel"],
    ] as const) {
      const res = await postJson(`${server().url}/api/admin/officials`, body, { cookie });
      expect(res.status).toBe(400);
      expect((await res.json()).issues[0].path).toBe(path);
    }
    expect((await (await get("/api/admin/officials", { cookie })).json()).accounts).toEqual([account]);
    const del = (id: string) => fetch(`${server().url}/api/admin/officials/${id}`, { method: "DELETE", headers: { cookie, "content-type": "application/json" }, body: "{}" });
    expect(await (await del(account.id)).json()).toEqual({ ok: true });
    expect((await del(account.id)).status).toBe(404);
  });
});

describe("state changes need JSON or a multipart form with X-Parley-Request (no cross-site forms)", () => {
  it("refuses a multipart form without the header, a urlencoded form and text/plain JSON with 415", async () => {
    const cookie = await agentCookie(server());
    const { id } = await ticketWithToken(server());
    const body = new FormData();
    for (const [k, v] of Object.entries({ email: "x@example.com", category: "Account", subject: "s", description: "d" })) body.append(k, v);
    expect((await fetch(`${server().url}/api/tickets`, { method: "POST", body })).status).toBe(415);
    const urlencoded = await fetch(`${server().url}/api/feedback`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "rating=5" });
    expect(urlencoded.status).toBe(415);
    const plain = await fetch(`${server().url}/api/agent/tickets/${id}/status`, { method: "POST", headers: { cookie, "content-type": "text/plain" }, body: JSON.stringify({ status: "solved" }) });
    expect(plain.status).toBe(415);
    expect((await server().store.tickets.get(id))?.status).toBe("open");
    expect(await server().store.tickets.list()).toHaveLength(1);
  });
});

describe("self-service pages", () => {
  it.each(["/support/new", "/feedback", "/verify", `/support/t/${"x".repeat(43)}`])("serves %s as a standalone page with the selfservice bundle", async (path) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<script type="module" src="\/assets\/selfservice-[A-Z0-9]{8}\.js"><\/script>/);
    expect(html).toMatch(/<link rel="stylesheet" href="\/assets\/selfservice-[A-Z0-9]{8}\.css">/);
    expect(res.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
    // Scripts fall back to default-src 'self': nothing inline, no eval, nothing from elsewhere.
    expect(res.headers.get("content-security-policy")).toMatch(/^default-src 'self';/);
    expect(res.headers.get("content-security-policy")).not.toMatch(/script-src|unsafe-/);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
  });

  it("keeps the thread page's token out of the Referer", async () => {
    expect((await get(`/support/t/${"x".repeat(43)}`)).headers.get("referrer-policy")).toBe("no-referrer");
    expect((await get("/support/new")).headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  });
});
