// GET /metrics: Prometheus text for operations (connections, queues, messages, assignment wait, abandonment,
// errors, event-loop delay); open to loopback and private addresses, or to a bearer token when METRICS_TOKEN is set.
import { describe, expect, it } from "vitest";
import { addAgent, agentOnline, connectVisitor, msgId } from "../helpers/clients.js";
import { useTestServer } from "../helpers/server.js";

/** Parses the exposition text into `name{labels}` → value, checking every line's shape on the way. */
function parse(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line === "") continue;
    if (line.startsWith("#")) {
      expect(line).toMatch(/^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+$/);
      continue;
    }
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*"(?:,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*")*\})?) (-?[0-9.e+-]+|NaN|\+Inf)$/.exec(line);
    expect(match, line).not.toBeNull();
    samples.set(match![1]!, Number(match![2]));
  }
  return samples;
}

async function scrape(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/metrics`, { headers });
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
}

describe("GET /metrics from this machine", () => {
  const server = useTestServer({ env: { LANGUAGES: "en,de" } });

  it("counts connections, queues, messages, assignment waits, abandonment and errors", async () => {
    const first = await scrape(server().url);
    expect(first.status).toBe(200);
    expect(first.type).toMatch(/^text\/plain; version=0\.0\.4/);
    const before = parse(first.text);
    expect(before.get('parley_messages_total{author="visitor"}')).toBe(0);
    expect(before.get("parley_event_loop_delay_seconds_max")).toBeGreaterThanOrEqual(0);

    // One chat waits (no agent), another is given up while waiting.
    const waiting = await connectVisitor(server().url);
    const started = await waiting.socket.timeout(5000).emitWithAck("conversation:start", { language: "de", message: { id: msgId(), text: "Hallo" } });
    expect(started.ok).toBe(true);
    const leaving = await connectVisitor(server().url);
    const left = await leaving.socket.timeout(5000).emitWithAck("conversation:start", { language: "en", message: { id: msgId(), text: "hi" } });
    if (!left.ok) throw new Error(left.error);
    expect((await leaving.socket.timeout(5000).emitWithAck("conversation:end", { conversationId: left.data.conversation.id })).ok).toBe(true);
    // A bad payload is answered with a typed error, and counted.
    const bad = await leaving.socket.timeout(5000).emitWithAck("message:send", { conversationId: 42 } as never);
    expect(bad).toMatchObject({ ok: false, error: "invalid_payload" });

    let samples = parse((await scrape(server().url)).text);
    expect(samples.get('parley_connections{namespace="/visitor"}')).toBe(2);
    expect(samples.get('parley_queue_length{language="de"}')).toBe(1);
    expect(samples.get('parley_queue_longest_wait_seconds{language="de"}')).toBeGreaterThanOrEqual(0);
    expect(samples.get('parley_queue_length{language="en"}')).toBe(0);
    expect(samples.get('parley_messages_total{author="visitor"}')).toBe(2);
    expect(samples.get('parley_queue_abandoned_total{language="en"}')).toBe(1);
    expect(samples.get('parley_errors_total{code="invalid_payload",transport="socket"}')).toBe(1);

    // An agent comes: the German chat is assigned, its wait observed.
    const agent = await addAgent(server().store, { languages: ["de"] });
    await agentOnline(server().url, agent);
    await expect.poll(async () => parse((await scrape(server().url)).text).get("parley_assignment_wait_seconds_count")).toBe(1);
    samples = parse((await scrape(server().url)).text);
    expect(samples.get('parley_connections{namespace="/agent"}')).toBe(1);
    expect(samples.get('parley_queue_length{language="de"}')).toBe(0);
    expect(samples.get('parley_assignment_wait_seconds_bucket{le="+Inf"}')).toBe(1);
    expect(samples.get('parley_messages_total{author="system"}')).toBeGreaterThanOrEqual(1);

    // HTTP errors are counted by code too.
    await fetch(`${server().url}/api/nothing-here`);
    samples = parse((await scrape(server().url)).text);
    expect(samples.get('parley_errors_total{code="not_found",transport="http"}')).toBe(1);
  });
});

describe("GET /metrics behind a trusted proxy", () => {
  const server = useTestServer({ env: { TRUST_PROXY: "127.0.0.1" } });
  it("answers private addresses and refuses public ones, judged on the forwarded client", async () => {
    expect((await scrape(server().url, { "x-forwarded-for": "10.1.2.3" })).status).toBe(200);
    expect((await scrape(server().url, { "x-forwarded-for": "192.168.7.7" })).status).toBe(200);
    const refused = await scrape(server().url, { "x-forwarded-for": "203.0.113.5" });
    expect(refused.status).toBe(403);
    expect(refused.text).not.toContain("parley_");
    expect((await scrape(server().url, { "x-forwarded-for": "10.0.0.1, 203.0.113.5" })).status).toBe(403);
  });
});

describe("GET /metrics with METRICS_TOKEN", () => {
  const token = "s3cret-metrics-token-0123456789";
  const server = useTestServer({ env: { METRICS_TOKEN: token } });
  it("requires the bearer token, even from loopback", async () => {
    expect((await scrape(server().url)).status).toBe(401);
    expect((await scrape(server().url, { authorization: `Bearer ${token}x` })).status).toBe(401);
    expect((await scrape(server().url, { authorization: `Basic ${token}` })).status).toBe(401);
    const ok = await scrape(server().url, { authorization: `Bearer ${token}` });
    expect(ok.status).toBe(200);
    expect(ok.text).toContain("# TYPE parley_messages_total counter");
  });
});
