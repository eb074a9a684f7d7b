// GET /api/verify over HTTP: answers, bad queries, and the per-client rate limit.
import { beforeEach, describe, expect, it } from "vitest";
import { postJson } from "./helpers.js";
import { agentCookie, useServer } from "./setup.js";

const server = useServer();
beforeEach(async () => {
  const cookie = await agentCookie(server(), "admin");
  await postJson(`${server().url}/api/admin/officials`, { channel: "telegram", handle: "@ParleySupport" }, { cookie });
});

const verify = (q: string) => fetch(`${server().url}/api/verify?q=${encodeURIComponent(q)}`);

describe("GET /api/verify", () => {
  it("answers official, imitation and unknown with an explanation", async () => {
    expect(await (await verify("https://t.me/ParleySupport")).json()).toEqual({ official: true, channel: "Telegram", explanation: "@ParleySupport is an official account on Telegram." });
    const fake = await (await verify("@Parley_Supp0rt")).json();
    expect(fake).toMatchObject({ official: false, channel: "Telegram", imitates: "@ParleySupport" });
    const unknown = await (await verify("@SomeoneElse")).json();
    expect(unknown.official).toBe(false);
    expect(unknown.imitates).toBeUndefined();
    expect(unknown.explanation).toMatch(/never ask you to move funds/);
  });

  it.each([
    ["no query", "/api/verify"],
    ["an empty query", "/api/verify?q="],
    ["only invisible characters", `/api/verify?q=${encodeURIComponent("\u200B \uFEFF")}`],
    ["a query of 301 characters", `/api/verify?q=${"a".repeat(301)}`],
    ["a repeated query", "/api/verify?q=a&q=b"],
  ])("refuses %s with 400", async (_what, path) => {
    const res = await fetch(`${server().url}${path}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ ok: false, error: "invalid_payload", issues: [{ path: "q" }] });
  });

  it("accepts a query of exactly 300 characters", async () => {
    expect((await verify("a".repeat(300))).status).toBe(200);
  });

  it("limits lookups per client address: a burst of 30, then 429 with Retry-After", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await verify(`@user${i}`)).status);
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(200));
    const limited = await verify("@one-more");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await limited.json()).toMatchObject({ ok: false, error: "rate_limited" });
  });
});
