// Issue 9, finding 1: GET /api/verify says "official" only for an exact registered identity. Fragments and
// queries of unknown hosts are part of the identity; styled (math-bold, full-width) or invisible variants, and
// other page forms of a name (YouTube /c/ and /user/, Facebook /pages/), are imitations.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestServer } from "../helpers/server.js";
import { postJson } from "./helpers.js";
import { agentCookie, startServer } from "./setup.js";

let server: TestServer;
beforeAll(async () => {
  // Lookups are limited per address (a burst of 30): the table below stays under it.
  server = await startServer({ env: { OFFICIAL_CHANNELS_EXTRA: "matrix" } });
  const cookie = await agentCookie(server, "admin");
  for (const [channel, handle] of [
    ["matrix", "https://matrix.to/#/@parley:matrix.org"],
    ["telegram", "@ParleySupport"],
    ["youtube", "https://www.youtube.com/@ParleyMarkets"],
    ["facebook", "facebook.com/ParleyOfficialPage"],
  ]) {
    const res = await postJson(`${server.url}/api/admin/officials`, { channel, handle }, { cookie });
    if (res.status !== 201) throw new Error(`${handle}: ${res.status} ${await res.text()}`);
  }
});
afterAll(() => server.close());

const verify = async (q: string) => {
  const res = await fetch(`${server.url}/api/verify?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  return (await res.json()) as { official: boolean; imitates?: string; explanation: string };
};

describe("GET /api/verify vouches only for the exact registered identity", () => {
  it("says official for the registered matrix.to link, also with surrounding space", async () => {
    expect(await verify("https://matrix.to/#/@parley:matrix.org")).toMatchObject({ official: true });
    expect(await verify("https://matrix.to/#/@parley:matrix.org ")).toMatchObject({ official: true });
  });

  it.each([
    ["another user behind the same matrix.to host", "https://matrix.to/#/@scammer:evil.org"],
    ["bare matrix.to", "https://matrix.to"],
    ["matrix.to with a query instead of the fragment", "https://matrix.to/?u=@parley:matrix.org"],
  ])("is not official: %s (%j)", async (_what, q) => {
    expect((await verify(q)).official).toBe(false);
  });

  it.each([
    ["math-bold letters", "𝐏𝐚𝐫𝐥𝐞𝐲𝐒𝐮𝐩𝐩𝐨𝐫𝐭", "@ParleySupport"],
    ["full-width letters", "＠ＰａｒｌｅｙＳｕｐｐｏｒｔ", "@ParleySupport"],
    ["a soft hyphen inside the name", "@Parley\u00ADSupport", "@ParleySupport"],
    ["a zero-width space inside the name", "@Parley\u200BSupport", "@ParleySupport"],
    ["a right-to-left override", "@Parley\u202ESupport", "@ParleySupport"],
    ["YouTube /c/ with the official name", "https://www.youtube.com/c/ParleyMarkets", "https://www.youtube.com/@ParleyMarkets"],
    ["YouTube /user/ with the official name", "https://www.youtube.com/user/ParleyMarkets", "https://www.youtube.com/@ParleyMarkets"],
    ["a Facebook /pages/ form with the official name", "https://www.facebook.com/pages/ParleyOfficialPage/123456789", "facebook.com/ParleyOfficialPage"],
  ])("flags %s (%j) as imitating %s", async (_what, q, imitated) => {
    const result = await verify(q);
    expect(result.official).toBe(false);
    expect(result.imitates).toBe(imitated);
    expect(result.explanation).toMatch(/is not an official account/);
  });
});
