// Parley's operational metrics, all in one place: the hooks the desk and transports call (messages, queue exits,
// errors) and what is read at scrape time (connections, queues, event-loop delay). GET /metrics renders them.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { counter, gauges, histogram } from "./exposition.js";

/** What the desk reports as it works (see DeskDeps.metrics). */
export interface DeskMetrics {
  /** A message was stored (not a retry of a stored one). */
  messageStored(author: string): void;
  /** A conversation left its language queue after `waitedS`: served (assigned) or abandoned (ended while waiting). */
  queueLeft(language: string, waitedS: number, abandoned: boolean): void;
}

/** Read at scrape time. */
export interface MetricsSnapshot {
  connections: Record<string, number>;
  httpConnections: number;
  queues: Array<{ language: string; length: number; longestWaitS: number }>;
  agentsOnline: number;
  openConversations: number;
}

export interface Metrics extends DeskMetrics {
  /** An error answered to a client: an error ack on a socket, or an error body over HTTP. */
  error(code: string, transport: "socket" | "http"): void;
  render(snapshot: MetricsSnapshot): string;
  stop(): void;
}

const WAIT_BUCKETS_S = [1, 5, 10, 30, 60, 120, 300, 600, 1200, 1800, 3600];

export function createMetrics(languages: readonly string[]): Metrics {
  const messages = counter("parley_messages_total", "Messages stored, by author (rate() of it is messages per second).", [
    { author: "visitor" },
    { author: "agent" },
    { author: "system" },
  ]);
  const abandoned = counter(
    "parley_queue_abandoned_total",
    "Conversations that left their queue unserved (ended while waiting).",
    languages.map((language) => ({ language })),
  );
  const errors = counter("parley_errors_total", "Error answers sent to clients, by error code and transport.");
  const waits = histogram("parley_assignment_wait_seconds", "Time from joining a queue to being assigned an agent.", WAIT_BUCKETS_S);
  /** Counted on every message: each author's label text is worked out once (authors are the protocol's three). */
  const byAuthor = new Map<string, (by?: number) => void>();
  const loop = monitorEventLoopDelay({ resolution: 20 });
  loop.enable();
  const seconds = (ns: number) => Math.round(ns / 1e3) / 1e6;

  return {
    messageStored: (author) => {
      let inc = byAuthor.get(author);
      if (!inc) byAuthor.set(author, (inc = messages.bound({ author })));
      inc();
    },
    queueLeft(language, waitedS, wasAbandoned) {
      if (wasAbandoned) abandoned.inc({ language });
      else waits.observe(waitedS);
    },
    error: (code, transport) => errors.inc({ code, transport }),
    render(s) {
      // Event-loop delay over the interval since the previous scrape.
      const delay = [0.5, 0.9, 0.99].map((q) => ({ labels: { quantile: String(q) }, value: loop.count ? seconds(loop.percentile(q * 100)) : 0 }));
      const max = loop.count ? seconds(loop.max) : 0;
      loop.reset();
      return [
        gauges("parley_connections", "Open Socket.IO connections per namespace.", Object.entries(s.connections).map(([namespace, value]) => ({ labels: { namespace }, value }))),
        gauges("parley_http_connections", "Open TCP connections to the HTTP server (WebSockets included).", [{ value: s.httpConnections }]),
        gauges("parley_queue_length", "Conversations waiting, per language.", s.queues.map((q) => ({ labels: { language: q.language }, value: q.length }))),
        gauges("parley_queue_longest_wait_seconds", "How long the longest-waiting conversation has waited, per language (0 when none).", s.queues.map((q) => ({ labels: { language: q.language }, value: q.longestWaitS }))),
        gauges("parley_agents_online", "Agents with at least one console connection.", [{ value: s.agentsOnline }]),
        gauges("parley_conversations_open", "Conversations queued or assigned.", [{ value: s.openConversations }]),
        messages.text(),
        waits.text(),
        abandoned.text(),
        errors.text(),
        gauges("parley_event_loop_delay_seconds", "Event-loop delay quantiles since the previous scrape.", delay),
        gauges("parley_event_loop_delay_seconds_max", "Largest event-loop delay since the previous scrape.", [{ value: max }]),
        gauges("parley_process_resident_memory_bytes", "Resident memory of the server process.", [{ value: process.memoryUsage.rss() }]),
      ].join("");
    },
    stop: () => loop.disable(),
  };
}
