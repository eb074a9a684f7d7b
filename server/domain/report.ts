// Reports over stored conversations: volumes, waits, handle time, abandonment and ratings, and the same per hour of
// the day with the agents scheduled against the demand. Pure: the caller gives the conversations, local hours and
// the staffing.
import type { ReportHourView, ReportView } from "../protocol/admin.js";

/** What a report reads of a conversation. */
export interface ReportConversation {
  createdAt: number;
  /** When an agent (last) took it; null when nobody ever did. */
  assignedAt: number | null;
  closedAt: number | null;
  status: "queued" | "assigned" | "closed";
  rating: { score: number } | null;
}

/** The figures of a report: what `GET /api/reports` answers, less the period it covers (the route adds that). */
export type ReportFigures = Omit<ReportView, "period" | "timeZone" | "from" | "to">;

const mean = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);
const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

/** The nearest-rank percentile (p in 0–100) of `xs`, null when empty. */
export function percentile(xs: number[], p: number): number | null {
  if (xs.length === 0) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * The figures of `conversations` (those created in the period). `hourOf` gives an instant's local hour (0–23),
 * `days` how many days the period spans (for per-day averages), `staffing` the scheduled agents per local hour.
 */
export function buildReport(conversations: readonly ReportConversation[], hourOf: (t: number) => number, days: number, staffing: readonly number[]): ReportFigures {
  const waitOf = (c: ReportConversation) => (c.assignedAt === null ? null : Math.max(0, c.assignedAt - c.createdAt) / 1000);
  const answered = conversations.filter((c) => c.assignedAt !== null);
  const waits = answered.map((c) => waitOf(c)!);
  const handles = answered.filter((c) => c.closedAt !== null).map((c) => Math.max(0, c.closedAt! - c.assignedAt!) / 1000);
  const abandoned = conversations.filter((c) => c.assignedAt === null && c.status === "closed").length;
  const ratings: ReportFigures["ratings"] = [0, 0, 0, 0, 0];
  for (const c of conversations) if (c.rating && c.rating.score >= 1 && c.rating.score <= 5) ratings[c.rating.score - 1]!++;
  const byHour: ReportHourView[] = Array.from({ length: 24 }, (_, hour) => {
    const inHour = conversations.filter((c) => hourOf(c.createdAt) === hour);
    const hourWaits = inHour.flatMap((c) => (c.assignedAt === null ? [] : [waitOf(c)!]));
    return { hour, conversations: round1(inHour.length / Math.max(1, days))!, meanWaitS: round1(mean(hourWaits)), scheduledAgents: round1(staffing[hour] ?? 0)! };
  });
  return {
    conversations: conversations.length,
    answered: answered.length,
    answeredWithin60s: waits.filter((w) => w <= 60).length,
    abandoned,
    waiting: conversations.filter((c) => c.status === "queued").length,
    meanWaitS: round1(mean(waits)),
    p90WaitS: round1(percentile(waits, 90)),
    meanHandleS: round1(mean(handles)),
    abandonmentRate: answered.length + abandoned === 0 ? null : Math.round((abandoned / (answered.length + abandoned)) * 1000) / 1000,
    ratings,
    byHour,
  };
}
