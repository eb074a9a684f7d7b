// Product feedback: sent by anyone (screenshots are images only), read by agents as a report.
import { describe, expect, it } from "vitest";
import type { FeedbackReportView } from "../../server/protocol/selfservice.js";
import { GIF, HTML, PDF, PNG, pngOfSize } from "./files.js";
import { postForm } from "./helpers.js";
import { agentCookie, uploadsOf, useServer } from "./setup.js";

const server = useServer();

const send = (fields: Record<string, string>, screenshots: { name: string; data: Buffer }[] = []) =>
  postForm(`${server().url}/api/feedback`, fields, screenshots, {}, "screenshots");
const DAY = 86_400_000;
const AT = Date.UTC(2025, 2, 10, 12);

describe("sending feedback", () => {
  it("stores a rating with a comment, an email, a language and screenshots", async () => {
    const res = await send({ rating: "4", comment: "Quick answers", email: "kim@example.com", language: "de-CH" }, [{ name: "a.png", data: PNG }, { name: "b.gif", data: GIF }]);
    expect(res.status).toBe(201);
    const { id } = await res.json();
    const stored = await server().store.feedback.get(id);
    expect(stored).toMatchObject({ rating: 4, comment: "Quick answers", email: "kim@example.com", language: "de" });
    expect(stored!.screenshots.map((s) => s.type)).toEqual(["image/png", "image/gif"]);
    expect((await send({ rating: "5" })).status).toBe(201);
  });

  it.each([
    ["no rating", { rating: "" }, [], 400, /rating must be a whole number from 1 to 5/],
    ["rating 0", { rating: "0" }, [], 400, /rating/],
    ["rating 6", { rating: "6" }, [], 400, /rating/],
    ["rating 4.5", { rating: "4.5" }, [], 400, /rating/],
    ["a comment of 5,001 characters", { rating: "3", comment: "c".repeat(5001) }, [], 400, /comment has 5001 characters/],
    ["an invalid email", { rating: "3", email: "kim@example.com\r\nBcc: x@y.z" }, [], 400, /email is not one valid email address/],
    ["a PDF as screenshot", { rating: "3" }, [{ name: "doc.pdf", data: PDF }], 415, /is not a PNG, JPEG, GIF, WebP file/],
    ["an HTML page as screenshot", { rating: "3" }, [{ name: "shot.png", data: HTML }], 415, /is not a PNG/],
    ["a decompression bomb", { rating: "3" }, [{ name: "bomb.png", data: pngOfSize(30_000, 30_000) }], 415, /declares 30000×30000 pixels/],
  ] as const)("refuses %s, storing nothing", async (_what, fields, files, status, message) => {
    const res = await send(fields, [...files]);
    expect(res.status).toBe(status);
    expect((await res.json()).message).toMatch(message);
    expect(await server().store.feedback.list()).toEqual([]);
    expect(await uploadsOf(server())).toEqual([]);
  });

  it("limits feedback per client address: a burst of 10, then 429", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await send({ rating: "5" })).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(201));
    expect(statuses[10]).toBe(429);
  });
});

describe("the feedback report", () => {
  it("filters by rating and days and gives the distribution, the average and figures per day", async () => {
    const cookie = await agentCookie(server());
    const put = (id: string, rating: 1 | 2 | 3 | 4 | 5, at: number) =>
      server().store.feedback.put({ id, rating, comment: `c${id}`, email: null, language: "en", screenshots: [], createdAt: at });
    await put("f1", 5, AT);
    await put("f2", 3, AT + 1000);
    await put("f3", 1, AT + DAY);
    await put("f4", 4, AT + 2 * DAY);
    const report = async (query = "") => (await (await fetch(`${server().url}/api/agent/feedback${query}`, { headers: { cookie } })).json()) as FeedbackReportView;
    const all = await report();
    expect(all.items.map((f) => f.id)).toEqual(["f4", "f3", "f2", "f1"]);
    expect(all.distribution).toEqual([1, 0, 1, 1, 1]);
    expect(all.average).toBe(3.25);
    expect(all.byDay).toEqual([
      { day: "2025-03-10", count: 2, average: 4 },
      { day: "2025-03-11", count: 1, average: 1 },
      { day: "2025-03-12", count: 1, average: 4 },
    ]);
    expect((await report("?rating=5")).items.map((f) => f.id)).toEqual(["f1"]);
    expect((await report("?from=2025-03-11&to=2025-03-11")).items.map((f) => f.id)).toEqual(["f3"]);
    expect((await report("?from=2025-03-11")).distribution).toEqual([1, 0, 0, 1, 0]);
    expect(await report("?from=2030-01-01")).toEqual({ items: [], distribution: [0, 0, 0, 0, 0], average: null, byDay: [] });
  });

  it("refuses bad filters with 400", async () => {
    const cookie = await agentCookie(server());
    for (const query of ["?rating=6", "?rating=1&rating=2", "?from=2025-02-30", "?to=yesterday", "?from=2025-03-12&to=2025-03-10"]) {
      const res = await fetch(`${server().url}/api/agent/feedback${query}`, { headers: { cookie } });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ ok: false, error: "invalid_payload" });
    }
  });

  it("serves screenshots to agents only, and only the feedback's own", async () => {
    const cookie = await agentCookie(server());
    const { id } = await (await send({ rating: "2" }, [{ name: "bug.png", data: PNG }])).json();
    const { id: other } = await (await send({ rating: "2" }, [{ name: "other.png", data: PNG }])).json();
    const report = (await (await fetch(`${server().url}/api/agent/feedback`, { headers: { cookie } })).json()) as FeedbackReportView;
    const shot = report.items.find((f) => f.id === id)!.screenshots[0]!;
    expect(shot.url).toBe(`/api/agent/feedback/${id}/files/${shot.id}`);
    const file = await fetch(`${server().url}${shot.url}`, { headers: { cookie } });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("image/png");
    expect((await fetch(`${server().url}${shot.url}`)).status).toBe(401);
    expect((await fetch(`${server().url}/api/agent/feedback/${other}/files/${shot.id}`, { headers: { cookie } })).status).toBe(404);
  });
});
