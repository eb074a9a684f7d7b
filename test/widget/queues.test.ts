import { describe, expect, it, vi } from "vitest";
import type { QueuesView } from "../../server/protocol/index.js";
import { createQueuesFeed, fetchQueues, parseQueues, QUEUES_MIN_INTERVAL_MS } from "../../widget/app/model/queues.js";

const VIEW: QueuesView = {
  generatedAt: 5,
  languages: [
    { language: "en", name: "English", waiting: 1, agentsAvailable: 2, etaSeconds: 40, etaRange: [20, 60], etaReliable: true, peak: false, open: true, closing: false, full: false, fallback: null, helpLinks: [{ title: "Help", url: "https://help.example" }] },
  ],
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("GET /api/queues in the widget", () => {
  it("keeps well-formed queues and drops malformed ones and non-http help links", () => {
    const body = {
      generatedAt: 1,
      languages: [
        { ...VIEW.languages[0], helpLinks: [{ title: "x", url: "javascript:alert(1)" }, { title: "ok", url: "https://a.example" }] },
        { language: "de", open: "yes" },
      ],
    };
    const parsed = parseQueues(body);
    expect(parsed?.languages.map((q) => q.language)).toEqual(["en"]);
    expect(parsed?.languages[0]?.helpLinks).toEqual([{ title: "ok", url: "https://a.example" }]);
    expect(parseQueues({ nope: true })).toBeNull();
    expect(parseQueues(null)).toBeNull();
  });

  it("answers null when the server fails or is unreachable", async () => {
    expect(await fetchQueues("http://x", vi.fn(async () => new Response("", { status: 404 })))).toBeNull();
    expect(await fetchQueues("http://x", vi.fn(async () => Promise.reject(new Error("offline"))))).toBeNull();
    expect(await fetchQueues("http://x", vi.fn(async () => Response.json(VIEW)))).toEqual(VIEW);
  });

  it("fetches at most once per 30 s, however often it is asked", async () => {
    let now = 0;
    const load = vi.fn(async () => VIEW);
    const feed = createQueuesFeed(load, () => now);
    feed.refresh();
    feed.refresh();
    await settle();
    expect(load).toHaveBeenCalledTimes(1);
    expect(feed.queues.value).toEqual(VIEW);
    now = QUEUES_MIN_INTERVAL_MS - 1;
    feed.refresh();
    expect(load).toHaveBeenCalledTimes(1);
    now = QUEUES_MIN_INTERVAL_MS;
    feed.refresh();
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("may try again at the next occasion after a failed fetch, and keeps the last good answer", async () => {
    let answer: QueuesView | null = VIEW;
    const load = vi.fn(async () => answer);
    const feed = createQueuesFeed(load, () => 0);
    feed.refresh();
    await settle();
    answer = null;
    // Within 30 s of a good answer: nothing.
    feed.refresh();
    expect(load).toHaveBeenCalledTimes(1);
    const failing = createQueuesFeed(load, () => 0);
    failing.refresh();
    await settle();
    failing.refresh();
    expect(load).toHaveBeenCalledTimes(3);
    expect(feed.queues.value).toEqual(VIEW);
  });
});
